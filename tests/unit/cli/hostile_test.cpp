// Hostile-input corpus (tests/hostile/, see its README): every case runs the real tmsc binary
// under a wall-clock kill and must end with its expected exit code and exactly its expected
// diagnostic codes, write nothing, and print no crash or sanitizer report. Inputs too large or
// too binary to keep in the repository are generated here at test time.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

namespace tmsc {
namespace {

namespace fs = std::filesystem;
using testing_support::read_file;
using testing_support::shell_quote;

const fs::path kHostile = fs::path(TMSC_SOURCE_DIR) / "tests" / "hostile";

/// A generous wall-clock limit: a hang fails the case instead of hanging CI. Not a timing
/// assertion: every case finishes in well under a second on a normal build.
constexpr int kKillAfterSeconds = 60;

/// One line of tests/hostile/cases.txt.
struct HostileCase {
    std::string name;
    std::string input;              ///< "file", "gen:KIND", "stdin:gen:KIND" or "path:PATH"
    std::vector<std::string> args;  ///< tmsc arguments before the input
    int exit_code = 1;
    std::set<std::string> codes;    ///< every distinct [CODE] the run must show, and no other
};

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, sep);) {
        const auto b = part.find_first_not_of(" \t");
        const auto e = part.find_last_not_of(" \t");
        parts.push_back(b == std::string::npos ? "" : part.substr(b, e - b + 1));
    }
    if (!text.empty() && text.back() == sep) {
        parts.emplace_back(); // getline drops an empty last field
    }
    return parts;
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) {
        out.push_back(w);
    }
    return out;
}

std::vector<HostileCase> hostile_cases() {
    std::vector<HostileCase> cases;
    std::istringstream lines(read_file(kHostile / "cases.txt"));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto f = split(line, '|');
        if (f.size() != 5) {
            ADD_FAILURE() << "cases.txt: not 5 fields: " << line;
            continue;
        }
        const auto codes = words(f[4]);
        cases.push_back({f[0], f[1], words(f[2]), std::stoi(f[3]), {codes.begin(), codes.end()}});
    }
    return cases;
}

// ---- generated inputs -------------------------------------------------------------------------

std::string repeated(const std::string& unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) {
        out += unit;
    }
    return out;
}

/// Bytes from a fixed seed, so a failure reproduces.
std::string random_bytes(std::uint32_t seed, std::size_t size) {
    std::mt19937 gen(seed);
    std::string out(size, '\0');
    for (char& c : out) {
        c = static_cast<char>(gen() & 0xFF);
    }
    return out;
}

const std::string kHead = "protocol \"hostile\" {\n  coil figure8\n  intensity 110 %rMT\n  session {\n";
const std::string kTail = "  }\n}\n";

