// The one diagnostic renderer: exact text for carets, tabs, multi-line ranges, notes, and the
// sorting and de-duplication every report relies on.

#include "support/diagnostic.hpp"

#include "tests/unit/common/test_printers.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

/// The range [begin, end) of a source, as byte offsets.
SourceRange span(const SourceFile& source, std::size_t begin, std::size_t end) {
    return SourceRange{source.location(begin), source.location(end)};
}

Diagnostic error_at(const SourceFile& source, std::size_t begin, std::size_t end,
                    std::string code = "E0301", std::string message = "bad") {
    return Diagnostic{
        Severity::Error, std::move(code), std::move(message), span(source, begin, end), {}};
}

TEST(DiagnosticRender, CaretUnderTheRange) {
    const SourceFile source("p.tms", "protocol \"x\" {\n  train for 2.2 s at 18 Hz\n}\n");
    const std::size_t begin = source.text().find("train");
    const std::size_t end = source.text().find(" Hz") + 3;
    EXPECT_EQ(render(error_at(source, begin, end, "E0301", "not whole"), source),
              "p.tms:2:3: error[E0301]: not whole\n"
              " 2 |   train for 2.2 s at 18 Hz\n"
              "   |   ^~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST(DiagnosticRender, AVeryLongLineIsShownAsAWindowAroundTheCaret) {
    // A 4 MiB one-line file must not echo 4 MiB: about 160 bytes around the caret are shown,
    // with "..." where the line was cut, and the caret still under the right character.
    const std::string filler(2'000'000, 'x');
    const SourceFile source("long.tms", filler + " bad " + filler + "\n");
    const std::size_t begin = filler.size() + 1;
    const std::string out = render(error_at(source, begin, begin + 3), source);
    const std::string shown = " 1 | ..." + std::string(79, 'x') + " bad " + std::string(76, 'x') +
                              "...\n";
    const std::string caret = "   |    " + std::string(80, ' ') + "^~~\n";
    EXPECT_EQ(out, "long.tms:1:2000002: error[E0301]: bad\n" + shown + caret);
    // At the start of a long line only the right end is cut.
    const std::string start = render(error_at(source, 0, 1), source);
    EXPECT_EQ(start.substr(start.find('\n') + 1),
              " 1 | " + std::string(160, 'x') + "...\n   | ^\n");
}

TEST(DiagnosticRender, WarningAndSingleCharacterRange) {
    const SourceFile source("w.tms", "wait 1 s seed 7\n");
    Diagnostic d = error_at(source, 14, 15, "W0301", "a seed has no effect");
    d.severity = Severity::Warning;
    EXPECT_EQ(render(d, source), "w.tms:1:15: warning[W0301]: a seed has no effect\n"
                                 " 1 | wait 1 s seed 7\n"
                                 "   |               ^\n");
}

TEST(DiagnosticRender, EmptyRangeGetsOneCaret) {
    const SourceFile source("e.tms", "abc");
    EXPECT_EQ(render(error_at(source, 3, 3), source), "e.tms:1:4: error[E0301]: bad\n"
                                                      " 1 | abc\n"
                                                      "   |    ^\n");
}

TEST(DiagnosticRender, TabsInTheLineAreCopiedSoTheCaretLinesUp) {
    const SourceFile source("t.tms", "\t\twait\t5 x\n");
    const std::size_t begin = source.text().find('x');
    EXPECT_EQ(render(error_at(source, begin, begin + 1), source), "t.tms:1:10: error[E0301]: bad\n"
                                                                  " 1 | \t\twait\t5 x\n"
                                                                  "   | \t\t    \t  ^\n");
}

TEST(DiagnosticRender, MultiByteCharactersCountAsOneColumnOfCaretPadding) {
    const SourceFile source("u.tms", "cite \"é\" x\n");
    const std::size_t begin = source.text().find('x');
    const std::string rendered = render(error_at(source, begin, begin + 1), source);
    // 'é' is two bytes but one character on screen: the caret sits under 'x'.
    EXPECT_NE(rendered.find("   | " + std::string(9, ' ') + "^\n"), std::string::npos) << rendered;
}

TEST(DiagnosticRender, RangeRunningOntoTheNextLineIsUnderlinedToTheEndOfItsFirstLine) {
    const SourceFile source("m.tms", "repeat 3 {\n  pulse\n}\n");
    EXPECT_EQ(render(error_at(source, 0, source.text().size() - 1), source),
              "m.tms:1:1: error[E0301]: bad\n"
              " 1 | repeat 3 {\n"
              "   | ^~~~~~~~~~\n");
}

TEST(DiagnosticRender, GutterWidensWithTheLineNumber) {
    std::string text;
    for (int i = 0; i < 11; ++i) {
        text += "pulse\n";
    }
    const SourceFile source("g.tms", text);
    EXPECT_EQ(render(error_at(source, 60, 65), source), "g.tms:11:1: error[E0301]: bad\n"
                                                        " 11 | pulse\n"
                                                        "    | ^~~~~\n");
}

TEST(DiagnosticRender, NotesWithAndWithoutRanges) {
    const SourceFile source("n.tms", "param a = 1 in 0..2\nparam a = 2 in 0..3\n");
    Diagnostic d = error_at(source, 26, 27, "E0102", "parameter 'a' is declared twice");
    d.notes.push_back({"first declared here", span(source, 0, 19)});
    d.notes.push_back({"rename one of them", std::nullopt});
    EXPECT_EQ(render(d, source), "n.tms:2:7: error[E0102]: parameter 'a' is declared twice\n"
                                 " 2 | param a = 2 in 0..3\n"
                                 "   |       ^\n"
                                 "n.tms:1:1: note: first declared here\n"
                                 " 1 | param a = 1 in 0..2\n"
                                 "   | ^~~~~~~~~~~~~~~~~~~\n"
                                 "  note: rename one of them\n");
}

TEST(DiagnosticRender, CarriageReturnIsNotPartOfTheQuotedLine) {
    const SourceFile source("r.tms", "pulse\r\nwait\r\n");
    EXPECT_EQ(render(error_at(source, 7, 11), source), "r.tms:2:1: error[E0301]: bad\n"
                                                       " 2 | wait\n"
                                                       "   | ^~~~\n");
}

TEST(DiagnosticRender, RenderAllKeepsTheGivenOrder) {
    const SourceFile source("o.tms", "ab\n");
    const std::vector<Diagnostic> list = {error_at(source, 1, 2, "E0002", "second"),
                                          error_at(source, 0, 1, "E0001", "first")};
    EXPECT_EQ(render_all(list, source), "o.tms:1:2: error[E0002]: second\n 1 | ab\n   |  ^\n"
                                        "o.tms:1:1: error[E0001]: first\n 1 | ab\n   | ^\n");
}

TEST(DiagnosticList, SortedByPositionThenSeverityThenCode) {
    const SourceFile source("s.tms", "0123456789\n");
    DiagnosticList list;
    list.error("E0401", "late", span(source, 8, 9));
    list.warning("W0301", "same place, warning", span(source, 2, 3));
    list.error("E0202", "same place, later code", span(source, 2, 3));
    list.error("E0201", "same place, earlier code", span(source, 2, 3));
    const std::vector<Diagnostic> sorted = list.sorted();
    ASSERT_EQ(sorted.size(), 4u);
    EXPECT_EQ(sorted[0].code, "E0201");
    EXPECT_EQ(sorted[1].code, "E0202");
    EXPECT_EQ(sorted[2].code, "W0301");
    EXPECT_EQ(sorted[3].code, "E0401");
}

TEST(DiagnosticList, ExactDuplicatesAreRemovedButNearOnesKept) {
    const SourceFile source("d.tms", "0123456789\n");
    DiagnosticList list;
    list.error("E0101", "unknown parameter 'x'", span(source, 2, 3));
    list.error("E0101", "unknown parameter 'x'", span(source, 2, 3));
    list.error("E0101", "unknown parameter 'x'", span(source, 2, 4)); // another end
    list.error("E0101", "unknown parameter 'y'", span(source, 2, 3)); // another message
    EXPECT_EQ(list.size(), 4u);
    EXPECT_EQ(list.sorted().size(), 3u);
}

TEST(DiagnosticList, ErrorsAndWarnings) {
    const SourceFile source("h.tms", "x\n");
    DiagnosticList list;
    EXPECT_TRUE(list.empty());
    list.warning("W0601", "no effect", span(source, 0, 1));
    EXPECT_FALSE(list.has_errors());
    DiagnosticList other;
    other.error("E0106", "no session", span(source, 0, 1));
    list.append(other);
    EXPECT_TRUE(list.has_errors());
    EXPECT_EQ(list.size(), 2u);
}

TEST(DiagnosticSeverity, Names) {
    EXPECT_EQ(severity_name(Severity::Error), "error");
    EXPECT_EQ(severity_name(Severity::Warning), "warning");
    EXPECT_EQ(severity_name(Severity::Note), "note");
}

} // namespace
} // namespace tmsc
