// Checksums and byte order, against the vendors' worked examples and the CRC catalogue's check
// values.

#include "targets/backend/bytes.hpp"
#include "targets/magstim/magstim_frames.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

TEST(TargetBytes, MagstimVendorExampleSetPower50) {
    // TDb087: 0x40+0x30+0x35+0x30 = 0xD5 -> checksum 0x2A ('*').
    EXPECT_EQ(magstim_checksum(ascii("@050")), 0x2A);
    EXPECT_EQ(to_hex(magstim::set_power(50)), "40 30 35 30 2A");
    EXPECT_EQ(to_string(magstim::set_power(50)), "@050*");
}

// Expected bytes computed independently (Python: ~sum(bytes) & 0xFF), not by this code.
TEST(TargetBytes, MagstimFrameTable) {
    struct Row {
        Bytes frame;
        const char* hex;
    };
    const Row rows[] = {
        {magstim::set_power(100), "40 31 30 30 2E"},
        {magstim::set_power(0), "40 30 30 30 2F"},
        {magstim::set_frequency_tenths(100), "42 30 31 30 30 FC"},
        {magstim::set_pulses(40), "44 30 30 30 34 30 C7"},
        {magstim::set_duration_tenths(40), "5B 30 30 34 30 E0"},
        {magstim::set_duration_tenths(0), "5B 30 30 30 30 E4"},
        {magstim::get_parameters(), "5C 40 63"},
        {magstim::arm(), "45 42 78"},
        {magstim::disarm(), "45 41 79"},
        {magstim::fire(), "45 48 72"},
        {magstim::keep_alive(), "78 40 47"},
        {magstim::remote_off(), "52 40 6D"},
    };
    for (const Row& row : rows) {
        EXPECT_EQ(to_hex(row.frame), row.hex);
        EXPECT_TRUE(magstim::unframe(row.frame).has_value()) << row.hex;
    }
}

TEST(TargetBytes, MagstimUnframeRejectsBadChecksum) {
    EXPECT_EQ(magstim::unframe(*from_hex("40 30 35 30 2A")), "@050");
    EXPECT_FALSE(magstim::unframe(*from_hex("40 30 35 30 2B")).has_value());
    EXPECT_FALSE(magstim::unframe(Bytes{0x40}).has_value());
}

TEST(TargetBytes, MagstimFieldsHaveFixedWidth) {
    EXPECT_EQ(magstim::digits(7, 3), "007");
    EXPECT_FALSE(magstim::digits(1000, 3).has_value());
    EXPECT_FALSE(magstim::digits(-1, 3).has_value());
    EXPECT_THROW(magstim::set_power(1000), std::logic_error);
}

TEST(TargetBytes, Crc8MaximCheckValue) {
    EXPECT_EQ(crc8_maxim(ascii("123456789")), 0xA1);
    EXPECT_EQ(crc8_maxim(Bytes{0x00}), 0x00);
    EXPECT_EQ(crc8_maxim(Bytes{}), 0x00);
}

TEST(TargetBytes, Crc32CheckValue) {
    EXPECT_EQ(crc32_ieee(ascii("123456789")), 0xCBF43926u);
}

TEST(TargetBytes, ExplicitByteOrder) {
    Bytes out;
    put_be16(out, 0x0102);
    put_le16(out, 0x0102);
    put_le32(out, 0x01020304u);
    put_le64(out, 0x0102030405060708ull);
    EXPECT_EQ(to_hex(out), "01 02 02 01 04 03 02 01 08 07 06 05 04 03 02 01");
    EXPECT_EQ(get_be16(out, 0), 0x0102);
    EXPECT_EQ(get_le16(out, 2), 0x0102);
    EXPECT_EQ(get_le32(out, 4), 0x01020304u);
    EXPECT_EQ(get_le64(out, 8), 0x0102030405060708ull);
    EXPECT_FALSE(get_le64(out, 9).has_value());
}

TEST(TargetBytes, HexRoundTrip) {
    EXPECT_EQ(from_hex("FE 01 00 00 FF"), (Bytes{0xFE, 0x01, 0x00, 0x00, 0xFF}));
    EXPECT_EQ(from_hex("fe01"), (Bytes{0xFE, 0x01}));
    EXPECT_FALSE(from_hex("F").has_value());
    EXPECT_FALSE(from_hex("GG").has_value());
}

} // namespace
} // namespace tmsc::targets
