// SHA-256 against the FIPS 180-2 test vectors (appendix B), and the output sink's hashing
// (chunks hashed on a second thread) against hashing the same bytes at once.

#include "support/output_sink.hpp"
#include "support/sha256.hpp"

#include <cstdio>
#include <gtest/gtest.h>
#include <unistd.h>

namespace tmsc {
namespace {

TEST(EmitSha256, OneBlockMessage) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(EmitSha256, TwoBlockMessage) {
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(EmitSha256, OneMillionTimesA) {
    Sha256 hash;
    const std::string chunk(1000, 'a');
    for (int i = 0; i < 1000; ++i) {
        hash.update(chunk);
    }
    std::string hex;
    for (std::uint8_t b : hash.finish()) {
        static const char* digits = "0123456789abcdef";
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    EXPECT_EQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(EmitSha256, EmptyMessageAndPaddingBoundary) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // 55 and 56 bytes straddle the length field: one block versus two.
    EXPECT_EQ(sha256_hex(std::string(55, 'a')),
              "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(sha256_hex(std::string(56, 'a')),
              "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

TEST(EmitSha256, SinkHashesExactlyTheBytesWrittenBetweenStartAndStop) {
    // A 16-byte buffer: hundreds of chunks handed to the hashing thread, writes larger than
    // the buffer (hashed directly, after the pending chunks), reserve/commit, and bytes before
    // and after hashing that the digest must not include.
    std::FILE* file = std::tmpfile();
    ASSERT_NE(file, nullptr);
    OutputSink sink(fileno(file), 16);
    sink.write("before ");
    Sha256 digest;
    sink.hash_into(&digest);
    std::string expected;
    for (int i = 0; i < 500; ++i) {
        const std::string padding(i % 50 == 0 ? 40 : 0, '#'); // larger than the buffer
        const std::string piece = "pulse " + std::to_string(i) + padding + "\n";
        sink.write(piece);
        sink.integer(i);
        char* at = sink.reserve(3);
        at[0] = 'a';
        at[1] = 'b';
        sink.commit(at + 2);
        expected += piece + std::to_string(i) + "ab";
    }
    sink.hash_into(nullptr);
    sink.write(" after");
    sink.flush();
    EXPECT_EQ(digest.finish_hex(), sha256_hex(expected));
    std::rewind(file);
    std::string written(expected.size() + 13, '\0');
    written.resize(std::fread(written.data(), 1, written.size(), file));
    EXPECT_EQ(written, "before " + expected + " after");
    std::fclose(file);
}

} // namespace
} // namespace tmsc
