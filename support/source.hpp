#pragma once
// A protocol source file kept in memory, so that every stage can point at it and the
// diagnostic renderer can quote the offending line.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {

/// A point in a source file: byte offset plus the 1-based line and column users see.
struct SourceLocation {
    std::size_t offset = 0;
    std::size_t line = 1;
    std::size_t column = 1;

    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// A half-open byte range [begin, end) in one source file.
struct SourceRange {
    SourceLocation begin;
    SourceLocation end;

    friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

/// The text of one protocol file and an index of its line starts.
class SourceFile {
  public:
    /// Takes ownership of the file's text; `path` is what diagnostics print.
    SourceFile(std::string path, std::string text);

    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }

    /// Location of a byte offset (clamped to the end of the text).
    SourceLocation location(std::size_t offset) const;
    /// The text of a 1-based line, without its line terminator.
    std::string_view line_text(std::size_t line) const;
    /// Number of lines (a final line without a newline counts).
    std::size_t line_count() const { return line_starts_.size(); }

  private:
    std::string path_;
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

} // namespace tmsc
