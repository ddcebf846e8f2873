// Waivers: a waived warning becomes a recorded note; a waived error passes only when allowed;
// a waiver naming an unknown rule is an error; an unneeded waiver is reported.

#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::check_text;
using testing::Checked;
using testing::protocol;

/// A 600 s, 1 Hz train (a warning) and a 2 s, 20 Hz train at 120 % (an error).
std::string with_waivers(const std::string& waivers) {
    return protocol("  intensity 120 %rMT\n" + waivers,
                    "    train 600 pulses at 1 Hz\n    wait 30 s\n    train 40 pulses at 20 Hz\n");
}

const safety::WaiverRecord& only_waiver(const Checked& c) { return c.result.safety->waivers.at(0); }

TEST(SafetyWaiver, WaivedWarningPassesAndIsRecorded) {
    const Checked c = check_text(protocol(
        "  intensity 120 %rMT\n  waive rossi2009.train-duration-evidence \"IRB 2024-113\"\n",
        "    train 600 pulses at 1 Hz\n"));
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    EXPECT_EQ(c.count(Severity::Warning), 0u);
    ASSERT_TRUE(c.has("S0102"));
    EXPECT_EQ(c.first("S0102").severity, Severity::Note);
    EXPECT_EQ(c.first("S0102").notes.at(0).message, "waived at 4:3: \"IRB 2024-113\"");
    EXPECT_EQ(only_waiver(c).status, safety::WaiverRecord::Status::Applied);
    EXPECT_EQ(only_waiver(c).findings, 1u);
}

TEST(SafetyWaiver, WaivedErrorNeedsTheFlag) {
    const std::string text = with_waivers("  waive rossi2009.train-duration \"accepted\"\n");
    const Checked plain = check_text(text);
    EXPECT_EQ(plain.result.verdict, Verdict::Fail);
    EXPECT_EQ(plain.first("S0101").severity, Severity::Error);
    EXPECT_EQ(only_waiver(plain).status, safety::WaiverRecord::Status::NeedsFlag);

    CheckOptions allow;
    allow.allow_waived_errors = true;
    const Checked allowed = check_text(text, allow);
    EXPECT_EQ(allowed.count(Severity::Error), 0u) << allowed.text();
    EXPECT_EQ(only_waiver(allowed).status, safety::WaiverRecord::Status::Applied);
    // The 1 Hz train's warning is still there: a waiver covers one rule only, and an
    // unwaived warning fails the protocol (safety_verdict_test.cpp has the whole policy).
    EXPECT_TRUE(allowed.has("S0102"));
    EXPECT_EQ(allowed.result.verdict, Verdict::Fail);
}

TEST(SafetyWaiver, UnknownRuleIsAnErrorWithASuggestion) {
    const Checked c = check_text(with_waivers("  waive rossi2009.train-duraton \"typo\"\n"));
    EXPECT_EQ(c.result.verdict, Verdict::Fail);
    ASSERT_TRUE(c.has("S0301"));
    EXPECT_EQ(c.first("S0301").message,
              "waiver names rule 'rossi2009.train-duraton', which rule set 'rossi2009' does not have");
    EXPECT_EQ(c.first("S0301").notes.at(0).message, "did you mean 'rossi2009.train-duration'?");
    EXPECT_EQ(only_waiver(c).status, safety::WaiverRecord::Status::UnknownRule);
}

TEST(SafetyWaiver, UnneededWaiverIsReported) {
    const Checked c = check_text(protocol("  intensity 100 %rMT\n  waive chen1997.iti-hazard \"x\"\n",
                                          "    train 10 pulses at 10 Hz\n"));
    EXPECT_EQ(c.result.verdict, Verdict::Pass);
    EXPECT_TRUE(c.has("S0302"));
    EXPECT_EQ(only_waiver(c).status, safety::WaiverRecord::Status::Unused);
}

} // namespace
} // namespace tmsc
