// The parser and AST builder: node ranges, values, the builder's registers (nothing from one
// construct may reach the next), jitter units, the nesting limit and syntax messages.

#include "grammar/parser.hpp"
#include "grammar/syntax_diagnostic.hpp"

#include "tests/unit/common/test_printers.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tmsc {
namespace {

/// A parsed protocol together with the source it points into.
struct Parsed {
    SourceFile source;
    ParseResult result;

    /// The range of the first occurrence of `text` in the source.
    SourceRange range_of(const std::string& text, std::size_t from = 0) const {
        const std::size_t at = source.text().find(text, from);
        EXPECT_NE(at, std::string::npos) << text;
        return SourceRange{source.location(at), source.location(at + text.size())};
    }
    const ast::Protocol& protocol() const { return *result.protocol; }
    const std::vector<ast::Statement>& body() const { return protocol().sessions.at(0).body; }
};

Parsed parse(const std::string& text) {
    Parsed p{SourceFile("p.tms", text), {}};
    p.result = parse_protocol(p.source);
    return p;
}

/// Wraps statements in a protocol with a session.
Parsed parse_session(const std::string& statements) {
    return parse("protocol \"x\" {\n  session {\n" + statements + "\n  }\n}\n");
}

template <typename Node>
const Node& statement(const std::vector<ast::Statement>& body, std::size_t i) {
    return std::get<Node>(body.at(i).node);
}

const ast::Literal& literal(const ast::Value& v) {
    return std::get<ast::Literal>(v.node);
}

/// The only diagnostic, which must exist.
const Diagnostic& only_diagnostic(const Parsed& p) {
    EXPECT_EQ(p.result.diagnostics.size(), 1u);
    return p.result.diagnostics.items().at(0);
}

// ---- ranges and values ----------------------------------------------------------------------

TEST(ParserAst, TrainRangesAndValues) {
    const Parsed p = parse_session("    train 40 pulses at 10 Hz intensity 110 %rMT");
    ASSERT_TRUE(p.result.protocol) << render_all(p.result.diagnostics.items(), p.source);
    const auto& train = statement<ast::Train>(p.body(), 0);
    EXPECT_EQ(train.range, p.range_of("train 40 pulses at 10 Hz intensity 110 %rMT"));
    EXPECT_EQ(train.range.begin.line, 3u);
    EXPECT_EQ(train.range.begin.column, 5u);
    EXPECT_EQ(train.size, ast::Train::Size::Pulses);
    EXPECT_EQ(literal(train.amount).number, Rational(40));
    EXPECT_EQ(literal(train.amount).unit, ast::Unit::None);
    EXPECT_EQ(train.frequency.range, p.range_of("10 Hz"));
    EXPECT_EQ(literal(train.frequency).unit, ast::Unit::Hertz);
    EXPECT_EQ(literal(train.frequency).spelling, "10");
    ASSERT_TRUE(train.intensity);
    EXPECT_EQ(train.intensity->range, p.range_of("intensity 110 %rMT"));
    EXPECT_EQ(literal(train.intensity->value).unit, ast::Unit::PercentRmt);
    EXPECT_EQ(literal(train.intensity->value).number, Rational(110));
}

TEST(ParserAst, DecimalsSignsAndExponentsAreExact) {
    const Parsed p =
        parse("protocol \"x\" { target t at mni(-38, +44.5, 2.6e1) session { wait 0.55 s } }");
    ASSERT_TRUE(p.result.protocol);
    const auto& mni = *p.protocol().target->mni;
    ASSERT_EQ(mni.size(), 3u);
    EXPECT_EQ(mni[0].number, Rational(-38));
    EXPECT_EQ(mni[1].number, Rational(89, 2));
    EXPECT_EQ(mni[2].number, Rational(26));
    const auto& wait = statement<ast::Wait>(p.body(), 0);
    EXPECT_EQ(literal(std::get<ast::Value>(wait.duration.node)).number, Rational(11, 20));
}

TEST(ParserAst, ParamReferenceKeepsItsNameAndRange) {
    const Parsed p = parse_session("    paired 2 ms (80 %aMT, test)");
    ASSERT_TRUE(p.result.protocol);
    const auto& paired = statement<ast::Paired>(p.body(), 0);
    EXPECT_EQ(literal(paired.interval).unit, ast::Unit::Millisecond);
    EXPECT_EQ(literal(paired.first).unit, ast::Unit::PercentAmt);
    const auto& ref = std::get<ast::ParamRef>(paired.second.node);
    EXPECT_EQ(ref.name.text, "test");
    EXPECT_EQ(ref.name.range, p.range_of("test"));
}

TEST(ParserAst, BodiesNestAndCloseWithTheirRanges) {
    const Parsed p = parse_session(
        "    repeat 2 every 10 s {\n      block \"b\" {\n        pulse\n      }\n    }");
    ASSERT_TRUE(p.result.protocol);
    const auto& repeat = statement<ast::Repeat>(p.body(), 0);
    EXPECT_EQ(repeat.range.begin, p.range_of("repeat").begin);
    EXPECT_EQ(repeat.range.end.line, 7u); // its closing brace
    const auto& block = statement<ast::Block>(repeat.body, 0);
    EXPECT_EQ(block.name->value, "b");
    EXPECT_EQ(block.body.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<ast::Pulse>(block.body[0].node));
    EXPECT_EQ(p.protocol().sessions.at(0).range.begin, p.range_of("session").begin);
}

TEST(ParserAst, CourseClausesInOrder) {
    const Parsed p =
        parse("protocol \"x\" {\n  course 10 sessions per day, 50 min between sessions "
              "start to start, 5 days per week, 2 weeks\n}");
    ASSERT_TRUE(p.result.protocol);
    const auto& clauses = p.protocol().courses.at(0).clauses;
    using Kind = ast::CourseClause::Kind;
    ASSERT_EQ(clauses.size(), 4u);
    EXPECT_EQ(clauses[0].kind, Kind::SessionsPerDay);
    EXPECT_EQ(clauses[1].kind, Kind::BetweenSessions);
    EXPECT_EQ(clauses[1].anchor, ast::CourseClause::Anchor::StartToStart);
    EXPECT_EQ(literal(clauses[1].amount).unit, ast::Unit::Minute);
    EXPECT_EQ(clauses[2].kind, Kind::DaysPerWeek);
    EXPECT_EQ(clauses[3].kind, Kind::Weeks);
    EXPECT_EQ(clauses[3].range, p.range_of("2 weeks"));
}

TEST(ParserAst, StringEscapesAreDecoded) {
    const Parsed p = parse(R"(protocol "a \"b\" \\ c" { notes "x\ty\nz" })");
    ASSERT_TRUE(p.result.protocol);
    EXPECT_EQ(p.protocol().name.value, "a \"b\" \\ c");
    EXPECT_EQ(p.protocol().notes.at(0).value, "x\ty\nz");
}

// ---- registers: nothing leaks from one construct into the next ------------------------------

TEST(ParserRegisters, TrainIntensityDoesNotReachTheNextTrain) {
    const Parsed p = parse_session("    train 4 pulses at 1 Hz intensity 110 %rMT\n"
                                   "    train 5 pulses at 2 Hz");
    ASSERT_TRUE(p.result.protocol);
    EXPECT_TRUE(statement<ast::Train>(p.body(), 0).intensity);
    EXPECT_FALSE(statement<ast::Train>(p.body(), 1).intensity);
    EXPECT_EQ(literal(statement<ast::Train>(p.body(), 1).amount).number, Rational(5));
}

TEST(ParserRegisters, BurstIntensityStaysInItsBurst) {
    const Parsed p =
        parse_session("    train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz intensity 80 %aMT }\n"
                      "    train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz }\n"
                      "    pulse");
    ASSERT_TRUE(p.result.protocol);
    const auto& first = statement<ast::Train>(p.body(), 0);
    const auto& second = statement<ast::Train>(p.body(), 1);
    EXPECT_FALSE(first.intensity);
    ASSERT_TRUE(first.burst);
    EXPECT_TRUE(first.burst->intensity);
    ASSERT_TRUE(second.burst);
    EXPECT_FALSE(second.burst->intensity);
    EXPECT_FALSE(statement<ast::Pulse>(p.body(), 2).intensity);
}

TEST(ParserRegisters, PulseIntensityDoesNotReachTheNextPulseOrTrain) {
    const Parsed p =
        parse_session("    pulse intensity 60 %MSO\n    pulse\n    train 1 pulse at 1 Hz");
    ASSERT_TRUE(p.result.protocol);
    EXPECT_TRUE(statement<ast::Pulse>(p.body(), 0).intensity);
    EXPECT_FALSE(statement<ast::Pulse>(p.body(), 1).intensity);
    EXPECT_FALSE(statement<ast::Train>(p.body(), 2).intensity);
}

TEST(ParserRegisters, TrainWithoutBurstsAfterATrainOfBursts) {
    const Parsed p = parse_session("    train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz }\n"
                                   "    train 40 pulses at 10 Hz");
    ASSERT_TRUE(p.result.protocol);
    EXPECT_TRUE(statement<ast::Train>(p.body(), 0).burst);
    EXPECT_FALSE(statement<ast::Train>(p.body(), 1).burst);
    EXPECT_EQ(statement<ast::Train>(p.body(), 1).size, ast::Train::Size::Pulses);
}

TEST(ParserRegisters, EveryAndSeedStayWithTheirStatement) {
    const Parsed p =
        parse_session("    repeat 2 every 4..6 s seed 7 { wait 1..2 s seed 3 wait 1 s }\n"
                      "    repeat 3 { wait 2..3 s }");
    ASSERT_TRUE(p.result.protocol);
    const auto& first = statement<ast::Repeat>(p.body(), 0);
    const auto& second = statement<ast::Repeat>(p.body(), 1);
    ASSERT_TRUE(first.every);
    EXPECT_EQ(first.every->seed->number, Rational(7));
    EXPECT_EQ(statement<ast::Wait>(first.body, 0).duration.seed->number, Rational(3));
    EXPECT_FALSE(statement<ast::Wait>(first.body, 1).duration.seed);
    EXPECT_FALSE(second.every);
    EXPECT_FALSE(statement<ast::Wait>(second.body, 0).duration.seed);
}

TEST(ParserRegisters, BlockNameAndTargetDetailsDoNotLeak) {
    const Parsed p =
        parse("protocol \"x\" {\n  target left method \"5-cm rule\" at mni(1, 2, 3)\n"
              "  session {\n    block \"a\" { target right }\n    block { pulse }\n  }\n}");
    ASSERT_TRUE(p.result.protocol);
    const auto& a = statement<ast::Block>(p.body(), 0);
    const auto& b = statement<ast::Block>(p.body(), 1);
    EXPECT_TRUE(p.protocol().target->method);
    EXPECT_TRUE(p.protocol().target->mni);
    ASSERT_TRUE(a.target);
    EXPECT_EQ(a.target->label.text, "right");
    EXPECT_FALSE(a.target->method);
    EXPECT_FALSE(a.target->mni);
    EXPECT_FALSE(b.name);
    EXPECT_FALSE(b.target);
}

TEST(ParserRegisters, ParamRangeDoesNotReachASubjectValue) {
    const Parsed p = parse("protocol \"x\" { param a = 1 in 0..2  subject rmt = 50 %MSO }");
    ASSERT_TRUE(p.result.protocol);
    const auto& subject = p.protocol().subjects.at(0);
    EXPECT_FALSE(subject.range_lit);
    ASSERT_TRUE(subject.value);
    EXPECT_EQ(literal(*subject.value).number, Rational(50));
}

TEST(ParserRegisters, CourseAnchorStaysWithItsClause) {
    const Parsed p =
        parse("protocol \"x\" { course 2 sessions per day, 1 h between sessions end to "
              "start, 1 day  course 1 h between sessions, 2 days }");
    ASSERT_TRUE(p.result.protocol);
    ASSERT_EQ(p.protocol().courses.size(), 2u);
    EXPECT_EQ(p.protocol().courses[0].clauses[1].anchor, ast::CourseClause::Anchor::EndToStart);
    EXPECT_EQ(p.protocol().courses[1].clauses[0].anchor, ast::CourseClause::Anchor::Unspecified);
    EXPECT_EQ(p.protocol().courses[1].clauses.size(), 2u);
}

// ---- jitter ---------------------------------------------------------------------------------

TEST(ParserJitter, UnitOnOneEndAppliesToBoth) {
    const Parsed p = parse_session("    wait 4..6 s\n    wait 4 ms..6\n    wait 1 s..500 ms");
    ASSERT_TRUE(p.result.protocol);
    const auto range = [&](std::size_t i) {
        return std::get<ast::RangeLit>(statement<ast::Wait>(p.body(), i).duration.node);
    };
    EXPECT_EQ(range(0).lo.unit, ast::Unit::Second);
    EXPECT_EQ(range(0).hi.unit, ast::Unit::Second);
    EXPECT_EQ(range(1).lo.unit, ast::Unit::Millisecond);
    EXPECT_EQ(range(1).hi.unit, ast::Unit::Millisecond);
    // Units on both ends are kept as written.
    EXPECT_EQ(range(2).lo.unit, ast::Unit::Second);
    EXPECT_EQ(range(2).hi.unit, ast::Unit::Millisecond);
    EXPECT_EQ(range(0).range, p.range_of("4..6 s"));
}

// ---- limits and number problems -------------------------------------------------------------

/// A session whose body nests `depth` repeats.
std::string nested_repeats(std::size_t depth) {
    std::string text = "protocol \"deep\" {\n  session {\n";
    for (std::size_t i = 0; i < depth; ++i) {
        text += "repeat 1 {\n";
    }
    text += "pulse\n";
    for (std::size_t i = 0; i < depth; ++i) {
        text += "}\n";
    }
    return text + "  }\n}\n";
}

TEST(ParserLimits, SixtyFourLevelsOfBodiesAreAccepted) {
    // The session is one level, so 63 repeats make 64.
    const Parsed p = parse(nested_repeats(kMaxNestingDepth - 1));
    EXPECT_TRUE(p.result.protocol);
    EXPECT_TRUE(p.result.diagnostics.empty());
}

TEST(ParserLimits, SixtyFifthLevelIsE0003) {
    const Parsed p = parse(nested_repeats(kMaxNestingDepth));
    EXPECT_FALSE(p.result.protocol);
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_EQ(d.code, "E0003");
    EXPECT_EQ(d.message, "this body is nested 65 levels deep; at most 64 levels of session, block "
                         "and repeat bodies are allowed");
    EXPECT_EQ(d.range.begin.line, 3u + kMaxNestingDepth - 1); // the 64th repeat's line
}

TEST(ParserLimits, DeepNestingFarBeyondTheLimitStopsCleanly) {
    const Parsed p = parse(nested_repeats(100000));
    EXPECT_FALSE(p.result.protocol);
    EXPECT_EQ(only_diagnostic(p).code, "E0003");
}

TEST(ParserNumbers, TooLargeOrTooPreciseIsE0002OnTheNumber) {
    const Parsed p = parse_session("    train 99999999999999999999 pulses at 1e400 Hz");
    ASSERT_TRUE(p.result.protocol);
    const auto items = p.result.diagnostics.sorted();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].code, "E0002");
    EXPECT_EQ(items[0].range, p.range_of("99999999999999999999"));
    EXPECT_EQ(items[0].message, "number '99999999999999999999' is too large to represent exactly; "
                                "numbers must fit a fraction of 64-bit integers");
    EXPECT_EQ(items[1].code, "E0002");
    EXPECT_EQ(items[1].range, p.range_of("1e400"));
}

