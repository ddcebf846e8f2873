// Back end `magventure`: a host command stream for the MagVenture MagPro (R30, X100, X100 with
// MagOption). The MagPro times a whole run of identical trains itself from one timing block
// (rate, pulses, trains, inter-train interval), so the session is cut into such runs and the
// host only programs each run and starts it at its onset.

#include "support/show.hpp"
#include "targets/devices/profile_schema.hpp"
#include "targets/magventure/magventure_backend.hpp"
#include "targets/magventure/magventure_frames.hpp"
#include "targets/magventure/magventure_plan.hpp"
#include "targets/magventure/magventure_script.hpp"

namespace tmsc::targets {

namespace {

using namespace magpro;
using magventure::Phase;
using magventure::ScriptLine;

/// "10 pps, 40 pulses, 75 trains, ITI 26.1 s".
std::string describe(const SegmentSettings& s) {
    const std::string unit = s.waveform.wave == 3 ? " bursts" : " pulses";
    return show(Rational(s.rate_tenths, 10), "pps") + ", " + std::to_string(s.units) + unit + ", " +
           std::to_string(s.trains) + " trains, ITI " + show(Rational(s.iti_tenths, 10), "s");
}

/// The frames that change the device from `from` (null: nothing known) to `to`.
std::vector<ScriptLine> settings_lines(const SegmentSettings* from, const SegmentSettings& to) {
    std::vector<ScriptLine> lines;
    if (!from || from->amplitude != to.amplitude) {
        lines.push_back({Phase::Setup, 0, magventure::amplitude(to.amplitude),
                         std::to_string(to.amplitude) + " %MSO"});
    }
    if (!from || !(from->waveform == to.waveform)) {
        std::string what = std::string(magventure::wave_name(to.waveform.wave)) + ", model " +
                           std::to_string(to.waveform.model) + ", standard mode, normal direction";
        if (to.waveform.wave == 3) {
            what += ", " + std::to_string(to.waveform.burst_pulses) + " pulses " +
                    show(Rational(to.waveform.ipi_tenths_ms, 10), "ms") + " apart";
        }
        lines.push_back({Phase::Setup, 0, magventure::waveform(to.waveform), what});
    }
    lines.push_back({Phase::Setup, 0,
                     magventure::timing(to.rate_tenths, to.units, to.trains, to.iti_tenths),
                     describe(to)});
    return lines;
}

/// Seconds as whole microseconds, rounded up (a command never goes out early).
std::int64_t micros_up(const Rational& seconds) {
    return (seconds * Rational(1000000)).ceil();
}

/// The setup lines: status (the loader checks the model code), the first run's settings, the
/// Timing page, enable.
void add_setup(magventure::Script& script, const SegmentSettings& first) {
    script.lines.push_back(
        {Phase::Setup, 0, magventure::status(), "check the reply's model code before going on"});
    for (ScriptLine& l : settings_lines(nullptr, first)) {
        script.lines.push_back(std::move(l));
    }
    script.lines.push_back(
        {Phase::Setup, 0, magventure::page(magventure::kPageTiming), "Timing page"});
    script.lines.push_back({Phase::Setup, 0, magventure::enable(true), "enable"});
}

/// The timed frames that change `prev`'s settings into `next`'s after `prev`'s last pulse;
/// T0207 when they cannot end `margin_us` before `next` starts.
void add_reprogram(magventure::Script& script, const Segment& prev, const Segment& next,
                   std::int64_t spacing_us, std::int64_t margin_us, DiagnosticList& out) {
    std::vector<ScriptLine> change = settings_lines(&prev.settings, next.settings);
    std::int64_t t = micros_up(prev.device.back().last_pulse_s()) + spacing_us;
    for (ScriptLine& l : change) {
        l.phase = Phase::Timed;
        l.time_us = t;
        t += spacing_us;
        script.lines.push_back(std::move(l));
    }
    if (t - spacing_us + margin_us > micros_up(next.device.front().onset_s)) {
        out.error("T0207",
                  std::string(kName) + ": no time to reprogram the MagPro before this train: " +
                      std::to_string(change.size()) +
                      (change.size() == 1 ? " command, " : " commands, ") + "sent " +
                      show(Rational(spacing_us, 1000000), "s") +
                      " apart after the last pulse, must end " +
                      show(Rational(margin_us, 1000000), "s") + " before the start",
                  next.device.front().range);
    }
}

/// Builds the whole script; adds T0207 when a run's settings do not fit before it starts.
magventure::Script build_script(const TargetSession& session, const DeviceProfile& profile,
                                const FormatLimits& limits, const std::vector<Segment>& segments,
                                DiagnosticList& out) {
    magventure::Script script;
    script.protocol = session.protocol_name;
    script.device = profile.name;
    script.model_code = profile.model_code.value_or(0);
    add_setup(script, segments.front().settings);
    const std::int64_t spacing = micros_up(limits.grids.at("command_spacing_s").min());
    const std::int64_t margin = micros_up(limits.grids.at("reprogram_margin_s").min());
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const Segment& seg = segments[i];
        if (i > 0) {
            add_reprogram(script, segments[i - 1], seg, spacing, margin, out);
        }
        script.lines.push_back(
            {Phase::Timed, micros_up(seg.device.front().onset_s), magventure::start(),
             "run " + std::to_string(i + 1) + " of " + std::to_string(segments.size()) + ": " +
                 describe(seg.settings) + ", line " +
                 std::to_string(seg.device.front().range.begin.line)});
    }
    script.lines.push_back({Phase::End, 0, magventure::enable(false), "disable"});
    return script;
}

class MagventureBackend final : public TargetBackend {
  public:
    std::string_view name() const override { return kName; }
    std::string_view summary() const override {
        return "MagVenture MagPro serial command stream: timed frames with exact bytes "
               "(.magventure.txt); the MagPro times each run of identical trains";
    }
    bool accepts(const DeviceProfile& p) const override {
        return p.family == kFamilyMagventure && p.format(kName) != nullptr && p.model_code;
    }
    TargetResult compile(const TargetSession& session, const DeviceProfile& profile) const override;
    DecodeResult decode(const TargetFile& file, const DeviceProfile& profile) const override {
        std::string error;
        const auto script = magventure::read_text(file.contents, error);
        if (!script) {
            return {std::nullopt, error};
        }
        return magventure::simulate(*script, profile.model_code.value_or(-1));
    }
};

TargetResult MagventureBackend::compile(const TargetSession& session,
                                        const DeviceProfile& profile) const {
    TargetResult result;
    DiagnosticList& out = result.diagnostics;
    const FormatLimits* limits = format_limits(out, kName, kName, profile, session.range);
    if (!limits) {
        return result;
    }
    if (session.trains.empty()) {
        refuse(out, "T0202", std::string(kName) + ": the session has no pulses", session.range);
        return result;
    }
    QuantisationReport report{std::string(kName)};
    MicrosecondRounding times;
    const std::vector<Segment> segments =
        plan_segments(session, profile, *limits, report, times, out);
    if (out.has_errors()) {
        return result;
    }
    TargetProgram program;
    for (const Segment& seg : segments) {
        program.trains.insert(program.trains.end(), seg.device.begin(), seg.device.end());
    }
    const Rational last_end = program.trains.back().nominal_end_s();
    program.end_s = session.end_s > last_end ? session.end_s : last_end;
    link_trains(program.trains, program.end_s);
    check_program(out, kName, profile, program.trains, session.waveform, true);
    const magventure::Script script = build_script(session, profile, *limits, segments, out);
    if (out.has_errors()) {
        return result;
    }
    report.emit(out);
    times.emit(out, kName, "start times", session.range);
    add_totals_note(out, kName, totals_of(session.trains, session.end_s),
                    totals_of(program.trains, program.end_s), session.range);
    program.files.push_back({".magventure.txt", magventure::write_text(script), false});
    result.program = std::move(program);
    return result;
}

} // namespace

const TargetBackend& magventure_backend() {
    static const MagventureBackend backend;
    return backend;
}

} // namespace tmsc::targets
