#include "support/diagnostic.hpp"

#include "support/utf8.hpp"

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

/// One character of a quoted line as it is shown: control characters as their Unicode
/// pictures (NUL as U+2400), bytes that are not UTF-8 as U+FFFD, so the report stays valid
/// UTF-8 text on one line whatever the file holds. Tabs are kept; the caret line copies them.
struct Shown {
    std::string text;
    std::size_t bytes = 1; ///< bytes of the source line this character covers
};

Shown shown_at(std::string_view line, std::size_t i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const std::size_t n = utf8_sequence_length(line, i);
    if (n == 0) {
        return {"\xEF\xBF\xBD", 1};
    }
    if (c == 0x7F || (c < 0x20 && c != '\t')) {
        const unsigned picture = 0x2400u + (c == 0x7F ? 0x21u : c);
        std::string out = "\xE2";
        out += static_cast<char>(0x80u | ((picture >> 6) & 0x3Fu));
        out += static_cast<char>(0x80u | (picture & 0x3Fu));
        return {out, 1};
    }
    return {std::string(line.substr(i, n)), n};
}

/// The line as shown (see Shown).
std::string displayed(std::string_view line) {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        const Shown c = shown_at(line, i);
        out += c.text;
        i += c.bytes;
    }
    return out;
}

/// The caret line under `line`: one column per shown character, tabs copied so they align,
/// '^' under the character at `begin_col` and '~' under the rest of [begin_col, end_col).
std::string caret_line(std::string_view line, std::size_t begin_col, std::size_t end_col) {
    std::string out;
    const std::size_t begin = std::min(begin_col - 1, line.size());
    const std::size_t end = std::max(std::min(end_col - 1, line.size()), begin);
    std::size_t i = 0;
    while (i < begin) {
        out += line[i] == '\t' ? '\t' : ' ';
        i += shown_at(line, i).bytes;
    }
    out += '^';
    i += i < line.size() ? shown_at(line, i).bytes : 1;
    while (i < end) {
        out += '~';
        i += shown_at(line, i).bytes;
    }
    return out;
}

/// A quoted line longer than this many bytes is shown as a window of about this size around
/// the caret, so that a diagnostic on a 4 MiB one-line file stays a few lines long.
constexpr std::size_t kShownLineBytes = 160;

/// The part of a line that is quoted: all of it, or a window around column `begin_col`.
struct LineWindow {
    std::string_view text;
    std::size_t first = 0; ///< byte offset of `text` in the line
    bool cut_left = false;
    bool cut_right = false;
};

LineWindow window_around(std::string_view line, std::size_t begin_col) {
    if (line.size() <= kShownLineBytes) {
        return {line};
    }
    const auto continuation = [&](std::size_t i) {
        return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0u) == 0x80u;
    };
    const std::size_t begin = std::min(begin_col - 1, line.size());
    std::size_t from = begin > kShownLineBytes / 2 ? begin - kShownLineBytes / 2 : 0;
    while (from > 0 && continuation(from)) {
        --from;
    }
    std::size_t to = std::min(line.size(), from + kShownLineBytes);
    while (continuation(to)) {
        ++to;
    }
    return {line.substr(from, to - from), from, from > 0, to < line.size()};
}

void render_snippet(std::string& out, const SourceFile& source, const SourceRange& range) {
    const std::string_view line = source.line_text(range.begin.line);
    const std::string number = std::to_string(range.begin.line);
    const std::string gutter(number.size(), ' ');
    // A range running onto later lines is underlined to the end of its first line.
    const std::size_t end_col =
        range.end.line == range.begin.line ? range.end.column : line.size() + 1;
    const LineWindow w = window_around(line, range.begin.column);
    const std::size_t begin_in = std::max(range.begin.column, w.first + 1) - w.first;
    const std::size_t end_in =
        std::min(std::max(end_col, w.first + 1) - w.first, w.text.size() + 1);
    const char* left = w.cut_left ? "..." : "";
    out += ' ' + number + " | " + left + displayed(w.text) + (w.cut_right ? "..." : "") + '\n';
    out += ' ' + gutter + " | " + (w.cut_left ? "   " : "") + caret_line(w.text, begin_in, end_in) +
           '\n';
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