TEST(ParserNumbers, TooFineAFractionIsCalledTooPrecise) {
    const Parsed p = parse_session("    wait 1e-30 s\n    wait 0.0000000000000000000001 s");
    const auto items = p.result.diagnostics.sorted();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].message, "number '1e-30' is too precise to represent exactly; numbers must "
                                "fit a fraction of 64-bit integers");
    EXPECT_NE(items[1].message.find("too precise"), std::string::npos);
}

TEST(ParserDuplicates, SettingTwiceIsE0103WithANoteAtTheFirst) {
    const Parsed p = parse("protocol \"x\" {\n  coil figure8\n  coil round\n}");
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_EQ(d.code, "E0103");
    EXPECT_EQ(d.message, "the coil is set more than once");
    EXPECT_EQ(d.range, p.range_of("coil round"));
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "first set here");
    EXPECT_EQ(d.notes[0].range, p.range_of("figure8"));
}

TEST(ParserDuplicates, EachScopeHasItsOwnIntensity) {
    const Parsed p =
        parse("protocol \"x\" { intensity 1 %MSO session { intensity 2 %MSO "
              "block { intensity 3 %MSO } block { intensity 4 %MSO intensity 5 %MSO } } }");
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_EQ(d.code, "E0103");
    EXPECT_EQ(d.range, p.range_of("intensity 5 %MSO"));
}

