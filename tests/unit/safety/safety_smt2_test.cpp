// The solver queries, dumped with --emit=smt2, must get the same answers from the z3 and cvc5
// command-line solvers as tmsc got from the Z3 library: the encoding is plain SMT-LIB 2, and
// a second, independent solver agrees with every proof and counterexample.

#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace tmsc {
namespace {

using testing::run_tmsc;

/// The "; tmsc answer: X" comments, in order.
std::vector<std::string> tmsc_answers(const std::string& script) {
    std::vector<std::string> out;
    std::istringstream in(script);
    const std::string prefix = "; tmsc answer: ";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix, 0) == 0) {
            out.push_back(line.substr(prefix.size()));
        }
    }
    return out;
}

/// Runs a solver command on the script; returns one answer per (check-sat), or nullopt when
/// the solver is not installed.
std::optional<std::vector<std::string>> solve(const std::string& command, const std::string& script) {
    if (std::system(("command -v " + command.substr(0, command.find(' ')) + " >/dev/null 2>&1").c_str()) != 0) {
        return std::nullopt;
    }
    namespace fs = std::filesystem;
    std::string pattern = (fs::temp_directory_path() / "tmsc-smt2-XXXXXX").string();
    const fs::path dir = mkdtemp(pattern.data());
    std::ofstream(dir / "queries.smt2") << script;
    const std::string run = command + " '" + (dir / "queries.smt2").string() + "' > '" +
                            (dir / "answers").string() + "' 2>&1";
    (void)std::system(run.c_str());
    std::ifstream in(dir / "answers");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    fs::remove_all(dir);
    return out;
}

const char* kExamples = "examples/*.tms examples/unsafe/*.tms";

TEST(SafetySmt2, EveryQueryIsDumpedWithItsAnswer) {
    const auto run = run_tmsc(std::string("check --emit=smt2 ") + kExamples);
    EXPECT_EQ(run.exit_code, 1); // the unsafe examples fail
    const std::vector<std::string> answers = tmsc_answers(run.out);
    // Trains and totals of protocols without timing ranges are judged on the timeline, not by
    // queries; the session lengths and the ranged examples (SICI, the parametric unsafe one)
    // still give more than ten.
    ASSERT_GT(answers.size(), 10u);
    EXPECT_NE(std::find(answers.begin(), answers.end(), "sat"), answers.end());
    EXPECT_NE(std::find(answers.begin(), answers.end(), "unsat"), answers.end());
    EXPECT_EQ(std::count(answers.begin(), answers.end(), "unknown"), 0);
    EXPECT_NE(run.out.find(":named range_param_f"), std::string::npos);
    EXPECT_NE(run.err.find("verdict  errors"), std::string::npos); // the report moved to stderr
}

TEST(SafetySmt2, Z3CommandLineGivesTheSameAnswers) {
    const auto run = run_tmsc(std::string("check --emit=smt2 ") + kExamples);
    const auto answers = solve("z3 -T:120", run.out);
    if (!answers) {
        GTEST_SKIP() << "the z3 command is not installed (.ci/install-deps installs it)";
    }
    EXPECT_EQ(*answers, tmsc_answers(run.out));
}

TEST(SafetySmt2, Cvc5GivesTheSameAnswers) {
    const auto run = run_tmsc(std::string("check --emit=smt2 ") + kExamples);
    const auto answers = solve("cvc5 --lang smt2 --tlimit-per=20000", run.out);
    if (!answers) {
        GTEST_SKIP() << "the cvc5 command is not installed (.ci/install-deps installs it)";
    }
    EXPECT_EQ(*answers, tmsc_answers(run.out));
}

} // namespace
} // namespace tmsc
