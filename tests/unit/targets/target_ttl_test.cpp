// TTL trigger tables: the binary layout byte by byte, the C header, and the checks against the
// stimulator the table drives.

#include "targets/backend/backend.hpp"
#include "targets/ttl/ttl_format.hpp"
#include "targets/ttl/ttl_header.hpp"
#include "support/sha256.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

using namespace testing;

TargetResult compile(const char* backend, const TargetSession& s,
                     const char* device_name = "magstim-rapid2-240v") {
    return compile_for_target(*find_backend(backend), s, device(device_name));
}

TEST(TargetTtl, BinaryLayout) {
    ttl::TriggerTable t;
    t.pulse_width_us = 1000;
    t.power_mso = 30;
    t.onsets_us = {0, 20000};
    const Bytes b = ttl::write_binary(t);
    ASSERT_EQ(b.size(), 24u + 16u);
    // magic, version 1, flags 0, count 2, width 1000 (0x3E8), power 30, reserved.
    EXPECT_EQ(to_hex(Bytes(b.begin(), b.begin() + 20)),
              "54 4D 53 54 01 00 00 00 02 00 00 00 E8 03 00 00 1E 00 00 00");
    // onsets: 0 and 20000 (0x4E20) as u64, least significant byte first.
    EXPECT_EQ(to_hex(Bytes(b.begin() + 24, b.end())),
              "00 00 00 00 00 00 00 00 20 4E 00 00 00 00 00 00");
    Bytes covered(b.begin(), b.begin() + 20);
    append(covered, Bytes(b.begin() + 24, b.end()));
    EXPECT_EQ(get_le32(b, 20), crc32_ieee(covered));
    std::string error;
    EXPECT_EQ(ttl::read_binary(b, error), t) << error;
}

TEST(TargetTtl, DamageIsDetected) {
    ttl::TriggerTable t;
    t.onsets_us = {0, 100000, 200000};
    Bytes b = ttl::write_binary(t);
    std::string error;
    b[30] ^= 1;
    EXPECT_FALSE(ttl::read_binary(b, error).has_value());
    EXPECT_NE(error.find("CRC-32"), std::string::npos);
    b.pop_back();
    EXPECT_FALSE(ttl::read_binary(b, error).has_value());
}

/// One burst train of 2 x 3 pulses, and a single pulse, at 18 Hz-style ninths of a microsecond.
ttl::CompactTable small_compact() {
    ttl::CompactTable t;
    t.denominator = 9;
    t.pulse_width_us = 1000;
    t.power_mso = 30;
    t.runs = {{0, 2, 3, 1800000, 180000}, {9000000000ull, 1, 1, 0, 0}};
    return t;
}

TEST(TargetTtl, CompactLayout) {
    const Bytes b = ttl::compact_bytes(small_compact());
    ASSERT_EQ(b.size(), 28u + 2 * 24u);
    // "TMSC", format 2, reserved, 2 runs, 7 pulses, denominator 9, width 1000, 30 %MSO, 0.
    EXPECT_EQ(to_hex(Bytes(b.begin(), b.begin() + 28)),
              "54 4D 53 43 02 00 00 00 02 00 00 00 07 00 00 00 09 00 00 00 E8 03 00 00 "
              "1E 00 00 00");
    // run 0: start 0 (u64), 2 units, 3 pulses, 1800000 (0x1B7740), 180000 (0x2BF20).
    EXPECT_EQ(to_hex(Bytes(b.begin() + 28, b.begin() + 52)),
              "00 00 00 00 00 00 00 00 02 00 00 00 03 00 00 00 40 77 1B 00 20 BF 02 00");
    // run 1: start 9e9 = 0x218711A00 needs the u64's fifth byte.
    EXPECT_EQ(to_hex(Bytes(b.begin() + 52, b.begin() + 60)), "00 1A 71 18 02 00 00 00");
    std::string error;
    EXPECT_EQ(ttl::read_compact_bytes(b, error), small_compact()) << error;
    // 1800000/9 us = 0.2 s between units, 180000/9 us = 20 ms inside them, 1000 s for run 1.
    const std::vector<Rational> onsets = small_compact().onsets_s();
    ASSERT_EQ(onsets.size(), 7u);
    EXPECT_EQ(onsets[4], Rational(22, 100));
    EXPECT_EQ(onsets[6], Rational(1000));
}

