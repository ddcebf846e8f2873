#include "compiler/support/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace tmsc {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

Diagnostic& DiagnosticList::add(Severity severity, std::string_view code, std::string message,
                                 SourceRange range) {
    items_.push_back(Diagnostic{severity, std::string(code), std::move(message), range, {}});
    return items_.back();
}

void DiagnosticList::append(const DiagnosticList& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool DiagnosticList::has_errors() const {
    return std::any_of(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

namespace {

auto sort_key(const Diagnostic& d) {
    return std::make_tuple(d.range.begin.offset, static_cast<int>(d.severity), d.code, d.message);
}

bool same(const Diagnostic& a, const Diagnostic& b) {
    return sort_key(a) == sort_key(b) && a.range.end.offset == b.range.end.offset;
}

/// Is `byte` the first byte of a UTF-8 sequence (not a continuation byte)?
bool starts_code_point(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0u) != 0x80u;
}

/// The caret line under `line`: whitespace copied so tabs align, then `^~~~`.
std::string caret_line(std::string_view line, std::size_t begin_col, std::size_t end_col) {
    std::string out;
    const std::size_t begin = std::min(begin_col - 1, line.size());
    for (std::size_t i = 0; i < begin; ++i) {
        if (line[i] == '\t') {
            out += '\t';
        } else if (starts_code_point(line[i])) {
            out += ' ';
        }
    }
    out += '^';
    const std::size_t end = std::min(std::max(end_col - 1, begin + 1), line.size());
    for (std::size_t i = begin + 1; i < end; ++i) {
        if (starts_code_point(line[i])) {
            out += '~';
        }
    }
    return out;
}

void render_snippet(std::string& out, const SourceFile& source, const SourceRange& range) {
    const std::string_view line = source.line_text(range.begin.line);
    const std::string number = std::to_string(range.begin.line);
    const std::string gutter(number.size(), ' ');
    // A range running onto later lines is underlined to the end of its first line.
    const std::size_t end_col =
        range.end.line == range.begin.line ? range.end.column : line.size() + 1;
    out += ' ' + number + " | " + std::string(line) + '\n';
    out += ' ' + gutter + " | " + caret_line(line, range.begin.column, end_col) + '\n';
}

std::string header(const SourceFile& source, const SourceLocation& at, std::string_view what) {
    return source.path() + ':' + std::to_string(at.line) + ':' + std::to_string(at.column) +
           ": " + std::string(what);
}

} // namespace

std::vector<Diagnostic> DiagnosticList::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) < sort_key(b); });
    out.erase(std::unique(out.begin(), out.end(), same), out.end());
    return out;
}

std::string render(const Diagnostic& d, const SourceFile& source) {
    std::string out = header(source, d.range.begin,
                             std::string(severity_name(d.severity)) + '[' + d.code + "]: ") +
                      d.message + '\n';
    render_snippet(out, source, d.range);
    for (const DiagnosticNote& note : d.notes) {
        if (note.range) {
            out += header(source, note.range->begin, "note: ") + note.message + '\n';
            render_snippet(out, source, *note.range);
        } else {
            out += "  note: " + note.message + '\n';
        }
    }
    return out;
}

std::string render_all(const std::vector<Diagnostic>& diagnostics, const SourceFile& source) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        out += render(d, source);
    }
    return out;
}

} // namespace tmsc
