// The resolver: every semantic check (E01xx-E06xx, W0301, W0601) on a protocol that breaks
// exactly that rule, the exact text of the messages users see most, and "did you mean".

#include "compiler/check/resolve.hpp"
#include "grammar/parser.hpp"

#include "tests/unit/common/test_printers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace tmsc {
namespace {

/// A protocol after parsing and resolution, with its diagnostics sorted.
struct Resolved {
    SourceFile source;
    std::optional<ast::Protocol> ast;
    ResolveResult result;
    std::vector<Diagnostic> diagnostics;

    std::vector<std::string> codes() const {
        std::vector<std::string> out;
        for (const Diagnostic& d : diagnostics) {
            out.push_back(d.code);
        }
        return out;
    }
    const Diagnostic& first(const std::string& code) const {
        for (const Diagnostic& d : diagnostics) {
            if (d.code == code) {
                return d;
            }
        }
        ADD_FAILURE() << "no " << code << " in:\n" << render_all(diagnostics, source);
        return diagnostics.at(0);
    }
    SourceRange range_of(const std::string& text) const {
        const std::size_t at = source.text().find(text);
        EXPECT_NE(at, std::string::npos) << text;
        return SourceRange{source.location(at), source.location(at + text.size())};
    }
};

/// Parses (which must succeed) and resolves. Returned by pointer: ResolveResult points into the
/// AST, so the object must not move.
std::unique_ptr<Resolved> resolve_text(const std::string& text) {
    auto r = std::make_unique<Resolved>(Resolved{SourceFile("r.tms", text), {}, {}, {}});
    ParseResult parsed = parse_protocol(r->source);
    EXPECT_TRUE(parsed.protocol) << render_all(parsed.diagnostics.items(), r->source);
    if (!parsed.protocol) {
        return r;
    }
    r->ast = std::move(parsed.protocol);
    r->result = resolve(*r->ast);
    DiagnosticList all = parsed.diagnostics;
    all.append(r->result.diagnostics);
    r->diagnostics = all.sorted();
    return r;
}

/// A protocol with an intensity, `items` at protocol level and `statements` in its session.
std::string protocol_with(const std::string& statements, const std::string& items = "") {
    return "protocol \"r\" {\n  intensity 110 %rMT\n" + items + "  session {\n" + statements +
           "  }\n}\n";
}

using Codes = std::vector<std::string>;

TEST(Resolve, ValidProtocolHasNoDiagnosticsAndResolves) {
    const auto r = resolve_text(
        "protocol \"FDA\" {\n  target left_dlpfc method \"5-cm rule\"\n  coil figure8\n"
        "  waveform biphasic\n  intensity 120 %rMT\n  param rate = 10 Hz in 5..20 Hz\n"
        "  subject rmt in 30..75 %MSO\n  session {\n    repeat 75 {\n"
        "      train 40 pulses at rate\n      wait 26 s\n    }\n  }\n"
        "  course 1 session per day, 5 days per week, 6 weeks\n}\n");
    EXPECT_EQ(r->codes(), Codes{});
    ASSERT_TRUE(r->result.protocol);
    ASSERT_TRUE(r->result.protocol->coil);
    EXPECT_EQ(r->result.protocol->coil->family, CoilFamily::Figure8);
    EXPECT_EQ(r->result.protocol->params.at("rate").lo, Rational(5));
    EXPECT_EQ(r->result.protocol->rmt->hi, Rational(75));
    EXPECT_EQ(*r->result.protocol->course->weeks, 6);
}

/// One protocol per check, each breaking exactly that rule.
struct Case {
    const char* name;
    std::string text;
    Codes codes;
};

/// Names a case by its code in test listings (not as a byte dump).
void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

class ResolveChecks : public testing::TestWithParam<Case> {};

TEST_P(ResolveChecks, ReportsExactlyTheseCodes) {
    const auto r = resolve_text(GetParam().text);
    EXPECT_EQ(r->codes(), GetParam().codes) << render_all(r->diagnostics, r->source);
    EXPECT_EQ(r->result.protocol.has_value(),
              std::none_of(GetParam().codes.begin(), GetParam().codes.end(),
                           [](const std::string& c) { return c[0] == 'E'; }));
}

/// A valid protocol whose course is `course`.
std::string course_with(const std::string& course) {
    return "protocol \"r\" {\n  intensity 110 %rMT\n  session {\n    pulse\n  }\n  course " +
           course + "\n}\n";
}

INSTANTIATE_TEST_SUITE_P(
    Codes, ResolveChecks,
    testing::Values(
        Case{"E0101", protocol_with("    wait gap\n"), {"E0101"}},
        Case{
            "E0102",
            protocol_with("    wait d\n", "  param d = 1 s in 1..2 s\n  param d = 2 s in 1..2 s\n"),
            {"E0102"}},
        Case{"E0103",
             protocol_with("    pulse\n", "  subject rmt = 50 %MSO\n  subject rmt = 60 %MSO\n"),
             {"E0103"}},
        Case{"E0104",
             "protocol \"r\" { coil figure9 intensity 1 %MSO session { pulse } }",
             {"E0104"}},
        Case{"E0105",
             "protocol \"r\" { waveform sine intensity 1 %MSO session { pulse } }",
             {"E0105"}},
        Case{"E0106", "protocol \"r\" { intensity 1 %MSO }", {"E0106"}},
        Case{"E0107",
             "protocol \"r\" { intensity 1 %MSO session { pulse } session { pulse } }",
             {"E0107"}},
        Case{"E0108", course_with("5 days  course 6 days"), {"E0108"}},
        Case{"E0201 literal", protocol_with("    wait 10 Hz\n"), {"E0201"}},
        Case{"E0201 param",
             protocol_with("    wait f\n", "  param f = 10 Hz in 5..20 Hz\n"),
             {"E0201"}},
        Case{"E0202", protocol_with("    wait 26\n"), {"E0202"}},
        Case{"E0203", protocol_with("    wait d\n", "  param d = 1 s in 1..2 Hz\n"), {"E0203"}},
        Case{"E0204",
             protocol_with("    wait e\n", "  param d = 1 s in 1..2 s\n  param e = d in 1..2 s\n"),
             {"E0204", "E0101"}},
        Case{"E0301", protocol_with("    train for 2.2 s at 18 Hz\n"), {"E0301"}},
        Case{"E0302",
             protocol_with("    train 10 bursts at 20 Hz { burst 3 pulses at 50 Hz }\n"),
             {"E0302"}},
        Case{"E0303",
             protocol_with("    repeat 3 every 1 s { train 20 pulses at 10 Hz }\n"),
             {"E0303"}},
        Case{"E0304", protocol_with("    repeat 2.5 { pulse }\n"), {"E0304"}},
        Case{"E0306",
             protocol_with("    train for 2 s at f\n", "  param f = 10 Hz in 5..20 Hz\n"),
             {"E0306"}},
        Case{"E0307",
             protocol_with("    train 30 pulses at 5 Hz { burst 3 pulses at 50 Hz }\n"),
             {"E0307"}},
        Case{"E0308", protocol_with("    train 10 bursts at 5 Hz\n"), {"E0308"}},
        Case{"E0309", protocol_with("    wait 4..6 s seed -1\n"), {"E0309"}},
        Case{"E0401", protocol_with("    train 40 pulses at 0 Hz\n"), {"E0401"}},
        Case{"E0402", protocol_with("    wait d\n", "  param d = 3 s in 1..2 s\n"), {"E0402"}},
        Case{
            "E0403 param", protocol_with("    wait d\n", "  param d = 1 s in 2..1 s\n"), {"E0403"}},
        Case{"E0403 jitter", protocol_with("    wait 6..4 s\n"), {"E0403"}},
        Case{"E0404", protocol_with("    train 40 pulses at 10001 Hz\n"), {"E0404"}},
        Case{"E0405", protocol_with("    pulse\n", "  subject rmt = 50 %rMT\n"), {"E0405"}},
        Case{"E0406", protocol_with("    pulse\n", "  subject rmt = 101 %MSO\n"), {"E0406"}},
        Case{"E0407",
             protocol_with("    repeat 10000000 { repeat 10000000 { wait 1000000 s } }\n"),
             {"E0407"}},
        Case{"E0408", protocol_with("    repeat 25 { wait 1 h }\n"), {"E0408"}},
        Case{"E0501", "protocol \"r\" { session { train 4 pulses at 1 Hz } }", {"E0501"}},
        Case{"E0502", protocol_with("    pulse\n", "  subject amt = 40 %MSO\n"), {"E0502"}},
        Case{"E0601", course_with("5 days, 6 days"), {"E0601"}},
        Case{"E0602", course_with("2 sessions per day, 5 days"), {"E0602"}},
        Case{"E0603", course_with("2 sessions per day, 1 h between sessions, 5 days"), {"E0603"}},
        Case{"E0604", course_with("8 days per week, 2 weeks"), {"E0604"}},
        Case{"E0605", course_with("2 weeks, 10 days"), {"E0605"}},
        Case{"E0606", course_with("1 session per day"), {"E0606"}},
        Case{"E0607",
             "protocol \"r\" { param n = 5 in 1..9 intensity 1 %MSO session { pulse } "
             "course n days }",
             {"E0607"}},
        Case{"W0301", protocol_with("    wait 26 s seed 7\n"), {"W0301"}},
        Case{"W0601", course_with("1 h between sessions end to start, 5 days"), {"W0601"}}),
    [](const testing::TestParamInfo<Case>& param) {
        std::string name = param.param.name;
        std::replace(name.begin(), name.end(), ' ', '_');
        return name;
    });

// ---- exact messages -------------------------------------------------------------------------

TEST(ResolveMessages, FractionalPulseCount) {
    const auto r = resolve_text(protocol_with("    train for 2.2 s at 18 Hz\n"));
    const Diagnostic& d = r->first("E0301");
    EXPECT_EQ(d.message, "train for 2.2 s at 18 Hz is 39.6 pulses; the count must be whole");
    EXPECT_EQ(d.range, r->range_of("train for 2.2 s at 18 Hz"));
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "use '40 pulses' or '39 pulses', or a duration that is a "
                                  "multiple of 500/9 ms (about 55.555556 ms)");
}

