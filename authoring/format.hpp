#pragma once
// `tmsc fmt`: one canonical layout for .tms files. The printer walks the AST in source order
// and re-attaches the comments the parser skipped, so formatting never loses a comment and
// formatting twice changes nothing.

#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <optional>
#include <string>

namespace tmsc {

/// The formatted text, or the syntax diagnostics that prevented formatting.
struct FormatResult {
    std::optional<std::string> text;
    DiagnosticList diagnostics;
};

/// Formats one protocol file. Only syntax must be valid; semantic errors are not checked.
FormatResult format_source(const SourceFile& source);

/// A line diff of `before` and `after` in unified style ("-" removed, "+" added, with
/// `@@ line @@` headers), empty when they are equal.
std::string line_diff(const std::string& path, const std::string& before, const std::string& after);

} // namespace tmsc