// ---- syntax errors --------------------------------------------------------------------------

TEST(ParserSyntax, MessageNamesWhatWasExpectedAndWhatWasFound) {
    const Parsed p = parse_session("    train 40 pulses 10 Hz");
    EXPECT_FALSE(p.result.protocol);
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_EQ(d.code, "E0001");
    EXPECT_EQ(d.message, "expected 'at' and the train's frequency, such as 'at 10 Hz', found '10'");
    EXPECT_EQ(d.range, p.range_of("10"));
}

TEST(ParserSyntax, MisspeltKeywordGetsDidYouMean) {
    const struct {
        std::string text;
        std::string found;
        std::string suggestion;
    } cases[] = {
        {"protocol \"x\" { session { trian 4 pulses at 1 Hz } }", "trian", "train"},
        {"protocol \"x\" { sesion { } }", "sesion", "session"},
        {"protocl \"x\" { }", "protocl", "protocol"},
        {"protocol \"x\" { session { repeat 3 evry 1 s { } } }", "evry", "every"},
        {"protocol \"x\" { course 5 days per wek }", "wek", "week"},
        {"protocol \"x\" { session { wait 2 sec } }", "sec", "s"},
        {"protocol \"x\" { intensity 120 %rmt }", "%rmt", "%rMT"},
        {"protocol \"x\" { session { train 4 pulses at 10 hz } }", "hz", "Hz"},
    };
    for (const auto& c : cases) {
        const Parsed p = parse(c.text);
        ASSERT_EQ(p.result.diagnostics.size(), 1u) << c.text;
        const Diagnostic& d = p.result.diagnostics.items()[0];
        EXPECT_EQ(d.range, p.range_of(c.found)) << c.text;
        EXPECT_NE(d.message.find("found '" + c.found + "'"), std::string::npos) << d.message;
        ASSERT_EQ(d.notes.size(), 1u) << c.text;
        EXPECT_EQ(d.notes[0].message, "did you mean '" + c.suggestion + "'?");
    }
}

