#include "targets/attest/attestation.hpp"

#include "targets/attest/signing.hpp"

#include <algorithm>

namespace tmsc {

namespace {

AttestProblem problem(std::string code, std::string message, std::string file = "") {
    return AttestProblem{std::move(code), std::move(message), std::move(file)};
}

/// The keyids of the signatures, quoted for a message: "a1b2…", "(none)" when all unset.
std::string keyid_list(const dsse::Envelope& envelope) {
    std::string out;
    for (const dsse::Signature& s : envelope.signatures) {
        out += (out.empty() ? "" : ", ") + (s.keyid.empty() ? std::string("(no keyid)") : s.keyid);
    }
    return out;
}

/// V0606 or V0607 when no signature of `envelope` verifies with `key`.
std::optional<AttestProblem> signature_problem(const dsse::Envelope& envelope,
                                               const Ed25519Key& key) {
    const dsse::Verification v = dsse::verify(envelope, {dsse::TrustedKey{key.fingerprint(), &key}},
                                              1, {std::string(kInTotoPayloadType)});
    if (v.keys_accepted > 0) {
        return std::nullopt; // the payload type is checked by the caller, signed or not
    }
    if (envelope.signatures.empty()) {
        return problem("V0606", "the attestation is not signed, and --pubkey requires a "
                                "signature");
    }
    const bool named = std::any_of(
        envelope.signatures.begin(), envelope.signatures.end(),
        [&](const dsse::Signature& s) { return s.keyid.empty() || s.keyid == key.fingerprint(); });
    if (!named) {
        return problem("V0607", "the attestation was signed by another key (keyid " +
                                    keyid_list(envelope) + ")");
    }
    return problem("V0607", "the signature does not match the attestation");
}

} // namespace

std::string attestation_text(const CompileStatement& statement, const Ed25519Key* signer) {
    dsse::Envelope envelope{std::string(kInTotoPayloadType), statement_text(statement), {}};
    if (signer) {
        envelope.signatures.push_back(
            dsse::Signature{signer->fingerprint(),
                            signer->sign(dsse::pae(envelope.payload_type, envelope.payload))});
    }
    return dsse::write_envelope(envelope);
}

std::variant<OpenedAttestation, AttestProblem> open_attestation(std::string_view bytes,
                                                                const Ed25519Key* key) {
    auto parsed = dsse::parse_envelope(bytes);
    if (auto* why = std::get_if<std::string>(&parsed)) {
        return problem("V0601", "not a DSSE envelope: " + *why);
    }
    const dsse::Envelope& envelope = std::get<dsse::Envelope>(parsed);
    OpenedAttestation out;
    for (const dsse::Signature& s : envelope.signatures) {
        out.keyids.push_back(s.keyid);
    }
    if (key) {
        if (auto p = signature_problem(envelope, *key)) {
            return *p;
        }
        out.signature_checked = true;
    }
    if (envelope.payload_type != kInTotoPayloadType) {
        return problem("V0601", "the envelope's payload type is \"" + envelope.payload_type +
                                    "\", not " + std::string(kInTotoPayloadType));
    }
    auto statement = parse_statement(envelope.payload);
    if (auto* p = std::get_if<AttestProblem>(&statement)) {
        return *p;
    }
    out.statement = std::get<CompileStatement>(std::move(statement));
    if (out.statement.predicate.at("verdict") != "pass") {
        return problem("V0605", "the attestation's verdict is not pass");
    }
    return out;
}

std::vector<AttestProblem> check_files(const CompileStatement& statement,
                                       const std::vector<FileDigest>& files) {
    std::vector<AttestProblem> out;
    for (const FileDigest& f : files) {
        const auto subject = std::find_if(statement.subjects.begin(), statement.subjects.end(),
                                          [&](const Subject& s) { return s.name == f.name; });
        if (subject == statement.subjects.end()) {
            out.push_back(problem("V0611",
                                  "not a file this attestation vouches for (no subject named \"" +
                                      f.name + "\")",
                                  f.path));
        } else if (!f.unreadable.empty()) {
            out.push_back(problem("V0610", "an attested file is missing: " + f.unreadable, f.path));
        } else if (f.sha256 != subject->sha256) {
            out.push_back(problem("V0604",
                                  "the file was altered: its SHA-256 is " + f.sha256 +
                                      ", the attestation says " + subject->sha256,
                                  f.path));
        }
    }
    return out;
}

} // namespace tmsc
