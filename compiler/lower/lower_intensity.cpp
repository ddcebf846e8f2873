// Intensities: relative ones stay relative in the schedule and gain a %MSO value only when the
// threshold they refer to is known; no pulse may then exceed the stimulator's maximum output.

#include "compiler/lower/lower_context.hpp"
#include "compiler/lower/train_repeat.hpp"

namespace tmsc::lowering {

namespace {

const Rational kMaxOutput(100);

const std::optional<ThresholdValue>& threshold_for(const Schedule& s, IntensityRef ref) {
    return ref == IntensityRef::Amt ? s.amt : s.rmt;
}

/// "rMT 60 %MSO (from --rmt)" or "rMT 60 %MSO (from 'subject rmt' at line 4)".
std::string describe_threshold(IntensityRef ref, const ThresholdValue& t) {
    const std::string name = ref == IntensityRef::Amt ? "aMT" : "rMT";
    const std::string from =
        t.source == ThresholdSource::CommandLine
            ? std::string(ref == IntensityRef::Amt ? "--amt" : "--rmt")
            : "'subject' at line " + std::to_string(t.range.begin.line);
    return name + " " + t.mso.to_string() + " %MSO (from " + from + ")";
}

struct OverLimit {
    const StimulusPlan* plan;
    const ScheduledIntensity* intensity;
    std::int64_t pulse_in_unit;
};

std::vector<OverLimit> over_limit(const Schedule& s) {
    std::vector<OverLimit> found;
    for (const StimulusPlan& plan : s.stimuli) {
        for (std::int64_t j = 0; j < (plan.second ? 2 : 1); ++j) {
            const ScheduledIntensity& i = plan.intensity_of(j);
            if (i.mso && *i.mso > kMaxOutput) {
                found.push_back({&plan, &i, j});
            }
        }
    }
    return found;
}

void report(Context& ctx, const OverLimit& o, const TrainInstance* first) {
    const StimulusPlan& plan = *o.plan;
    const IntensityValue& w = o.intensity->written;
    std::string which = plan.kind == StimulusPlan::Kind::Paired
                            ? (o.pulse_in_unit == 0 ? "the first pulse of this pair"
                                                    : "the second pulse of this pair")
                            : plan.kind == StimulusPlan::Kind::Pulse ? "this pulse"
                                                                     : "every pulse of this train";
    Diagnostic& d = ctx.diagnostics.error(
        "E0905", which + " would be " + o.intensity->mso->to_string() +
                     " %MSO, above the stimulator's maximum output (100 %MSO)",
        plan.range);
    if (w.ref != IntensityRef::Mso) {
        d.notes.push_back({w.to_string() + " of " +
                               describe_threshold(w.ref, *threshold_for(ctx.schedule, w.ref)),
                           o.intensity->range});
    } else {
        d.notes.push_back({"intensity " + w.to_string() + " is set here", o.intensity->range});
    }
    if (first) {
        d.notes.push_back({"first at pulse " + std::to_string(first->first_pulse + o.pulse_in_unit) +
                               " of the session (train " + std::to_string(first->index) +
                               ", at " + format_duration(first->onset) + ")",
                           std::nullopt});
    }
}

} // namespace

ScheduledIntensity schedule_intensity(const Context& ctx, const ast::Value& value,
                                      SourceRange range) {
    ScheduledIntensity out;
    out.written = ctx.eval.intensity(value);
    out.range = range;
    if (const auto* ref = std::get_if<ast::ParamRef>(&value.node)) {
        out.param = ref->name.text; // the safety judge needs the parameter's whole range
    }
    if (out.written.ref == IntensityRef::Mso) {
        out.mso = out.written.percent;
    } else if (const auto& t = threshold_for(ctx.schedule, out.written.ref)) {
        out.mso = out.written.percent * t->mso / Rational(100);
    }
    return out;
}

void check_intensity_limits(Context& ctx) {
    const std::vector<OverLimit> found = over_limit(ctx.schedule);
    if (found.empty()) {
        return;
    }
    // Name the first pulse that would be delivered too strong: one walk over the trains (not
    // the pulses) finds each offending statement's first occurrence.
    std::map<const StimulusPlan*, TrainInstance> first;
    try {
        walk_train_repeats(ctx.schedule, [&](const TrainRepeat& r, const FollowedBy& after) {
            // Walk order: each statement's first kind shown is its first occurrence.
            for_each_kind(r, after, [&](const TrainInstance& t, const FollowedBy&, std::int64_t) {
                first.emplace(t.plan, t);
            });
        });
    } catch (const RationalOverflow&) {
        first.clear();
    }
    for (const OverLimit& o : found) {
        const auto it = first.find(o.plan);
        report(ctx, o, it == first.end() ? nullptr : &it->second);
    }
}

} // namespace tmsc::lowering