TEST(ParserSyntax, UnrelatedWordGetsNoSuggestion) {
    const Parsed p = parse("protocol \"x\" { session { banana } }");
    EXPECT_TRUE(only_diagnostic(p).notes.empty());
}

TEST(ParserSyntax, KeywordInTheWrongPlaceSaysWhereItBelongs) {
    const Parsed p = parse("protocol \"x\" {\n  train 4 pulses at 1 Hz\n}");
    const Diagnostic& d = only_diagnostic(p);
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "'train' is a statement: write it inside 'session { ... }'");
}

TEST(ParserSyntax, UnterminatedCommentPointsAtItsStart) {
    const Parsed p = parse("protocol \"x\" {\n  /* never closed\n}\n");
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_EQ(d.message, "unterminated comment: this '/*' has no closing '*/'");
    EXPECT_EQ(d.range, p.range_of("/*"));
}

TEST(ParserSyntax, UnterminatedStringPointsAtTheEndOfItsLine) {
    const Parsed p = parse("protocol \"x\" {\n  cite \"abc\n}\n");
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_EQ(d.message,
              "unterminated string: expected a closing '\"' on the same line, found the end of "
              "the line");
    EXPECT_EQ(d.range.begin.line, 2u);
    EXPECT_EQ(d.range.begin.column, 12u);
}

