// Rule sets are data: the shipped files load, carry their SHA-256 and review status, extend one
// another, and a broken site file is refused with the place of the mistake.

#include "safety/rules/rules.hpp"
#include "support/sha256.hpp"
#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc::safety {
namespace {

using tmsc::testing::source_file;

TEST(SafetyRules, ShippedSetsLoadWithTheirFilesHash) {
    const std::vector<std::string> names = shipped_rule_sets();
    ASSERT_NE(std::find(names.begin(), names.end(), "rossi2009"), names.end());
    ASSERT_NE(std::find(names.begin(), names.end(), "rossi2009-conservative"), names.end());
    const LoadRulesResult loaded = load_rules("rossi2009");
    ASSERT_TRUE(loaded.rules) << loaded.error;
    const RuleSet& set = *loaded.rules;
    EXPECT_EQ(set.id, "rossi2009");
    EXPECT_FALSE(set.transcription_reviewed);
    EXPECT_NE(set.review_note.find("could not be checked"), std::string::npos);
    ASSERT_EQ(set.files.size(), 1u);
    // The binary carries the file byte for byte: the same hash as the file in the tree.
    EXPECT_EQ(set.files[0].sha256, sha256_hex(source_file("safety/rules/rossi2009.json")));
    EXPECT_EQ(set.single_pulse.spacing_s, Rational(5));
}

TEST(SafetyRules, EveryRuleHasSeverityCitationConfidenceAndScope) {
    const auto set = load_rules("rossi2009").rules;
    ASSERT_TRUE(set);
    for (const Rule& rule : set->rules) {
        EXPECT_FALSE(rule.citation.empty()) << rule.id;
        EXPECT_FALSE(rule.text.empty()) << rule.id;
        EXPECT_FALSE(rule.applies_to.patterns.empty()) << rule.id;
        EXPECT_TRUE(rule.applies_to.any_coil || !rule.applies_to.coils.empty()) << rule.id;
    }
    const Rule* table = set->find("rossi2009.train-duration");
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->severity, RuleSeverity::Error);
    EXPECT_EQ(table->confidence, Confidence::T);
    EXPECT_EQ(table->applies_to.coils, (std::set<std::string>{"figure8", "round"}));
    const Rule* evidence = set->find("rossi2009.train-duration-evidence");
    ASSERT_NE(evidence, nullptr);
    EXPECT_EQ(evidence->severity, RuleSeverity::Warning);
    EXPECT_EQ(set->find("hcoil.h1.train-duration")->applies_to.coils, (std::set<std::string>{"h1"}));
}

TEST(SafetyRules, TheTableIsTheReferenceTranscription) {
    const auto set = load_rules("rossi2009").rules;
    const DurationTable& t = set->tables.at("wassermann1998");
    ASSERT_EQ(t.frequencies.size(), 5u);
    ASSERT_EQ(t.intensities.size(), 14u);
    EXPECT_EQ(t.cells[3][4].seconds, Rational(55, 100)); // 20 Hz, 130 %
    EXPECT_FALSE(t.cells[3][4].tested_only);
    EXPECT_EQ(t.cells[0][0].seconds, Rational(1800)); // 1 Hz, 90 %: >1800
    EXPECT_TRUE(t.cells[0][0].tested_only);
    EXPECT_TRUE(t.cells[1][6].disputed); // 5 Hz, 150 %
    EXPECT_FALSE(t.cells[2][6].disputed);
}

