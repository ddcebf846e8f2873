#pragma once
// The one diagnostic type every stage reports with, and the one function that renders it.

#include "support/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {

/// How bad a diagnostic is. Errors fail the protocol; so does a safety warning no waiver
/// accepts (safety/check_result.hpp); other warnings fail only with --strict.
enum class Severity { Error, Warning, Note };

/// Lower-case name used in rendered text and JSON ("error", "warning", "note").
std::string_view severity_name(Severity severity);

/// A secondary message attached to a diagnostic, optionally pointing at its own range.
struct DiagnosticNote {
    std::string message;
    std::optional<SourceRange> range;
};

/// One problem found in a protocol: a stable code, a message, where, and notes.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code; ///< stable identifier such as "E0102", listed in docs/diagnostics.md
    std::string message;
    SourceRange range;
    std::vector<DiagnosticNote> notes;
};

/// Collects diagnostics from a stage; stages keep going after errors where they can.
class DiagnosticList {
  public:
    /// Adds a diagnostic and returns it so callers can attach notes.
    Diagnostic& add(Severity severity, std::string_view code, std::string message,
                    SourceRange range);
    Diagnostic& error(std::string_view code, std::string message, SourceRange range) {
        return add(Severity::Error, code, std::move(message), range);
    }
    Diagnostic& warning(std::string_view code, std::string message, SourceRange range) {
        return add(Severity::Warning, code, std::move(message), range);
    }
    /// Appends every diagnostic of another list.
    void append(const DiagnosticList& other);

    bool has_errors() const;
    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    /// Diagnostics sorted by position, then severity, with exact duplicates removed.
    std::vector<Diagnostic> sorted() const;
    const std::vector<Diagnostic>& items() const { return items_; }

  private:
    std::vector<Diagnostic> items_;
};

/// Renders GCC-style: `file:line:col: error[CODE]: message`, the source line, a caret line
/// (`^~~~` under the range), then the notes. Every stage prints through this one function.
std::string render(const Diagnostic& diagnostic, const SourceFile& source);

/// Renders a whole list (already sorted by the caller) in order.
std::string render_all(const std::vector<Diagnostic>& diagnostics, const SourceFile& source);

} // namespace tmsc
