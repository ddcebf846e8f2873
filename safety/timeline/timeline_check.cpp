#include "safety/timeline/timeline_check.hpp"

#include "compiler/lower/lower.hpp"
#include "safety/timeline/day_stream.hpp"
#include "safety/timeline/grouping.hpp"
#include "safety/timeline/runs.hpp"

namespace tmsc::safety::timeline {

namespace {

/// Watches what the grouping hands on for trains that join statements, then judges it.
class JoinWatch : public TimelineSink {
  public:
    explicit JoinWatch(RuleJudge& judge) : judge_(judge) {}
    void train(const TrainFacts& t) override {
        const bool sessions = t.origin.first_session != t.origin.last_session;
        // A series of one statement's occurrences is what the statement encoding models too.
        const bool joined = t.series ? t.origin.statements.size() > 1 : t.origin.occurrences > 1;
        joins = joins || sessions || joined || t.origin.statements.size() > 1;
        judge_.train(t);
    }
    void gap(const TrainFacts& a, const TrainFacts& b, const Rational& silence) override {
        judge_.gap(a, b, silence);
    }
    void stray(const Run& run, const Rational& silence) override { judge_.stray(run, silence); }
    void trial(const Run& run) override { judge_.trial(run); }
    bool joins = false;

  private:
    RuleJudge& judge_;
};

/// The protocol as the judge should see its values: with a compile's concrete thresholds and
/// parameters pinned to their values, or as declared (every allowed value).
ResolvedProtocol judged_view(const ResolvedProtocol& protocol, const ConcreteValues* concrete) {
    ResolvedProtocol view = protocol;
    if (!concrete) {
        return view;
    }
    for (auto& [name, info] : view.params) {
        info.lo = info.hi = info.default_value; // unused: concrete intensities carry no param
    }
    if (concrete->rmt) view.rmt = ThresholdSpec{*concrete->rmt, *concrete->rmt, protocol.rmt ? protocol.rmt->range : SourceRange{}};
    if (concrete->amt) view.amt = ThresholdSpec{*concrete->amt, *concrete->amt, protocol.amt ? protocol.amt->range : SourceRange{}};
    return view;
}

/// Parameters whose range changes timing (durations, frequencies, counts).
std::vector<const std::pair<const std::string, ParamInfo>*> timing_ranges(const ResolvedProtocol& p) {
    std::vector<const std::pair<const std::string, ParamInfo>*> out;
    for (const auto& entry : p.params) {
        if (entry.second.dimension != ast::Dimension::Intensity && entry.second.lo != entry.second.hi) {
            out.push_back(&entry);
        }
    }
    return out;
}

bool has_jitter(const PlanBody& body) {
    for (const PlanNode& n : body) {
        if (n.duration.jitter || has_jitter(n.body)) {
            return true;
        }
    }
    return false;
}

/// Every jittered interval at the low end of its range, or every one at the high end.
void pin_jitter(PlanBody& body, bool high) {
    for (PlanNode& n : body) {
        if (auto& j = n.duration.jitter) {
            (high ? j->lo_us : j->hi_us) = high ? j->hi_us : j->lo_us;
        }
        pin_jitter(n.body, high);
    }
}

/// The schedule at these settings, or nullopt (with the lowering errors in `problems`, which
/// fail the protocol) when it does not lower.
std::optional<Schedule> lower_at(const ResolvedProtocol& protocol, std::vector<ParamSetting> settings,
                                 DiagnosticList& problems) {
    LowerOptions options;
    options.settings = std::move(settings);
    options.seed = 0; // jitter without a seed of its own: any seed, the corners pin the draws
    LowerResult lowered = lower(protocol, options);
    if (lowered.diagnostics.has_errors()) {
        for (const Diagnostic& d : lowered.diagnostics.items()) {
            if (d.severity != Severity::Error) {
                continue;
            }
            if (d.code == "E0906") {
                // The pulse limit is compile's option (--max-pulses); here it only bounds the
                // work: such a timeline is not judged, and nothing unjudged passes.
                problems.warning("S0205", "cannot be verified (verdict unknown): the session has more "
                                          "pulses than the timeline judge walks (" +
                                              std::to_string(kDefaultMaxPulses) + ")",
                                 d.range);
            } else {
                problems.add(d.severity, d.code, d.message, d.range).notes = d.notes;
            }
        }
        return std::nullopt;
    }
    return std::move(lowered.schedule);
}

void unknown_here(TimelineOutcome& out, const ResolvedProtocol& p, std::string why) {
    out.unknown = true;
    out.problems.warning("S0205", "cannot be verified (verdict unknown): " + std::move(why),
                         p.session->range);
}

TimelineOutcome judge_ranges(const ResolvedProtocol& protocol, const RuleSet& rules);

} // namespace

bool judged_on_timeline(const Obligation& o) {
    return o.subject == Subject::Train || o.subject == Subject::Gap || o.subject == Subject::Day ||
           (o.subject == Subject::Session && o.quantity == Quantity::Pulses);
}

ScheduleJudgment judge_schedule(const Schedule& schedule, const ResolvedProtocol& protocol,
                                const RuleSet& rules, const ConcreteValues* concrete,
                                bool remember) {
    const ResolvedProtocol view = judged_view(protocol, concrete);
    RuleJudge judge(view, rules, remember);
    JoinWatch watch(judge);
    Grouping grouping(rules, watch);
    RunBuilder runs(rules.train_join.join_s, [&](ShapedRun&& r) { grouping.add(std::move(r)); });
    for_each_stretch(schedule, [&](const Stretch& s) { runs.add(s); });
    runs.finish();
    grouping.finish();
    judge.totals(schedule.course ? schedule.course->sessions_per_day : 1);
    return ScheduleJudgment{judge.findings(), judge.unknown(), watch.joins, judge.judged(), judge.margins()};
}

TimelineOutcome judge_protocol_timeline(const ResolvedProtocol& protocol, const RuleSet& rules) {
    try {
        return judge_ranges(protocol, rules);
    } catch (const PulseOrderError&) {
        TimelineOutcome out; // E0914/E0915 fail the protocol in the lowering stage
        out.unknown = true;
        return out;
    }
}

namespace {

TimelineOutcome judge_ranges(const ResolvedProtocol& protocol, const RuleSet& rules) {
    TimelineOutcome out;
    const auto ranged = timing_ranges(protocol);
    std::optional<Schedule> base = lower_at(protocol, {}, out.problems);
    if (!base) {
        out.unknown = true;
        return out;
    }
    const bool jitter = has_jitter(base->session);
    out.exact = ranged.empty() && !jitter;
    if (out.exact) {
        ScheduleJudgment j = judge_schedule(*base, protocol, rules);
        out.lowered = true;
        out.findings = std::move(j.findings);
        out.judged = std::move(j.judged);
        out.margins = std::move(j.margins);
        out.unknown = j.unknown;
        return out;
    }
    if (ranged.size() > 6) {
        unknown_here(out, protocol, "more than " + std::to_string(kMaxCorners) +
                                        " combinations of parameter ranges to judge on the timeline");
        return out;
    }
    const bool start_to_start = protocol.course && protocol.course->sessions_per_day > 1 &&
                                protocol.course->anchor == ast::CourseClause::Anchor::StartToStart;
    bool joins = false;
    std::map<std::string, bool> seen;
    for (std::size_t corner = 0; corner < (std::size_t{1} << ranged.size()); ++corner) {
        std::vector<ParamSetting> settings;
        for (std::size_t i = 0; i < ranged.size(); ++i) {
            const ParamInfo& info = ranged[i]->second;
            const Rational value = (corner >> i) & 1 ? info.hi : info.lo;
            settings.push_back({ranged[i]->first, value, "", ranged[i]->first + "=" + value.to_string()});
        }
        std::optional<Schedule> schedule = lower_at(protocol, settings, out.problems);
        if (!schedule) {
            unknown_here(out, protocol, "the schedule cannot be built at the ends of the parameter "
                                        "ranges, so its timeline cannot be judged there");
            return out;
        }
        for (int high = 0; high < (jitter ? 2 : 1); ++high) {
            Schedule pinned = *schedule;
            pin_jitter(pinned.session, high == 1);
            ScheduleJudgment j = judge_schedule(pinned, protocol, rules);
            joins = joins || j.joins_statements;
            out.judged.insert(out.judged.end(), j.judged.begin(), j.judged.end());
            out.unknown = out.unknown || j.unknown;
            for (TimelineFinding& f : j.findings) {
                const std::string key = f.kind + "|" + f.finding.diagnostic.message;
                if (seen.emplace(key, true).second) {
                    f.finding.diagnostic.notes.push_back(
                        {std::string("found with ") + (settings.empty() ? "the parameters' values" : "parameters at the ends of their ranges") +
                             (jitter ? (high ? ", every jittered interval at its longest" : ", every jittered interval at its shortest") : ""),
                         std::nullopt});
                    out.findings.push_back(std::move(f));
                }
            }
        }
    }
    out.lowered = true;
    if (joins || start_to_start) {
        unknown_here(out, protocol,
                     "the timeline depends on ranged or jittered values and its trains join pulses "
                     "of several statements or sessions; such timelines are judged only at the ends "
                     "of the ranges, which proves nothing between them");
    }
    return out;
}

} // namespace

} // namespace tmsc::safety::timeline
