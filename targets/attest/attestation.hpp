#pragma once
// The attestation `tmsc compile` writes beside its outputs (docs/output-formats.md,
// "Attestation"): the compile's in-toto Statement in a DSSE envelope, signed with Ed25519 when
// a key is given. The outputs themselves stay bare, exactly in their consumer's format; the
// attestation names each by file name and SHA-256, so any changed, missing or added byte of
// any of them is caught by `tmsc verify-table`.

#include "targets/attest/dsse.hpp"
#include "targets/attest/statement.hpp"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tmsc {

class Ed25519Key;

/// How an attestation's file name ends.
inline constexpr std::string_view kAttestationSuffix = ".intoto.json";

/// The attestation file's bytes: the statement in a DSSE envelope, with one signature by
/// `signer` (keyid: SHA-256 of its raw public key) or none.
std::string attestation_text(const CompileStatement& statement, const Ed25519Key* signer);

/// An attestation taken apart and checked.
struct OpenedAttestation {
    CompileStatement statement;
    std::vector<std::string> keyids; ///< the keyid of each signature ("" when unset)
    bool signature_checked = false;  ///< a signature by the given key verified
};

/// Reads an attestation file. With `key`, a signature by that key must verify before the
/// statement is read (V0606 when unsigned, V0607 when signed by another key or not valid).
/// Then the payload type must be in-toto's and the envelope well formed (V0601), the statement
/// a tmsc compile statement (V0602) whose verdict is pass (V0605).
std::variant<OpenedAttestation, AttestProblem> open_attestation(std::string_view bytes,
                                                                const Ed25519Key* key);

/// One file given to `tmsc verify-table`, hashed.
struct FileDigest {
    std::string path;       ///< as given, for messages
    std::string name;       ///< the name it is matched by: the path without its folder
    std::string sha256;     ///< of its bytes; empty when it could not be read
    std::string unreadable; ///< why it could not be read (empty when read)
};

/// Checks files against the statement's subjects: each must be a subject (V0611), be there
/// (V0610) and have exactly the subject's SHA-256 (V0604). Every problem, in the files' order.
std::vector<AttestProblem> check_files(const CompileStatement& statement,
                                       const std::vector<FileDigest>& files);

} // namespace tmsc
