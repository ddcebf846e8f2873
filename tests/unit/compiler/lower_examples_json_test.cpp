// Issue 3's done-when, for every bundled example: `tmsc compile EXAMPLE --target json --rmt 50`
// prints a table valid against docs/schemas/schedule-v1.schema.json whose summary matches the
// published figures (/work/shared/reference/published-protocols.md, "Totals to reproduce"),
// and `tmsc stats` shows every duration convention.

#include "tests/unit/common/example_files.hpp"
#include "tests/unit/common/run_process.hpp"
#include "tests/unit/common/schema_check.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <optional>

namespace tmsc {
namespace {

using Json = nlohmann::json;
using testing_support::ProcessResult;
using testing_support::run_tmsc;

/// Published totals (seconds) of one example; nullopt where the table gives none.
struct Published {
    long pulses;
    std::optional<double> nominal, span, device_style, onset_span;
};

/// The "Totals to reproduce" table, by example file.
const std::map<std::string, Published>& published() {
    static const std::map<std::string, Published> table = {
        {"fda-10hz.tms", {3000, 2250, 2223.9, 2216.5, {}}},
        {"fda-10hz-short.tms", {3000, 1125, 1113.9, 1106.5, {}}},
        {"deep-tms-h1-18hz.tms", {1980, 1210, 54 * 22 + 35.0 / 18, {}, {}}},
        {"itbs-600.tms", {600, 200, 191.84, 188.8, {}}},
        {"itbs-600-huang-m1.tms", {600, 200, 191.84, 188.8, 190}},
        {"saint-accelerated-itbs.tms", {1800, 600, 591.84, 582.4, {}}},
        {"ctbs-600.tms", {600, 40, 39.84, {}, {}}},
        {"ctbs-300.tms", {300, 20, 19.84, {}, {}}},
        {"1hz-right-dlpfc.tms", {720, 840, 809, 806, {}}},
        {"h7-ocd-20hz.tms", {2000, 1100, 1079.95, 1077.5, {}}},
        {"h4-smoking-18hz.tms", {3240, 1080, 59 * 18 + 53.0 / 18, 3185.0 / 3, {}}},
        {"sequential-bilateral.tms", {2100, {}, {}, {}, {}}},
    };
    return table;
}


void expect_figure(const Json& summary, const char* key, std::optional<double> want,
                   const std::string& file) {
    if (want) {
        EXPECT_NEAR(summary.at(key).get<double>(), *want, 1e-6) << file << " " << key;
    }
}

TEST(ExamplesJson, EveryExampleIsSchemaValidWithThePublishedSummary) {
    std::ifstream in(std::string(TMSC_SOURCE_DIR) + "/docs/schemas/schedule-v1.schema.json");
    const Json root = Json::parse(in);
    const testing::SchemaCheck checker(root);
    const auto files = tmsc::testing::bundled_examples();
    ASSERT_GE(files.size(), 12u);
    for (const auto& path : files) {
        const std::string file = path.filename().string();
        const ProcessResult r =
            run_tmsc({"compile", path.string(), "--target", "json", "--rmt", "50"});
        ASSERT_EQ(r.exit_code, 0) << file << "\n" << r.err;
        const Json doc = Json::parse(r.out);
        EXPECT_EQ(checker.check(doc, root, ""), "") << file;
        const auto row = published().find(file);
        if (row == published().end()) {
            continue; // per-design protocols (SICI) have no published totals
        }
        const Json& summary = doc.at("summary");
        EXPECT_EQ(summary.at("pulses_per_session").get<long>(), row->second.pulses) << file;
        expect_figure(summary, "session_duration_s", row->second.nominal, file);
        expect_figure(summary, "session_span_s", row->second.span, file);
        expect_figure(summary, "device_style_s", row->second.device_style, file);
        expect_figure(summary, "onset_span_s", row->second.onset_span, file);
    }
}

TEST(ExamplesJson, SaintCourseTotals) {
    const ProcessResult r =
        run_tmsc({"compile", std::string(TMSC_SOURCE_DIR) + "/examples/saint-accelerated-itbs.tms",
                  "--target", "json", "--rmt", "50"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Json summary = Json::parse(r.out).at("summary");
    EXPECT_EQ(summary.at("pulses_per_day").get<long>(), 18000);
    EXPECT_EQ(summary.at("total_pulses").get<long>(), 90000);
    EXPECT_EQ(summary.at("sessions_total").get<long>(), 50);
}

/// `tmsc stats` names every duration convention of the vocabulary for every example.
TEST(ExamplesJson, StatsShowsEveryConvention) {
    for (const auto& path : tmsc::testing::bundled_examples()) {
        const ProcessResult r = run_tmsc({"stats", path.string()});
        ASSERT_EQ(r.exit_code, 0) << path << "\n" << r.err;
        for (const char* convention :
             {"nominal, trailing wait included", "nominal without trailing gap",
              "span, first to last pulse", "device-style", "onset span"}) {
            EXPECT_NE(r.out.find(convention), std::string::npos) << path << " " << convention;
        }
    }
}

} // namespace
} // namespace tmsc
