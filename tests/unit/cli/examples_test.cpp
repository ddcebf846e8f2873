// The bundled examples and the language documentation are checked by the real binary: every
// examples/*.tms and examples/unsafe/*.tms is a well-formed protocol (no E-code error; the
// unsafe ones fail only on safety rules), and every ```tms block in docs/language.md passes.

#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace tmsc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing_support::read_file;
using testing_support::run_tmsc;

const fs::path kSource = TMSC_SOURCE_DIR;

/// The .tms files directly inside `folder` (relative to the source tree), sorted.
std::vector<std::string> tms_files(const std::string& folder) {
    std::vector<std::string> out;
    if (!fs::is_directory(kSource / folder)) {
        return out;
    }
    for (const auto& entry : fs::directory_iterator(kSource / folder)) {
        if (entry.path().extension() == ".tms") {
            out.push_back(folder + "/" + entry.path().filename().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// `tmsc check --format json` of `files` (paths relative to the source tree).
json check_json(const std::vector<std::string>& files, const fs::path& dir = kSource) {
    std::vector<std::string> args = {"check", "--format", "json"};
    args.insert(args.end(), files.begin(), files.end());
    const auto r = run_tmsc(args, dir);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << ": " << r.err;
    EXPECT_EQ(r.err, "");
    try {
        return json::parse(r.out);
    } catch (const json::exception& e) {
        ADD_FAILURE() << "not JSON (" << e.what() << "):\n" << r.out;
        return json::object();
    }
}

TEST(Examples, NoExampleHasAnErrorOfTheLanguage) {
    std::vector<std::string> files = tms_files("examples");
    const std::vector<std::string> unsafe = tms_files("examples/unsafe");
    files.insert(files.end(), unsafe.begin(), unsafe.end());
    if (files.empty()) {
        GTEST_SKIP() << "examples/ holds no protocols yet";
    }
    // Once there are examples there must be a real set of them, not one or two.
    EXPECT_GE(files.size(), 10u);
    const json report = check_json(files);
    ASSERT_EQ(report.value("files", json::array()).size(), files.size());
    for (const json& file : report["files"]) {
        for (const json& d : file.at("diagnostics")) {
            const std::string code = d.at("code");
            EXPECT_NE(code[0], 'E') << file.at("path").get<std::string>() << ":" << d.at("line")
                                    << ": " << code << " " << d.at("message");
        }
    }
}

/// The ```tms fenced blocks of a Markdown text, in order.
std::vector<std::string> tms_blocks(const std::string& markdown) {
    std::vector<std::string> blocks;
    std::istringstream lines(markdown);
    std::string line;
    while (std::getline(lines, line)) {
        if (line != "```tms") {
            continue;
        }
        std::string block;
        while (std::getline(lines, line) && line != "```") {
            block += line + "\n";
        }
        blocks.push_back(block);
    }
    return blocks;
}

TEST(Examples, TmsBlockFinderReadsFencedBlocks) {
    const auto blocks = tms_blocks("text\n```tms\na\nb\n```\n```sh\nx\n```\n```tms\nc\n```\n");
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0], "a\nb\n");
    EXPECT_EQ(blocks[1], "c\n");
}

TEST(Examples, EveryTmsBlockOfTheLanguageDocumentPasses) {
    const std::string doc = read_file(kSource / "docs" / "language.md");
    const std::vector<std::string> blocks = tms_blocks(doc);
    if (blocks.empty()) {
        GTEST_SKIP() << "docs/language.md has no ```tms blocks yet";
    }
    const fs::path dir = testing_support::scratch_dir("language-md");
    std::vector<std::string> files;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        files.push_back("block-" + std::to_string(i + 1) + ".tms");
        std::ofstream(dir / files.back()) << blocks[i];
    }
    const json report = check_json(files, dir);
    ASSERT_EQ(report.value("files", json::array()).size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const json& file = report["files"][i];
        EXPECT_EQ(file.at("verdict"), "pass")
            << "docs/language.md, ```tms block " << i + 1 << ":\n"
            << blocks[i] << "diagnostics: " << file.at("diagnostics").dump(2);
    }
    fs::remove_all(dir);
}

} // namespace
} // namespace tmsc
