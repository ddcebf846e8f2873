#pragma once
// The seal every emitted table and device file carries (docs/output-formats.md, "Seal"): what
// made it (tool, target, device, compile options), from what (source SHA-256), judged how
// (rule set and its SHA-256, verdict, warnings, waivers), the size and SHA-256 of the payload,
// an optional Ed25519 signature, and a SHA-256 of the seal itself. `tmsc verify-table` checks
// all of it, so any changed byte of a table is caught.
//
// The seal is written after the payload, not before it: the payload's hash is known only when
// the last pulse has been written, and a 10-million-pulse table is streamed in one pass.
// Layouts: a JSON table gets a last top-level member "tmsc_seal"; any other file gets one last
// line `<comment leader>tmsc-seal {...}` ("# ", or "// " for a C header).

#include "safety/check_result.hpp"
#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tmsc {

class Ed25519Key;

/// Version of the seal's layout; bumped on any incompatible change.
inline constexpr int kSealFormatVersion = 1;

/// Where the seal sits in a file.
enum class SealLayout {
    JsonMember, ///< the last member of a JSON table's top-level object
    Comment,    ///< one last line: `leader` "tmsc-seal " JSON
};

/// How one file is sealed.
struct SealPlacement {
    SealLayout layout = SealLayout::Comment;
    std::string leader = "# "; ///< comment leader (Comment layout)
};

/// The placement for a file with this suffix: ".json" a JSON member, ".h" a "// " line, any
/// other file a "# " line.
SealPlacement placement_for(std::string_view file_suffix);

/// A table's seal.
struct Seal {
    nlohmann::ordered_json facts; ///< tool, target, device, file, source, rule set, verdict, ...
    std::uint64_t payload_bytes = 0;
    std::string payload_sha256;
    std::string key_fingerprint; ///< SHA-256 of the signer's public key; empty when unsigned
    std::string signature;       ///< the raw Ed25519 signature; empty when unsigned
};

/// What the facts of a seal are made from.
struct SealSubject {
    std::string target;                   ///< "json", "csv", or a back end's name
    std::string device;                   ///< device profile as given; empty for tables
    std::string file;                     ///< the file's suffix: ".json", ".rapid2.bin", ...
    const SourceFile& source;             ///< the protocol (path and SHA-256)
    const CheckResult& check;             ///< rule set, warnings, waivers
    std::vector<Diagnostic> more_warnings; ///< lowering's and the back end's warnings
    nlohmann::ordered_json compile;       ///< the options that re-derive the file
};

/// The facts of a seal: every field but the payload's and the signature's.
nlohmann::ordered_json seal_facts(const SealSubject& subject);

/// The bytes an Ed25519 signature covers: a fixed prefix, then the seal as compact JSON
/// without its signature and self-hash (the payload's hash included).
std::string signed_text(const Seal& seal);

/// Signs `seal` with `key` (a private key).
void sign_seal(Seal& seal, const Ed25519Key& key);

/// The bytes written after the payload.
std::string seal_trailer(const Seal& seal, const SealPlacement& placement);

/// A sealed file taken apart and checked.
struct OpenedTable {
    Seal seal;
    SealPlacement placement;
    std::string_view payload; ///< the bytes the payload hash covers
};

/// Why a sealed file was rejected: a stable code (V0601...) and a message.
struct SealProblem {
    std::string code;
    std::string message;
};

/// Finds the seal at the end of `bytes`, parses it and checks its canonical form, its own
/// hash, the payload's size and hash, and that the verdict is pass.
std::variant<OpenedTable, SealProblem> open_sealed(std::string_view bytes);

/// Checks the seal's signature with a public key: a problem when unsigned, signed by another
/// key, or not a valid signature.
std::optional<SealProblem> check_signature(const Seal& seal, const Ed25519Key& key);

/// The payload as a loader uses it: the file without its seal (a JSON table is closed again,
/// giving exactly the document `tmsc compile` would write unsealed).
std::string extracted_payload(const OpenedTable& table);

} // namespace tmsc