TEST(TargetTtl, CompactTablesOutOfOrderAreRefused) {
    ttl::CompactTable t = small_compact();
    t.runs[1].start = 1800000 + 2 * 180000; // on the last pulse of run 0
    std::string error;
    EXPECT_FALSE(ttl::read_compact_bytes(ttl::compact_bytes(t), error).has_value());
    EXPECT_NE(error.find("increasing time order"), std::string::npos) << error;
    t = small_compact();
    t.runs[0].unit_period = 2 * 180000; // the next burst starts on the last pulse
    EXPECT_FALSE(ttl::read_compact_bytes(ttl::compact_bytes(t), error).has_value());
    Bytes b = ttl::compact_bytes(small_compact());
    b.pop_back();
    EXPECT_FALSE(ttl::read_compact_bytes(b, error).has_value());
}

TEST(TargetTtl, CHeaderCarriesTheTableAndItsDigest) {
    const std::string header = ttl::write_c_header(small_compact(), "x");
    const Bytes bytes = ttl::compact_bytes(small_compact());
    Sha256 hash;
    hash.update(to_string(bytes));
    const auto digest = hash.finish();
    char first[8];
    std::snprintf(first, sizeof first, "0x%02X,", digest[0]);
    EXPECT_NE(header.find("tmsc_table_sha256[32] TMSC_TABLE_STORAGE = {\n    " +
                          std::string(first)),
              std::string::npos)
        << header;
    std::string error;
    EXPECT_EQ(ttl::read_c_header(header, error), small_compact()) << error;
    // One table byte changed (run 0's unit count, 2 -> 3): the digest no longer matches.
    std::string changed = header;
    const std::size_t run0 = changed.find("/* run 0");
    const std::size_t units = changed.find("0x02", changed.find('\n', run0));
    changed.replace(units, 4, "0x03");
    EXPECT_FALSE(ttl::read_c_header(changed, error).has_value());
    EXPECT_NE(error.find("SHA-256 mismatch"), std::string::npos) << error;
    // A define that disagrees with the bytes is refused too.
    changed = header;
    changed.replace(changed.find("TMSC_PULSE_COUNT 7u"), 19, "TMSC_PULSE_COUNT 8u");
    EXPECT_FALSE(ttl::read_c_header(changed, error).has_value());
}

TEST(TargetTtl, CHeaderIsValidCWithDefines) {
    const TargetResult r = compile("ttl-c-header", itbs());
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    const std::string& h = r.program->files[0].contents;
    EXPECT_NE(h.find("#define TMSC_PULSE_COUNT 600u"), std::string::npos);
    EXPECT_NE(h.find("#define TMSC_POWER_MSO 30u"), std::string::npos);
    // 20 trains of 10 bursts: 20 runs, 28 + 20 x 24 bytes.
    EXPECT_NE(h.find("#define TMSC_RUN_COUNT 20u"), std::string::npos);
    EXPECT_NE(h.find("static const uint8_t tmsc_table[TMSC_TABLE_BYTES] TMSC_TABLE_STORAGE"),
              std::string::npos);
    EXPECT_NE(h.find("#define TMSC_TABLE_BYTES 508u"), std::string::npos);
    EXPECT_NE(h.find("/* run 19 at 484: start 190000000, 10 x 3 pulses, periods 200000 and "
                     "20000 */"),
              std::string::npos);
}

