// --set: values inside the declared range replace defaults; anything else is an error.

#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::codes;
using testing::lower_text;

const std::string kProtocol =
    "protocol \"p\" {\n"
    "  param n = 40 in 20..60\n"
    "  param gap = 26 s in 20..30 s\n"
    "  param level = 110 %rMT in 100..120 %rMT\n"
    "  intensity level\n"
    "  session {\n"
    "    repeat 10 {\n      train n pulses at 10 Hz\n      wait gap\n    }\n"
    "  }\n"
    "}\n";

LowerOptions with(std::initializer_list<const char*> settings) {
    LowerOptions options;
    for (const char* s : settings) {
        std::string error;
        std::optional<ParamSetting> parsed = parse_param_setting(s, error);
        EXPECT_TRUE(parsed) << error;
        if (parsed) {
            options.settings.push_back(*parsed);
        }
    }
    return options;
}

TEST(LowerParams, DefaultsApplyWithoutSettings) {
    auto p = lower_text(kProtocol);
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    EXPECT_EQ(p->summary->session.pulses, 400);
    EXPECT_EQ(p->summary->session.nominal, Rational(300));
}

TEST(LowerParams, SettingsInsideTheRangeReplaceDefaults) {
    auto p = lower_text(kProtocol, with({"n=50", "gap=25000ms", "level=115%rMT"}));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    EXPECT_EQ(p->summary->session.pulses, 500);
    EXPECT_EQ(p->summary->session.nominal, Rational(300));
    EXPECT_EQ(p->schedule->stimuli[0].intensity.written, (IntensityValue{115, IntensityRef::Rmt}));
    EXPECT_TRUE(p->schedule->parameters[0].from_command_line);
}

TEST(LowerParams, RangeEndsAreInside) {
    auto p = lower_text(kProtocol, with({"n=60", "gap=20 s"}));
    EXPECT_TRUE(p->schedule_ok());
}

TEST(LowerParams, ValueOutsideTheRangeIsAnErrorAtTheParam) {
    auto p = lower_text(kProtocol, with({"n=61"}));
    EXPECT_FALSE(p->schedule_ok());
    ASSERT_EQ(codes(*p), (std::vector<std::string>{"E0902"}));
    EXPECT_EQ(p->lowering[0].range.begin.line, 2u);
    EXPECT_EQ(render(p->lowering[0], p->source).rfind("test.tms:2:3: error[E0902]: --set n=61 "
                                                         "is outside the range of 'n': 20 to 60",
                                                         0),
              0u)
        << render(p->lowering[0], p->source);
}

TEST(LowerParams, DurationOutsideTheRangeInAnotherUnit) {
    auto p = lower_text(kProtocol, with({"gap=0.5 min"}));
    EXPECT_EQ(codes(*p), (std::vector<std::string>{}));
    auto over = lower_text(kProtocol, with({"gap=0.6min"}));
    EXPECT_EQ(codes(*over), (std::vector<std::string>{"E0902"}));
}

TEST(LowerParams, UnknownNameAndWrongUnitAreErrors) {
    EXPECT_EQ(codes(*lower_text(kProtocol, with({"m=3"}))), (std::vector<std::string>{"E0901"}));
    EXPECT_EQ(codes(*lower_text(kProtocol, with({"gap=3 Hz"}))),
              (std::vector<std::string>{"E0903"}));
    EXPECT_EQ(codes(*lower_text(kProtocol, with({"level=60 %MSO"}))),
              (std::vector<std::string>{"E0903"}));
}

TEST(LowerParams, ParseRejectsMalformedSettings) {
    std::string error;
    EXPECT_FALSE(parse_param_setting("n", error));
    EXPECT_NE(error.find("NAME=VALUE"), std::string::npos);
    EXPECT_FALSE(parse_param_setting("n=abc", error));
    EXPECT_FALSE(parse_param_setting("=3", error));
    std::optional<ParamSetting> ok = parse_param_setting("level=112.5 %rMT", error);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->name, "level");
    EXPECT_EQ(ok->number, Rational(225, 2));
    EXPECT_EQ(ok->unit, "%rMT");
}

} // namespace
} // namespace tmsc