TEST(SafetyRules, FiveHzRowIsTheMinimumOverAlignmentsAndUnverified) {
    // research-clinical-2026-12.md section 1.3: from 140 % up, each 5 Hz cell is the minimum
    // over reading 1 (150-220 %), reading 2 (180-220 %) and the run one column further left.
    const auto set = load_rules("rossi2009").rules;
    const DurationTable& t = set->tables.at("wassermann1998");
    const std::vector<std::string> expected = {"7.6", "5.2", "3.6", "2.6", "2.4",
                                               "1.6", "1.4", "1.4", "1.2"};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const TableCell& cell = t.cells[1][5 + i]; // columns 140 %, 150 %, ... 220 %
        SCOPED_TRACE(t.intensities[5 + i].to_string() + " %");
        EXPECT_EQ(cell.seconds, *Rational::parse_decimal(expected[i]));
        EXPECT_FALSE(cell.tested_only); // plain cells: a limit, judged as an error
        EXPECT_TRUE(cell.disputed);
    }
    EXPECT_TRUE(t.cells[1][4].tested_only); // 130 %: >10, as both readings have it
    EXPECT_EQ(t.unverified_rows, std::set<std::size_t>{1});
    EXPECT_NE(t.unverified_note.find("minimum over the plausible alignments"), std::string::npos);
    // The conservative set inherits the table, and with it the mark.
    const auto conservative = load_rules("rossi2009-conservative").rules;
    EXPECT_EQ(conservative->tables.at("wassermann1998").unverified_rows, std::set<std::size_t>{1});
}

TEST(SafetyRules, H4EnvelopeSaysItsFrequencyIsUnconfirmed) {
    const auto set = load_rules("rossi2009").rules;
    for (const Rule& rule : set->rules) {
        if (rule.id.starts_with("hcoil.h4.")) {
            EXPECT_NE(rule.text.find("no source found gives its train parameters"),
                      std::string::npos)
                << rule.id;
            EXPECT_NE(rule.text.find("NCT00951782"), std::string::npos) << rule.id;
        }
    }
}

TEST(SafetyRules, ConservativeSetShortensTrainsByAQuarter) {
    const LoadRulesResult loaded = load_rules("rossi2009-conservative");
    ASSERT_TRUE(loaded.rules) << loaded.error;
    const RuleSet& set = *loaded.rules;
    EXPECT_EQ(set.id, "rossi2009-conservative");
    EXPECT_EQ(set.find("rossi2009.train-duration")->scale, Rational(3, 4));
    EXPECT_EQ(set.find("chen1997.iti-hazard")->min_gap_s, Rational(1)); // Chen 1997 kept
    ASSERT_EQ(set.files.size(), 2u); // the file itself, then the set it extends
    EXPECT_EQ(set.files[1].id, "rossi2009");
}

TEST(SafetyRules, SiteFileByPathExtendsAShippedSet) {
    const LoadRulesResult loaded =
        load_rules(std::string(TMSC_SOURCE_DIR) + "/safety/rules/examples/site-90min.json");
    ASSERT_TRUE(loaded.rules) << loaded.error;
    const Rule* rule = loaded.rules->find("site.session-duration");
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->max, Rational(5400));
    EXPECT_TRUE(rule->applies_to.any_coil);
    EXPECT_NE(loaded.rules->find("rossi2009.train-duration"), nullptr);
}

TEST(SafetyRules, UnknownNameAndMissingFileAreUsageErrors) {
    EXPECT_EQ(load_rules("rossi2010").error,
              "unknown rule set 'rossi2010' (built in: rossi2009-conservative, rossi2009; a path "
              "must contain '/' or end in .json)");
    EXPECT_EQ(load_rules("/nonexistent/rules.json").error,
              "cannot read rule set '/nonexistent/rules.json'");
}

