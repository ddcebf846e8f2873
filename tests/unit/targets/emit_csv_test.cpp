// The CSV pulse table (RFC 4180): one header row, one row per pulse, every line ending in CRLF,
// nothing else; the same numbers as the JSON, with t_s a plain decimal (t_us in seconds).

#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::emit_text;
using testing::lower_text;
using testing::protocol_with;

/// The lines of `text`, each of which must end in CRLF (the test fails otherwise).
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find("\r\n", at);
        if (end == std::string::npos) {
            ADD_FAILURE() << "a line does not end in CRLF: " << text.substr(at);
            break;
        }
        out.push_back(text.substr(at, end - at));
        at = end + 2;
    }
    for (const std::string& line : out) {
        EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    }
    return out;
}

TEST(EmitCsv, HeaderAndOneRowPerPulse) {
    auto p = lower_text(protocol_with("    repeat 2 {\n train 40 pulses at 10 Hz\n wait 26 s\n }",
                                      "  target left_dlpfc\n"));
    ASSERT_TRUE(p->schedule_ok());
    const std::vector<std::string> rows = lines(emit_text(*p, EmitFormat::Csv));
    ASSERT_EQ(rows.size(), 81u);
    EXPECT_EQ(rows[0], "pulse,t_us,t_s,train,pulse_in_train,burst,pulse_in_burst,intensity,"
                       "intensity_unit,intensity_mso,block,target");
    EXPECT_EQ(rows[1], "0,0,0,0,0,,,100,%rMT,,0,left_dlpfc");
    EXPECT_EQ(rows[40], "39,3900000,3.9,0,39,,,100,%rMT,,0,left_dlpfc");
    EXPECT_EQ(rows[41], "40,30000000,30,1,0,,,100,%rMT,,0,left_dlpfc");
}

TEST(EmitCsv, BurstsAndThresholds) {
    LowerOptions options;
    options.rmt_mso = Rational(57);
    auto p = lower_text(protocol_with("    train 2 bursts at 5 Hz { burst 3 pulses at 50 Hz }"),
                        options);
    ASSERT_TRUE(p->schedule_ok());
    const std::vector<std::string> rows = lines(emit_text(*p, EmitFormat::Csv));
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(rows[5], "4,220000,0.22,0,4,1,1,100,%rMT,57,0,");
}

TEST(EmitCsv, FractionalTimesAreDecimalSecondsAndTheRoundingIsReported) {
    auto p = lower_text(protocol_with("    train 3 pulses at 18 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    DiagnosticList warnings;
    const std::vector<std::string> rows = lines(emit_text(*p, EmitFormat::Csv, &warnings));
    // 1/18 s = 55555.55... us: both time columns hold the nearest microsecond, never "1/18".
    EXPECT_EQ(rows[2], "1,55556,0.055556,0,1,,,100,%rMT,,0,");
    EXPECT_EQ(rows[3], "2,111111,0.111111,0,2,,,100,%rMT,,0,");
    ASSERT_EQ(warnings.size(), 1u);
    const Diagnostic& w = warnings.items()[0];
    EXPECT_EQ(w.code, "W0901");
    EXPECT_NE(w.message.find("2 pulse times"), std::string::npos) << w.message;
    EXPECT_NE(w.message.find("the t_us and t_s columns round them"), std::string::npos);
    ASSERT_EQ(w.notes.size(), 1u);
    EXPECT_NE(w.notes[0].message.find("JSON table"), std::string::npos);
}

TEST(EmitCsv, TheJsonTableKeepsTheExactTimeAndSaysOnlyTUsRounds) {
    auto p = lower_text(protocol_with("    train 3 pulses at 18 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    DiagnosticList warnings;
    const std::string json = emit_text(*p, EmitFormat::Json, &warnings);
    EXPECT_NE(json.find("\"t_us\":55556,\"t_s\":\"1/18\""), std::string::npos);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings.items()[0].message.find("the t_us column rounds them"), std::string::npos);
}

} // namespace
} // namespace tmsc
