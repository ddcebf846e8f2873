// tmsc's DSSE code (targets/attest/dsse.*) against the DSSE project's published test vectors
// (tests/attestation/dsse-vectors.json, with its source in the README there), and the base64
// and PAE details those vectors rest on.

#include "support/sha256.hpp"
#include "targets/attest/dsse.hpp"
#include "targets/attest/signing.hpp"
#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

namespace tmsc {
namespace {

using Json = nlohmann::json;
using testing_support::read_file;

/// Hex to bytes (the vectors' keys and PAE).
std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    return out;
}

Json vectors() {
    return Json::parse(
        read_file(std::filesystem::path(TMSC_SOURCE_DIR) / "tests/attestation/dsse-vectors.json"));
}

TEST(DsseVectors, EveryVectorIsAcceptedOrRejectedAsMarked) {
    const Json file = vectors();
    std::map<std::string, Ed25519Key> keys;
    for (const auto& [name, key] : file.at("keys").items()) {
        auto loaded = Ed25519Key::from_raw_public(from_hex(key.at("public")));
        ASSERT_TRUE(loaded) << name;
        keys.emplace(name, *loaded);
    }
    std::size_t accepted = 0;
    for (const Json& v : file.at("vectors")) {
        SCOPED_TRACE(v.at("id").get<std::string>());
        auto envelope = dsse::parse_envelope(v.at("envelope").dump());
        ASSERT_TRUE(std::holds_alternative<dsse::Envelope>(envelope))
            << std::get<std::string>(envelope);
        const dsse::Envelope& e = std::get<dsse::Envelope>(envelope);
        // The vector's PAE is what its signatures cover (the envelope's own PAE, unless the
        // vector changed the envelope after signing, as payload-type-swapped does).
        const std::string covered = from_hex(v.at("pae"));
        if (v.at("expect") == "accept") {
            EXPECT_EQ(dsse::pae(e.payload_type, e.payload), covered);
        }
        std::vector<dsse::TrustedKey> trusted;
        bool some_signature_covers_it = false;
        for (const Json& name : v.at("trustedKeys")) {
            const Ed25519Key& key = keys.at(name.get<std::string>());
            trusted.push_back({name.get<std::string>(), &key});
            for (const dsse::Signature& s : e.signatures) {
                some_signature_covers_it = some_signature_covers_it || key.verify(covered, s.sig);
            }
        }
        EXPECT_TRUE(some_signature_covers_it);
        const dsse::Verification result =
            dsse::verify(e, trusted, v.at("threshold").get<std::size_t>(),
                         v.at("supportedPayloadTypes").get<std::vector<std::string>>());
        EXPECT_EQ(result.accepted ? "accept" : "reject", v.at("expect").get<std::string>())
            << result.reason;
        accepted += result.accepted;
    }
    EXPECT_EQ(file.at("vectors").size(), 9u); // the file as vendored: none skipped
    EXPECT_EQ(accepted, 6u);
}

TEST(DsseVectors, NoVectorIsAcceptedWithAnUntrustedKey) {
    // The same envelopes with the trusted keys swapped for a key that signed none of them.
    const Json file = vectors();
    const auto stranger = Ed25519Key::from_raw_public(from_hex(
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")); // RFC 8032 TEST 3
    ASSERT_TRUE(stranger);
    for (const Json& v : file.at("vectors")) {
        SCOPED_TRACE(v.at("id").get<std::string>());
        const auto e = std::get<dsse::Envelope>(dsse::parse_envelope(v.at("envelope").dump()));
        const dsse::Verification result =
            dsse::verify(e, {{"", &*stranger}}, 1,
                         v.at("supportedPayloadTypes").get<std::vector<std::string>>());
        EXPECT_FALSE(result.accepted);
        EXPECT_EQ(result.keys_accepted, 0u);
    }
}

TEST(Dsse, PaeIsTheSpecsExample) {
    EXPECT_EQ(dsse::pae("http://example.com/HelloWorld", "hello world"),
              "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    EXPECT_EQ(dsse::pae("", ""), "DSSEv1 0  0 ");
}

TEST(Dsse, Base64RoundTripsEveryLengthInEitherAlphabet) {
    std::string bytes;
    for (int n = 0; n < 70; ++n) {
        const std::string text = dsse::base64_encode(bytes);
        EXPECT_EQ(text.size() % 4, 0u);
        EXPECT_EQ(dsse::base64_decode(text), bytes) << text;
        std::string url = text;
        for (char& c : url) {
            c = c == '+' ? '-' : c == '/' ? '_' : c;
        }
        EXPECT_EQ(dsse::base64_decode(url), bytes) << url;
        const std::string bare = text.substr(0, text.find('=')); // padding is optional
        EXPECT_EQ(dsse::base64_decode(bare), bytes) << bare;
        bytes += static_cast<char>(n * 37 + 250); // every byte value class, 0x80+ included
    }
    EXPECT_EQ(dsse::base64_encode("\xfb\xff\xbf>?"), "+/+/Pj8=");
}

TEST(Dsse, Base64RejectsAnythingElse) {
    for (const char* text : {"Q", "QQ=", "QQ===", "Q===", "====", "QR==", "QUF=", "QU!B", "QU B",
                             "QQ==QQ==", "=QQ=", "QUFB\n"}) {
        EXPECT_FALSE(dsse::base64_decode(text)) << text;
    }
    EXPECT_EQ(dsse::base64_decode(""), "");
    EXPECT_EQ(dsse::base64_decode("QQ=="), "A");
}

TEST(Dsse, EnvelopeParsingFollowsTheEnvelopeSpec) {
    // Unknown members are ignored, keyid is optional; the required members must be there.
    auto ok = dsse::parse_envelope(
        R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":""}],"extra":1})");
    ASSERT_TRUE(std::holds_alternative<dsse::Envelope>(ok));
    EXPECT_EQ(std::get<dsse::Envelope>(ok).payload, "hi");
    EXPECT_EQ(std::get<dsse::Envelope>(ok).signatures.at(0).keyid, "");
    for (const char* text :
         {R"({"payloadType":"t","signatures":[]})", R"({"payload":"aGk=","signatures":[]})",
          R"({"payload":"aGk=","payloadType":"t"})",
          R"({"payload":"aGk=","payloadType":"t","signatures":[{}]})",
          R"({"payload":"aGk","payloadType":"t","signatures":[],"payload":"aGk="})",
          R"({"payload":"a!k=","payloadType":"t","signatures":[]})",
          R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":"","keyid":3}]})", R"([])",
          "not json", ""}) {
        EXPECT_TRUE(std::holds_alternative<std::string>(dsse::parse_envelope(text))) << text;
    }
}

TEST(Dsse, WrittenEnvelopesParseBackToTheSameEnvelope) {
    const dsse::Envelope e{"application/vnd.in-toto+json",
                           std::string("{\"a\":\"\xc3\xa4\"}"),
                           {{"k1", std::string(64, '\x01')}, {"", "sig"}}};
    const std::string text = dsse::write_envelope(e);
    EXPECT_TRUE(text.ends_with("\n}\n"));
    const auto back = std::get<dsse::Envelope>(dsse::parse_envelope(text));
    EXPECT_EQ(back.payload_type, e.payload_type);
    EXPECT_EQ(back.payload, e.payload);
    ASSERT_EQ(back.signatures.size(), 2u);
    EXPECT_EQ(back.signatures[0].keyid, "k1");
    EXPECT_EQ(back.signatures[0].sig, e.signatures[0].sig);
    EXPECT_EQ(dsse::write_envelope(back), text);
}

} // namespace
} // namespace tmsc
