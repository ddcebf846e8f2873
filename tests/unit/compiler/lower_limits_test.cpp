// Limits known before any output: --max-pulses, counts made fractional by --set.

#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::codes;
using testing::lower_text;
using testing::protocol_with;

TEST(LowerLimits, PulseCountAboveTheLimitIsAnError) {
    LowerOptions options;
    options.max_pulses = 2999;
    auto p = lower_text(protocol_with("    repeat 75 {\n train 40 pulses at 10 Hz\n wait 26 s\n }"),
                        options);
    ASSERT_EQ(codes(*p), (std::vector<std::string>{"E0906"}));
    EXPECT_NE(p->lowering[0].message.find("3000 pulses, more than the limit of 2999"),
              std::string::npos);
    options.max_pulses = 3000;
    EXPECT_TRUE(lower_text(protocol_with("    repeat 75 {\n train 40 pulses at 10 Hz\n wait 26 s\n }"),
                           options)
                    ->schedule_ok());
}

TEST(LowerLimits, DefaultLimitIsTenMillion) {
    EXPECT_EQ(LowerOptions{}.max_pulses, 10'000'000);
    auto p = lower_text(protocol_with("    repeat 10001 {\n train 1000 pulses at 1000 Hz\n }"));
    EXPECT_EQ(codes(*p), (std::vector<std::string>{"E0906"}));
}

TEST(LowerLimits, SetValueThatMakesACountFractionalIsAnError) {
    const std::string text = protocol_with("    repeat 2 {\n train n pulses at 10 Hz\n wait 5 s\n }",
                                           "  param n = 40 in 20..60\n");
    LowerOptions options;
    std::string error;
    options.settings.push_back(*parse_param_setting("n=40.5", error));
    auto p = lower_text(text, options);
    EXPECT_EQ(codes(*p), (std::vector<std::string>{"E0910"}));
    EXPECT_FALSE(p->schedule_ok());
}

} // namespace
} // namespace tmsc
