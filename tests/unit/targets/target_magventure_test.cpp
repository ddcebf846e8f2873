// MagVenture MagPro frames and planning. Expected frames were computed independently (a
// bit-by-bit CRC-8/MAXIM in Python), not by this code.

#include "targets/backend/backend.hpp"
#include "targets/magventure/magventure_frames.hpp"
#include "targets/magventure/magventure_script.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

using namespace testing;
namespace mv = magventure;

TEST(TargetMagventure, FrameTable) {
    mv::Waveform itbs;
    itbs.model = 1;
    itbs.wave = 3;
    itbs.burst_pulses = 3;
    itbs.ipi_tenths_ms = 200;
    mv::Waveform biphasic = itbs;
    biphasic.wave = 1;
    const std::pair<Bytes, const char*> rows[] = {
        {mv::status(), "FE 01 00 00 FF"}, // the reference's example
        {mv::amplitude(66), "FE 02 01 42 3E FF"},
        {mv::amplitude(100), "FE 02 01 64 C0 FF"},
        {mv::enable(true), "FE 02 02 01 CF FF"},
        {mv::enable(false), "FE 02 02 00 91 FF"},
        {mv::start(), "FE 01 04 61 FF"},
        {mv::page(mv::kPageTiming), "FE 03 07 02 00 EB FF"},
        {mv::timing(100, 40, 75, 261), "FE 09 06 00 64 00 28 00 4B 01 05 E2 FF"},
        {mv::timing(50, 10, 20, 82), "FE 09 06 00 32 00 0A 00 14 00 52 93 FF"},
        {mv::waveform(itbs), "FE 0B 09 01 01 00 00 03 02 00 C8 00 64 E9 FF"},
        {mv::waveform(biphasic), "FE 0B 09 01 01 00 00 01 02 00 C8 00 64 87 FF"},
    };
    for (const auto& [frame, hex] : rows) {
        EXPECT_EQ(to_hex(frame), hex);
        EXPECT_TRUE(mv::unframe(frame).has_value()) << hex;
    }
    EXPECT_EQ(mv::parse_waveform(*mv::unframe(mv::waveform(itbs))), itbs);
}

TEST(TargetMagventure, UnframeRejectsDamage) {
    EXPECT_FALSE(mv::unframe(*from_hex("FE 02 01 42 3F FF")).has_value()); // CRC
    EXPECT_FALSE(mv::unframe(*from_hex("FE 03 01 42 3E FF")).has_value()); // length
    EXPECT_FALSE(mv::unframe(*from_hex("FE 02 01 42 3E FE")).has_value()); // end byte
    EXPECT_FALSE(mv::unframe(*from_hex("FE 00 00 FF")).has_value());       // empty body
}

TargetResult compile(const TargetSession& s, const char* device_name) {
    return compile_for_target(*find_backend("magventure"), s, device(device_name));
}

TEST(TargetMagventure, FdaIsOneRunWithTheLastPulseInterval) {
    const TargetResult r = compile(fda_10hz(), "magventure-x100");
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    const std::string& text = r.program->files[0].contents;
    EXPECT_NE(text.find("setup timing FE 09 06 00 64 00 28 00 4B 01 05 E2 FF ; 10 pps, 40 pulses, "
                        "75 trains, ITI 26.1 s"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("setup amplitude FE 02 01 42 3E FF"), std::string::npos);
    EXPECT_NE(text.find("at 0 start FE 01 04 61 FF"), std::string::npos);
    EXPECT_EQ(codes(r.diagnostics), std::vector<std::string>{"T0199"}) << dump(r.diagnostics);
}

TEST(TargetMagventure, ItbsUsesTheBiphasicBurstWaveform) {
    const TargetResult r = compile(itbs(Rational(60)), "magventure-x100");
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    const std::string& text = r.program->files[0].contents;
    // 5 pps, 10 bursts, 20 trains, ITI 8.2 s from the last burst's trigger.
    EXPECT_NE(text.find("FE 09 06 00 32 00 0A 00 14 00 52 93 FF"), std::string::npos) << text;
    EXPECT_NE(text.find("FE 0B 09 01 01 00 00 03 02 00 C8 00 64 E9 FF"), std::string::npos);
}

TEST(TargetMagventure, RoundingsAreReported) {
    // 18.75 Hz is not on the grid (whole pps above 1): 18 pps, reported with its effect.
    const TargetResult r = compile(
        repeated(plain_train(0, 30, Rational(75, 4), Rational(605, 10)), 3, 10), "magventure-x100");
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0101", "amplitude 60.5 %MSO -> 60 %MSO"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0102", "repetition rate 18.75 pps -> 18 pps"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0103", "inter-train interval")) << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0199", "span")) << dump(r.diagnostics);
}

TEST(TargetMagventure, RefusesWhatItCannotRun) {
    const TargetResult pair =
        compile(session_of({paired(0, Rational(1, 500), 40, 60)}, 5), "magventure-x100-magoption");
    EXPECT_TRUE(has(pair.diagnostics, "T0202", "twin or dual mode")) << dump(pair.diagnostics);
    const TargetResult r30 = compile(itbs(Rational(60)), "magventure-r30");
    EXPECT_TRUE(has(r30.diagnostics, "T0204", "has no biphasic_burst waveform"))
        << dump(r30.diagnostics);
    // TTL triggers would need 50 Hz pulses, above the R30's 30 pps: nothing can run it.
    EXPECT_TRUE(has(r30.diagnostics, "T0204", "no other back end can run this session"))
        << dump(r30.diagnostics);
    const TargetResult fast =
        compile(repeated(plain_train(0, 20, 50, 50), 2, 10), "magventure-r30");
    EXPECT_TRUE(has(fast.diagnostics, "T0204", "repetition rate 50 pps is outside"))
        << dump(fast.diagnostics);
    const TargetResult many =
        compile(session_of({plain_train(0, 1001, 10, 50)}, 200), "magventure-x100");
    EXPECT_TRUE(has(many.diagnostics, "T0204", "pulses in train 1001")) << dump(many.diagnostics);
}

TEST(TargetMagventure, NoTimeToReprogramIsRefused) {
    // Two different trains 0.1 s apart: the timing block cannot be sent in between.
    const TargetResult r = compile(
        session_of({plain_train(0, 10, 10, 50), plain_train(Rational(11, 10), 10, 20, 50)}, 10),
        "magventure-x100");
    EXPECT_TRUE(has(r.diagnostics, "T0207", "no time to reprogram")) << dump(r.diagnostics);
    EXPECT_FALSE(r.program.has_value());
}

TEST(TargetMagventure, DecoderChecksTheModelCode) {
    const TargetResult r = compile(fda_10hz(), "magventure-x100");
    ASSERT_TRUE(r.program.has_value());
    const TargetBackend& b = *find_backend("magventure");
    EXPECT_TRUE(b.decode(r.program->files[0], device("magventure-x100")).pulses.has_value());
    const DecodeResult wrong = b.decode(r.program->files[0], device("magventure-x100-magoption"));
    EXPECT_FALSE(wrong.pulses.has_value());
    EXPECT_NE(wrong.error.find("another model"), std::string::npos) << wrong.error;
    TargetFile damaged = r.program->files[0];
    damaged.contents.replace(damaged.contents.find("42 3E"), 5, "43 3E");
    EXPECT_NE(b.decode(damaged, device("magventure-x100")).error.find("malformed frame"),
              std::string::npos);
}

} // namespace
} // namespace tmsc::targets
