// Back end `magstim-rapid2`: a live host command stream for the Magstim Rapid² family over its
// serial port. One fire runs one train, so each train is programmed (power, frequency, duration,
// pulses), read back, and fired at its onset; the device times the pulses inside a train.

#include "support/show.hpp"
#include "targets/devices/profile_schema.hpp"
#include "targets/magstim/magstim_backends.hpp"
#include "targets/magstim/magstim_frames.hpp"
#include "targets/magstim/magstim_rapid2_plan.hpp"
#include "targets/magstim/magstim_script.hpp"

namespace tmsc::targets {

namespace {

using namespace rapid2;
using magstim::Action;
using magstim::Phase;
using magstim::Step;

/// The set commands (and read-back) that change the device from `from` to `to`; all of them
/// when `from` is null. Frequency, duration and pulses go together because the device
/// recomputes one from the others; pulses go last so the count is the one that holds.
std::vector<Step> settings_steps(const SerialSettings* from, const SerialSettings& to) {
    std::vector<Step> steps;
    const auto send = [&steps](Bytes frame, std::string comment) {
        steps.push_back(
            {Phase::Setup, 0, Action::Send, std::move(frame), std::nullopt, std::move(comment)});
    };
    if (!from || from->power != to.power) {
        send(magstim::set_power(to.power), "set power " + std::to_string(to.power) + " %MSO");
    }
    const bool timing_changes = !from || from->single != to.single ||
                                from->frequency_tenths != to.frequency_tenths ||
                                from->pulses != to.pulses;
    if (timing_changes && to.single) {
        send(magstim::set_duration_tenths(0), "single-pulse mode");
    } else if (timing_changes) {
        send(magstim::set_frequency_tenths(to.frequency_tenths),
             "set frequency " + show(Rational(to.frequency_tenths, 10), "Hz"));
        send(magstim::set_duration_tenths(to.duration_tenths),
             "set duration " + show(Rational(to.duration_tenths, 10), "s"));
        send(magstim::set_pulses(to.pulses), "set pulses " + std::to_string(to.pulses));
    }
    magstim::Expectation e;
    e.power = to.power;
    e.duration_tenths = to.single ? 0 : to.duration_tenths;
    e.duration_approximate = !to.single && !to.duration_exact;
    if (!to.single) {
        e.frequency_tenths = to.frequency_tenths;
        e.pulses = to.pulses;
    }
    steps.push_back({Phase::Setup, 0, Action::ReadBack, magstim::get_parameters(), e,
                     "read back and compare before firing"});
    return steps;
}

/// The comment of a fire step: which train, what it is, where in the source.
std::string fire_comment(const SerialTrain& s, std::size_t index, std::size_t count) {
    const TargetTrain& t = s.device;
    std::string what = s.settings.single
                           ? "single pulse"
                           : std::to_string(t.units) + " pulses at " +
                                 show(Rational(s.settings.frequency_tenths, 10), "Hz");
    return "train " + std::to_string(index + 1) + " of " + std::to_string(count) + ": " + what +
           ", " + std::to_string(s.settings.power) + " %MSO, line " +
           std::to_string(t.range.begin.line);
}

/// When reprogramming may happen, from the profile (microseconds).
struct ReprogramTiming {
    std::int64_t spacing_us = 0; ///< between commands
    std::int64_t margin_us = 0;  ///< last command to the next fire
    Rational lockout_s;          ///< after a train, before any command
};

/// Seconds as whole microseconds, rounded up (a step never runs early).
std::int64_t micros_up(const Rational& seconds) {
    return (seconds * Rational(1000000)).ceil();
}

/// The setup steps: remote control, the first train's settings, arm, wait until ready.
void add_setup(magstim::Script& script, const SerialSettings& first) {
    script.steps.push_back({Phase::Setup, 0, Action::RemoteOn, Bytes{'Q'}, std::nullopt,
                            "append the stimulator's 16-character unlock code and the checksum"});
    for (Step& s : settings_steps(nullptr, first)) {
        script.steps.push_back(std::move(s));
    }
    script.steps.push_back({Phase::Setup, 0, Action::Arm, magstim::arm(), std::nullopt, "arm"});
    script.steps.push_back({Phase::Setup,
                            0,
                            Action::WaitReady,
                            {},
                            std::nullopt,
                            "wait until armed and ready; then start the session clock"});
}

/// The timed commands that change `prev`'s settings into `next`'s, after `prev` and its
/// lockout; T0207 when they cannot end `margin` before `next` fires.
void add_reprogram(magstim::Script& script, const SerialTrain& prev, const SerialTrain& next,
                   const ReprogramTiming& timing, DiagnosticList& out) {
    std::vector<Step> change = settings_steps(&prev.settings, next.settings);
    std::int64_t t = micros_up(prev.device.nominal_end_s() + timing.lockout_s) + timing.spacing_us;
    for (Step& s : change) {
        s.phase = Phase::Timed;
        s.time_us = t;
        t += timing.spacing_us;
        script.steps.push_back(std::move(s));
    }
    if (t - timing.spacing_us + timing.margin_us > micros_up(next.device.onset_s)) {
        out.error("T0207",
                  std::string(kName) + ": no time to reprogram the device before this train: " +
                      std::to_string(change.size()) +
                      (change.size() == 1 ? " command, " : " commands, ") + "sent " +
                      show(Rational(timing.spacing_us, 1000000), "s") +
                      " apart after the previous train and its " + show(timing.lockout_s, "s") +
                      " lockout, must end " + show(Rational(timing.margin_us, 1000000), "s") +
                      " before the fire",
                  next.device.range);
    }
}

/// Builds the whole script; adds T0207 when a change of settings does not fit between trains.
magstim::Script build_script(const TargetSession& session, const DeviceProfile& profile,
                             const FormatLimits& limits, const std::vector<SerialTrain>& trains,
                             DiagnosticList& out) {
    magstim::Script script;
    script.protocol = session.protocol_name;
    script.device = profile.name;
    script.keepalive_us = micros_up(limits.grids.at("keepalive_s").min());
    script.keepalive_frame = magstim::keep_alive();
    add_setup(script, trains.front().settings);
    const ReprogramTiming timing{micros_up(limits.grids.at("command_spacing_s").min()),
                                 micros_up(limits.grids.at("reprogram_margin_s").min()),
                                 profile.energy ? profile.energy->min_wait_s : Rational(0)};
    for (std::size_t i = 0; i < trains.size(); ++i) {
        if (i > 0 && !(trains[i].settings == trains[i - 1].settings)) {
            add_reprogram(script, trains[i - 1], trains[i], timing, out);
        }
        script.steps.push_back({Phase::Timed, micros_up(trains[i].device.onset_s), Action::Fire,
                                magstim::fire(), std::nullopt,
                                fire_comment(trains[i], i, trains.size())});
    }
    script.steps.push_back(
        {Phase::End, 0, Action::Disarm, magstim::disarm(), std::nullopt, "disarm"});
    script.steps.push_back({Phase::End, 0, Action::RemoteOff, magstim::remote_off(), std::nullopt,
                            "remote control off"});
    return script;
}

class MagstimRapid2Backend final : public TargetBackend {
  public:
    std::string_view name() const override { return kName; }
    std::string_view summary() const override {
        return "Magstim Rapid2 serial command stream: timed script with exact bytes (.rapid2.txt) "
               "and its binary form (.rapid2.bin)";
    }
    bool accepts(const DeviceProfile& p) const override {
        return p.family == kFamilyMagstimRapid2 && p.format(kName) != nullptr;
    }
    TargetResult compile(const TargetSession& session, const DeviceProfile& profile) const override;
    DecodeResult decode(const TargetFile& file, const DeviceProfile&) const override {
        std::string error;
        const bool binary =
            file.suffix.size() >= 4 && file.suffix.substr(file.suffix.size() - 4) == ".bin";
        const auto script = binary ? magstim::read_binary(to_bytes(file.contents), error)
                                   : magstim::read_text(file.contents, error);
        return script ? magstim::simulate(*script) : DecodeResult{std::nullopt, error};
    }
};

TargetResult MagstimRapid2Backend::compile(const TargetSession& session,
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
    Planner planner(profile, *limits, out);
    std::vector<SerialTrain> trains;
    for (const TargetTrain& t : session.trains) {
        if (auto s = planner.plan(t)) {
            trains.push_back(std::move(*s));
        }
    }
    if (out.has_errors()) {
        return result;
    }
    TargetProgram program;
    for (const SerialTrain& s : trains) {
        program.trains.push_back(s.device);
    }
    const Rational last_end = program.trains.back().nominal_end_s();
    program.end_s = session.end_s > last_end ? session.end_s : last_end;
    link_trains(program.trains, program.end_s);
    for (std::size_t i = 0; i < trains.size(); ++i) {
        trains[i].device = program.trains[i];
    }
    check_program(out, kName, profile, program.trains, session.waveform, false);
    const magstim::Script script = build_script(session, profile, *limits, trains, out);
    if (out.has_errors()) {
        return result;
    }
    planner.report().emit(out);
    planner.times().emit(out, kName, "fire times", session.range);
    add_totals_note(out, kName, totals_of(session.trains, session.end_s),
                    totals_of(program.trains, program.end_s), session.range);
    program.files.push_back({".rapid2.txt", magstim::write_text(script), false});
    program.files.push_back({".rapid2.bin", to_string(magstim::write_binary(script)), true});
    result.program = std::move(program);
    return result;
}

} // namespace

const TargetBackend& magstim_rapid2_backend() {
    static const MagstimRapid2Backend backend;
    return backend;
}

} // namespace tmsc::targets
