// The magstim-rapid2 back end: the command script for a session, its binary form, the
// refusals, and a decoder that catches damaged or inconsistent scripts.

#include "targets/backend/backend.hpp"
#include "targets/magstim/magstim_script.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

using namespace testing;

TargetResult compile(const TargetSession& s, const char* device_name = "magstim-rapid2-240v") {
    return compile_for_target(*find_backend("magstim-rapid2"), s, device(device_name));
}

TEST(TargetRapid2, FdaProgramsOnceAndFiresEveryThirtySeconds) {
    const TargetResult r = compile(fda_10hz());
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    const std::string& text = r.program->files[0].contents;
    for (const char* line :
         {"setup send @066 40 30 36 36 23 ; set power 66 %MSO",
          "setup send B0100 42 30 31 30 30 FC ; set frequency 10 Hz",
          "setup send [0040 5B 30 30 34 30 E0 ; set duration 4 s",
          "setup send D00040 44 30 30 30 34 30 C7 ; set pulses 40",
          "setup read-back \\@ 5C 40 63 expect power=066 frequency=0100 pulses=00040 "
          "duration=0040",
          "setup arm EB 45 42 78", "at 0 fire EH 45 48 72", "at 30000000 fire EH 45 48 72",
          "at 2220000000 fire EH 45 48 72 ; train 75 of 75", "end disarm EA 45 41 79",
          "keepalive 500000 78 40 47"}) {
        EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
    }
    EXPECT_EQ(codes(r.diagnostics), std::vector<std::string>{"T0199"});
}

TEST(TargetRapid2, TextAndBinaryFormsHoldTheSameSteps) {
    const TargetResult r = compile(fda_10hz());
    ASSERT_TRUE(r.program.has_value());
    std::string error;
    const auto text = magstim::read_text(r.program->files[0].contents, error);
    ASSERT_TRUE(text.has_value()) << error;
    const auto binary = magstim::read_binary(to_bytes(r.program->files[1].contents), error);
    ASSERT_TRUE(binary.has_value()) << error;
    ASSERT_EQ(text->steps.size(), binary->steps.size());
    for (std::size_t i = 0; i < text->steps.size(); ++i) {
        EXPECT_TRUE(text->steps[i].same_as(binary->steps[i])) << "step " << i;
    }
    EXPECT_EQ(binary->device, "magstim-rapid2-240v");
    EXPECT_EQ(binary->keepalive_frame, text->keepalive_frame);
}

TEST(TargetRapid2, BinaryHeaderIsLittleEndian) {
    const TargetResult r = compile(session_of({plain_train(0, 10, 10, 50)}, 5));
    ASSERT_TRUE(r.program.has_value());
    const Bytes bin = to_bytes(r.program->files[1].contents);
    // "TMR2", version 1, flags 0, keep-alive 500000 us (0x0007A120), 3-byte x@ frame.
    EXPECT_EQ(to_hex(Bytes(bin.begin(), bin.begin() + 16)),
              "54 4D 52 32 01 00 00 00 20 A1 07 00 03 78 40 47");
}

TEST(TargetRapid2, DecoderRejectsDamage) {
    const TargetResult r = compile(fda_10hz());
    ASSERT_TRUE(r.program.has_value());
    const TargetBackend& b = *find_backend("magstim-rapid2");
    TargetFile text = r.program->files[0];
    text.contents.replace(text.contents.find("40 30 36 36 23"), 14, "40 30 36 37 23");
    EXPECT_FALSE(b.decode(text, device("magstim-rapid2-240v")).pulses.has_value());
    TargetFile mismatch = r.program->files[0];
    mismatch.contents.replace(mismatch.contents.find("power=066"), 9, "power=067");
    const DecodeResult d = b.decode(mismatch, device("magstim-rapid2-240v"));
    EXPECT_NE(d.error.find("read-back expectation does not match"), std::string::npos) << d.error;
    TargetFile binary = r.program->files[1];
    binary.contents[40] = static_cast<char>(binary.contents[40] ^ 1);
    EXPECT_NE(b.decode(binary, device("magstim-rapid2-240v")).error.find("CRC-32 mismatch"),
              std::string::npos);
}

