// The CSV pulse table: one header row, one row per pulse, the same numbers as the JSON.

#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>
#include <sstream>

namespace tmsc {
namespace {

using testing::emit_text;
using testing::lower_text;
using testing::protocol_with;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
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

TEST(EmitCsv, FractionalTimesKeepTheExactColumn) {
    auto p = lower_text(protocol_with("    train 3 pulses at 18 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    DiagnosticList warnings;
    const std::vector<std::string> rows = lines(emit_text(*p, EmitFormat::Csv, &warnings));
    EXPECT_EQ(rows[2], "1,55556,1/18,0,1,,,100,%rMT,,0,");
    EXPECT_EQ(rows[3], "2,111111,1/9,0,2,,,100,%rMT,,0,");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings.items()[0].code, "W0901");
}

} // namespace
} // namespace tmsc