TEST(ParserSyntax, EndOfFile) {
    const Parsed p = parse("protocol \"x\" {\n  session {\n");
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_NE(d.message.find("closing the session, found the end of the file"), std::string::npos)
        << d.message;
    EXPECT_EQ(d.range.begin.offset, p.source.text().size());
}

TEST(ParserSyntax, FoundTokenDescriptions) {
    const SourceFile source("f.tms", "x \"str\" -38 \x07 \xC3\xA9 /*\n");
    const auto found_at = [&](const std::string& token) {
        return describe_found(source, token_at(source, source.text().find(token)));
    };
    EXPECT_EQ(found_at("x"), "found 'x'");
    EXPECT_EQ(found_at("\"str\""), "found the string \"str\"");
    EXPECT_EQ(found_at("-38"), "found '-38'");
    EXPECT_EQ(found_at("\x07"), "found the control character U+0007");
    EXPECT_EQ(found_at("\xC3\xA9"), "found '\xC3\xA9'");
    EXPECT_EQ(found_at("/*"), "found '/*'");
    EXPECT_EQ(found_at("\n"), "found the end of the line");
    EXPECT_EQ(describe_found(source, token_at(source, source.text().size())),
              "found the end of the file");
}

TEST(ParserSyntax, HugeTokenIsQuotedByItsStart) {
    const std::string word(100000, 'a');
    const Parsed p = parse("protocol \"x\" { session { " + word + " } }");
    const Diagnostic& d = only_diagnostic(p);
    EXPECT_NE(d.message.find("found '" + std::string(40, 'a') + "...'"), std::string::npos);
    EXPECT_LT(d.message.size(), 300u);
    EXPECT_TRUE(d.notes.empty());
}

TEST(ParserSyntax, KeywordSuggestions) {
    EXPECT_EQ(suggest_keyword("trian", "train pulse"), "train");       // swapped letters
    EXPECT_EQ(suggest_keyword("sesion", "session course"), "session"); // one edit
    EXPECT_EQ(suggest_keyword("HZ", "Hz s"), "Hz");                    // case
    EXPECT_EQ(suggest_keyword("seconds", "s ms seconds=s"), "s");      // listed alias
    EXPECT_EQ(suggest_keyword("train", "train pulse"), std::nullopt);  // valid already
    EXPECT_EQ(suggest_keyword("x", "s h"), std::nullopt);              // too short to guess
    EXPECT_EQ(suggest_keyword("banana", "train pulse"), std::nullopt);
}

} // namespace
} // namespace tmsc
