// Inputs the fuzzers (or the hostile corpus) once broke, kept in tests/fuzz/regressions/ and
// replayed here through the real binary in the normal suite: each must end with exit 0 or 1
// (never 2, a signal or a crash text), and a compile must write nothing unless the check passed.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = fs::path(TMSC_SOURCE_DIR) / "tests" / "fuzz" / "regressions";

std::vector<fs::path> regression_inputs() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(kRegressions)) {
        if (e.is_regular_file() && e.path().filename() != "README.md") {
            out.push_back(e.path());
        }
    }
    return out;
}

void expect_clean(const std::string& what, const testing_support::ProcessResult& r) {
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << what << ": exit " << r.exit_code;
    for (const char* bad : {"terminate called", "Sanitizer", "runtime error:", "what():"}) {
        EXPECT_EQ(r.err.find(bad), std::string::npos) << what << ": " << r.err.substr(0, 2000);
    }
}

TEST(FuzzRegressions, EveryKeptInputChecksAndCompilesCleanly) {
    const fs::path scratch = testing_support::scratch_dir("fuzz-regressions");
    const auto inputs = regression_inputs();
    EXPECT_FALSE(inputs.empty());
    for (const fs::path& input : inputs) {
        const std::string name = input.filename().string();
        const auto checked = testing_support::run_tmsc({"check", input.string()}, scratch);
        expect_clean(name + " (check)", checked);
        const auto compiled = testing_support::run_tmsc(
            {"compile", "--target", "json", "--rmt", "50", "-o", "out.json", input.string()},
            scratch);
        expect_clean(name + " (compile)", compiled);
        EXPECT_EQ(fs::exists(scratch / "out.json"), compiled.exit_code == 0) << name;
        EXPECT_TRUE(checked.exit_code == 0 || compiled.exit_code != 0) << name;
        fs::remove(scratch / "out.json");
    }
    fs::remove_all(scratch);
}

} // namespace
} // namespace tmsc