TEST(ResolveMessages, BurstThatDoesNotFitItsSlot) {
    const auto r =
        resolve_text(protocol_with("    train 10 bursts at 20 Hz { burst 3 pulses at 50 Hz }\n"));
    const Diagnostic& d = r->first("E0302");
    EXPECT_EQ(d.message,
              "a burst of 3 pulses at 50 Hz lasts 60 ms, longer than its 50 ms slot at 20 Hz");
    EXPECT_EQ(d.range, r->range_of("burst 3 pulses at 50 Hz"));
}

TEST(ResolveMessages, EveryShorterThanItsBodyThroughAParamRange) {
    // At the default (40 pulses) the 4 s train fits the 10 s period; at 120 it does not.
    const auto r = resolve_text(protocol_with(
        "    repeat 75 every 10 s { train n pulses at 10 Hz }\n", "  param n = 40 in 20..120\n"));
    const Diagnostic& d = r->first("E0303");
    EXPECT_EQ(d.message, "the body of this repeat lasts 12 s, longer than its period of 10 s");
    ASSERT_EQ(d.notes.size(), 2u);
    // The note points at the period.
    const SourceRange period = r->range_of("10 s {");
    EXPECT_EQ(d.notes[0].range->begin, period.begin);
    EXPECT_EQ(d.notes[0].range->end.column, period.begin.column + 4);
    EXPECT_EQ(d.notes[1].message, "when n = 120 (an end of the allowed range)");
}

