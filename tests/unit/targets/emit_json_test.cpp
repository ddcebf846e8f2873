// The JSON schedule: valid against docs/schemas/schedule-v1.schema.json, exact, deterministic.

#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/schema_check.hpp"

#include "support/sha256.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tmsc {
namespace {

using Json = nlohmann::json;
using testing::emit_text;
using testing::lower_text;
using testing::protocol_with;

using testing::SchemaCheck;

Json schema() {
    std::ifstream in(std::string(TMSC_SOURCE_DIR) + "/docs/schemas/schedule-v1.schema.json");
    return Json::parse(in);
}

const std::string kFda = protocol_with("    repeat 75 {\n      train 40 pulses at 10 Hz\n"
                                       "      wait 26 s\n    }",
                                       "  cite \"O'Reardon 2007\"\n  target left_dlpfc\n");

TEST(EmitJson, ValidAgainstTheSchema) {
    const Json root = schema();
    const SchemaCheck checker(root);
    const std::string sources[] = {
        kFda,
        protocol_with("    train 36 pulses at 18 Hz"),
        protocol_with("    repeat 3 every 4..6 s seed 7 { paired 2 ms (80 %aMT, 120 %rMT) }"),
        protocol_with("    block \"a\" { train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz } }\n"
                      "    pulse"),
    };
    for (const std::string& text : sources) {
        LowerOptions options;
        options.rmt_mso = Rational(50);
        auto p = lower_text(text, options);
        ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
        const Json doc = Json::parse(emit_text(*p, EmitFormat::Json));
        EXPECT_EQ(checker.check(doc, root, ""), "") << text;
    }
}

TEST(EmitJson, SummaryAndPulsesCarryTheExactFigures) {
    auto p = lower_text(kFda);
    ASSERT_TRUE(p->schedule_ok());
    const Json doc = Json::parse(emit_text(*p, EmitFormat::Json));
    const Json& s = doc["summary"];
    EXPECT_EQ(s["pulses_per_session"], 3000);
    EXPECT_EQ(s["session_duration_s"], 2250);
    EXPECT_EQ(s["exact"]["session_span_s"], "2223.9");
    EXPECT_EQ(s["exact"]["device_style_s"], "2216.5");
    EXPECT_EQ(doc["pulses"].size(), 3000u);
    EXPECT_EQ(doc["pulses"][39]["t_us"], 3'900'000);
    EXPECT_EQ(doc["pulses"][39]["t_s"], "3.9");
    EXPECT_EQ(doc["pulses"][40]["train"], 1);
    EXPECT_EQ(doc["trains"].size(), 75u);
    EXPECT_EQ(doc["trains"][0]["exact"]["silence_after_last_pulse_s"], "26.1");
    EXPECT_EQ(doc["trains"][0]["target"], "left_dlpfc");
    EXPECT_EQ(doc["protocol"]["source_sha256"], sha256_hex(kFda));
    EXPECT_EQ(doc["protocol"]["citations"][0], "O'Reardon 2007");
}

TEST(EmitJson, NonWholeMicrosecondsAreExactAndReported) {
    auto p = lower_text(protocol_with("    train 36 pulses at 18 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    DiagnosticList warnings;
    const Json doc = Json::parse(emit_text(*p, EmitFormat::Json, &warnings));
    EXPECT_EQ(doc["pulses"][1]["t_s"], "1/18");
    EXPECT_EQ(doc["pulses"][1]["t_us"], 55556);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings.items()[0].code, "W0901");
    EXPECT_NE(warnings.items()[0].message.find("largest error 4/9 us"), std::string::npos);
}

TEST(EmitJson, IntensityInMsoWhenThresholdKnown) {
    LowerOptions options;
    options.rmt_mso = Rational(55);
    auto p = lower_text(protocol_with("    train 2 pulses at 10 Hz"), options);
    ASSERT_TRUE(p->schedule_ok());
    const Json doc = Json::parse(emit_text(*p, EmitFormat::Json));
    EXPECT_EQ(doc["pulses"][0]["intensity"], 100);
    EXPECT_EQ(doc["pulses"][0]["intensity_unit"], "%rMT");
    EXPECT_EQ(doc["pulses"][0]["intensity_mso"], 55);
    EXPECT_EQ(doc["protocol"]["thresholds"]["rmt"]["source"], "command_line");
}

TEST(EmitJson, ByteIdenticalAcrossRuns) {
    const std::string text =
        protocol_with("    repeat 40 every 4..6 s seed 7 { paired 2 ms (80 %aMT, 120 %rMT) }");
    auto first = lower_text(text);
    auto second = lower_text(text);
    ASSERT_TRUE(first->schedule_ok() && second->schedule_ok());
    EXPECT_EQ(emit_text(*first, EmitFormat::Json), emit_text(*second, EmitFormat::Json));
    EXPECT_EQ(emit_text(*first, EmitFormat::Csv), emit_text(*second, EmitFormat::Csv));
}

} // namespace
} // namespace tmsc
