#pragma once
// What checking one protocol established: its verdict, its diagnostics, the rule set it was
// judged by and the verification report. The product of the check stage (parse -> resolve ->
// verify, run by cli/driver/), kept here so that the stages above safety (tables, seals,
// plots) can read a verdict without depending on the driver that produced it.

#include "grammar/ast.hpp"
#include "safety/verify.hpp"
#include "support/diagnostic.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace tmsc {

/// Outcome of checking one protocol.
enum class Verdict { Pass, Fail, Unknown };

/// Lower-case verdict name used in reports ("pass", "fail", "unknown").
const char* verdict_name(Verdict verdict);

/// How a check judges: which rule set, and what it accepts.
struct CheckOptions {
    std::shared_ptr<const safety::RuleSet> rules; ///< null: the default rule set (rossi2009)
    safety::Verifier* verifier = nullptr; ///< one solver session shared across files; null: own
    bool strict = false;                  ///< any warning, and any waived finding, fails
    bool allow_waived_errors = false;     ///< a waiver may accept an error-severity finding
    bool keep_queries = false;            ///< record the solver queries (--emit=smt2)
    std::shared_ptr<const safety::DeviceTarget> device; ///< also prove deliverability (--device)
    unsigned timeout_ms = safety::Verifier::kDefaultTimeoutMs; ///< per solver check
};

/// Everything `tmsc check` learns about one file.
struct CheckResult {
    std::optional<ast::Protocol> protocol; ///< present when parsing succeeded
    std::vector<Diagnostic> diagnostics;  ///< sorted
    Verdict verdict = Verdict::Fail;
    std::shared_ptr<const safety::RuleSet> rules; ///< the rule set it was (or would be) judged by
    std::optional<safety::SafetyReport> safety;   ///< present when verification ran
};

/// Whether a diagnostic is a safety finding of severity warning that no waiver accepted: a
/// rule's finding beyond the published evidence (S0102, S0104, S0106, and any other safety
/// warning that is neither a coverage gap, S02xx, which makes the verdict unknown, nor an
/// unused waiver, S0302). Unknown safety warnings count, so a new kind fails closed.
bool is_unwaived_safety_warning(const Diagnostic& diagnostic);

/// The verdict policy (docs/safety.md, "Verdicts"). Fail: any error (a waived error counts
/// only with allow_waived_errors, and is then a note already), no verification, or a safety
/// warning not waived. Unknown: otherwise, some stimulus no rule covers. With strict, also fail
/// on any warning at all and on any applied waiver. Pass: nothing of the above. Non-safety
/// warnings (S0302, lowering notes W*) do not fail without strict.
Verdict verdict_of(const std::vector<Diagnostic>& diagnostics,
                   const std::optional<safety::SafetyReport>& safety, const CheckOptions& options);

} // namespace tmsc