TEST(ResolveMessages, JitteredPeriodUsesItsShortestValue) {
    const auto r =
        resolve_text(protocol_with("    repeat 4 every 1..6 s { train 20 pulses at 10 Hz }\n"));
    EXPECT_EQ(r->first("E0303").message,
              "the body of this repeat lasts 2 s, longer than its shortest period of 1 s");
}

TEST(ResolveMessages, JitteredWaitInTheBodyCountsAtItsUpperEnd) {
    // At the lower end (1 s) the body fits the 5 s period; a draw near 4 s would overrun it.
    const auto r = resolve_text(protocol_with(
        "    repeat 30 every 5 s { train 20 pulses at 10 Hz  wait 1..4 s seed 3 }\n"));
    EXPECT_EQ(r->first("E0303").message,
              "the body of this repeat can last 6 s, longer than its period of 5 s");
}

TEST(ResolveMessages, UnitInTheWrongSlot) {
    const auto r = resolve_text(protocol_with("    wait 10 Hz\n"));
    const Diagnostic& d = r->first("E0201");
    EXPECT_EQ(d.message, "expected a duration such as '26 s' or '20 ms' for the wait, found "
                         "'10 Hz', which is a frequency");
    EXPECT_EQ(d.range, r->range_of("10 Hz"));
}

