#pragma once
// The pipeline driver: parse -> resolve -> verify (-> lower -> generate in compile).
// Each stage returns its product or diagnostics; the driver stops at the first stage with
// errors, so later stages only ever see well-formed input.

#include "compiler/support/diagnostic.hpp"
#include "compiler/support/source.hpp"
#include "grammar/ast.hpp"
#include "safety/verify.hpp"

#include <memory>
#include <optional>
#include <string>

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

/// Runs every checking stage on one in-memory source with the default rule set. The verdict
/// is pass only when the protocol resolves and every applicable rule is proved.
CheckResult check_source(const SourceFile& source);

/// The same with explicit options.
CheckResult check_source(const SourceFile& source, const CheckOptions& options);

/// The products of one stage, for `--emit`: the AST as JSON.
std::string emit_ast_json(const ast::Protocol& protocol);

} // namespace tmsc