std::string minimal_set(const std::string& rule_fields) {
    return R"({"schema": "tmsc-rules/1", "id": "site", "title": "t", "transcription_reviewed": true,
  "review_note": "reviewed", "parameters": {"single_pulse_spacing_s":
  {"value": 5, "text": "t", "citation": "c", "confidence": "B"},
  "train_join_s": {"value": 1, "text": "t", "citation": "c", "confidence": "P"},
  "theta_burst": {"burst_pulses": {"min": 2, "max": 5}, "burst_frequency_hz": {"min": 30, "max": 100},
                  "burst_rate_hz": {"min": 3, "max": 8}, "gap_ratio": 2,
                  "text": "t", "citation": "c", "confidence": "P"}},
  "rules": [{"id": "site.max", "kind": "session_max", "quantity": "pulses", "max": 100,
             "text": "t", "citation": "c", "confidence": "P",
             "applies_to": {"coils": "any", "patterns": ["conventional"]})" +
           rule_fields + "}]}";
}

TEST(SafetyRules, TimelineParametersAreCitedData) {
    const auto rules = default_rules();
    EXPECT_EQ(rules->train_join.join_s, Rational(1));
    EXPECT_FALSE(rules->train_join.citation.empty());
    EXPECT_EQ(rules->theta_burst.burst_pulses.min, Rational(2));
    EXPECT_EQ(rules->theta_burst.burst_pulses.max, Rational(5));
    EXPECT_EQ(rules->theta_burst.burst_frequency_hz.max, Rational(100));
    EXPECT_EQ(rules->theta_burst.burst_rate_hz.min, Rational(3));
    EXPECT_EQ(rules->theta_burst.gap_ratio, Rational(2));
    EXPECT_TRUE(rules->theta_burst.burst_rate_hz.contains(Rational(5)));
    EXPECT_FALSE(rules->theta_burst.burst_rate_hz.contains(Rational(9)));
}

TEST(SafetyRules, TimelineParametersAreChecked) {
    std::string text = minimal_set(R"(, "severity": "error")");
    const std::string range = R"("burst_rate_hz": {"min": 3, "max": 8})";
    text.replace(text.find(range), range.size(), R"("burst_rate_hz": {"min": 8, "max": 3})");
    EXPECT_EQ(parse_rules(text, "site.json").error,
              "site.json: error[S0002]: /parameters/theta_burst/burst_rate_hz: \"max\" is below \"min\"");
    text = minimal_set(R"(, "severity": "error")");
    const std::string join = R"("train_join_s": {"value": 1, "text": "t", "citation": "c", "confidence": "P"},)";
    text.erase(text.find(join), join.size());
    EXPECT_NE(parse_rules(text, "site.json").error.find("/parameters"), std::string::npos);
}

TEST(SafetyRules, SchemaErrorsNameTheJsonPointer) {
    EXPECT_TRUE(parse_rules(minimal_set(R"(, "severity": "error")"), "site.json").rules);
    EXPECT_EQ(parse_rules(minimal_set(R"(, "severity": "fatal")"), "site.json").error,
              "site.json: error[S0002]: /rules/0/severity: expected \"error\" or \"warning\"");
    EXPECT_EQ(parse_rules(minimal_set(R"(, "severity": "error", "maximum": 3)"), "site.json").error,
              "site.json: error[S0002]: /rules/0/maximum: unknown field (misspelt?)");
    EXPECT_EQ(parse_rules(minimal_set(""), "site.json").error,
              "site.json: error[S0002]: /rules/0: missing field \"severity\"");
}

TEST(SafetyRules, InvalidJsonPointsAtLineAndColumn) {
    EXPECT_EQ(parse_rules("{\n  \"schema\": \"tmsc-rules/1\",\n  oops\n}", "bad.json").error,
              "bad.json:3:3: error[S0001]: the rule set is not valid JSON");
}

TEST(SafetyRules, ExtendsMustNameAKnownSetAndOverridesAKnownRule) {
    const std::string head = R"({"schema": "tmsc-rules/1", "id": "x", "title": "t",
      "transcription_reviewed": false, "review_note": "n", )";
    EXPECT_NE(parse_rules(head + R"("extends": "nope"})", "x.json").error.find("/extends: unknown rule set 'nope'"),
              std::string::npos);
    EXPECT_EQ(parse_rules(head + R"("extends": "rossi2009", "overrides": [{"id": "no.such", "scale": 0.5}]})",
                          "x.json")
                  .error,
              "x.json: error[S0002]: /overrides/0/id: overrides rule \"no.such\", which the extended "
              "set lacks");
}

} // namespace
} // namespace tmsc::safety
