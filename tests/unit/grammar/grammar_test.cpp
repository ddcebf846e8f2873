// The grammar tested as a grammar: PEGTL's analysis finds no rule that can loop without
// consuming input, and each lexical, value, statement and item rule accepts and rejects what
// docs/language.md says it does. Inputs are matched whole (seq<Rule, eof>) with no actions.

#include "grammar/grammar.hpp"

#include <gtest/gtest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include <string>
#include <vector>

namespace tmsc::grammar {
namespace {

/// Does `Rule` match all of `text`? A must<> failure inside counts as "no".
template <typename Rule> bool matches_whole(const std::string& text) {
    pegtl::memory_input<> in(text, "test");
    try {
        return pegtl::parse<seq<Rule, eof>>(in);
    } catch (const pegtl::parse_error&) {
        return false;
    }
}

/// Checks a table of inputs `Rule` must accept and a table it must reject.
template <typename Rule>
void expect_rule(const std::vector<std::string>& accepted,
                 const std::vector<std::string>& rejected) {
    for (const std::string& text : accepted) {
        EXPECT_TRUE(matches_whole<Rule>(text)) << "should accept: " << text;
    }
    for (const std::string& text : rejected) {
        EXPECT_FALSE(matches_whole<Rule>(text)) << "should reject: " << text;
    }
}

TEST(Grammar, AnalysisFindsNoProblems) {
    // Non-zero means a rule can succeed without consuming inside a repetition: an endless loop.
    EXPECT_EQ(pegtl::analyze<file>(), 0u);
}

// ---- lexical --------------------------------------------------------------------------------

TEST(GrammarLexical, Identifier) {
    expect_rule<identifier>({"left_dlpfc", "_x", "h1", "A9_b"}, {"", "1abc", "a-b", "a b", "é"});
}

TEST(GrammarLexical, Number) {
    expect_rule<number>({"0", "10", "-38", "+5", "0.55", "1e3", "2.5E-1", "99999999999999999999"},
                        {"", ".5", "5.", "1e", "--1", "1.2.3", "1,5", "ten"});
}

TEST(GrammarLexical, StringLiteral) {
    expect_rule<string_lit>(
        {"\"\"", "\"5-cm rule\"", R"("say \"hi\"")", R"("a\\b\n\t")"},
        {"\"open", "\"two\nlines\"", "'single'", R"("bad \q escape")", "plain"});
}

TEST(GrammarLexical, Comments) {
    expect_rule<line_comment>({"// note", "//", "// ends at newline\n"}, {"/ no", "/* c */"});
    expect_rule<block_comment>({"/* c */", "/* two\nlines */", "/**/"}, {"/* open", "// c"});
    expect_rule<skip>({"", "  \t\n", "// a\n  /* b */ \n"}, {"x", "/ /"});
}

TEST(GrammarLexical, Keyword) {
    expect_rule<kw_train>({"train"}, {"trains", "train_1", "Train", "trai"});
    expect_rule<keyword>({"protocol", "pulses", "pulse", "start", "waive"},
                         {"rmt", "figure8", "x"});
}

// ---- values ---------------------------------------------------------------------------------

TEST(GrammarValues, Unit) {
    expect_rule<unit>({"Hz", "s", "ms", "us", "min", "h", "%rMT", "%aMT", "%MSO"},
                      {"hz", "sec", "Hzz", "%rmt", "%", "kHz", "m"});
}

TEST(GrammarValues, Literal) {
    expect_rule<literal>({"10 Hz", "10Hz", "26 s", "120 %rMT", "75", "-38", "0.5 ms", "1e3 us"},
                         {"10 hz", "2 sec", "120 %rmt", "Hz", "10 Hz Hz"});
}

TEST(GrammarValues, Value) {
    expect_rule<value>({"10 Hz", "test", "rate_2", "rmt"}, {"train", "pulses", "10 foo bar", ""});
}

TEST(GrammarValues, Range) {
    expect_rule<range_lit>({"110..130 %rMT", "4..6 s", "4 s..6 s", "4 s .. 6", "1..2"},
                           {"4..", "..6 s", "4...6", "4 - 6 s", "a..b"});
}

TEST(GrammarValues, Interval) {
    expect_rule<interval>({"26 s", "d", "4..6 s", "4..6 s seed 7", "26 s seed 1"},
                          {"4..6 s seed", "4..6 s seed x", "seed 7", ""});
}

TEST(GrammarValues, IntensityClause) {
    expect_rule<intensity_clause>({"intensity 120 %rMT", "intensity test", "intensity 60 %MSO"},
                                  {"intensity", "intensity train", "intensities 120 %rMT"});
}

// ---- statements -----------------------------------------------------------------------------

TEST(GrammarStatements, Train) {
    expect_rule<train_stmt>(
        {"train 40 pulses at 10 Hz", "train 1 pulse at 1 Hz", "train for 2 s at 18 Hz",
         "train n pulses at f", "train 40 pulses at 10 Hz intensity 110 %rMT",
         "train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz }",
         "train 10 bursts at 5 Hz {\n  burst 3 pulses at 50 Hz intensity 80 %aMT;\n}",
         "train for 2 s at 5 Hz { burst 3 pulses at 50 Hz }"},
        {"train", "train 40 at 10 Hz", "train 40 pulses 10 Hz", "train 40 pulses at",
         "train for at 10 Hz", "train 10 bursts at 5 Hz { }",
         "train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz burst 3 pulses at 50 Hz }",
         "train 40 pulses at 10 hz"});
}

TEST(GrammarStatements, Burst) {
    expect_rule<burst_body>({"{ burst 3 pulses at 50 Hz }", "{burst 2 pulse at 100 Hz;}"},
                            {"{ burst 3 at 50 Hz }", "{ burst 3 pulses }",
                             "{ train 3 pulses at 50 Hz }", "{ burst 3 pulses at 50 Hz"});
}

TEST(GrammarStatements, PulseAndPaired) {
    expect_rule<pulse_stmt>({"pulse", "pulse intensity 120 %rMT"}, {"pulses", "pulse 3"});
    expect_rule<paired_stmt>({"paired 2 ms (80 %aMT, test)", "paired 3 ms(1 %MSO,2 %MSO)"},
                             {"paired 2 ms 80 %aMT, 120 %rMT", "paired 2 ms (80 %aMT)",
                              "paired (80 %aMT, 120 %rMT)", "paired 2 ms (a, b"});
}

TEST(GrammarStatements, Wait) {
    expect_rule<wait_stmt>({"wait 26 s", "wait 4..6 s seed 7", "wait gap", "wait 1 min"},
                           {"wait", "wait 4..", "wait 26 sec", "wait for 26 s"});
}

TEST(GrammarStatements, Repeat) {
    expect_rule<repeat_stmt>(
        {"repeat 75 { }", "repeat 75 { train 40 pulses at 10 Hz wait 26 s }",
         "repeat 60 every 10 s { wait 1 s }", "repeat 40 every 4..6 s seed 7 { pulse }",
         "repeat 2 { repeat 3 { pulse; } ; }", "repeat n every p {}"},
        {"repeat { }", "repeat 3 evry 10 s { }", "repeat 3 { intensity 100 %rMT }",
         "repeat 3 { target x }", "repeat 3 { pulse", "repeat 3 every { }"});
}

TEST(GrammarStatements, Block) {
    expect_rule<block_stmt>(
        {"block { }", "block \"right\" { target right_dlpfc intensity 110 %rMT pulse }",
         "block { block { wait 1 s } }"},
        {"block right { }", "block \"x\" ", "block { coil figure8 }", "block { pulse"});
}

TEST(GrammarStatements, Session) {
    expect_rule<session_item>({"session { }",
                               "session { intensity 120 %rMT; train 4 pulses at 1 Hz }",
                               "session {\n  target left_dlpfc at mni(-38, 44, 26)\n}"},
                              {"session", "session { course 5 days }", "sessions { }",
                               "session { trian 4 pulses at 1 Hz }"});
}

// ---- protocol items -------------------------------------------------------------------------

TEST(GrammarItems, TextItems) {
    expect_rule<cite_item>({"cite \"O'Reardon 2007\""}, {"cite", "cite O'Reardon"});
    expect_rule<indication_item>({"indication \"MDD\""}, {"indication MDD"});
    expect_rule<notes_item>({"notes \"a\""}, {"notes 3"});
    expect_rule<waive_item>({"waive rossi2009.train-duration \"IRB 2024-113\"", "waive a/b \"r\""},
                            {"waive \"r\"", "waive rule", "waive rule reason"});
}

TEST(GrammarItems, Target) {
    expect_rule<target_spec>(
        {"target left_dlpfc", "target left_dlpfc method \"5-cm rule\"",
         "target left_dlpfc at mni(-38, 44, 26)", "target x method \"m\" at mni(1.5,2,3)"},
        {"target", "target \"left\"", "target x at (1, 2, 3)", "target x at mni(1, 2)",
         "target x at mni(1, 2 3)", "target x method m", "target train"});
}

TEST(GrammarItems, CoilWaveformIntensity) {
    expect_rule<coil_item>({"coil figure8", "coil h1"},
                           {"coil", "coil \"figure8\"", "coil session"});
    expect_rule<waveform_item>({"waveform biphasic"}, {"waveform", "waveform 2"});
    expect_rule<intensity_item>({"intensity 120 %rMT", "intensity x"},
                                {"intensity", "intensity ="});
}

TEST(GrammarItems, Param) {
    expect_rule<param_item>({"param test = 120 %rMT in 110..130 %rMT", "param n = 3 in 1..5"},
                            {"param train = 1 in 0..2", "param x 1 in 0..2", "param x = 1 0..2",
                             "param x = 1 in 2", "param = 1 in 0..2", "param x = in 0..2"});
}

TEST(GrammarItems, Subject) {
    expect_rule<subject_item>({"subject rmt in 30..75 %MSO", "subject amt = 40 %MSO"},
                              {"subject in 30..75 %MSO", "subject rmt 55 %MSO",
                               "subject foo = 1 %MSO", "subject rmt in 30"});
}

TEST(GrammarItems, Course) {
    expect_rule<course_item>(
        {"course 1 session per day, 5 days per week, 6 weeks", "course 5 days",
         "course 10 sessions per day, 50 min between sessions end to start, 5 days",
         "course 2 sessions per day, 1 h between sessions start to start, 1 week"},
        {"course", "course 5", "course 1 session per day 5 days", "course 5 days per wek",
         "course 1 h between sessions end to strat, 1 day", "course 5 dayz",
         "course 1 session per week", "course 5 days,"});
}

TEST(GrammarItems, ProtocolAndFile) {
    expect_rule<protocol>({"protocol \"x\" { }", "protocol \"x\" { cite \"a\"; coil figure8 }"},
                          {"protocol x { }", "protocol \"x\" ",
                           "protocol \"x\" { train 1 pulse at 1 Hz }",
                           "protocol \"x\" { session { }"});
    expect_rule<file>(
        {"protocol \"x\" {}", "// c\nprotocol \"x\" {}\n// end\n", "\xEF\xBB\xBFprotocol \"x\" {}"},
        {"", "protocol \"x\" {} protocol \"y\" {}", "protocl \"x\" {}",
         "protocol \"x\" {} /* open"});
}

} // namespace
} // namespace tmsc::grammar
