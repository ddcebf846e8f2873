// Golden whole-program tests (tests/golden/, see its README): every case's output must match its
// .expected file byte for byte; every diagnostic code in the sources must appear in a golden
// case and in docs/diagnostics.md, whose examples must match the golden cases they quote.

#include "support/utf8.hpp"
#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace tmsc {
namespace {

namespace fs = std::filesystem;
using testing_support::read_file;

const fs::path kSource = TMSC_SOURCE_DIR;
const fs::path kGolden = kSource / "tests" / "golden";

/// One golden case: `<name>.tms`, or `<name>.gen` (a script printing a protocol too large to
/// keep in the repository), with optional `<name>.args` (the tmsc arguments; default "check").
struct GoldenCase {
    std::string name;
    bool generated = false;
};

std::vector<GoldenCase> golden_cases() {
    std::vector<GoldenCase> cases;
    for (const auto& entry : fs::directory_iterator(kGolden)) {
        const fs::path& p = entry.path();
        if (p.extension() == ".tms" || p.extension() == ".gen") {
            cases.push_back({p.stem().string(), p.extension() == ".gen"});
        }
    }
    std::sort(cases.begin(), cases.end(),
              [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
    return cases;
}

/// The arguments before the file name, from `<name>.args` when present.
std::vector<std::string> case_arguments(const std::string& name) {
    std::istringstream words(fs::exists(kGolden / (name + ".args"))
                                 ? read_file(kGolden / (name + ".args"))
                                 : std::string("check"));
    std::vector<std::string> args;
    for (std::string word; words >> word;) {
        args.push_back(word);
    }
    return args;
}

/// What refresh.sh writes: standard output, then standard error after a "--- stderr" line if
/// there is any, then "exit: N".
std::string actual_output(const GoldenCase& c, const fs::path& scratch) {
    fs::path dir = kGolden;
    if (c.generated) {
        dir = scratch;
        const auto made = testing_support::run_shell(
            "sh " + testing_support::shell_quote((kGolden / (c.name + ".gen")).string()) + " > " +
                testing_support::shell_quote(c.name + ".tms"),
            dir);
        EXPECT_EQ(made.exit_code, 0) << c.name << ".gen failed: " << made.err;
    }
    std::vector<std::string> args = case_arguments(c.name);
    args.push_back(c.name + ".tms");
    const auto r = testing_support::run_tmsc(args, dir);
    std::string out = r.out;
    if (!r.err.empty()) {
        out += "--- stderr\n" + r.err;
    }
    return out + "exit: " + std::to_string(r.exit_code) + "\n";
}

/// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected);
    std::istringstream a(actual);
    std::string le;
    std::string la;
    for (int line = 1;; ++line) {
        const bool more_e = static_cast<bool>(std::getline(e, le));
        const bool more_a = static_cast<bool>(std::getline(a, la));
        if (!more_e && !more_a) {
            return "texts differ only in line endings";
        }
        if (le != la || more_e != more_a) {
            return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? le : "<end>") +
                   "\n  actual:   " + (more_a ? la : "<end>");
        }
    }
}

TEST(Golden, EveryCaseMatchesItsExpectedOutput) {
    const fs::path scratch = testing_support::scratch_dir("golden");
    std::size_t compared = 0;
    for (const GoldenCase& c : golden_cases()) {
        const fs::path expected_path = kGolden / (c.name + ".expected");
        ASSERT_TRUE(fs::exists(expected_path)) << c.name << " has no .expected; run refresh.sh";
        const std::string expected = read_file(expected_path);
        const std::string actual = actual_output(c, scratch);
        // Not EXPECT_EQ: whole outputs printed twice would bury the line that differs.
        EXPECT_TRUE(expected == actual) << c.name << ": " << first_difference(expected, actual)
                                        << "\n(if the change is intended: tests/golden/refresh.sh)";
        ++compared;
    }
    fs::remove_all(scratch);
    EXPECT_GE(compared, 45u);
}

TEST(Golden, EveryExpectedFileHasItsCase) {
    std::set<std::string> names;
    for (const GoldenCase& c : golden_cases()) {
        names.insert(c.name);
    }
    for (const auto& entry : fs::directory_iterator(kGolden)) {
        const std::string ext = entry.path().extension().string();
        if (ext == ".expected" || ext == ".args") {
            EXPECT_TRUE(names.count(entry.path().stem().string()))
                << entry.path() << " belongs to no .tms or .gen case";
        }
    }
}

TEST(Golden, EveryCaseEndsWithItsExitStatus) {
    // A protocol problem is exit 1 (or 0 for warnings); never 2, a crash or a signal.
    const std::regex last_line("(^|\n)exit: [01]\n$");
    for (const GoldenCase& c : golden_cases()) {
        const std::string expected = read_file(kGolden / (c.name + ".expected"));
        EXPECT_TRUE(std::regex_search(expected, last_line)) << c.name;
    }
}

// ---- diagnostic codes -------------------------------------------------------------------------

/// Every code written as a string literal ("E0301") in the compiler's sources.
std::map<std::string, std::string> codes_in_sources() {
    const std::regex code("\"([EWST][0-9]{4})\"");
    std::map<std::string, std::string> codes; // code -> first file that uses it
    for (const char* folder : {"support", "grammar", "compiler", "safety", "targets", "authoring", "cli"}) {
        if (!fs::exists(kSource / folder)) {
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(kSource / folder)) {
            const std::string ext = entry.path().extension().string();
            if (ext != ".cpp" && ext != ".hpp") {
                continue;
            }
            const std::string text = read_file(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
                codes.emplace((*it)[1], fs::relative(entry.path(), kSource).string());
            }
        }
    }
    return codes;
}

/// Every "[CODE]" shown in the expected outputs of tests/golden and the other golden folders
/// (tests/golden-*, kept by the back ends).
std::set<std::string> codes_in_golden_outputs() {
    const std::regex shown("\\[([EWST][0-9]{4})\\]");
    std::set<std::string> codes;
    for (const auto& folder : fs::directory_iterator(kSource / "tests")) {
        if (!folder.is_directory() || folder.path().filename().string().rfind("golden", 0) != 0) {
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(folder.path())) {
            if (!entry.is_regular_file() || entry.path().extension() == ".tms") {
                continue;
            }
            const std::string text = read_file(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), shown), end; it != end; ++it) {
                codes.insert((*it)[1]);
            }
        }
    }
    return codes;
}

