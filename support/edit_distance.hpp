#pragma once
// "Did you mean ...?" suggestions for misspelt names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {

/// Levenshtein distance between two strings (insertions, deletions, substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

} // namespace tmsc
