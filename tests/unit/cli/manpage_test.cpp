// docs/tmsc.1 cannot drift from the binary: every command listed by `tmsc --help` has a section
// in the page, and every long option that `tmsc <command> --help` prints is described there.
// The page also renders with groff without a warning, when groff is installed.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

namespace tmsc {
namespace {

using testing_support::read_file;
using testing_support::run_shell;
using testing_support::run_tmsc;
using testing_support::shell_quote;

const std::string kPage = std::string(TMSC_SOURCE_DIR) + "/docs/tmsc.1";

/// The page's text with roff's escaped hyphens ("\-") turned into plain ones.
std::string page_text() {
    std::string text = read_file(kPage);
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '-') {
            continue; // drop the backslash, keep the hyphen
        }
        plain += text[i];
    }
    return plain;
}

/// The command names in the "SUBCOMMANDS" part of `tmsc --help` (CLI11 layout: two-space
/// indented name, then its description).
std::vector<std::string> commands() {
    const std::string help = run_tmsc({"--help"}).out;
    const auto start = help.find("SUBCOMMANDS");
    const auto start_alt = help.find("Subcommands");
    const auto from = start != std::string::npos ? start : start_alt;
    std::vector<std::string> names;
    if (from == std::string::npos) {
        return names;
    }
    std::istringstream lines(help.substr(from));
    std::string line;
    std::getline(lines, line); // the heading
    const std::regex entry(R"(^  ([a-z][a-z-]*)\s)");
    std::smatch m;
    while (std::getline(lines, line)) {
        if (std::regex_search(line, m, entry)) {
            names.push_back(m[1]);
        }
    }
    return names;
}

/// Every distinct "--long-option" in `text`.
std::set<std::string> long_options(const std::string& text) {
    const std::regex option(R"(--[a-z][a-z0-9-]*[a-z0-9])");
    std::set<std::string> found;
    for (std::sregex_iterator it(text.begin(), text.end(), option), end; it != end; ++it) {
        found.insert(it->str());
    }
    return found;
}

TEST(ManPage, ListsEveryCommandTheBinaryHas) {
    const std::vector<std::string> names = commands();
    ASSERT_GE(names.size(), 5u) << run_tmsc({"--help"}).out;
    const std::string page = page_text();
    for (const std::string& name : names) {
        EXPECT_NE(page.find(".SS \"tmsc " + name), std::string::npos)
            << "docs/tmsc.1 has no section for 'tmsc " << name << "'";
    }
}

/// The long options a command declares: those that start a line of its --help (CLI11 prints
/// "  -o,--output TEXT  ..." or "  --strict  ..."), not ones quoted in descriptions.
std::set<std::string> declared_options(const std::string& help) {
    std::istringstream lines(help);
    const std::regex declared(R"(^\s*(?:-[a-zA-Z],)?(--[a-z][a-z0-9-]*[a-z0-9]))");
    std::set<std::string> found;
    std::string line;
    std::smatch m;
    while (std::getline(lines, line)) {
        if (std::regex_search(line, m, declared) && m[1] != "--help") {
            found.insert(m[1]);
        }
    }
    return found;
}

TEST(BashCompletion, OffersEveryLongOptionOfEveryCommand) {
    const std::string script =
        read_file(std::string(TMSC_SOURCE_DIR) + "/docs/completion/tmsc.bash");
    for (const std::string& name : commands()) {
        const auto at = script.find("    " + name + ") options=\"");
        const std::set<std::string> declared = declared_options(run_tmsc({name, "--help"}).out);
        if (declared.empty()) {
            continue; // a command without options needs no completion entry
        }
        ASSERT_NE(at, std::string::npos) << "tmsc.bash has no options for " << name;
        const std::string entry = script.substr(at, script.find('\n', at) - at);
        const std::set<std::string> offered = long_options(entry);
        for (const std::string& option : declared) {
            EXPECT_TRUE(offered.count(option) == 1)
                << "tmsc.bash does not complete " << option << " for 'tmsc " << name << "'";
        }
    }
}

TEST(ManPage, DescribesEveryLongOptionOfEveryCommand) {
    const std::string page = page_text();
    const std::set<std::string> documented = long_options(page);
    for (const std::string& name : commands()) {
        const testing_support::ProcessResult help = run_tmsc({name, "--help"});
        ASSERT_EQ(help.exit_code, 0) << name << ": " << help.err;
        for (const std::string& option : long_options(help.out)) {
            EXPECT_TRUE(documented.count(option) == 1)
                << "'tmsc " << name << " --help' prints " << option
                << " but docs/tmsc.1 does not describe it";
        }
    }
}

TEST(ManPage, RendersWithoutWarnings) {
    if (run_shell("command -v groff", ".").exit_code != 0) {
        GTEST_SKIP() << "groff is not installed";
    }
    const testing_support::ProcessResult r =
        run_shell("groff -man -Tutf8 -ww -z " + shell_quote(kPage), ".");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
}

TEST(ManPage, MandocLintsItWithoutAMessage) {
    // mandoc is stricter than groff: an unparseable .TH date, lines over 80 bytes, bad macros.
    if (run_shell("command -v mandoc", ".").exit_code != 0) {
        GTEST_SKIP() << "mandoc is not installed";
    }
    const testing_support::ProcessResult r = run_shell("mandoc -Tlint " + shell_quote(kPage), ".");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out + r.err, "");
}

} // namespace
} // namespace tmsc
