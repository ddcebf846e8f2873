#include "targets/attest/seal.hpp"

#include "support/sha256.hpp"
#include "support/version.hpp"
#include "targets/attest/signing.hpp"
#include "targets/tables/emit.hpp"

namespace tmsc {

namespace {

using Json = nlohmann::ordered_json;

/// Opens the seal member of a JSON table; the table's last three bytes "\n}\n" follow it.
constexpr std::string_view kJsonMarker = ",\n  \"tmsc_seal\": ";
constexpr std::string_view kJsonEnd = "\n}\n";
/// Starts the seal line of any other file, after its comment leader.
constexpr std::string_view kLineMarker = "tmsc-seal {";
/// Separates signatures of seals from signatures of anything else made with the same key.
constexpr std::string_view kSignedPrefix = "tmsc-seal-v1\n";

/// Compact, deterministic JSON; invalid UTF-8 (a path) becomes U+FFFD rather than an error.
std::string compact(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// The seal up to and including the payload's size and hash.
Json body_of(const Seal& seal) {
    Json body = seal.facts;
    body["payload"] = Json{{"bytes", seal.payload_bytes}, {"sha256", seal.payload_sha256}};
    return body;
}

/// The body plus the signature (or null).
Json signed_body(const Seal& seal) {
    Json out = body_of(seal);
    out["signature"] = seal.signature.empty()
                           ? Json(nullptr)
                           : Json{{"algorithm", "ed25519"},
                                  {"public_key_sha256", seal.key_fingerprint},
                                  {"value", to_hex(seal.signature)}};
    return out;
}

/// The whole seal object as written.
Json seal_object(const Seal& seal) {
    Json out = signed_body(seal);
    out["seal_sha256"] = sha256_hex(compact(signed_body(seal)));
    return out;
}

/// Json with the warnings the lowering stage and the back end add.
Json warning_json(const Diagnostic& d) {
    return Json{{"code", d.code},
                {"message", d.message},
                {"line", d.range.begin.line},
                {"column", d.range.begin.column}};
}

SealProblem problem(std::string code, std::string message) {
    return SealProblem{std::move(code), std::move(message)};
}

bool is_hex(const std::string& text, std::size_t length) {
    return text.size() == length &&
           text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

/// Reads hex back into bytes (input already checked by is_hex).
std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    return out;
}

/// The members every seal has, in order, before "payload".
constexpr const char* kFactNames[] = {"format",  "version", "tool",     "target",
                                      "device",  "file",    "source",   "rule_set",
                                      "verdict", "warnings", "waivers", "compile"};

/// A Seal from its JSON object; a problem when a member is missing or of the wrong type.
std::variant<Seal, SealProblem> seal_from_json(const Json& object) {
    const auto malformed = [](const std::string& what) {
        return problem("V0602", "the seal is malformed: " + what);
    };
    if (!object.is_object()) {
        return malformed("not a JSON object");
    }
    Seal seal;
    seal.facts = Json::object();
    for (const char* name : kFactNames) {
        if (!object.contains(name)) {
            return malformed(std::string("no \"") + name + "\" member");
        }
        seal.facts[name] = object.at(name);
    }
    if (object.at("format") != "tmsc-seal" || object.at("version") != kSealFormatVersion) {
        return malformed("not a tmsc seal of version " + std::to_string(kSealFormatVersion));
    }
    const Json& payload = object.value("payload", Json());
    if (!payload.is_object() || !payload.value("bytes", Json()).is_number_unsigned() ||
        !payload.value("sha256", Json()).is_string()) {
        return malformed("no payload size and hash");
    }
    seal.payload_bytes = payload.at("bytes").get<std::uint64_t>();
    seal.payload_sha256 = payload.at("sha256").get<std::string>();
    const Json& signature = object.value("signature", Json());
    if (signature.is_object()) {
        const std::string value = signature.value("value", "");
        seal.key_fingerprint = signature.value("public_key_sha256", "");
        if (signature.value("algorithm", "") != "ed25519" || !is_hex(value, 128) ||
            !is_hex(seal.key_fingerprint, 64)) {
            return malformed("the signature is not an Ed25519 signature");
        }
        seal.signature = from_hex(value);
    }
    return seal;
}

/// Parses the seal text found at the end of a file.
std::variant<Seal, SealProblem> parse_seal(std::string_view text, Json& object) {
    object = Json::parse(text.begin(), text.end(), nullptr, false);
    if (object.is_discarded()) {
        return problem("V0602", "the seal is malformed: not valid JSON");
    }
    return seal_from_json(object);
}

/// A candidate: where the payload ends, how the seal is placed, its text.
struct Candidate {
    std::size_t payload_end;
    SealPlacement placement;
    std::string_view text;
};

/// The JSON-member seal of a JSON table, if the file has that shape.
std::optional<Candidate> json_candidate(std::string_view bytes) {
    if (bytes.size() < kJsonEnd.size() || !bytes.ends_with(kJsonEnd) || !bytes.starts_with("{")) {
        return std::nullopt;
    }
    const std::size_t at = bytes.rfind(kJsonMarker);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t from = at + kJsonMarker.size();
    return Candidate{at, SealPlacement{SealLayout::JsonMember, ""},
                     bytes.substr(from, bytes.size() - kJsonEnd.size() - from)};
}

/// Seal lines from the end backwards: the seal line is the file's last line, but a payload
/// (binary, or a message quoted in the seal) may contain the marker too.
std::vector<Candidate> line_candidates(std::string_view bytes) {
    std::vector<Candidate> out;
    if (!bytes.ends_with("}\n")) {
        return out;
    }
    std::size_t at = bytes.size();
    while (out.size() < 8 && at > 0) {
        at = bytes.rfind(kLineMarker, at - 1);
        if (at == std::string_view::npos) {
            break;
        }
        const std::size_t json_from = at + kLineMarker.size() - 1;
        const std::string_view text = bytes.substr(json_from, bytes.size() - 1 - json_from);
        for (const std::string_view leader : {"# ", "// "}) {
            if (at >= leader.size() && bytes.substr(at - leader.size(), leader.size()) == leader) {
                out.push_back(Candidate{at - leader.size(),
                                        SealPlacement{SealLayout::Comment, std::string(leader)},
                                        text});
            }
        }
    }
    return out;
}

/// Checks one candidate completely.
std::variant<OpenedTable, SealProblem> open_candidate(std::string_view bytes,
                                                      const Candidate& c) {
    Json object;
    auto parsed = parse_seal(c.text, object);
    if (auto* p = std::get_if<SealProblem>(&parsed)) {
        return *p;
    }
    OpenedTable table{std::get<Seal>(std::move(parsed)), c.placement, bytes.substr(0, c.payload_end)};
    const Seal& seal = table.seal;
    if (object.value("seal_sha256", Json()) != sha256_hex(compact(signed_body(seal)))) {
        return problem("V0603", "the seal was altered: its own SHA-256 does not match");
    }
    if (bytes.substr(c.payload_end) != seal_trailer(seal, c.placement)) {
        return problem("V0602", "the seal is malformed: not in the form tmsc writes");
    }
    if (seal.payload_bytes != table.payload.size()) {
        return problem("V0604", "the table was altered: the payload has " +
                                    std::to_string(table.payload.size()) +
                                    " bytes, the seal says " +
                                    std::to_string(seal.payload_bytes));
    }
    if (sha256_hex(table.payload) != seal.payload_sha256) {
        return problem("V0604", "the table was altered: the payload's SHA-256 does not match "
                                "the seal");
    }
    if (seal.facts.at("verdict") != "pass") {
        return problem("V0605", "the seal's verdict is not pass");
    }
    return table;
}

} // namespace

SealPlacement placement_for(std::string_view file_suffix) {
    if (file_suffix.ends_with(".json")) {
        return SealPlacement{SealLayout::JsonMember, ""};
    }
    return SealPlacement{SealLayout::Comment, file_suffix.ends_with(".h") ? "// " : "# "};
}

Json seal_facts(const SealSubject& s) {
    Json verdict = verdict_json(&s.check);
    for (const Diagnostic& d : s.more_warnings) {
        verdict["warnings"].push_back(warning_json(d));
    }
    return Json{{"format", "tmsc-seal"},
                {"version", kSealFormatVersion},
                {"tool", "tmsc " TMSC_VERSION},
                {"target", s.target},
                {"device", s.device.empty() ? Json(nullptr) : Json(s.device)},
                {"file", s.file},
                {"source", Json{{"path", s.source.path()}, {"sha256", sha256_hex(s.source.text())}}},
                {"rule_set", Json{{"id", verdict["rule_set_id"]},
                                  {"sha256", verdict["rule_set_sha256"]}}},
                {"verdict", verdict["verdict"]},
                {"warnings", verdict["warnings"]},
                {"waivers", verdict["waivers"]},
                {"compile", s.compile}};
}

std::string signed_text(const Seal& seal) {
    return std::string(kSignedPrefix) + compact(body_of(seal));
}

void sign_seal(Seal& seal, const Ed25519Key& key) {
    seal.key_fingerprint = key.fingerprint();
    seal.signature = key.sign(signed_text(seal));
}

std::string seal_trailer(const Seal& seal, const SealPlacement& placement) {
    const std::string text = compact(seal_object(seal));
    if (placement.layout == SealLayout::JsonMember) {
        return std::string(kJsonMarker) + text + std::string(kJsonEnd);
    }
    return placement.leader + "tmsc-seal " + text + "\n";
}

std::variant<OpenedTable, SealProblem> open_sealed(std::string_view bytes) {
    std::vector<Candidate> candidates;
    if (auto json = json_candidate(bytes)) {
        candidates.push_back(*json);
    }
    for (const Candidate& c : line_candidates(bytes)) {
        candidates.push_back(c);
    }
    std::optional<SealProblem> first_problem;
    for (const Candidate& c : candidates) {
        auto opened = open_candidate(bytes, c);
        if (std::holds_alternative<OpenedTable>(opened)) {
            return opened;
        }
        if (!first_problem) {
            first_problem = std::get<SealProblem>(opened);
        }
    }
    if (first_problem) {
        return *first_problem;
    }
    return problem("V0601", "no tmsc seal at the end of the file (not a table tmsc wrote, or "
                            "cut short)");
}

std::optional<SealProblem> check_signature(const Seal& seal, const Ed25519Key& key) {
    if (seal.signature.empty()) {
        return problem("V0606", "the table is not signed, and --pubkey requires a signature");
    }
    if (seal.key_fingerprint != key.fingerprint()) {
        return problem("V0607", "the table was signed by another key (public key SHA-256 " +
                                    seal.key_fingerprint + ")");
    }
    if (!key.verify(signed_text(seal), seal.signature)) {
        return problem("V0607", "the signature does not match the table");
    }
    return std::nullopt;
}

std::string extracted_payload(const OpenedTable& table) {
    std::string out(table.payload);
    if (table.placement.layout == SealLayout::JsonMember) {
        out += kJsonEnd;
    }
    return out;
}

} // namespace tmsc