TEST(DiagnosticCodes, TheScanFindsTheParserAndResolverCodes) {
    // Guards the scan itself: if it found nothing, the coverage tests below would pass vacuously.
    const auto codes = codes_in_sources();
    EXPECT_TRUE(codes.count("E0001"));
    EXPECT_TRUE(codes.count("E0301"));
    EXPECT_TRUE(codes.count("W0601"));
    EXPECT_GE(codes.size(), 40u);
}

/// tests/golden/unreachable-codes.txt: code -> why no protocol can produce it on purpose.
std::map<std::string, std::string> unreachable_codes() {
    std::istringstream lines(read_file(kGolden / "unreachable-codes.txt"));
    std::map<std::string, std::string> out;
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line[0] != '#') {
            const std::size_t space = line.find(' ');
            out[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
        }
    }
    return out;
}

TEST(DiagnosticCodes, EveryCodeInTheSourcesAppearsInAGoldenCase) {
    const auto covered = codes_in_golden_outputs();
    const auto unreachable = unreachable_codes();
    std::string missing;
    for (const auto& [code, file] : codes_in_sources()) {
        if (!covered.count(code) && !unreachable.count(code)) {
            missing += "\n  " + code + " (used in " + file + ")";
        }
    }
    EXPECT_EQ(missing, "") << "codes no golden case shows; add a case to tests/golden:" << missing;
}

TEST(DiagnosticCodes, UnreachableCodesAreExplainedAndStillUnreachable) {
    const auto sources = codes_in_sources();
    const auto covered = codes_in_golden_outputs();
    for (const auto& [code, why] : unreachable_codes()) {
        EXPECT_TRUE(sources.count(code)) << code << " is no longer in the sources; unlist it";
        EXPECT_FALSE(covered.count(code)) << code << " has a golden case now; unlist it";
        EXPECT_GE(why.size(), 20u) << code << " needs a reason";
    }
}

TEST(DiagnosticCodes, EveryCodeInTheSourcesIsDocumented) {
    const std::string doc = read_file(kSource / "docs" / "diagnostics.md");
    ASSERT_FALSE(doc.empty()) << "docs/diagnostics.md is missing";
    std::string missing;
    for (const auto& [code, file] : codes_in_sources()) {
        if (doc.find("\n## " + code + " ") == std::string::npos) {
            missing += "\n  " + code + " (used in " + file + ")";
        }
    }
    EXPECT_EQ(missing, "") << "codes without a '## CODE ...' section in docs/diagnostics.md:"
                           << missing;
}

// ---- docs/diagnostics.md examples -------------------------------------------------------------

/// One documented example: the golden case it names and the two fenced blocks after it.
struct DocExample {
    std::string code;
    std::string golden;
    std::string input;
    std::string output;
};

/// The lines of a fenced block that starts after line `i` (the fence itself), up to its
/// closing fence; `i` is left on the closing fence.
std::string fenced_block(const std::vector<std::string>& lines, std::size_t& i) {
    std::string block;
    for (++i; i < lines.size() && lines[i] != "```"; ++i) {
        block += lines[i] + "\n";
    }
    return block;
}

