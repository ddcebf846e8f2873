// The firmware's own SHA-256 (firmware/avr-ttl/sha256.c) on the host: the FIPS 180-4 example
// messages and NIST's long-message vector, and byte-by-byte updates giving the same digest
// (the firmware feeds its table one flash byte at a time).

extern "C" {
#include "firmware/avr-ttl/sha256.h"
}

#include <cstdio>
#include <gtest/gtest.h>
#include <string>

namespace {

std::string hex_digest(const std::string& message, std::size_t chunk) {
    sha256_context c;
    sha256_init(&c);
    for (std::size_t at = 0; at < message.size(); at += chunk) {
        const std::size_t n = std::min(chunk, message.size() - at);
        sha256_update(&c, reinterpret_cast<const std::uint8_t*>(message.data() + at), n);
    }
    std::uint8_t digest[32];
    sha256_finish(&c, digest);
    std::string out;
    for (std::uint8_t b : digest) {
        char two[3];
        std::snprintf(two, sizeof two, "%02x", b);
        out += two;
    }
    return out;
}

TEST(FirmwareSha256, FipsVectors) {
    EXPECT_EQ(hex_digest("", 1),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex_digest("abc", 1),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    EXPECT_EQ(hex_digest(two_blocks, 1),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex_digest(two_blocks, 64), hex_digest(two_blocks, 1));
}

TEST(FirmwareSha256, OneMillionA) {
    EXPECT_EQ(hex_digest(std::string(1000000, 'a'), 1000),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(FirmwareSha256, PaddingAtEveryLengthAroundABlock) {
    // 55, 56 and 64 bytes: the length field just fits, needs a second block, or a full block.
    // (Digests from Python's hashlib, an implementation independent of this one.)
    EXPECT_EQ(hex_digest(std::string(55, 'x'), 1),
              "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
    EXPECT_EQ(hex_digest(std::string(56, 'x'), 7),
              "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
    EXPECT_EQ(hex_digest(std::string(64, 'a'), 1),
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

} // namespace
