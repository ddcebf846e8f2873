// The bridge from the compiler's lowered Schedule to the back ends' TargetSession.

#include "compiler/lower/schedule.hpp"
#include "targets/backend/target_session.hpp"

#include <algorithm>

namespace tmsc::targets {

namespace {

StimulusKind kind_of(StimulusPlan::Kind kind) {
    switch (kind) {
    case StimulusPlan::Kind::Train:
        return StimulusKind::Train;
    case StimulusPlan::Kind::Pulse:
        return StimulusKind::Pulse;
    case StimulusPlan::Kind::Paired:
        return StimulusKind::Paired;
    }
    return StimulusKind::Train;
}

/// The %MSO value of an intensity, or a T0001 error (reported once per statement).
std::optional<Rational> mso_of(const ScheduledIntensity& intensity, DiagnosticList& diagnostics,
                               std::vector<std::size_t>& reported, std::size_t statement) {
    if (intensity.mso) {
        return intensity.mso;
    }
    if (std::find(reported.begin(), reported.end(), statement) == reported.end()) {
        reported.push_back(statement);
        Diagnostic& d =
            diagnostics.error("T0001",
                              "intensity " + intensity.written.to_string() +
                                  " has no %MSO value; a stimulator is programmed in %MSO",
                              intensity.range);
        d.notes.push_back({"give the threshold: `subject rmt = 55 %MSO` in the protocol, or "
                           "--rmt / --amt on the command line",
                           std::nullopt});
    }
    return std::nullopt;
}

/// The reference of a written intensity as the export spells it.
std::string reference_name(IntensityRef ref) {
    switch (ref) {
    case IntensityRef::Rmt: return "rMT";
    case IntensityRef::Amt: return "aMT";
    case IntensityRef::Mso: return "MSO";
    }
    return "MSO";
}

TargetTrain train_of(const TrainInstance& instance, const Rational& power) {
    const StimulusPlan& plan = *instance.plan;
    TargetTrain t;
    t.index = instance.index;
    t.kind = kind_of(plan.kind);
    t.onset_s = instance.onset;
    t.units = plan.units;
    t.pulses_per_unit = plan.pulses_per_unit;
    t.unit_period_s = plan.kind == StimulusPlan::Kind::Train ? plan.unit_period : Rational(0);
    t.pulse_period_s = plan.pulses_per_unit > 1 ? plan.pulse_period : Rational(0);
    t.on_time_s = plan.on_time;
    t.first_to_last_s = plan.first_to_last;
    t.power_mso = power;
    t.next_onset_s = instance.next_onset;
    t.range = plan.range;
    t.written_percent = plan.intensity.written.percent;
    t.written_reference = reference_name(plan.intensity.written.ref);
    if (plan.second) {
        t.second_written_percent = plan.second->written.percent;
        t.second_written_reference = reference_name(plan.second->written.ref);
    }
    return t;
}

} // namespace

SessionBuild session_from_schedule(const Schedule& schedule) {
    SessionBuild build;
    TargetSession session;
    session.protocol_name = schedule.protocol_name;
    if (schedule.resolved && schedule.resolved->ast && schedule.resolved->ast->waveform) {
        session.waveform = schedule.resolved->ast->waveform->text;
    }
    if (schedule.resolved && schedule.resolved->session) {
        session.range = schedule.resolved->session->range;
    }
    std::vector<std::size_t> reported;
    bool complete = true;
    walk_trains(schedule, [&](const TrainInstance& instance) {
        const StimulusPlan& plan = *instance.plan;
        const auto first = mso_of(plan.intensity, build.diagnostics, reported, plan.index);
        std::optional<Rational> second;
        if (plan.second) {
            second = mso_of(*plan.second, build.diagnostics, reported, plan.index);
        }
        if (!first || (plan.second && !second)) {
            complete = false;
            return;
        }
        TargetTrain t = train_of(instance, *first);
        t.second_power_mso = second;
        session.end_s = instance.is_last ? instance.next_onset : session.end_s;
        session.trains.push_back(std::move(t));
    });
    if (complete) {
        build.session = std::move(session);
    }
    return build;
}

} // namespace tmsc::targets
