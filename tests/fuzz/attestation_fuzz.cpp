// libFuzzer target: arbitrary bytes as the attestation given to `tmsc verify-table`. Reading
// it parses a DSSE envelope (JSON, base64), verifies a signature and parses the in-toto
// statement inside; it must reject anything that is not exactly that, never crash, and never
// accept an envelope none of whose signatures covers its payload.

#include "targets/attest/attestation.hpp"
#include "targets/attest/signing.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

/// The public key of the signed seeds (RFC 8032 section 7.1, TEST 1; corpus-attestation/).
const tmsc::Ed25519Key& seed_key() {
    static const tmsc::Ed25519Key key =
        *tmsc::Ed25519Key::from_raw_public(std::string("\xd7\x5a\x98\x01\x82\xb1\x0a\xb7"
                                                       "\xd5\x4b\xfe\xd3\xc9\x64\x07\x3a"
                                                       "\x0e\xe1\x72\xf3\xda\xa6\x23\x25"
                                                       "\xaf\x02\x1a\x68\xf7\x07\x51\x1a",
                                                       32));
    return key;
}

/// Aborts unless some signature of the envelope in `bytes` verifies over its payload.
void require_a_covering_signature(std::string_view bytes) {
    const auto parsed = tmsc::dsse::parse_envelope(bytes);
    const auto* envelope = std::get_if<tmsc::dsse::Envelope>(&parsed);
    if (!envelope) {
        std::abort(); // accepted, yet not an envelope
    }
    const std::string message = tmsc::dsse::pae(envelope->payload_type, envelope->payload);
    for (const tmsc::dsse::Signature& s : envelope->signatures) {
        if (seed_key().verify(message, s.sig)) {
            return;
        }
    }
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)tmsc::open_attestation(bytes, nullptr);
    const auto opened = tmsc::open_attestation(bytes, &seed_key());
    if (const auto* a = std::get_if<tmsc::OpenedAttestation>(&opened)) {
        require_a_covering_signature(bytes);
        (void)tmsc::check_files(a->statement, {{"x", "x", std::string(64, '0'), ""}});
    }
    return 0;
}
