#pragma once
// `waive RULE "reason"`: a waived warning becomes a recorded note; a waived error does so only
// when the caller allows it; a waiver naming no rule of the set is an error. A rule's warning
// left unwaived fails the protocol (the policy: verdict_of in check_result.hpp).

#include "grammar/ast.hpp"
#include "safety/rules/rules.hpp"
#include "safety/verify.hpp"
#include "support/diagnostic.hpp"

#include <vector>

namespace tmsc::safety {

/// A diagnostic produced by a rule (or null for coverage and solver failures).
struct Finding {
    Diagnostic diagnostic;
    const Rule* rule = nullptr;
};

/// Applies the protocol's waivers to the findings, appends every finding (waived ones as
/// notes) and every waiver problem to `out`, and records what became of each waiver.
void apply_waivers(const ast::Protocol& protocol, const RuleSet& rules, bool allow_waived_errors,
                   std::vector<Finding> findings, DiagnosticList& out,
                   std::vector<WaiverRecord>& records);

} // namespace tmsc::safety
