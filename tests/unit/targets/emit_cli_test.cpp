// `tmsc compile` and `tmsc stats` as a user runs them: fail closed, atomic files, exit codes.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

/// A fresh directory for one test's output files, removed afterwards.
class ScratchDir {
  public:
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "tmsc-emit-XXXXXX").string();
        path_ = mkdtemp(pattern.data());
    }
    ~ScratchDir() { fs::remove_all(path_); }
    fs::path operator/(const std::string& name) const { return path_ / name; }
    /// Names of every entry, sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(path_)) {
            out.push_back(e.path().filename().string());
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

struct CommandRun {
    int exit_code;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Runs tmsc with `args` (shell words) from the source directory.
CommandRun tmsc(const std::string& args, const ScratchDir& scratch) {
    const fs::path out = scratch.path() / ".stdout";
    const fs::path err = scratch.path() / ".stderr";
    const std::string command = std::string("cd '") + TMSC_SOURCE_DIR + "' && '" + TMSC_BINARY +
                                "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    CommandRun run{WEXITSTATUS(status), slurp(out), slurp(err)};
    fs::remove(out);
    fs::remove(err);
    return run;
}

/// A path in single quotes for the shell (built with append: GCC 12 at -O3 warns about
/// `"'" + std::string` concatenations, a known false positive).
std::string quoted(const fs::path& path) {
    std::string out(1, '\'');
    out.append(path.string());
    out.push_back('\'');
    return out;
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(EmitCli, CompileWritesTheWholeFileAndNothingElse) {
    ScratchDir dir;
    const CommandRun run = tmsc("compile examples/fda-10hz.tms --target csv -o '" +
                             (dir / "fda.csv").string() + "'",
                         dir);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(dir.entries(), (std::vector<std::string>{"fda.csv", "fda.csv.intoto.json"}));
    const std::string csv = slurp(dir / "fda.csv");
    EXPECT_EQ(count_lines(csv), 3001u); // header row and 3000 pulses, nothing after them
    EXPECT_TRUE(csv.ends_with(",left_dlpfc\r\n"));
}

TEST(EmitCli, OutputOnErrorLeavesNoFile) {
    ScratchDir dir;
    const std::string out = " -o '" + (dir / "out.json").string() + "'";
    const CommandRun range = tmsc("compile examples/sici-paired-pulse.tms --target json --set test=140"
                           "%rMT" + out, dir);
    EXPECT_EQ(range.exit_code, 1);
    EXPECT_NE(range.err.find("error[E0902]"), std::string::npos) << range.err;
    const CommandRun limit = tmsc("compile examples/fda-10hz.tms --target json --max-pulses 100" + out, dir);
    EXPECT_EQ(limit.exit_code, 1);
    EXPECT_NE(limit.err.find("error[E0906]"), std::string::npos) << limit.err;
    std::ofstream(dir / "bad.tms") << "protocol \"x\" { session { train 40 pulses at } }\n";
    const CommandRun parse = tmsc("compile '" + (dir / "bad.tms").string() + "' --target csv" + out, dir);
    EXPECT_EQ(parse.exit_code, 1);
    EXPECT_EQ(parse.out, "");
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"bad.tms"});
}

TEST(EmitCli, CompileWritesAFileExactlyWhenCheckPasses) {
    ScratchDir dir;
    std::vector<fs::path> files;
    for (const char* sub : {"examples", "examples/unsafe"}) {
        for (const auto& e : fs::directory_iterator(fs::path(TMSC_SOURCE_DIR) / sub)) {
            if (e.path().extension() == ".tms") {
                files.push_back(e.path());
            }
        }
    }
    ASSERT_FALSE(files.empty());
    for (const fs::path& file : files) {
        const fs::path out = dir / (file.stem().string() + ".csv");
        const CommandRun check = tmsc("check '" + file.string() + "'", dir);
        const CommandRun compile = tmsc("compile '" + file.string() + "' --target csv --rmt 50 --amt 40 "
                                 "-o '" + out.string() + "'",
                                 dir);
        EXPECT_EQ(fs::exists(out), check.exit_code == 0) << file << "\n" << compile.err;
        EXPECT_EQ(compile.exit_code == 0, check.exit_code == 0) << file << "\n" << compile.err;
    }
}

