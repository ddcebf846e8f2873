// The command line run as a separate process: exit codes (0 pass, 1 protocol failed, 2 usage
// or I/O), usage errors as exactly one line on standard error, and the shape of the JSON the
// --format json and --emit=ast options print.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tmsc {
namespace {

using nlohmann::json;
using testing_support::count_lines;
using testing_support::ProcessResult;
using testing_support::run_shell;
using testing_support::run_tmsc;
using testing_support::scratch_dir;

const char* const kPassing =
    "protocol \"ok\" {\n  coil figure8\n  intensity 120 %rMT\n  session {\n"
    "    repeat 75 {\n      train 40 pulses at 10 Hz\n      wait 26 s\n"
    "    }\n  }\n}\n";
const char* const kFailing =
    "protocol \"bad\" {\n  coil figure8\n  intensity 120 %rMT\n  session {\n"
    "    train for 2.2 s at 18 Hz\n  }\n  course 2 sessions per day, 10 Hz "
    "between sessions end to start, 5 days\n}\n";

/// A scratch folder holding ok.tms (passes) and bad.tms (fails with E0301 and E0201).
std::filesystem::path protocols() {
    const auto dir = scratch_dir("cli");
    std::ofstream(dir / "ok.tms") << kPassing;
    std::ofstream(dir / "bad.tms") << kFailing;
    return dir;
}

/// A usage or I/O error: exit 2, nothing on standard output, one line on standard error.
void expect_usage_error(const ProcessResult& r, const std::string& needle) {
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("tmsc: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(CliProcess, MissingFileIsExit2WithOneLine) {
    const ProcessResult r = run_tmsc({"check", "missing.tms"}, protocols());
    expect_usage_error(r, "cannot read 'missing.tms': No such file or directory");
}

TEST(CliProcess, MissingFileAmongGoodOnesIsStillExit2) {
    const ProcessResult r = run_tmsc({"check", "ok.tms", "missing.tms"}, protocols());
    expect_usage_error(r, "missing.tms");
}

TEST(CliProcess, DirectoryIsExit2WithOneLine) {
    const auto dir = protocols();
    std::filesystem::create_directory(dir / "folder.tms");
    expect_usage_error(run_tmsc({"check", "folder.tms"}, dir), "it is a directory");
}

TEST(CliProcess, BadFlagIsExit2WithOneLine) {
    expect_usage_error(run_tmsc({"check", "--bogus", "ok.tms"}, protocols()), "--bogus");
}

TEST(CliProcess, BadFormatValueIsExit2WithOneLine) {
    expect_usage_error(run_tmsc({"check", "--format", "yaml", "ok.tms"}, protocols()), "yaml");
}

TEST(CliProcess, NoSubcommandOrNoFileIsExit2WithOneLine) {
    expect_usage_error(run_tmsc({}, protocols()), "subcommand");
    expect_usage_error(run_tmsc({"check"}, protocols()), "files");
    expect_usage_error(run_tmsc({"frobnicate"}, protocols()), "");
}

TEST(CliProcess, PassingProtocolIsExit0) {
    const ProcessResult r = run_tmsc({"check", "ok.tms"}, protocols());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("pass     0       0         ok.tms\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST(CliProcess, FailingProtocolIsExit1WithLocatedDiagnostics) {
    const ProcessResult r = run_tmsc({"check", "bad.tms"}, protocols());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out.rfind("bad.tms:5:5: error[E0301]: train for 2.2 s at 18 Hz is 39.6 pulses; the "
                          "count must be whole\n"
                          " 5 |     train for 2.2 s at 18 Hz\n"
                          "   |     ^~~~~~~~~~~~~~~~~~~~~~~~\n",
                          0),
              0u)
        << r.out;
    EXPECT_NE(r.out.find("bad.tms:7:30: error[E0201]"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST(CliProcess, OneFailingFileFailsTheRun) {
    const ProcessResult r = run_tmsc({"check", "ok.tms", "bad.tms"}, protocols());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("2 files: 1 pass, 1 fail"), std::string::npos) << r.out;
}

TEST(CliProcess, StandardInputIsReadForADash) {
    const auto dir = protocols();
    const ProcessResult r =
        run_shell("cat bad.tms | " + testing_support::shell_quote(TMSC_BINARY) + " check -", dir);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("<stdin>:5:5: error[E0301]"), std::string::npos) << r.out;
}

TEST(CliProcess, BinaryGarbageIsADiagnosticNotACrash) {
    const auto dir = protocols();
    std::ofstream(dir / "garbage.tms", std::ios::binary) << std::string("\x7F"
                                                                        "ELF\x02\x01\x01\0\0",
                                                                        9);
    const ProcessResult r = run_tmsc({"check", "garbage.tms"}, dir);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("garbage.tms:1:8: error[E0005]"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST(CliJson, ReportHasFilesWithPathVerdictAndDiagnostics) {
    const ProcessResult r =
        run_tmsc({"check", "--format", "json", "bad.tms", "ok.tms"}, protocols());
    EXPECT_EQ(r.exit_code, 1);
    const json report = json::parse(r.out);
    ASSERT_TRUE(report.at("files").is_array());
    ASSERT_EQ(report["files"].size(), 2u);
    const json& bad = report["files"][0];
    EXPECT_EQ(bad.at("path"), "bad.tms");
    EXPECT_EQ(bad.at("verdict"), "fail");
    ASSERT_TRUE(bad.at("diagnostics").is_array());
    ASSERT_EQ(bad["diagnostics"].size(), 2u);
    const json& d = bad["diagnostics"][0];
    EXPECT_EQ(d.at("severity"), "error");
    EXPECT_EQ(d.at("code"), "E0301");
    EXPECT_EQ(d.at("message"), "train for 2.2 s at 18 Hz is 39.6 pulses; the count must be whole");
    EXPECT_EQ(d.at("line"), 5);
    EXPECT_EQ(d.at("column"), 5);
    EXPECT_EQ(d.at("end_line"), 5);
    EXPECT_EQ(d.at("end_column"), 29);
    ASSERT_TRUE(d.at("notes").is_array());
    EXPECT_EQ(d["notes"][0].at("message").get<std::string>().rfind("use '40 pulses'", 0), 0u);
    EXPECT_EQ(bad["diagnostics"][1].at("code"), "E0201");
    const json& ok = report["files"][1];
    EXPECT_EQ(ok.at("path"), "ok.tms");
    EXPECT_EQ(ok.at("verdict"), "pass");
    EXPECT_TRUE(ok.at("diagnostics").empty());
}

TEST(CliJson, NoteRangesCarryLineAndColumn) {
    const auto dir = scratch_dir("cli-notes");
    std::ofstream(dir / "dup.tms") << "protocol \"d\" {\n  coil figure8\n  coil round\n}\n";
    const json report = json::parse(run_tmsc({"check", "--format", "json", "dup.tms"}, dir).out);
    const json& note = report.at("files").at(0).at("diagnostics").at(0).at("notes").at(0);
    EXPECT_EQ(note.at("message"), "first set here");
    EXPECT_EQ(note.at("line"), 2);
    EXPECT_EQ(note.at("column"), 8);
}

TEST(CliJson, EmitAstIsValidJsonOfTheProtocol) {
    const ProcessResult r = run_tmsc({"check", "--emit=ast", "ok.tms"}, protocols());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json ast;
    ASSERT_NO_THROW(ast = json::parse(r.out)) << r.out;
    EXPECT_TRUE(ast.is_object());
    EXPECT_NE(r.out.find("\"ok\""), std::string::npos); // the protocol's name
}

} // namespace
} // namespace tmsc
