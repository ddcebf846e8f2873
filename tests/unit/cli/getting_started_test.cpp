// docs/getting-started.md works as written: every `tmsc` line of its ```sh blocks is run, in
// order, in one empty directory, and each must exit 0; the files the walk-through promises
// (my.tms, my.svg, my.json, my.csv, fda) exist afterwards.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

namespace tmsc {
namespace {

using testing_support::read_file;
using testing_support::run_shell;
using testing_support::scratch_dir;
using testing_support::shell_quote;

/// The `tmsc ...` lines inside ```sh fences, in document order.
std::vector<std::string> sh_commands(const std::string& markdown) {
    std::istringstream lines(markdown);
    std::vector<std::string> commands;
    std::string line;
    bool in_sh = false;
    while (std::getline(lines, line)) {
        if (line.rfind("```", 0) == 0) {
            in_sh = !in_sh && line == "```sh";
            continue;
        }
        if (in_sh && line.rfind("tmsc ", 0) == 0) {
            commands.push_back(line);
        }
    }
    return commands;
}

TEST(GettingStarted, EveryCommandRunsAsWritten) {
    const std::string doc = read_file(std::string(TMSC_SOURCE_DIR) + "/docs/getting-started.md");
    const std::vector<std::string> commands = sh_commands(doc);
    ASSERT_GE(commands.size(), 8u);
    const std::filesystem::path dir = scratch_dir("getting-started");
    for (const std::string& command : commands) {
        // Replace the leading "tmsc" with the built binary; the rest runs as the shell reads it
        // (so "> my.tms" redirects as it would for the reader).
        const std::string line = shell_quote(TMSC_BINARY) + command.substr(4);
        const testing_support::ProcessResult r = run_shell(line, dir);
        EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out << r.err;
    }
    for (const char* made : {"my.tms", "my.svg", "my-train.svg", "my.json", "my.csv", "fda.tms",
                             "fda.magventure.txt"}) {
        EXPECT_TRUE(std::filesystem::exists(dir / made)) << made;
    }
    EXPECT_NE(read_file(dir / "my.tms").find("protocol"), std::string::npos);
    EXPECT_NE(read_file(dir / "my.svg").find("<svg"), std::string::npos);
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace tmsc
