// docs/ci/pre-commit, run as git runs it: in a scratch repository, a formatted and safe protocol
// commits; an unformatted one and an unsafe one are refused and leave no commit behind.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace tmsc {
namespace {

using testing_support::ProcessResult;
using testing_support::run_shell;
using testing_support::scratch_dir;
using testing_support::shell_quote;

class PreCommitHook : public ::testing::Test {
  protected:
    void SetUp() override {
        if (run_shell("git --version", ".").exit_code != 0) {
            GTEST_SKIP() << "git is not installed";
        }
        repo_ = scratch_dir("hook");
        const std::string hook = std::string(TMSC_SOURCE_DIR) + "/docs/ci/pre-commit";
        ASSERT_EQ(git("init -q && git config user.email t@example.org && git config user.name t && "
                      "cp " + shell_quote(hook) + " .git/hooks/pre-commit")
                      .exit_code,
                  0);
    }

    ProcessResult git(const std::string& args) { return run_shell("git " + args, repo_); }

    /// Stages `file` with the text of an example and tries to commit it with the hook.
    ProcessResult commit(const std::string& file, const std::string& text) {
        std::ofstream(repo_ / file) << text;
        return run_shell("git add " + shell_quote(file) + " && TMSC=" + shell_quote(TMSC_BINARY) +
                             " git commit -q -m test",
                         repo_);
    }

    std::size_t commits() {
        const ProcessResult r = git("rev-list --count --all");
        return r.exit_code == 0 ? std::stoul(r.out) : 0;
    }

    static std::string example(const std::string& name) {
        return testing_support::read_file(std::string(TMSC_SOURCE_DIR) + "/examples/" + name);
    }

    std::filesystem::path repo_;
};

TEST_F(PreCommitHook, AFormattedSafeProtocolCommits) {
    const ProcessResult r = commit("fda.tms", example("fda-10hz.tms"));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(commits(), 1u);
}

TEST_F(PreCommitHook, AnUnformattedProtocolIsRefused) {
    std::string text = example("fda-10hz.tms");
    text.replace(text.find("session {"), 9, "session    {");
    const ProcessResult r = commit("fda.tms", text);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("is not formatted"), std::string::npos) << r.err;
    EXPECT_EQ(commits(), 0u);
}

TEST_F(PreCommitHook, AnUnsafeProtocolIsRefused) {
    const ProcessResult r = commit("unsafe.tms",
                                   testing_support::read_file(std::string(TMSC_SOURCE_DIR) +
                                                              "/examples/unsafe/20hz-2s-130pct.tms"));
    EXPECT_NE(r.exit_code, 0);
    // git hands a hook's standard output to its own standard error.
    EXPECT_NE((r.out + r.err).find("error[S0101]"), std::string::npos) << r.out << r.err;
    EXPECT_EQ(commits(), 0u);
}

} // namespace
} // namespace tmsc
