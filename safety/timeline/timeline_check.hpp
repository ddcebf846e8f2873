#pragma once
// The timeline analysis of one protocol (docs/safety.md, "The stimulus timeline"): lower it,
// lay a course day's sessions on one timeline, group the pulses into trains, series and gaps,
// and judge them against the rule set.
//
// When no duration, frequency or count has a range and nothing is jittered, the timeline is
// the same for every allowed value: the judgment is exact (intensities count over their whole
// range), and it replaces the statement-by-statement encoding for trains and gaps. Otherwise the
// timeline is judged at every corner of the timing ranges (a finding there is a real
// counterexample) and the statement encoding stays in charge; wherever trains could join for
// part of a range, the verdict is unknown (S0205) — never pass.

#include "compiler/check/resolve.hpp"
#include "compiler/lower/schedule.hpp"
#include "safety/obligations.hpp"
#include "safety/rules/rules.hpp"
#include "safety/timeline/judge.hpp"
#include "support/diagnostic.hpp"

#include <optional>
#include <vector>

namespace tmsc::safety::timeline {

/// Concrete values a compile uses, for judging its schedule (translation validation).
struct ConcreteValues {
    std::optional<Rational> rmt; ///< %MSO
    std::optional<Rational> amt;
};

/// What judging one schedule found.
struct ScheduleJudgment {
    std::vector<TimelineFinding> findings;
    bool unknown = false;
    bool joins_statements = false; ///< some train or series holds pulses of several statements
    std::vector<JudgedRule> judged;
    std::vector<Margin> margins;
};

/// Judges one lowered schedule. Intensities given by a parameter count over its whole range
/// unless `concrete` is given (then the schedule's values and thresholds are used).
/// `remember` as for RuleJudge (off only in the test that it changes nothing).
ScheduleJudgment judge_schedule(const Schedule& schedule, const ResolvedProtocol& protocol,
                                const RuleSet& rules, const ConcreteValues* concrete = nullptr,
                                bool remember = true);

/// What check learns from the timeline.
struct TimelineOutcome {
    bool exact = false;           ///< no timing range: the judgment holds for every value
    bool lowered = false;         ///< the protocol's schedule could be built and judged
    std::vector<TimelineFinding> findings;
    std::vector<JudgedRule> judged;
    std::vector<Margin> margins; ///< exact timelines only: for `tmsc explain`
    bool unknown = false;
    DiagnosticList problems;      ///< lowering errors; S0205 where the analysis cannot decide
};

/// Whether an exact timeline judges this obligation itself (trains, gaps, pulse totals), so the
/// statement encoding must not: only session lengths stay with the encoding.
bool judged_on_timeline(const Obligation& o);

/// Runs the timeline analysis of a resolved protocol for check.
TimelineOutcome judge_protocol_timeline(const ResolvedProtocol& protocol, const RuleSet& rules);

/// Most corners of the timing ranges judged before the verdict is unknown (S0205).
inline constexpr std::size_t kMaxCorners = 64;

} // namespace tmsc::safety::timeline
