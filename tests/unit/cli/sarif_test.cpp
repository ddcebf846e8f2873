// `tmsc check --format sarif`: the log has the SARIF 2.1.0 shape code-scanning services read
// (version, one run, a driver with rules, results with ruleId/level/message/locations), and
// every result sits on the same line and column as the text report's diagnostic.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace tmsc {
namespace {

using nlohmann::json;
using testing_support::run_tmsc;

std::vector<std::string> unsafe_examples() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(std::string(TMSC_SOURCE_DIR) +
                                                             "/examples/unsafe")) {
        if (e.path().extension() == ".tms") {
            out.push_back("examples/unsafe/" + e.path().filename().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Asserts the structural rules of SARIF 2.1.0 that consumers depend on (the schema's
/// required properties and enumerations for the parts tmsc writes).
void expect_sarif_shape(const json& log) {
    ASSERT_TRUE(log.is_object());
    EXPECT_EQ(log.at("version"), "2.1.0");
    EXPECT_NE(log.at("$schema").get<std::string>().find("sarif-2.1.0"), std::string::npos);
    ASSERT_TRUE(log.at("runs").is_array());
    ASSERT_EQ(log.at("runs").size(), 1u);
    const json& run = log.at("runs")[0];
    const json& driver = run.at("tool").at("driver");
    EXPECT_EQ(driver.at("name"), "tmsc");
    ASSERT_TRUE(driver.at("rules").is_array());
    std::set<std::string> rule_ids;
    for (const json& rule : driver.at("rules")) {
        ASSERT_TRUE(rule.at("id").is_string());
        EXPECT_TRUE(rule_ids.insert(rule.at("id").get<std::string>()).second) << "duplicate rule";
        EXPECT_FALSE(rule.at("help").at("text").get<std::string>().empty());
    }
    EXPECT_EQ(run.at("columnKind"), "unicodeCodePoints");
    const std::set<std::string> levels = {"none", "note", "warning", "error"};
    for (const json& r : run.at("results")) {
        const std::string id = r.at("ruleId");
        EXPECT_TRUE(rule_ids.count(id)) << id;
        const std::size_t index = r.at("ruleIndex");
        ASSERT_LT(index, driver.at("rules").size());
        EXPECT_EQ(driver.at("rules")[index].at("id"), id);
        EXPECT_TRUE(levels.count(r.at("level").get<std::string>()));
        EXPECT_FALSE(r.at("message").at("text").get<std::string>().empty());
        ASSERT_FALSE(r.at("locations").empty());
        const json& where = r.at("locations")[0].at("physicalLocation");
        EXPECT_FALSE(where.at("artifactLocation").at("uri").get<std::string>().empty());
        const json& region = where.at("region");
        EXPECT_GE(region.at("startLine").get<int>(), 1);
        EXPECT_GE(region.at("startColumn").get<int>(), 1);
        if (region.contains("endLine")) {
            EXPECT_GE(region.at("endLine").get<int>(), region.at("startLine").get<int>());
        }
    }
}

TEST(Sarif, UnsafeExamplesGiveAValidLogWithTheSafetyRulesAndTheirCitations) {
    std::vector<std::string> args = {"check", "--format", "sarif"};
    const std::vector<std::string> files = unsafe_examples();
    args.insert(args.end(), files.begin(), files.end());
    const auto run = run_tmsc(args, TMSC_SOURCE_DIR);
    EXPECT_EQ(run.exit_code, 1) << run.err;
    const json log = json::parse(run.out);
    expect_sarif_shape(log);
    const json& results = log["runs"][0]["results"];
    std::set<std::string> failing_files;
    for (const json& r : results) {
        if (r["level"] == "error") {
            failing_files.insert(
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>());
        }
    }
    EXPECT_EQ(failing_files, std::set<std::string>(files.begin(), files.end()));
    bool cited = false;
    for (const json& rule : log["runs"][0]["tool"]["driver"]["rules"]) {
        if (rule["id"] == "rossi2009.train-duration") {
            cited = rule["help"]["text"].get<std::string>().find("Wassermann") != std::string::npos;
        }
    }
    EXPECT_TRUE(cited) << "the train-duration rule must carry its citation";
    for (const std::string& f : files) {
        EXPECT_EQ(log["runs"][0]["properties"]["verdicts"][f], "fail") << f;
    }
}

TEST(Sarif, ResultsSitWhereTheTextReportPutsThem) {
    std::vector<std::string> files = unsafe_examples();
    files.push_back("tests/golden/safety-long-train-beyond-evidence.tms"); // a warning only
    files.push_back("examples/sici-paired-pulse.tms"); // a waived warning: a note only
    for (const std::string& file : files) {
        SCOPED_TRACE(file);
        const auto text = run_tmsc({"check", file}, TMSC_SOURCE_DIR);
        const auto sarif = run_tmsc({"check", "--format", "sarif", file}, TMSC_SOURCE_DIR);
        EXPECT_EQ(text.exit_code, sarif.exit_code);
        // Every "file:line:col: severity[CODE]" heading of the text report, in order.
        std::vector<std::string> expected;
        const std::regex heading("^([^:\\n]+):(\\d+):(\\d+): (error|warning|note)\\[([A-Z]\\d{4})\\]");
        for (std::sregex_iterator it(text.out.begin(), text.out.end(), heading), end; it != end;
             ++it) {
            expected.push_back((*it)[2].str() + ":" + (*it)[3].str() + " " + (*it)[4].str() + " " +
                               (*it)[5].str());
        }
        std::vector<std::string> got;
        const json log = json::parse(sarif.out);
        for (const json& r : log["runs"][0]["results"]) {
            const json& region = r["locations"][0]["physicalLocation"]["region"];
            got.push_back(std::to_string(region["startLine"].get<int>()) + ":" +
                          std::to_string(region["startColumn"].get<int>()) + " " +
                          r["level"].get<std::string>() + " " +
                          r["properties"]["diagnosticCode"].get<std::string>());
        }
        EXPECT_FALSE(expected.empty());
        EXPECT_EQ(got, expected);
    }
}

TEST(Sarif, ColumnsCountCodePointsNotBytes) {
    // "µ" is two bytes in UTF-8: the error after it is one column further left in SARIF.
    const auto dir = testing_support::scratch_dir("sarif-utf8");
    std::ofstream(dir / "u.tms") << "// µ\nprotocol \"µ\" { session { train 10 pulses at 10 Hz; "
                                    "wait 1 zz } }\n";
    const auto text = run_tmsc({"check", "u.tms"}, dir);
    const auto sarif = run_tmsc({"check", "--format", "sarif", "u.tms"}, dir);
    ASSERT_EQ(text.exit_code, 1) << text.out << text.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text.out, m, std::regex("u\\.tms:2:(\\d+):")));
    const int byte_column = std::stoi(m[1].str());
    const json log = json::parse(sarif.out);
    const json& region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    EXPECT_EQ(region["startLine"], 2);
    EXPECT_EQ(region["startColumn"].get<int>(), byte_column - 1);
}

TEST(Sarif, AMissingInputStillGivesAWholeLogThatNamesItAndExitsTwo) {
    const auto run = run_tmsc({"check", "--format", "sarif", "examples/fda-10hz.tms",
                               "no-such.tms", "examples/unsafe/20hz-2s-130pct.tms"},
                              TMSC_SOURCE_DIR);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("no-such.tms"), std::string::npos) << run.err;
    const json log = json::parse(run.out);
    expect_sarif_shape(log);
    const json& sarif_run = log["runs"][0];
    // The files after the missing one are still checked.
    ASSERT_EQ(sarif_run["artifacts"].size(), 2u);
    EXPECT_EQ(sarif_run["artifacts"][1]["location"]["uri"], "examples/unsafe/20hz-2s-130pct.tms");
    EXPECT_FALSE(sarif_run["results"].empty());
    const json& invocation = sarif_run["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], false);
    EXPECT_EQ(invocation["exitCode"], 2);
    ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 1u);
    const json& note = invocation["toolExecutionNotifications"][0];
    EXPECT_EQ(note["level"], "error");
    EXPECT_EQ(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "no-such.tms");
}

TEST(Sarif, AReadableRunSucceedsAndNamesTheProjectWithAnAbsoluteUri) {
    const auto run =
        run_tmsc({"check", "--format", "sarif", "examples/unsafe/20hz-2s-130pct.tms"}, TMSC_SOURCE_DIR);
    EXPECT_EQ(run.exit_code, 1);
    const json log = json::parse(run.out);
    const json& invocation = log["runs"][0]["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], true);
    EXPECT_EQ(invocation["exitCode"], 1);
    EXPECT_FALSE(invocation.contains("toolExecutionNotifications"));
    const json& driver = log["runs"][0]["tool"]["driver"];
    EXPECT_EQ(driver["informationUri"], "https://tmsc.dev/");
    for (const json& rule : driver["rules"]) {
        EXPECT_FALSE(rule.contains("helpUri")) << rule.dump();
        EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    }
}

TEST(Sarif, OtherFormatsStillStopAtAMissingInput) {
    const auto run = run_tmsc({"check", "no-such.tms", "examples/fda-10hz.tms"}, TMSC_SOURCE_DIR);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.out, "");
}

TEST(Sarif, PathsArePercentEncodedIntoUriReferences) {
    const auto dir = testing_support::scratch_dir("sarif-uri");
    std::ofstream(dir / "a b:%.tms") << "protocol \"x\" { session { wait 1 zz } }\n";
    const auto run = run_tmsc({"check", "--format", "sarif", "a b:%.tms"}, dir);
    ASSERT_EQ(run.exit_code, 1) << run.err;
    const json log = json::parse(run.out);
    EXPECT_EQ(log["runs"][0]["artifacts"][0]["location"]["uri"], "a%20b%3A%25.tms");
}

} // namespace
} // namespace tmsc
