// A model of the MagPro that runs a command script: what the decoder uses to turn a script
// back into pulses. The inter-train interval runs from the last trigger of a train (its last
// pulse, or its last burst's first pulse) to the next train's first trigger.

#include "targets/magventure/magventure_frames.hpp"
#include "targets/magventure/magventure_script.hpp"

namespace tmsc::targets::magventure {

namespace {

struct DeviceState {
    std::optional<std::uint8_t> amplitude;
    std::optional<Waveform> waveform;
    std::optional<Bytes> timing;
    std::uint8_t page = kPageMain;
    bool enabled = false;
    std::int64_t last_time_us = 0;
};

std::string start_trains(const ScriptLine& l, const DeviceState& s, std::vector<DevicePulse>& out) {
    if (!s.enabled || s.page != kPageTiming || !s.timing || !s.amplitude || !s.waveform) {
        return "start before enable, amplitude, waveform, timing and the Timing page";
    }
    const Rational rate(*get_be16(*s.timing, 1), 10);
    const std::int64_t units = *get_be16(*s.timing, 3);
    const std::int64_t trains = *get_be16(*s.timing, 5);
    const Rational iti(*get_be16(*s.timing, 7), 10);
    if (rate.is_zero() || units == 0 || trains == 0) {
        return "a timing block with a zero rate or count";
    }
    const bool burst = s.waveform->wave == 3;
    const std::int64_t per_unit = burst ? s.waveform->burst_pulses : 1;
    const Rational ipi(s.waveform->ipi_tenths_ms, 10000);
    const Rational unit_period = Rational(1) / rate;
    Rational onset(l.time_us, 1000000);
    for (std::int64_t j = 0; j < trains; ++j) {
        for (std::int64_t u = 0; u < units; ++u) {
            for (std::int64_t k = 0; k < per_unit; ++k) {
                out.push_back({onset + unit_period * Rational(u) + ipi * Rational(k),
                               Rational(*s.amplitude)});
            }
        }
        onset = onset + unit_period * Rational(units - 1) + iti;
    }
    return "";
}

std::string run_line(const ScriptLine& l, std::int64_t model_code, DeviceState& s,
                     std::vector<DevicePulse>& out) {
    const Bytes body = *unframe(l.frame);
    switch (body[0]) {
    case 0x00:
        return "";
    case 0x01:
        if (body.size() != 2 || body[1] > 100) {
            return "malformed amplitude";
        }
        s.amplitude = body[1];
        return "";
    case 0x02:
        s.enabled = body.size() == 2 && body[1] == 1;
        return "";
    case 0x06:
        s.timing = body;
        return body.size() == 9 ? "" : "malformed timing block";
    case 0x07:
        s.page = body.size() == 3 ? body[1] : 0;
        return "";
    case 0x09:
        s.waveform = parse_waveform(body);
        if (!s.waveform || s.waveform->model != model_code) {
            return "waveform block malformed or for another model";
        }
        return "";
    case 0x04:
        if (l.phase != Phase::Timed || l.time_us < s.last_time_us) {
            return "start outside the timed part, or out of order";
        }
        s.last_time_us = l.time_us;
        return start_trains(l, s, out);
    default:
        return "unknown command";
    }
}

} // namespace

DecodeResult simulate(const Script& script, std::int64_t model_code) {
    DeviceState state;
    std::vector<DevicePulse> pulses;
    for (std::size_t i = 0; i < script.lines.size(); ++i) {
        if (!unframe(script.lines[i].frame)) {
            return {std::nullopt, "line " + std::to_string(i + 1) + ": bad frame"};
        }
        const std::string problem = run_line(script.lines[i], model_code, state, pulses);
        if (!problem.empty()) {
            return {std::nullopt, "command " + std::to_string(i + 1) + ": " + problem};
        }
    }
    return {std::move(pulses), ""};
}

} // namespace tmsc::targets::magventure
