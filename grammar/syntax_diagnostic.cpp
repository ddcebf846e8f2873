#include "grammar/syntax_diagnostic.hpp"

#include "support/edit_distance.hpp"
#include "support/utf8.hpp"

#include <cctype>
#include <cstdio>
#include <vector>

namespace tmsc {

namespace {

/// Longest token quoted whole in a message.
constexpr std::size_t kLongestQuoted = 40;

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '%';
}

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

/// End of the token starting at `offset`, which is not at the end of the text.
std::size_t token_end(const std::string& text, std::size_t offset) {
    std::size_t end = offset;
    const char first = text[offset];
    if (text.compare(offset, 2, "/*") == 0) {
        return offset + 2;
    }
    if (first == '"') {
        // A string: to its closing quote, or to the end of the line when it has none.
        end = text.find_first_of("\"\n", offset + 1);
        return end == std::string::npos ? text.size() : text[end] == '"' ? end + 1 : end;
    }
    if ((first == '-' || first == '+') && offset + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[offset + 1]))) {
        ++end;
    }
    while (end < text.size() && is_word_char(text[end])) {
        ++end;
    }
    if (end > offset) {
        return end;
    }
    // One character: a whole UTF-8 sequence, so the caret and the quote show all of it.
    ++end;
    while (end < text.size() && end - offset < 4 && is_continuation(text[end])) {
        ++end;
    }
    return end;
}

std::vector<std::string_view> split_words(std::string_view words) {
    std::vector<std::string_view> out;
    while (!words.empty()) {
        const std::size_t space = words.find(' ');
        out.push_back(words.substr(0, space));
        words = space == std::string_view::npos ? std::string_view{} : words.substr(space + 1);
    }
    return out;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

/// Is `b` equal to `a` with two adjacent characters swapped (the commonest typing slip)?
bool is_transposition(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) {
        ++i;
    }
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);
}

bool looks_like_word(std::string_view token) {
    return !token.empty() && (std::isalpha(static_cast<unsigned char>(token[0])) ||
                              token[0] == '_' || token[0] == '%');
}

/// The note for a keyword that is valid elsewhere, with "{}" replaced by the word.
std::optional<std::string> misplaced_note(std::string_view token, const SyntaxHints& hints) {
    if (hints.misplaced_note == nullptr) {
        return std::nullopt;
    }
    for (std::string_view word : split_words(hints.misplaced_words)) {
        if (word == token) {
            std::string note = hints.misplaced_note;
            if (const std::size_t at = note.find("{}"); at != std::string::npos) {
                note.replace(at, 2, token);
            }
            return note;
        }
    }
    return std::nullopt;
}

} // namespace

SourceRange token_at(const SourceFile& source, std::size_t offset) {
    const std::string& text = source.text();
    if (offset >= text.size()) {
        return SourceRange{source.location(text.size()), source.location(text.size())};
    }
    return SourceRange{source.location(offset), source.location(token_end(text, offset))};
}

std::string describe_found(const SourceFile& source, const SourceRange& range) {
    const std::string& text = source.text();
    if (range.begin.offset >= text.size()) {
        return "found the end of the file";
    }
    const std::string what = text.substr(range.begin.offset, range.end.offset - range.begin.offset);
    const auto first = static_cast<unsigned char>(what[0]);
    if (what == "\n" || what == "\r") {
        return "found the end of the line";
    }
    if (first < 0x20 || first == 0x7F) {
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(first));
        return std::string("found the control character ") + code;
    }
    if (what.size() > kLongestQuoted) {
        // A pathological token (a whole line of digits) is named by its start.
        std::size_t cut = kLongestQuoted;
        while (cut > 0 && is_continuation(what[cut])) {
            --cut; // never split a UTF-8 sequence
        }
        return "found '" + what.substr(0, cut) + "...'";
    }
    if (first == '"') {
        return "found the string " + what;
    }
    if (first >= 0x80 && utf8_sequence_length(what, 0) == 0) {
        char code[8];
        std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned>(first));
        return std::string("found the byte ") + code + ", which is not UTF-8 text";
    }
    return "found '" + what + "'";
}

std::optional<std::string> suggest_keyword(std::string_view word, std::string_view expected_words) {
    if (word.size() > kLongestQuoted) {
        return std::nullopt; // no keyword is that long; and edit distance would be slow
    }
    std::vector<std::string_view> candidates;
    for (std::string_view entry : split_words(expected_words)) {
        const std::size_t equals = entry.find('=');
        if (equals != std::string_view::npos) {
            if (same_ignoring_case(word, entry.substr(0, equals))) {
                return std::string(entry.substr(equals + 1));
            }
        } else if (entry == word) {
            return std::nullopt; // the word itself is valid: the problem lies elsewhere
        } else {
            candidates.push_back(entry);
        }
    }
    std::vector<std::string> names;
    for (std::string_view candidate : candidates) {
        if (same_ignoring_case(word, candidate) || is_transposition(word, candidate)) {
            return std::string(candidate);
        }
        names.emplace_back(candidate);
    }
    // One letter is too little to guess from: 'x' is one edit from 's' and from 'h'.
    return word.size() > 1 ? closest_match(word, names) : std::nullopt;
}

Diagnostic syntax_diagnostic(const SourceFile& source, std::size_t offset, std::string_view message,
                             const SyntaxHints& hints) {
    const SourceRange token = token_at(source, offset);
    std::string text_found = hints.quote_found ? ", " + describe_found(source, token) : "";
    Diagnostic d{Severity::Error, "E0001", std::string(message) + text_found, token, {}};
    const std::string_view text =
        std::string_view(source.text())
            .substr(token.begin.offset, token.end.offset - token.begin.offset);
    if (!looks_like_word(text)) {
        return d;
    }
    if (auto note = misplaced_note(text, hints)) {
        d.notes.push_back({*note, std::nullopt});
    } else if (auto keyword = suggest_keyword(text, hints.expected_words)) {
        d.notes.push_back({"did you mean '" + *keyword + "'?", std::nullopt});
    }
    return d;
}

} // namespace tmsc
