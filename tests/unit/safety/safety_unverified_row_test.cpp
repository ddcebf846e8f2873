// The 5 Hz row of the rossi2009 train table is marked unverified: every report whose finding
// or margin took its limit from that row says so (text and JSON through the finding's note,
// SARIF as a result property, explain under the margin), and reports that did not use it
// carry no such note on their findings.

#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tmsc {
namespace {

using testing::check_text;
using testing::Checked;
using testing::protocol;
using testing::run_tmsc;

const char* const kNotePrefix = "the 5 Hz row of table wassermann1998 is unverified: ";

/// A single train at 150 %rMT.
std::string train_at_150(const std::string& train) {
    return protocol("  intensity 150 %rMT\n", "    " + train + "\n");
}

bool has_unverified_note(const Diagnostic& d) {
    return std::any_of(d.notes.begin(), d.notes.end(),
                       [](const DiagnosticNote& n) { return n.message.starts_with(kNotePrefix); });
}

/// Writes `text` to a fresh file and returns its path.
std::string scratch_protocol(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / ("tmsc-unverified-" + name + ".tms");
    std::ofstream(path) << text;
    return path.string();
}

TEST(SafetyUnverifiedRow, FindingAtFiveHzSaysTheRowIsUnverified) {
    // 6 s at 5 Hz and 150 %: over the 5.2 s cell (the minimum over the alignments).
    const Checked c = check_text(train_at_150("train 30 pulses at 5 Hz"));
    ASSERT_TRUE(c.has("S0101")) << c.text();
    EXPECT_NE(c.first("S0101").message.find("limit 5.2 s"), std::string::npos);
    EXPECT_TRUE(has_unverified_note(c.first("S0101"))) << c.text();
}

TEST(SafetyUnverifiedRow, FindingBracketedByTheRowSaysSoToo) {
    // 7 Hz lies between the 5 Hz and 10 Hz rows: the limit is the minimum over both.
    const Checked c = check_text(train_at_150("train 70 pulses at 7 Hz"));
    ASSERT_TRUE(c.has("S0101")) << c.text();
    EXPECT_TRUE(has_unverified_note(c.first("S0101"))) << c.text();
}

TEST(SafetyUnverifiedRow, FindingOnAnotherRowHasNoSuchNote) {
    const Checked c = check_text(train_at_150("train 20 pulses at 10 Hz"));
    ASSERT_TRUE(c.has("S0101")) << c.text();
    EXPECT_FALSE(has_unverified_note(c.first("S0101"))) << c.text();
}

TEST(SafetyUnverifiedRow, JsonAndSarifSayIt) {
    const std::string file = scratch_protocol("json", train_at_150("train 30 pulses at 5 Hz"));
    const auto json_run = run_tmsc("check --format json '" + file + "'");
    const auto report = nlohmann::json::parse(json_run.out);
    ASSERT_EQ(report["rules"]["unverified_rows"].size(), 1u) << json_run.out;
    EXPECT_TRUE(report["rules"]["unverified_rows"][0].get<std::string>().starts_with(kNotePrefix));
    bool noted = false;
    for (const auto& d : report["files"][0]["diagnostics"]) {
        for (const auto& n : d["notes"]) {
            noted = noted || n["message"].get<std::string>().starts_with(kNotePrefix);
        }
    }
    EXPECT_TRUE(noted) << json_run.out;

    const auto sarif = nlohmann::json::parse(run_tmsc("check --format sarif '" + file + "'").out);
    const auto& run = sarif["runs"][0];
    EXPECT_EQ(run["properties"]["ruleSet"]["unverifiedRows"].size(), 1u);
    ASSERT_FALSE(run["results"].empty());
    EXPECT_EQ(run["results"][0]["properties"].value("unverifiedTableRow", false), true);
    std::filesystem::remove(file);
}

TEST(SafetyUnverifiedRow, ExplainNotesTheMarginsThatUsedTheRow) {
    const std::string five = scratch_protocol("five", train_at_150("train 20 pulses at 5 Hz"));
    const std::string ten = scratch_protocol("ten", train_at_150("train 5 pulses at 10 Hz"));
    const std::string margin_note = std::string("      note: ") + kNotePrefix;
    EXPECT_NE(run_tmsc("explain '" + five + "'").out.find(margin_note), std::string::npos);
    EXPECT_EQ(run_tmsc("explain '" + ten + "'").out.find(margin_note), std::string::npos);
    std::filesystem::remove(five);
    std::filesystem::remove(ten);
}

} // namespace
} // namespace tmsc
