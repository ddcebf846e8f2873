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
    bool strict = false;                  ///< any warning fails the protocol
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

} // namespace tmsc
