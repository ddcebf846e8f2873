#pragma once
// Stage 1 of the pipeline: text -> AST. Stops at the first syntax error (with a message naming
// what was expected); problems that do not derail parsing (an unrepresentable number, a
// setting written twice) are reported too, so one run shows them all.

#include "grammar/ast.hpp"
#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <optional>

namespace tmsc {

/// Deepest nesting of repeat/block bodies the parser accepts; deeper input is a diagnostic,
/// never a stack overflow.
inline constexpr std::size_t kMaxNestingDepth = 64;

/// The AST (absent after a syntax error) and every diagnostic the parse produced.
struct ParseResult {
    std::optional<ast::Protocol> protocol;
    DiagnosticList diagnostics;
};

/// Parses one .tms file held in memory.
ParseResult parse_protocol(const SourceFile& source);

} // namespace tmsc