/// Every generator a case may name as gen:KIND.
const std::map<std::string, std::function<std::string()>>& generators() {
    static const std::map<std::string, std::function<std::string()>> g = {
        {"garbage-64k", [] { return random_bytes(1, 64 * 1024); }},
        {"garbage-ascii-64k",
         [] {
             std::string s = random_bytes(2, 64 * 1024);
             for (char& c : s) c = static_cast<char>(32 + (static_cast<unsigned char>(c) % 95));
             return s;
         }},
        {"protocol-then-garbage", [] { return kHead + random_bytes(3, 4096) + kTail; }},
        {"big-50mb", [] { return "protocol \"big\" {\n" + repeated("// padding padding padding\n", 50 * 1024 * 1024 / 27) + "}\n"; }},
        {"exactly-4mib",
         [] {
             const std::string body = kHead + "    train 40 pulses at 10 Hz\n" + kTail;
             return body + repeated("/", 4 * 1024 * 1024 - body.size());
         }},
        {"long-line-4mb", [] { return kHead + "    train " + repeated("9", 4 * 1024 * 1024 - 200) + " pulses at 10 Hz\n" + kTail; }},
        {"long-identifier-3mb", [] { return kHead + "    train n" + repeated("x", 3 * 1024 * 1024) + " pulses at 10 Hz\n" + kTail; }},
        {"long-string-3mb", [] { return "protocol \"" + repeated("a", 3 * 1024 * 1024) + "\" {\n}\n"; }},
        {"nest-repeat-10000", [] { return kHead + repeated("repeat 1 {\n", 10000) + "pulse\n" + repeated("}\n", 10000) + kTail; }},
        {"nest-block-10000", [] { return kHead + repeated("block {\n", 10000) + "pulse\n" + repeated("}\n", 10000) + kTail; }},
        {"nest-unclosed-10000", [] { return kHead + repeated("repeat 2 every 1 s {\n", 10000); }},
        {"nest-braces-10000", [] { return repeated("{", 10000) + repeated("}", 10000); }},
        {"nest-parens-100000", [] { return kHead + "    paired " + repeated("(", 100000) + "\n" + kTail; }},
        {"nest-repeat-63", [] { return kHead + repeated("repeat 1 {\n", 62) + "train 40 pulses at 10 Hz\n" + repeated("}\n", 62) + kTail; }},
        {"statements-100000", [] { return kHead + repeated("    pulse\n    wait 1 s\n", 100000) + kTail; }},
        {"sessions-2000", [] { return "protocol \"h\" {\n  intensity 110 %rMT\n" + repeated("  session { pulse }\n", 2000) + "}\n"; }},
        {"params-1000",
         [] {
             std::string s = "protocol \"h\" {\n  coil figure8\n  intensity 110 %rMT\n";
             for (int i = 0; i < 1000; ++i) s += "  param p" + std::to_string(i) + " = 10 Hz in 1..20 Hz\n";
             return s + "  session {\n    train 40 pulses at p999\n  }\n}\n";
         }},
        {"digits-10000", [] { return kHead + "    train 40 pulses at 1" + repeated("0", 10000) + " Hz\n" + kTail; }},
        {"nul-bytes", [] { return kHead + std::string(1024, '\0') + kTail; }},
        {"utf16le-bom",
         [] {
             std::string s = "\xFF\xFE";
             for (char c : kHead + kTail) { s += c; s += '\0'; }
             return s;
         }},
        {"utf8-overlong", [] { return kHead + "    // \xC0\xAF\n" + kTail; }},
        {"utf8-surrogate", [] { return kHead + "    // \xED\xA0\x80\n" + kTail; }},
        {"utf8-truncated-at-end", [] { return kHead + kTail + "\xE2\x82"; }},
        {"utf8-lone-continuation", [] { return "\x80" + kHead + kTail; }},
        {"utf8-above-max", [] { return kHead + "    // \xF4\x90\x80\x80\n" + kTail; }},
    };
    return g;
}

// ---- running ----------------------------------------------------------------------------------

/// Writes the case's input into `dir`; returns the argument that names it (or "-" for stdin).
std::string prepare_input(const HostileCase& c, const fs::path& dir, std::string& redirect) {
    std::string kind = c.input;
    const bool to_stdin = kind.rfind("stdin:", 0) == 0;
    if (to_stdin) {
        kind = kind.substr(6);
    }
    if (kind.rfind("path:", 0) == 0) {
        return kind.substr(5);
    }
    const std::string file = c.name + ".tms";
    std::string text;
    if (kind == "file") {
        text = read_file(kHostile / file);
        EXPECT_FALSE(text.empty() && c.name != "empty-file") << c.name << ": no " << file;
    } else if (kind.rfind("gen:", 0) == 0 && generators().count(kind.substr(4))) {
        text = generators().at(kind.substr(4))();
    } else {
        ADD_FAILURE() << c.name << ": unknown input " << c.input;
    }
    std::ofstream(dir / file, std::ios::binary) << text;
    if (to_stdin) {
        redirect = " < " + shell_quote(file);
        return "-";
    }
    return file;
}

