// No partial state from `tmsc compile -o`: a failed write leaves no file and an earlier file
// untouched, and a device destination (/dev/null, /dev/full) is written in place, never
// replaced by a plain file (renaming over it, as root, destroyed the device node).

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>
#include <algorithm>
#include <fstream>
#include <vector>
#include <sys/stat.h>

namespace {

using namespace tmsc::testing_support;

const std::string kExample = std::string(TMSC_SOURCE_DIR) + "/examples/fda-10hz.tms";
const std::string kUnsafe = std::string(TMSC_SOURCE_DIR) + "/examples/unsafe/10hz-3s-150pct.tms";

/// Whether `path` is (still) a character device.
bool is_char_device(const char* path) {
    struct stat st {};
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

ProcessResult compile_json(const std::string& source, const std::string& output) {
    return run_tmsc({"compile", source, "--target", "json", "--rmt", "50", "-o", output});
}

TEST(AtomicOutput, FullDeviceIsAnIoErrorAndStaysADevice) {
    if (!is_char_device("/dev/full")) {
        GTEST_SKIP() << "/dev/full is not a character device on this machine";
    }
    const ProcessResult r = compile_json(kExample, "/dev/full");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
    EXPECT_TRUE(is_char_device("/dev/full"));
}

TEST(AtomicOutput, NullDeviceIsWrittenInPlace) {
    const ProcessResult r = compile_json(kExample, "/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(is_char_device("/dev/null"));
}

TEST(AtomicOutput, ParentThatIsAFileLeavesNothing) {
    const auto dir = scratch_dir("atomic-parent-file");
    std::ofstream(dir / "plain") << "x";
    const ProcessResult r = compile_json(kExample, (dir / "plain" / "out.json").string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("Not a directory"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(dir / "plain"), "x");
    std::filesystem::remove_all(dir);
}

TEST(AtomicOutput, DirectoryDestinationIsRefused) {
    const auto dir = scratch_dir("atomic-dir");
    const ProcessResult r = compile_json(kExample, dir.string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
    EXPECT_TRUE(std::filesystem::is_directory(dir));
    std::filesystem::remove_all(dir);
}

TEST(AtomicOutput, ASymbolicLinkIsWrittenThroughAndKept) {
    // -o through a link replaces the file the link names (atomically, beside it) and leaves
    // the link alone; a dangling link gets its target created.
    namespace fs = std::filesystem;
    const auto dir = scratch_dir("atomic-link");
    fs::create_directory(dir / "tables");
    std::ofstream(dir / "tables" / "real.json") << "old";
    fs::create_symlink("tables/real.json", dir / "current.json");
    fs::create_symlink("tables/new.json", dir / "dangling.json");
    ASSERT_EQ(compile_json(kExample, (dir / "current.json").string()).exit_code, 0);
    ASSERT_EQ(compile_json(kExample, (dir / "dangling.json").string()).exit_code, 0);
    EXPECT_TRUE(fs::is_symlink(dir / "current.json"));
    EXPECT_TRUE(fs::is_symlink(dir / "dangling.json"));
    const std::string table = read_file(dir / "tables" / "real.json");
    EXPECT_TRUE(table.starts_with("{\n") && table.ends_with("\n}\n"));
    EXPECT_TRUE(fs::exists(dir / "current.json.intoto.json")); // beside the name given
    EXPECT_EQ(read_file(dir / "tables" / "new.json"), table);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir / "tables")) {
        names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"new.json", "real.json"})); // no temporary left
    fs::remove_all(dir);
}

TEST(AtomicOutput, FailingProtocolLeavesEarlierFileUntouched) {
    const auto dir = scratch_dir("atomic-earlier");
    const std::string out = (dir / "table.json").string();
    ASSERT_EQ(compile_json(kExample, out).exit_code, 0);
    const std::string before = read_file(out);
    ASSERT_FALSE(before.empty());
    const ProcessResult r = compile_json(kUnsafe, out);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(read_file(out), before);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++entries;
    }
    EXPECT_EQ(entries, 2U) << "a temporary file was left behind"; // the table, its attestation
    std::filesystem::remove_all(dir);
}

} // namespace
