#pragma once
// Trust but verify: before a counterexample is reported, the plain evaluator re-runs the rules
// at its values and must find the same violation.

#include "safety/evaluator.hpp"
#include "safety/model.hpp"
#include "safety/obligations.hpp"

#include <optional>
#include <string>

namespace tmsc::safety {

/// The environment a model assignment describes (every variable must be assigned).
Environment environment_from(const SafetyModel& model, const Assignment& values);

/// nullopt when the evaluator agrees that `obligation` is broken at `values` (or the protocol
/// is too large to lay out); otherwise what went wrong.
std::optional<std::string> recheck(const ResolvedProtocol& protocol, const SafetyModel& model,
                                   const RuleSet& rules, const Obligation& obligation,
                                   const Assignment& values);

} // namespace tmsc::safety