TEST(EmitCli, CompileAgreesWithCheckUnderTheSameRuleOptions) {
    ScratchDir dir;
    // Four-pulse bursts at 200 Hz draw warnings (outside the published TBS envelope).
    std::ofstream(dir / "w.tms") << "protocol \"w\" {\n  coil figure8\n  intensity 80 %aMT\n"
                                    "  session {\n    train 10 bursts at 50 Hz { burst 4 pulses "
                                    "at 200 Hz }\n  }\n}\n";
    const std::string warned = (dir / "w.tms").string();
    for (const std::string& file : {warned, std::string("examples/fda-10hz.tms"),
                                   std::string("examples/saint-accelerated-itbs.tms")}) {
        for (const char* flags : {"--strict", "--rules rossi2009-conservative"}) {
            const fs::path out = dir / "out.csv";
            const CommandRun check = tmsc(std::string("check ") + flags + " " + quoted(fs::path(file)), dir);
            const CommandRun compile = tmsc(std::string("compile ") + flags + " " + quoted(fs::path(file)) +
                                                " --target csv -o " + quoted(out),
                                            dir);
            EXPECT_EQ(fs::exists(out), check.exit_code == 0) << file << " " << flags;
            EXPECT_EQ(compile.exit_code == 0, check.exit_code == 0) << file << " " << flags;
            fs::remove(out);
        }
    }
}

TEST(EmitCli, JsonIsByteIdenticalAcrossRuns) {
    ScratchDir dir;
    const CommandRun a = tmsc("compile examples/sici-paired-pulse.tms --target json", dir);
    const CommandRun b = tmsc("compile examples/sici-paired-pulse.tms --target json", dir);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    EXPECT_FALSE(a.out.empty());
}

TEST(EmitCli, UsageErrorsExitTwo) {
    ScratchDir dir;
    EXPECT_EQ(tmsc("compile examples/fda-10hz.tms --target csv --rmt 150", dir).exit_code, 2);
    EXPECT_EQ(tmsc("compile examples/fda-10hz.tms --target csv --set nonsense", dir).exit_code, 2);
    EXPECT_EQ(tmsc("compile examples/fda-10hz.tms --target xml", dir).exit_code, 2);
    EXPECT_EQ(tmsc("compile examples/no-such-file.tms --target csv", dir).exit_code, 2);
    const CommandRun missing_dir = tmsc("compile examples/fda-10hz.tms --target csv -o '" +
                                     (dir / "no/such/dir/x.csv").string() + "'",
                                 dir);
    EXPECT_EQ(missing_dir.exit_code, 2);
    EXPECT_TRUE(dir.entries().empty());
}

TEST(EmitCli, JitterNeedsASeedToCompile) {
    ScratchDir dir;
    std::ofstream(dir / "j.tms") << "protocol \"j\" {\n  coil figure8\n  intensity 100 %rMT\n  session {\n"
                                    "    repeat 3 every 4..6 s { pulse }\n  }\n}\n";
    const std::string file = quoted(dir / "j.tms");
    const CommandRun without = tmsc("compile " + file + " --target csv", dir);
    EXPECT_EQ(without.exit_code, 1);
    EXPECT_NE(without.err.find("error[E0904]"), std::string::npos) << without.err;
    EXPECT_EQ(tmsc("check " + file, dir).exit_code, 0);
    const CommandRun with = tmsc("compile " + file + " --target csv --seed 7", dir);
    EXPECT_EQ(with.exit_code, 0) << with.err;
    EXPECT_NE(with.out.find("\n1,5371813,5.371813,1,"), std::string::npos) << with.out;
}

TEST(EmitCli, StatsPrintsEveryConvention) {
    ScratchDir dir;
    const CommandRun fda = tmsc("stats examples/fda-10hz.tms", dir);
    ASSERT_EQ(fda.exit_code, 0) << fda.err;
    for (const char* figure : {"3000", "2250 s", "2224 s", "2223.9 s", "2216.5 s", "2220 s",
                               "90000"}) {
        EXPECT_NE(fda.out.find(figure), std::string::npos) << figure << "\n" << fda.out;
    }
    const CommandRun saint = tmsc("stats examples/saint-accelerated-itbs.tms", dir);
    ASSERT_EQ(saint.exit_code, 0) << saint.err;
    for (const char* figure : {"1800", "18000", "90000", "32920 s", "591.84 s", "582.4 s"}) {
        EXPECT_NE(saint.out.find(figure), std::string::npos) << figure << "\n" << saint.out;
    }
}

} // namespace
