// Reading protocol files: what cannot be read is a one-line I/O error; what is read but is not
// text the parser may see (too large, NUL bytes, invalid UTF-8) is a located diagnostic.

#include "support/source_loader.hpp"

#include "tests/unit/common/run_process.hpp"
#include "tests/unit/common/test_printers.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing_support::scratch_dir;
using namespace std::string_literals;

/// Writes `bytes` to a file in a scratch folder and returns its path.
std::string write_temp(const std::string& name, const std::string& bytes) {
    const auto path = scratch_dir("loader") / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

/// The encoding diagnostics of `bytes`.
std::vector<Diagnostic> encoding_problems(const std::string& bytes) {
    return check_encoding(SourceFile("e.tms", bytes)).sorted();
}

TEST(SourceLoader, ReadsAWholeFileByteForByte) {
    const std::string text = "protocol \"x\" {\r\n}\n\xC3\xA9";
    const std::string path = write_temp("ok.tms", text);
    const LoadResult loaded = load_source(path);
    ASSERT_TRUE(loaded.source);
    EXPECT_EQ(loaded.source->text(), text);
    EXPECT_EQ(loaded.source->path(), path);
    EXPECT_TRUE(loaded.io_error.empty());
}

TEST(SourceLoader, MissingFileIsAnIoError) {
    const LoadResult loaded = load_source("/nonexistent/dir/p.tms");
    EXPECT_FALSE(loaded.source);
    EXPECT_EQ(loaded.io_error, "cannot read '/nonexistent/dir/p.tms': No such file or directory");
}

TEST(SourceLoader, DirectoryIsAnIoError) {
    const auto dir = scratch_dir("loader-dir");
    const LoadResult loaded = load_source(dir.string());
    EXPECT_FALSE(loaded.source);
    EXPECT_EQ(loaded.io_error, "cannot read '" + dir.string() + "': it is a directory");
}

TEST(SourceLoader, UnreadableFileIsAnIoError) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root can read a file without read permission";
    }
    const std::string path = write_temp("secret.tms", "protocol \"x\" {}\n");
    std::filesystem::permissions(path, std::filesystem::perms::none);
    const LoadResult loaded = load_source(path);
    EXPECT_FALSE(loaded.source);
    EXPECT_EQ(loaded.io_error, "cannot read '" + path + "': Permission denied");
}

TEST(SourceLoader, FileOverTheLimitIsE0004AndNotReadWhole) {
    const std::string path =
        write_temp("big.tms", "protocol \"big\" {\n" + std::string(kMaxSourceBytes, ' '));
    const LoadResult loaded = load_source(path);
    ASSERT_TRUE(loaded.source);
    // One byte past the limit is enough to know; the rest is never read.
    EXPECT_EQ(loaded.source->text().size(), kMaxSourceBytes + 1);
    const auto problems = check_encoding(*loaded.source).sorted();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "E0004");
    EXPECT_EQ(problems[0].message, "the file is larger than the 4 MiB a protocol may have");
    EXPECT_EQ(problems[0].range.begin.offset, 0u);
    std::filesystem::remove(path);
}

TEST(SourceLoader, FileExactlyAtTheLimitIsAccepted) {
    EXPECT_TRUE(encoding_problems(std::string(kMaxSourceBytes, ' ')).empty());
}

TEST(SourceEncoding, NulByteIsE0005AtItsPosition) {
    const auto problems = encoding_problems("protocol \"x\" {\n  cite \"a\0b\"\n}\n"s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "E0005");
    EXPECT_EQ(problems[0].message, "the file contains a NUL byte; a protocol must be UTF-8 text");
    EXPECT_EQ(problems[0].range.begin.line, 2u);
    EXPECT_EQ(problems[0].range.begin.column, 10u);
}

TEST(SourceEncoding, InvalidUtf8IsE0005AtTheBadByte) {
    const struct {
        std::string bytes;
        std::size_t column;
        std::string byte;
    } cases[] = {
        {"cite \"caf\xE9\"", 10, "0xE9"},  // Latin-1, not UTF-8
        {"x \xC0\xAF", 3, "0xC0"},         // overlong '/'
        {"x \xE0\x80\xAF", 3, "0xE0"},     // overlong, three bytes
        {"x \xED\xA0\x80", 3, "0xED"},     // a UTF-16 surrogate
        {"x \xF4\x90\x80\x80", 3, "0xF4"}, // above U+10FFFF
        {"x \x80", 3, "0x80"},             // a lone continuation byte
        {"x \xE2\x82", 3, "0xE2"},         // cut short by the end of the file
        {"x \xFF", 3, "0xFF"},
    };
    for (const auto& c : cases) {
        const auto problems = encoding_problems(c.bytes);
        ASSERT_EQ(problems.size(), 1u) << c.byte;
        EXPECT_EQ(problems[0].code, "E0005");
        EXPECT_EQ(problems[0].message,
                  "the file is not valid UTF-8 text: byte " + c.byte + " cannot appear here");
        EXPECT_EQ(problems[0].range.begin.column, c.column) << c.byte;
    }
}

TEST(SourceEncoding, ValidUtf8IsAccepted) {
    // 2-, 3- and 4-byte sequences at the edges of their ranges.
    EXPECT_TRUE(encoding_problems("\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEF\xBF\xBF "
                                  "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF \xE2\x80\x94")
                    .empty());
}

TEST(SourceEncoding, RendersNulAndInvalidBytesAsVisibleCharacters) {
    const SourceFile source("r.tms", "cite \"a\0b\xE9\"\n"s);
    const Diagnostic d = check_encoding(source).sorted().at(0);
    // The quoted line stays valid UTF-8 on one line: NUL as U+2400, the bad byte as U+FFFD.
    EXPECT_EQ(
        render(d, source),
        "r.tms:1:8: error[E0005]: the file contains a NUL byte; a protocol must be UTF-8 text\n"
        " 1 | cite \"a\xE2\x90\x80"
        "b\xEF\xBF\xBD\"\n"
        "   |        ^\n");
}

} // namespace
} // namespace tmsc
