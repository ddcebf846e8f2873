#pragma once
// The JSON reader of `tmsc verify-table`: an attestation comes from outside, and two readers
// of one JSON text must see the same document. A text with a repeated member name (which
// readers resolve differently: first wins, last wins) or nested absurdly deep is refused.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace tmsc {

/// Deepest nesting accepted: the attestation's documents need 6 levels.
inline constexpr int kMaxJsonDepth = 32;

/// Parses `text`; nullopt with `why` set when it is not valid JSON (RFC 8259, UTF-8), repeats
/// a member name inside one object, or nests deeper than kMaxJsonDepth.
std::optional<nlohmann::ordered_json> parse_strict_json(std::string_view text, std::string& why);

} // namespace tmsc