/// Runs tmsc under the wall-clock kill (and, outside sanitizer builds, a 4 GiB address-space
/// limit) in `dir`.
testing_support::ProcessResult run_bounded(const std::vector<std::string>& args,
                                           const std::string& redirect, const fs::path& dir) {
    std::string command = "timeout -s KILL " + std::to_string(kKillAfterSeconds) + " " +
                          shell_quote(TMSC_BINARY);
    for (const std::string& a : args) {
        command += ' ' + shell_quote(a);
    }
#if defined(__SANITIZE_ADDRESS__)
    const std::string limit; // ASan reserves terabytes of address space for its shadow memory
#else
    const std::string limit = "ulimit -v 4194304 && ";
#endif
    return testing_support::run_shell(limit + command + redirect, dir);
}

/// Every distinct [CODE] in a run's output.
std::set<std::string> codes_shown(const testing_support::ProcessResult& r) {
    const std::regex code("\\[([EWST][0-9]{4})\\]");
    std::set<std::string> out;
    for (const std::string* text : {&r.out, &r.err}) {
        for (std::sregex_iterator it(text->begin(), text->end(), code), end; it != end; ++it) {
            out.insert((*it)[1]);
        }
    }
    return out;
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
        names.insert(e.path().filename().string());
    }
    return names;
}

std::string joined(const std::set<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : " ") + c;
    return out.empty() ? "(none)" : out;
}

/// What a crash, an uncaught exception or a sanitizer leaves on standard error.
void expect_no_crash_text(const std::string& name, const std::string& err) {
    for (const char* bad : {"terminate called", "Sanitizer", "runtime error:", "Segmentation fault",
                            "Aborted", "core dumped", "what():"}) {
        EXPECT_EQ(err.find(bad), std::string::npos) << name << ": standard error has '" << bad
                                                    << "':\n" << err.substr(0, 2000);
    }
}

void run_case(const HostileCase& c, const fs::path& scratch) {
    const fs::path dir = scratch / c.name;
    fs::create_directories(dir);
    std::string redirect;
    const std::string input = prepare_input(c, dir, redirect);
    const auto before = listing(dir);
    std::vector<std::string> args = c.args;
    args.push_back(input);
    const auto r = run_bounded(args, redirect, dir);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << " (137 = killed after " << kKillAfterSeconds
                                        << " s, -1 = signal)\n" << r.err.substr(0, 2000);
    EXPECT_EQ(joined(codes_shown(r)), joined(c.codes)) << c.name;
    expect_no_crash_text(c.name, r.err);
    EXPECT_EQ(listing(dir), before) << c.name << ": the run wrote a file";
    if (c.exit_code != 0) {
        // Whatever failed the check must also stop a compile: no table may appear.
        const auto compiled = run_bounded({"compile", "--target", "json", "--rmt", "50", "-o",
                                           "out.json", input}, redirect, dir);
        EXPECT_NE(compiled.exit_code, 0) << c.name << ": compile succeeded";
        EXPECT_GE(compiled.exit_code, 1) << c.name << ": compile crashed or was killed";
        expect_no_crash_text(c.name + " (compile)", compiled.err);
        EXPECT_EQ(listing(dir), before) << c.name << ": compile wrote a file";
    }
    fs::remove_all(dir);
}

TEST(Hostile, CorpusHasAtLeastSixtyCasesAndEveryFileIsUsed) {
    const auto cases = hostile_cases();
    EXPECT_GE(cases.size(), 60u);
    std::set<std::string> names;
    for (const auto& c : cases) {
        EXPECT_TRUE(names.insert(c.name).second) << c.name << " is listed twice";
        EXPECT_TRUE(c.input != "file" || fs::exists(kHostile / (c.name + ".tms"))) << c.name;
    }
    for (const auto& e : fs::directory_iterator(kHostile)) {
        if (e.path().extension() == ".tms") {
            EXPECT_TRUE(names.count(e.path().stem().string())) << e.path() << " is in no case";
        }
    }
}

TEST(Hostile, EveryCaseEndsAsExpectedWithinBounds) {
    const fs::path scratch = testing_support::scratch_dir("hostile");
    for (const HostileCase& c : hostile_cases()) {
        SCOPED_TRACE(c.name);
        run_case(c, scratch);
    }
    fs::remove_all(scratch);
}

} // namespace
} // namespace tmsc
