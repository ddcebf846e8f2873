#include "targets/attest/dsse.hpp"

#include "targets/attest/signing.hpp"
#include "targets/attest/strict_json.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace tmsc::dsse {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of a base64 character of either alphabet; -1 for any other byte.
constexpr std::array<int, 256> decode_table() {
    std::array<int, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    }
    table['-'] = 62; // URL-safe alphabet (RFC 4648 section 5)
    table['_'] = 63;
    return table;
}

constexpr std::array<int, 256> kDecode = decode_table();

/// The text without its padding; nullopt when the padding is wrong for the length.
std::optional<std::string_view> without_padding(std::string_view text) {
    const std::size_t data = text.find_last_not_of('=') + 1; // 0 when all '=' (or empty)
    const std::size_t pad = text.size() - data;
    if (pad == 0) {
        return text;
    }
    // Present padding must fill the last group to four characters exactly.
    if (pad > 2 || text.size() % 4 != 0 || data % 4 + pad != 4) {
        return std::nullopt;
    }
    return text.substr(0, data);
}

/// A signature member of an envelope, or the reason it is not one.
std::variant<Signature, std::string> signature_from(const Json& entry) {
    if (!entry.is_object() || !entry.contains("sig") || !entry.at("sig").is_string()) {
        return std::string("a signature has no \"sig\" string");
    }
    Signature out;
    if (entry.contains("keyid")) {
        if (!entry.at("keyid").is_string()) {
            return std::string("a signature's \"keyid\" is not a string");
        }
        out.keyid = entry.at("keyid").get<std::string>();
    }
    auto sig = base64_decode(entry.at("sig").get<std::string>());
    if (!sig) {
        return std::string("a signature is not base64");
    }
    out.sig = std::move(*sig);
    return out;
}

} // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= n ? kAlphabet[group >> (18 - 6 * k) & 63] : '=';
        }
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    const auto data = without_padding(text);
    if (!data || data->size() % 4 == 1) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(data->size() / 4 * 3 + 2);
    std::uint32_t bits = 0;
    int held = 0;
    for (const char c : *data) {
        const int value = kDecode[static_cast<unsigned char>(c)];
        if (value < 0) {
            return std::nullopt;
        }
        bits = bits << 6 | static_cast<std::uint32_t>(value);
        held += 6;
        if (held >= 8) {
            held -= 8;
            out += static_cast<char>(bits >> held & 0xff);
        }
    }
    // The bits left over after the last whole byte must be zero (RFC 4648 section 3.5).
    if ((bits & ((1u << held) - 1)) != 0) {
        return std::nullopt;
    }
    return out;
}

std::string pae(std::string_view payload_type, std::string_view payload) {
    std::string out = "DSSEv1 ";
    out += std::to_string(payload_type.size());
    out += ' ';
    out += payload_type;
    out += ' ';
    out += std::to_string(payload.size());
    out += ' ';
    out += payload;
    return out;
}

std::string write_envelope(const Envelope& envelope) {
    Json signatures = Json::array();
    for (const Signature& s : envelope.signatures) {
        signatures.push_back(Json{{"keyid", s.keyid}, {"sig", base64_encode(s.sig)}});
    }
    const Json out{{"payload", base64_encode(envelope.payload)},
                   {"payloadType", envelope.payload_type},
                   {"signatures", std::move(signatures)}};
    return out.dump(2) + "\n";
}

std::variant<Envelope, std::string> parse_envelope(std::string_view text) {
    std::string why;
    const std::optional<Json> json = parse_strict_json(text, why);
    if (!json) {
        return why;
    }
    if (!json->is_object()) {
        return std::string("not a JSON object");
    }
    for (const char* name : {"payload", "payloadType"}) {
        if (!json->contains(name) || !json->at(name).is_string()) {
            return std::string("no \"") + name + "\" string";
        }
    }
    if (!json->contains("signatures") || !json->at("signatures").is_array()) {
        return std::string("no \"signatures\" array");
    }
    Envelope out;
    out.payload_type = json->at("payloadType").get<std::string>();
    auto payload = base64_decode(json->at("payload").get<std::string>());
    if (!payload) {
        return std::string("the payload is not base64");
    }
    out.payload = std::move(*payload);
    for (const Json& entry : json->at("signatures")) {
        auto signature = signature_from(entry);
        if (auto* problem = std::get_if<std::string>(&signature)) {
            return *problem;
        }
        out.signatures.push_back(std::get<Signature>(std::move(signature)));
    }
    return out;
}

Verification verify(const Envelope& envelope, const std::vector<TrustedKey>& keys,
                    std::size_t threshold, const std::vector<std::string>& supported_types) {
    Verification out;
    const std::string message = pae(envelope.payload_type, envelope.payload);
    std::set<std::size_t> accepted; // indices into `keys`
    for (const Signature& s : envelope.signatures) {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const TrustedKey& key = keys[k];
            const bool named = s.keyid.empty() || key.keyid.empty() || s.keyid == key.keyid;
            if (named && key.key && !accepted.count(k) && key.key->verify(message, s.sig)) {
                accepted.insert(k);
                break;
            }
        }
    }
    out.keys_accepted = accepted.size();
    if (accepted.size() < std::max<std::size_t>(threshold, 1)) {
        out.reason = envelope.signatures.empty()
                         ? "the envelope has no signature"
                         : "signatures by " + std::to_string(accepted.size()) +
                               " trusted key(s) verify, " +
                               std::to_string(std::max<std::size_t>(threshold, 1)) + " needed";
        return out;
    }
    if (std::find(supported_types.begin(), supported_types.end(), envelope.payload_type) ==
        supported_types.end()) {
        out.reason = "the payload type \"" + envelope.payload_type + "\" is not supported";
        return out;
    }
    out.accepted = true;
    return out;
}

} // namespace tmsc::dsse