TEST(ResolveMessages, UnknownParameterSuggestsTheClosestName) {
    const auto r = resolve_text(
        protocol_with("    train 4 pulses at rat\n", "  param rate = 10 Hz in 5..20 Hz\n"));
    const Diagnostic& d = r->first("E0101");
    EXPECT_EQ(d.message, "unknown parameter 'rat' in the train's frequency");
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "did you mean 'rate'?");
}

TEST(ResolveMessages, UnknownParameterWithNothingCloseSaysHowToDeclareIt) {
    const auto r = resolve_text(protocol_with("    repeat trials { pulse }\n"));
    EXPECT_EQ(r->first("E0101").notes.at(0).message,
              "declare it with 'param trials = DEFAULT in LO..HI'");
}

TEST(ResolveMessages, UnknownCoilAndWaveformSuggestAndList) {
    const auto r = resolve_text("protocol \"r\" { coil figure9 waveform biphasik intensity 1 %MSO "
                                "session { pulse } }");
    const Diagnostic& coil = r->first("E0104");
    ASSERT_EQ(coil.notes.size(), 2u);
    EXPECT_EQ(coil.notes[0].message, "did you mean 'figure8'?");
    EXPECT_EQ(coil.notes[1].message, "known coils: figure8, round, double_cone, h1, h4, h7");
    EXPECT_EQ(r->first("E0105").notes.at(0).message, "did you mean 'biphasic'?");
}

TEST(ResolveMessages, DuplicateParameterPointsAtBothDeclarations) {
    const auto r = resolve_text(
        protocol_with("    wait d\n", "  param d = 1 s in 1..2 s\n  param d = 2 s in 1..2 s\n"));
    const Diagnostic& d = r->first("E0102");
    EXPECT_EQ(d.message, "parameter 'd' is declared twice");
    EXPECT_EQ(d.notes.at(0).range, r->range_of("param d = 1 s in 1..2 s"));
}

TEST(ResolveMessages, MissingThresholdPointsAtTheFirstIntensityNeedingIt) {
    const auto r = resolve_text("protocol \"r\" {\n  subject amt = 40 %MSO\n  session {\n"
                                "    paired 2 ms (80 %aMT, 120 %rMT)\n  }\n}\n");
    const Diagnostic& d = r->first("E0502");
    EXPECT_EQ(d.range, r->range_of("120 %rMT"));
    EXPECT_EQ(d.message,
              "this intensity in %rMT cannot be converted to %MSO: the protocol declares "
              "subject thresholds but no 'subject rmt'");
}

TEST(ResolveMessages, InvalidThresholdIsNotAlsoReportedMissing) {
    const auto r = resolve_text(protocol_with("    pulse\n", "  subject rmt in 30..75 %rMT\n"));
    EXPECT_EQ(r->codes(), Codes{"E0405"});
    EXPECT_EQ(r->first("E0405").message, "the resting motor threshold is a stimulator output and "
                                         "must be in %MSO, found '30..75 %rMT'");
}

TEST(ResolveMessages, ValuesTooLargeOrTooPreciseForExactSecondsAreDiagnostics) {
    // Converting these to seconds leaves 64-bit fractions; it used to escape as an exception.
    const auto r = resolve_text(protocol_with("    wait 9e18 h\n    wait 0.000000000000000001 us\n",
                                              "  param p = 9e18 h in 1..2 h\n"));
    EXPECT_EQ(r->codes(), (Codes{"E0404", "E0404", "E0002"}));
}

TEST(ResolveMessages, MissingIntensityDoesNotHideTimingErrors) {
    const auto r = resolve_text("protocol \"r\" { session { train for 2.2 s at 18 Hz } }");
    EXPECT_EQ(r->codes(), (Codes{"E0301", "E0501"}));
}

TEST(ResolveMessages, RangeUnitMismatchIsReportedOnce) {
    const auto r =
        resolve_text(protocol_with("    train 4 pulses at f\n", "  param f = 10 Hz in 5..20 s\n"));
    EXPECT_EQ(r->codes(), Codes{"E0203"});
    EXPECT_EQ(r->first("E0203").range, r->range_of("5..20 s"));
}

TEST(ResolveMessages, CourseNeedsAnAnchorForItsInterval) {
    const auto r =
        resolve_text(course_with("10 sessions per day, 50 min between sessions, 5 days"));
    const Diagnostic& d = r->first("E0603");
    EXPECT_EQ(d.message, "say how the interval between sessions is measured: 'end to start' or "
                         "'start to start'");
    EXPECT_EQ(d.range, r->range_of("50 min between sessions"));
}

} // namespace
} // namespace tmsc
