// The number formatting the pulse writers use instead of iostreams.

#include "targets/tables/emit_pulses.hpp"
#include "targets/tables/emit_text.hpp"

#include <gtest/gtest.h>
#include <limits>

namespace tmsc {
namespace {

std::string uint_text(std::uint64_t v) {
    char buffer[32];
    return std::string(buffer, write_uint(buffer, v));
}

std::string seconds_text(std::int64_t us) {
    char buffer[64];
    return std::string(buffer, write_micros_as_seconds(buffer, us));
}

TEST(EmitText, IntegersMatchToString) {
    const std::uint64_t values[] = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 12345678,
                                    99999999, 100000000, 123456789012, 52498995000,
                                    std::numeric_limits<std::uint64_t>::max()};
    for (std::uint64_t v : values) {
        EXPECT_EQ(uint_text(v), std::to_string(v));
    }
}

TEST(EmitText, MicrosecondsAsSeconds) {
    EXPECT_EQ(seconds_text(0), "0");
    EXPECT_EQ(seconds_text(1), "0.000001");
    EXPECT_EQ(seconds_text(20000), "0.02");
    EXPECT_EQ(seconds_text(1000000), "1");
    EXPECT_EQ(seconds_text(3900000), "3.9");
    EXPECT_EQ(seconds_text(52498995000), "52498.995");
    EXPECT_EQ(seconds_text(5371813), "5.371813");
}

TEST(EmitText, ExactSecondsOfFractionalTimes) {
    char buffer[emit::kMaxExactSecondsChars + 8];
    // 1/18 s = 55555 + 5/9 us.
    const PulseTime t{55555, 5, 9};
    EXPECT_EQ(std::string(buffer, emit::write_exact_seconds(buffer, t)), "1/18");
    const PulseTime whole{3900000, 0, 9};
    EXPECT_EQ(std::string(buffer, emit::write_exact_seconds(buffer, whole)), "3.9");
}

TEST(EmitText, DecimalCounterCarries) {
    emit::DecimalCounter counter(98);
    char buffer[64];
    EXPECT_EQ(std::string(buffer, counter.write(buffer)), "98");
    counter.increment();
    EXPECT_EQ(std::string(buffer, counter.write(buffer)), "99");
    counter.increment();
    EXPECT_EQ(std::string(buffer, counter.write(buffer)), "100");
    counter.reset(0);
    for (int i = 0; i < 1000; ++i) {
        counter.increment();
    }
    EXPECT_EQ(std::string(buffer, counter.write(buffer)), "1000");
}

TEST(EmitText, PaddedTextKeepsLongText) {
    char buffer[256];
    const std::string long_text(100, 'x');
    const emit::PaddedText text(long_text);
    EXPECT_EQ(std::string(buffer, text.write(buffer)), long_text);
    const emit::PaddedText short_text(",17,");
    EXPECT_EQ(std::string(buffer, short_text.write(buffer)), ",17,");
}

} // namespace
} // namespace tmsc