TEST(TargetTtl, CHeaderKeepsEighteenHertzExact) {
    const TargetResult r = compile("ttl-c-header", session_of({plain_train(0, 36, 18, 50)}, 5),
                                   "magstim-super-rapid2-240v");
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    EXPECT_FALSE(has(r.diagnostics, "T0105", "")) << dump(r.diagnostics);
    const std::string& h = r.program->files[0].contents;
    // 1/18 s = 500000/9 us: the header counts ninths of a microsecond.
    EXPECT_NE(h.find("#define TMSC_TIME_DENOMINATOR 9u"), std::string::npos) << h;
    EXPECT_NE(h.find("36 x 1 pulses, periods 500000 and 0"), std::string::npos) << h;
}

TEST(TargetTtl, CheckedAgainstTheStimulatorItDrives) {
    // iTBS at 35 %MSO: 50 Hz bursts exceed the Rapid2's 41 Hz at that power.
    const TargetResult rapid = compile("ttl", itbs(Rational(35)));
    EXPECT_TRUE(has(rapid.diagnostics, "T0203", "faster than the 41 Hz"))
        << dump(rapid.diagnostics);
    EXPECT_TRUE(
        compile("ttl", itbs(Rational(35)), "magstim-super-rapid2-240v").program.has_value());
    // Paired pulses 2 ms apart are 500 Hz for a single stimulator.
    const TargetResult pair = compile("ttl", session_of({paired(0, Rational(1, 500), 40, 40)}, 5));
    EXPECT_TRUE(has(pair.diagnostics, "T0203", "500 Hz")) << dump(pair.diagnostics);
}

TEST(TargetTtl, OneIntensityPerTable) {
    const TargetResult r =
        compile("ttl", session_of({plain_train(0, 10, 10, 50), plain_train(10, 10, 10, 55)}, 20));
    EXPECT_TRUE(has(r.diagnostics, "T0202", "changes intensity (50 %MSO and 55 %MSO)"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0202", "magstim-rapid2, magstim-rapid2-console"))
        << dump(r.diagnostics);
}

TEST(TargetTtl, MicrosecondRoundingIsReported) {
    const TargetResult r = compile("ttl", session_of({plain_train(0, 36, 18, 50)}, 5));
    ASSERT_TRUE(r.program.has_value());
    // k/18 s is k x 55555.5... us: whole for k = 0, 9, 18, 27, otherwise off by a ninth of a
    // microsecond or more, at most 4/9 us after rounding.
    EXPECT_TRUE(has(r.diagnostics, "T0105",
                    "32 pulse onsets rounded to whole microseconds "
                    "(largest shift about 0.444 us)"))
        << dump(r.diagnostics);
}

TEST(TargetTtl, HeaderHoldsTimesBeyondThirtyTwoBitsOfMicroseconds) {
    const TargetSession s = session_of({single_pulse(0, 50), single_pulse(4295, 50)}, 4300);
    EXPECT_TRUE(compile("ttl-c-header", s).program.has_value());
    EXPECT_TRUE(compile("ttl", s).program.has_value());
}

TEST(TargetTtl, HeaderRefusesADenominatorBeyondThirtyTwoBits) {
    // Pulses 1/1009, 1/1013, 1/1019 and 1/1021 us past whole seconds: in microseconds they
    // share no denominator below their product, about 1.06e12 > 2^32.
    std::vector<TargetTrain> pulses = {single_pulse(0, 50)};
    for (std::int64_t p : {1009, 1013, 1019, 1021}) {
        pulses.push_back(single_pulse(Rational(p - 1000) * 10 + Rational(1, 1000000 * p), 50));
    }
    const TargetResult r = compile("ttl-c-header", session_of(pulses, 300));
    EXPECT_TRUE(has(r.diagnostics, "T0207", "denominator beyond 32 bits")) << dump(r.diagnostics);
    EXPECT_TRUE(compile("ttl", session_of(pulses, 300)).program.has_value());
}

} // namespace
} // namespace tmsc::targets
