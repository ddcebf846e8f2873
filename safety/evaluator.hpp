#pragma once
// A plain evaluator of the same rules on one concrete protocol, without the solver and without
// the symbolic model: it lays out every pulse on an exact timeline and applies each rule by
// direct computation. It cross-checks the solver (tests compare the two on generated
// protocols, and every counterexample is re-evaluated before it is reported).

#include "compiler/check/resolve.hpp"
#include "safety/rules/rules.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace tmsc::safety {

/// One concrete choice of everything a protocol leaves open.
struct Environment {
    std::map<std::string, Rational> params;   ///< missing parameters take their default
    std::optional<Rational> rmt;              ///< subject thresholds, %MSO
    std::optional<Rational> amt;
    std::map<std::size_t, Rational> jitter;   ///< by the interval's source offset; else its lower end
};

/// What the evaluator found: result keys in the verifier's format ("RULE|SUBJECT" for broken
/// rules, "CODE|SUBJECT" for coverage gaps).
struct EvalOutcome {
    std::set<std::string> violated;
    std::set<std::string> uncovered;
    bool too_large = false; ///< the timeline could not be laid out; nothing was judged
};

/// Evaluates every rule of `rules` on the protocol at `env`.
EvalOutcome evaluate_protocol(const ResolvedProtocol& protocol, const RuleSet& rules,
                              const Environment& env);

/// The environment with every parameter at its default and thresholds at their lower ends.
Environment default_environment(const ResolvedProtocol& protocol);

/// Most pulses the evaluator lays out before giving up (EvalOutcome::too_large).
inline constexpr std::size_t kMaxEvaluatedPulses = 200'000;

} // namespace tmsc::safety
