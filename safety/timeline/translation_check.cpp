#include "safety/timeline/translation_check.hpp"

#include "safety/timeline/timeline_check.hpp"

#include <set>

namespace tmsc::safety::timeline {

std::optional<Diagnostic> validate_translation(const Schedule& schedule,
                                               const ResolvedProtocol& protocol,
                                               const RuleSet& rules, const SafetyReport& proved) {
    ConcreteValues values;
    if (schedule.rmt) values.rmt = schedule.rmt->mso;
    if (schedule.amt) values.amt = schedule.amt->mso;
    ScheduleJudgment judged;
    try {
        judged = judge_schedule(schedule, protocol, rules, &values);
    } catch (const std::exception& e) {
        return Diagnostic{Severity::Error, "S0406",
                          std::string("internal error: the schedule about to be written could not be "
                                      "judged again (") + e.what() + "); nothing was written",
                          protocol.session->range, {}};
    }
    // What the proof reported, waived or not: those findings were already accepted or refused.
    std::set<std::string> reported;
    for (const Counterexample& c : proved.counterexamples) {
        reported.insert(c.rule);
    }
    for (const TimelineFinding& f : judged.findings) {
        const bool missed = f.finding.rule ? !reported.count(f.finding.rule->id) : !proved.unknown;
        if (!missed) {
            continue;
        }
        Diagnostic d{Severity::Error, "S0406",
                     "internal error: translation validation disagrees with the proof: the proof "
                     "passed this protocol, but the schedule about to be written " +
                         std::string(f.finding.rule ? "breaks rule " + f.finding.rule->id
                                                    : "holds a stimulus no rule covers (" + f.kind + ")") +
                         "; nothing was written",
                     f.finding.diagnostic.range, {}};
        d.notes.push_back({"the schedule's own judgment: " + f.finding.diagnostic.message, std::nullopt});
        d.notes.push_back({"verdicts: proof pass, translation validation " +
                               std::string(f.finding.rule ? "fail" : "unknown") +
                               "; this is a defect in tmsc, please report it with the protocol",
                           std::nullopt});
        return d;
    }
    return std::nullopt;
}

} // namespace tmsc::safety::timeline
