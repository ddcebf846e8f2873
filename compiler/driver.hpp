#pragma once
// The pipeline driver: parse -> resolve -> (lower -> verify -> generate, as they land).
// Each stage returns its product or diagnostics; the driver stops at the first stage with
// errors, so later stages only ever see well-formed input.

#include "compiler/support/diagnostic.hpp"
#include "compiler/support/source.hpp"
#include "grammar/ast.hpp"

#include <optional>
#include <string>

namespace tmsc {

/// Outcome of checking one protocol.
enum class Verdict { Pass, Fail, Unknown };

/// Lower-case verdict name used in reports ("pass", "fail", "unknown").
const char* verdict_name(Verdict verdict);

/// Everything `tmsc check` learns about one file.
struct CheckResult {
    std::optional<ast::Protocol> protocol; ///< present when parsing succeeded
    std::vector<Diagnostic> diagnostics;  ///< sorted
    Verdict verdict = Verdict::Fail;
};

/// Runs every stage available for checking on one in-memory source.
CheckResult check_source(const SourceFile& source);

/// The products of one stage, for `--emit`: the AST as JSON.
std::string emit_ast_json(const ast::Protocol& protocol);

} // namespace tmsc