TEST(TargetRapid2, RefusesThetaBurstAndNamesTheBackEndsThatCanRunIt) {
    const TargetResult r = compile(itbs());
    EXPECT_FALSE(r.program.has_value());
    EXPECT_TRUE(has(r.diagnostics, "T0201", "a burst of 3 pulses at 50 Hz is a train of 0.06 s"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0201", "shorter than the 0.1 s minimum train"));
    EXPECT_TRUE(has(r.diagnostics, "T0201",
                    "back ends that can run this session on the magstim-rapid2-240v: "
                    "magstim-rapid2-console, ttl, ttl-c-header"))
        << dump(r.diagnostics);
}

TEST(TargetRapid2, RefusesPairsAndShortTrains) {
    const TargetResult pair = compile(session_of({paired(0, Rational(1, 500), 40, 60)}, 5));
    EXPECT_TRUE(has(pair.diagnostics, "T0202", "no paired-pulse command"))
        << dump(pair.diagnostics);
    const TargetResult shorter = compile(session_of({plain_train(0, 2, 50, 30)}, 5));
    EXPECT_TRUE(has(shorter.diagnostics, "T0201", "lasts 0.04 s, shorter than the 0.1 s"))
        << dump(shorter.diagnostics);
}

TEST(TargetRapid2, EnergyRulesRefuseOnTheDeviceThatBreaksThem) {
    // TDb087's example: 73 %, 25 Hz, 10 s needs 21.95 s of rest; 15 s is too little.
    const TargetSession s = repeated(plain_train(0, 250, 25, 73), 2, 25);
    const TargetResult r = compile(s, "magstim-super-rapid2-240v");
    EXPECT_TRUE(has(r.diagnostics, "T0206", "needs about 21.952 s of rest")) << dump(r.diagnostics);
    EXPECT_TRUE(compile(repeated(plain_train(0, 250, 25, 73), 2, 32), "magstim-super-rapid2-240v")
                    .program.has_value());
    // The single-PSU Rapid2 cannot reach 25 Hz at 73 % at all.
    EXPECT_TRUE(has(compile(s).diagnostics, "T0203", "faster than the 20 Hz"))
        << dump(compile(s).diagnostics);
}

TEST(TargetRapid2, RoundingIsReportedWithItsEffect) {
    const TargetResult r =
        compile(repeated(plain_train(0, 30, Rational(1875, 100), Rational(555, 10)), 3, 10),
                "magstim-super-rapid2-240v");
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0101", "intensity 55.5 %MSO -> 55 %MSO"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0102",
                    "frequency 18.75 Hz -> 18.7 Hz; each train's on-time 1.6 s -> about 1.604 s "
                    "(3 occurrences)"))
        << dump(r.diagnostics);
    // 30 pulses at 18.7 Hz take 1.604... s: the duration field is raised to 1.7 s and the
    // read-back compares it loosely, because the device derives it from the pulses.
    EXPECT_NE(r.program->files[0].contents.find("duration=~0017"), std::string::npos);
}

TEST(TargetRapid2, ReprogramsBetweenDifferentTrainsOrRefuses) {
    const TargetSession ok =
        session_of({plain_train(0, 10, 10, 50), plain_train(5, 10, 20, 60)}, 10);
    const TargetResult r = compile(ok);
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    // After the first train's end (1 s) and its 0.5 s lockout: 1.55 s onwards, 50 ms apart.
    EXPECT_NE(r.program->files[0].contents.find("at 1550000 send @060"), std::string::npos)
        << r.program->files[0].contents;
    const TargetSession tight =
        session_of({plain_train(0, 10, 10, 50), plain_train(Rational(17, 10), 10, 20, 60)}, 10);
    EXPECT_TRUE(has(compile(tight).diagnostics, "T0207", "no time to reprogram"));
}

TEST(TargetRapid2, SinglePulsesUseSinglePulseMode) {
    const TargetResult r = compile(session_of({single_pulse(0, 50), single_pulse(5, 52)}, 10));
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    const std::string& text = r.program->files[0].contents;
    EXPECT_NE(text.find("setup send [0000 5B 30 30 30 30 E4 ; single-pulse mode"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("expect power=050 frequency=- pulses=- duration=0000"), std::string::npos);
    EXPECT_NE(text.find("at 550000 send @052"), std::string::npos) << text;
}

} // namespace
} // namespace tmsc::targets
