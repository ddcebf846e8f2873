#pragma once
// Turns a syntax error (a byte offset and the failed rule's message and hints) into the E0001
// diagnostic: "expected X, found Y", the found token underlined, and a "did you mean" note when
// the token is a near miss of a keyword that is valid there.

#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace tmsc {

/// What the failed rule knows beyond its message (see grammar/errors.hpp).
struct SyntaxHints {
    std::string_view expected_words;      ///< keywords valid at the error point, space-separated
    std::string_view misplaced_words;     ///< keywords that belong elsewhere
    const char* misplaced_note = nullptr; ///< where they belong; "{}" stands for the word
    bool quote_found = true;              ///< append "found ..." to the message
};

/// The range of the token that starts at `offset` (a word, a number, a string, one character;
/// empty at the end of the file).
SourceRange token_at(const SourceFile& source, std::size_t offset);

/// "found 'x'", "found the end of the line", ... for the token `range` covers.
std::string describe_found(const SourceFile& source, const SourceRange& range);

/// The keyword among `expected_words` that `word` is most plausibly a misspelling of: a listed
/// alias ("sec=s"), the same letters in another case, two adjacent letters swapped, or within
/// the usual edit distance.
std::optional<std::string> suggest_keyword(std::string_view word, std::string_view expected_words);

/// The E0001 diagnostic for a syntax error at `offset` with the failed rule's `message`.
Diagnostic syntax_diagnostic(const SourceFile& source, std::size_t offset, std::string_view message,
                             const SyntaxHints& hints);

} // namespace tmsc
