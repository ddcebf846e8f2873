// TTL trigger tables: the binary layout byte by byte, the C header, and the checks against the
// stimulator the table drives.

#include "targets/backend/backend.hpp"
#include "targets/ttl/ttl_format.hpp"
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
    const std::string header = ttl::write_c_header(t, "x");
    std::string changed = header;
    changed.replace(changed.find("100000u"), 7, "100001u");
    EXPECT_FALSE(ttl::read_c_header(changed, error).has_value());
    EXPECT_EQ(ttl::read_c_header(header, error), t) << error;
}

TEST(TargetTtl, CHeaderIsValidCWithDefines) {
    const TargetResult r = compile("ttl-c-header", itbs());
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    const std::string& h = r.program->files[0].contents;
    EXPECT_NE(h.find("#define TMSC_PULSE_COUNT 600u"), std::string::npos);
    EXPECT_NE(h.find("#define TMSC_POWER_MSO 30u"), std::string::npos);
    EXPECT_NE(h.find("static const uint32_t tmsc_onsets_us[TMSC_PULSE_COUNT] TMSC_TABLE_STORAGE"),
              std::string::npos);
    EXPECT_NE(h.find(" 191840000u\n};"), std::string::npos) << h.substr(h.size() - 200);
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

TEST(TargetTtl, HeaderRefusesTimesBeyondThirtyTwoBits) {
    const TargetSession s = session_of({single_pulse(0, 50), single_pulse(4295, 50)}, 4300);
    EXPECT_TRUE(has(compile("ttl-c-header", s).diagnostics, "T0207", "does not fit"));
    EXPECT_TRUE(compile("ttl", s).program.has_value());
}

} // namespace
} // namespace tmsc::targets
