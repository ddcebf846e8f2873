// Intensities: relative ones stay relative until a threshold is known; no pulse above
// 100 %MSO.

#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::codes;
using testing::lower_text;

std::string protocol(const std::string& items, const std::string& session) {
    return "protocol \"p\" {\n" + items + "  session {\n" + session + "\n  }\n}\n";
}

TEST(LowerIntensity, RelativeIntensityStaysRelativeWithoutThreshold) {
    auto p = lower_text(protocol("  intensity 120 %rMT\n", "    train 10 pulses at 10 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    const ScheduledIntensity& i = p->schedule->stimuli[0].intensity;
    EXPECT_EQ(i.written, (IntensityValue{120, IntensityRef::Rmt}));
    EXPECT_FALSE(i.mso);
}

TEST(LowerIntensity, CommandLineThresholdConverts) {
    LowerOptions options;
    options.rmt_mso = Rational(55);
    auto p = lower_text(protocol("  intensity 120 %rMT\n", "    train 10 pulses at 10 Hz"), options);
    ASSERT_TRUE(p->schedule_ok());
    EXPECT_EQ(*p->schedule->stimuli[0].intensity.mso, Rational(66));
}

TEST(LowerIntensity, ConcreteSubjectThresholdConverts) {
    auto p = lower_text(protocol("  intensity 90 %rMT\n  subject rmt = 57 %MSO\n",
                                 "    train 10 pulses at 10 Hz"));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    EXPECT_EQ(*p->schedule->stimuli[0].intensity.mso, Rational(513, 10));
}

TEST(LowerIntensity, InnermostSettingWins) {
    auto p = lower_text(protocol("  intensity 120 %rMT\n",
                                 "    block { intensity 110 %rMT\n"
                                 "      train 10 pulses at 10 Hz\n"
                                 "      train 10 pulses at 10 Hz intensity 100 %rMT\n"
                                 "      train 2 bursts at 5 Hz { burst 3 pulses at 50 Hz "
                                 "intensity 80 %aMT }\n    }"));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    EXPECT_EQ(p->schedule->stimuli[0].intensity.written.percent, Rational(110));
    EXPECT_EQ(p->schedule->stimuli[1].intensity.written.percent, Rational(100));
    EXPECT_EQ(p->schedule->stimuli[2].intensity.written, (IntensityValue{80, IntensityRef::Amt}));
}

TEST(LowerIntensity, AboveMaximumOutputIsAnErrorNamingThePulseAndThreshold) {
    LowerOptions options;
    options.rmt_mso = Rational(90);
    auto p = lower_text(protocol("  intensity 120 %rMT\n",
                                 "    pulse intensity 100 %rMT\n    wait 5 s\n"
                                 "    train 10 pulses at 10 Hz"),
                        options);
    EXPECT_FALSE(p->schedule_ok());
    ASSERT_EQ(codes(*p), (std::vector<std::string>{"E0905"}));
    const std::string text = render(p->lowering[0], p->source);
    EXPECT_NE(text.find("test.tms:6:5: error[E0905]: every pulse of this train would be 108 "
                        "%MSO, above the stimulator's maximum output (100 %MSO)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("120 %rMT of rMT 90 %MSO (from --rmt)"), std::string::npos) << text;
    EXPECT_NE(text.find("first at pulse 1 of the session (train 1, at 5 s)"), std::string::npos)
        << text;
}

TEST(LowerIntensity, SubjectThresholdAboveMaximumNamesTheSubjectLine) {
    auto p = lower_text(protocol("  intensity 150 %rMT\n  subject rmt = 70 %MSO\n",
                                 "    train 10 pulses at 10 Hz"));
    ASSERT_EQ(codes(*p), (std::vector<std::string>{"E0905"}));
    EXPECT_NE(render(p->lowering[0], p->source).find("from 'subject' at line 3"),
              std::string::npos);
}

TEST(LowerIntensity, CommandLineThresholdMustLieInTheSubjectRange) {
    LowerOptions options;
    options.rmt_mso = Rational(80);
    auto p = lower_text(protocol("  intensity 100 %rMT\n  subject rmt in 30..75 %MSO\n",
                                 "    train 10 pulses at 10 Hz"),
                        options);
    EXPECT_EQ(codes(*p), (std::vector<std::string>{"E0907"}));
}

TEST(LowerIntensity, PairNamesWhichPulse) {
    LowerOptions options;
    options.amt_mso = Rational(50);
    options.rmt_mso = Rational(90);
    auto p = lower_text(protocol("", "    paired 2 ms (80 %aMT, 120 %rMT)"), options);
    ASSERT_EQ(codes(*p), (std::vector<std::string>{"E0905"}));
    EXPECT_NE(p->lowering[0].message.find("the second pulse of this pair"), std::string::npos);
}

} // namespace
} // namespace tmsc
