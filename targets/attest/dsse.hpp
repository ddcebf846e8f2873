#pragma once
// DSSE, the Dead Simple Signing Envelope (secure-systems-lab/dsse, protocol and envelope v1.0):
// the signed wrapper of the attestation `tmsc compile` writes. A signature covers the
// pre-authentication encoding PAE(payloadType, payload), never JSON re-serialised, so the bytes
// verified are exactly the bytes handed on. Verification follows the protocol's (t, n) rule:
// at least `threshold` distinct trusted keys must each verify some signature; then the payload
// type must be supported. Checked against the DSSE project's test vectors
// (tests/attestation/dsse-vectors.json).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tmsc {

class Ed25519Key;

namespace dsse {

/// Standard base64 (RFC 4648 section 4) with padding: what tmsc writes.
std::string base64_encode(std::string_view bytes);

/// Decodes standard or URL-safe base64 (the envelope allows either); padding is optional but
/// must be right when present, and unused trailing bits must be zero, so that one text
/// decodes to one byte string and one byte string has one text per alphabet. Nullopt when
/// the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

/// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN in bytes.
std::string pae(std::string_view payload_type, std::string_view payload);

/// One signature of an envelope.
struct Signature {
    std::string keyid; ///< a hint naming the key; empty when unset
    std::string sig;   ///< the raw signature bytes (decoded)
};

/// An envelope with its payload and signatures decoded.
struct Envelope {
    std::string payload_type;
    std::string payload; ///< SERIALIZED_BODY: the decoded bytes
    std::vector<Signature> signatures;
};

/// The envelope as JSON text: `payload`, `payloadType`, `signatures` in that order, two-space
/// indentation, standard base64, a final newline. Deterministic.
std::string write_envelope(const Envelope& envelope);

/// Parses an envelope's JSON text (unknown members are ignored, as the envelope spec says);
/// the reason when it is not an envelope or a base64 field does not decode.
std::variant<Envelope, std::string> parse_envelope(std::string_view text);

/// A key a verifier trusts, with the keyid it goes by (empty: matches any signature).
struct TrustedKey {
    std::string keyid;
    const Ed25519Key* key = nullptr;
};

/// The outcome of verifying an envelope.
struct Verification {
    bool accepted = false;
    std::size_t keys_accepted = 0; ///< distinct trusted keys that verified a signature
    std::string reason;            ///< why it was rejected
};

/// DSSE (t, n) verification: each signature is tried with each trusted key whose keyid
/// matches (an unset keyid on either side matches); a key that verifies counts once. Accepted
/// when at least `threshold` (at least 1) distinct keys verified and the payload type is one of
/// `supported_types`.
Verification verify(const Envelope& envelope, const std::vector<TrustedKey>& keys,
                    std::size_t threshold, const std::vector<std::string>& supported_types);

} // namespace dsse
} // namespace tmsc