/// Parses "## CODE ..." sections: each names its golden case as `tests/golden/NAME.tms` (or
/// `.gen`), then shows that file in a ```tms (or ```sh) block and the output in a ```text block.
std::vector<DocExample> doc_examples() {
    std::istringstream doc(read_file(kSource / "docs" / "diagnostics.md"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(doc, line);) {
        lines.push_back(line);
    }
    const std::regex heading("## ([EWST][0-9]{4}) .*");
    const std::regex golden(".*`tests/golden/([^`]+\\.(tms|gen))`.*");
    std::vector<DocExample> out;
    DocExample current;
    std::smatch m;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (std::regex_match(lines[i], m, heading)) {
            current = DocExample{m[1], "", "", ""};
        } else if (current.golden.empty() && std::regex_match(lines[i], m, golden)) {
            current.golden = m[1];
        } else if (!current.golden.empty() && (lines[i] == "```tms" || lines[i] == "```sh")) {
            current.input = fenced_block(lines, i);
        } else if (!current.golden.empty() && lines[i] == "```text") {
            current.output = fenced_block(lines, i);
            out.push_back(current);
            current = DocExample{};
        }
    }
    return out;
}

/// A case's bytes as docs/diagnostics.md shows them: a byte that is not UTF-8, or a control
/// character other than newline and tab, as \xHH (mirrors tests/golden/update-docs.py).
std::string shown_input(const std::string& bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = utf8_sequence_length(bytes, i);
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (n == 0 || (n == 1 && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F))) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(c));
            out += hex;
            ++i;
        } else {
            out += bytes.substr(i, n);
            i += n;
        }
    }
    return out;
}

/// The ```text blocks of the T sections of docs/diagnostics.md, which quote the back ends'
/// catalogue rather than a golden case here.
std::vector<std::pair<std::string, std::string>> target_doc_blocks() {
    std::istringstream doc(read_file(kSource / "docs" / "diagnostics.md"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(doc, line);) {
        lines.push_back(line);
    }
    std::vector<std::pair<std::string, std::string>> out;
    std::string code;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind("## ", 0) == 0) {
            code = lines[i].substr(3, 5);
        } else if (!code.empty() && code[0] == 'T' && lines[i] == "```text") {
            out.emplace_back(code, fenced_block(lines, i));
        }
    }
    return out;
}

/// What docs/diagnostics.md shows of a golden output: the diagnostics, without the verdict
/// table that follows them or the exit status; for a case whose diagnostics go to standard
/// error, that part.
std::string diagnostics_part(const std::string& expected) {
    std::string text = expected;
    if (const std::size_t err = text.find("--- stderr\n"); err != std::string::npos) {
        text = text.substr(err + 11);
    }
    for (const char* end : {"\nverdict  errors", "exit: "}) {
        if (const std::size_t at = text.find(end); at != std::string::npos) {
            text = text.substr(0, at + (end[0] == '\n' ? 1 : 0));
        }
    }
    // The blank line that separates the diagnostics from the table is not shown.
    while (text.size() >= 2 && text.compare(text.size() - 2, 2, "\n\n") == 0) {
        text.pop_back();
    }
    return text;
}

TEST(DiagnosticDocs, EveryExampleIsAGoldenCaseShownExactly) {
    const auto examples = doc_examples();
    EXPECT_GE(examples.size(), codes_in_sources().size() / 2) << "few examples parsed: format?";
    for (const DocExample& e : examples) {
        const fs::path input = kGolden / e.golden;
        ASSERT_TRUE(fs::exists(input)) << e.code << " quotes a missing golden case " << e.golden;
        EXPECT_EQ(e.input, shown_input(read_file(input)))
            << e.code << ": input differs from " << input;
        const fs::path expected = kGolden / (input.stem().string() + ".expected");
        const std::string shown = diagnostics_part(read_file(expected));
        EXPECT_EQ(e.output, shown) << e.code << ": output differs from " << e.golden
                                   << ".expected (run tests/golden/update-docs.py)";
        EXPECT_NE(shown.find("[" + e.code + "]"), std::string::npos)
            << e.code << "'s example " << e.golden << " does not show " << e.code;
    }
}

TEST(DiagnosticDocs, TargetExamplesAreQuotedFromTheBackEndCatalogue) {
    const fs::path catalogue = kSource / "tests" / "golden-targets" / "diagnostics-catalogue.txt";
    if (!fs::exists(catalogue)) {
        GTEST_SKIP() << "the back ends keep no catalogue yet";
    }
    const std::string text = read_file(catalogue);
    const auto blocks = target_doc_blocks();
    EXPECT_GE(blocks.size(), 10u) << "few T examples found in docs/diagnostics.md";
    for (const auto& [code, block] : blocks) {
        EXPECT_NE(block.find("[" + code + "]"), std::string::npos) << code;
        EXPECT_NE(text.find(block), std::string::npos)
            << code << "'s example is not in " << catalogue << ":\n"
            << block;
    }
}

} // namespace
} // namespace tmsc
