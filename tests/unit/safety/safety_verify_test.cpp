// Verification against rossi2009: published protocols pass, the unsafe examples fail with
// counterexamples in protocol terms, and what no rule covers is unknown, never a pass.

#include "safety/rules/rules.hpp"
#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::check_text;
using testing::Checked;
using testing::protocol;
using testing::source_file;

Checked check_example(const std::string& path, const CheckOptions& options = {}) {
    return check_text(source_file(path), options, path);
}

/// Rule ids the verifier asked about, for scope checks.
std::set<std::string> rules_checked(const Checked& c) {
    std::set<std::string> out;
    for (const safety::CheckRecord& r : c.result.safety->checks) {
        out.insert(r.rule);
    }
    return out;
}

TEST(SafetyVerify, PublishedProtocolsPass) {
    for (const char* name : {"fda-10hz", "fda-10hz-short", "deep-tms-h1-18hz", "itbs-600",
                             "saint-accelerated-itbs", "ctbs-600", "ctbs-300", "itbs-600-huang-m1",
                             "1hz-right-dlpfc", "h7-ocd-20hz", "h4-smoking-18hz",
                             "sequential-bilateral", "sici-paired-pulse"}) {
        const Checked c = check_example(std::string("examples/") + name + ".tms");
        EXPECT_EQ(c.result.verdict, Verdict::Pass) << name << "\n" << c.text();
        EXPECT_EQ(c.count(Severity::Error), 0u) << name;
    }
}

TEST(SafetyVerify, PublishedProtocolsBeyondTheEvidenceCarryTheirCitedWaiver) {
    // 600 pulses at 1 Hz and 120 %: longer than the 50 s tested, waived citing the trial that
    // delivered it; the coil move between the blocks keeps the next train 30 s away.
    const Checked bilateral = check_example("examples/sequential-bilateral.tms");
    ASSERT_TRUE(bilateral.has("S0102")) << bilateral.text();
    EXPECT_EQ(bilateral.first("S0102").severity, Severity::Note);
    EXPECT_NE(bilateral.first("S0102").message.find("train of 600 s at 1 Hz, 120 %rMT; longest tested 50 s"),
              std::string::npos);
    EXPECT_NE(bilateral.first("S0102").notes.at(0).message.find("Blumberger 2016"),
              std::string::npos);
    EXPECT_FALSE(bilateral.has("S0104"));
    // SICI trials 4-6 s apart are closer than the 5 s single-pulse boundary: a slow series.
    const Checked sici = check_example("examples/sici-paired-pulse.tms");
    ASSERT_TRUE(sici.has("S0102")) << sici.text();
    EXPECT_EQ(sici.first("S0102").severity, Severity::Note);
    EXPECT_NE(sici.first("S0102").notes.at(0).message.find("Kujirai 1993"), std::string::npos);
}

TEST(SafetyVerify, HCoilProtocolsAreJudgedByTheirEnvelopeNotTheTable) {
    const Checked h1 = check_example("examples/deep-tms-h1-18hz.tms");
    EXPECT_EQ(h1.result.verdict, Verdict::Pass);
    const std::set<std::string> asked = rules_checked(h1);
    EXPECT_TRUE(asked.count("hcoil.h1.train-duration"));
    EXPECT_FALSE(asked.count("rossi2009.train-duration")); // 2 s at 18 Hz would break the table
    EXPECT_FALSE(asked.count("hcoil.h7.train-duration"));
}

TEST(SafetyVerify, ItbsAt120PercentIsAtTheEdgeOfTheEnvelope) {
    const std::string body = "    repeat 20 every 10 s { train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz } }\n";
    const Checked edge = check_text(protocol("  intensity 120 %rMT\n", body));
    EXPECT_EQ(edge.result.verdict, Verdict::Pass) << edge.text();
    EXPECT_EQ(edge.count(Severity::Warning), 0u);
    const Checked beyond = check_text(protocol("  intensity 121 %rMT\n", body));
    EXPECT_EQ(beyond.result.verdict, Verdict::Fail); // beyond the evidence and not waived
    ASSERT_TRUE(beyond.has("S0102"));
    EXPECT_NE(beyond.first("S0102").message.find("tbs.intensity-rmt"), std::string::npos);
}

TEST(SafetyVerify, UnsafeExamplesFailNamingRuleCitationValuesAndPosition) {
    struct Case {
        const char* file;
        const char* code;
        const char* message;
    };
    const Case cases[] = {
        {"20hz-2s-130pct", "S0101",
         "rossi2009.train-duration: train of 2 s at 20 Hz, 130 %rMT; limit 0.55 s (Rossi 2009 table, "
         "after Wassermann 1998)"},
        {"10hz-3s-150pct", "S0101",
         "rossi2009.train-duration: train of 3 s at 10 Hz, 150 %rMT; limit 0.8 s (Rossi 2009 table, "
         "after Wassermann 1998)"},
        {"25hz-2s-100pct", "S0101",
         "rossi2009.train-duration: train of 2 s at 25 Hz, 100 %rMT; limit 1.28 s (Rossi 2009 table, "
         "after Wassermann 1998)"},
        {"20hz-short-gaps", "S0101",
         "rossi2009.train-duration: train of 24.55 s at 20 Hz (320 pulses joined from 10 stimuli), "
         "110 %rMT; limit 1.6 s (Rossi 2009 table, after Wassermann 1998)"},
        {"param-frequency-5-25hz", "S0101",
         "rossi2009.train-duration: train of 1.6 s at 25 Hz, 120 %rMT; limit 0.4 s (Rossi 2009 table, "
         "after Wassermann 1998)"},
    };
    for (const Case& k : cases) {
        const Checked c = check_example(std::string("examples/unsafe/") + k.file + ".tms");
        EXPECT_EQ(c.result.verdict, Verdict::Fail) << k.file;
        ASSERT_TRUE(c.has(k.code)) << k.file << "\n" << c.text();
        EXPECT_EQ(c.first(k.code).message, k.message);
        EXPECT_EQ(c.first(k.code).severity, Severity::Error);
        EXPECT_FALSE(c.result.safety->counterexamples.empty()) << k.file;
    }
}

TEST(SafetyVerify, CounterexampleNamesTheRangeEndThatBreaksTheLimit) {
    const Checked c = check_example("examples/unsafe/param-frequency-5-25hz.tms");
    const Diagnostic& d = c.first("S0101");
    EXPECT_EQ(d.range.begin.line, 20u);
    EXPECT_EQ(d.range.begin.column, 7u);
    ASSERT_FALSE(d.notes.empty());
    EXPECT_EQ(d.notes[0].message, "when f = 25 Hz (the upper end of its range 5 Hz..25 Hz)");
    ASSERT_TRUE(d.notes[0].range);
    EXPECT_EQ(d.notes[0].range->begin.line, 16u); // the parameter's declaration
    const safety::Counterexample& cx = c.result.safety->counterexamples.front();
    EXPECT_EQ(cx.values, (std::vector<std::pair<std::string, std::string>>{{"f", "25 Hz"}}));
    EXPECT_EQ(cx.actual, "1.6 s");
    EXPECT_EQ(cx.limit, "0.4 s");
}

TEST(SafetyVerify, NarrowingTheParametricRangeMakesItPass) {
    std::string text = source_file("examples/unsafe/param-frequency-5-25hz.tms");
    const std::string wide = "param f = 10 Hz in 5..25 Hz";
    ASSERT_NE(text.find(wide), std::string::npos);
    // Between 5 and 10 Hz the 10 Hz row's 4.2 s already applies (the smaller bracketing cell),
    // so 40 pulses pass only from 40 / 4.2 = 9.52 Hz up to 10 Hz.
    std::string narrow = text;
    narrow.replace(narrow.find(wide), wide.size(), "param f = 10 Hz in 9.6..10 Hz");
    const Checked c = check_text(narrow);
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    std::string lower = text;
    lower.replace(lower.find(wide), wide.size(), "param f = 10 Hz in 9..10 Hz");
    const Checked low = check_text(lower);
    EXPECT_EQ(low.result.verdict, Verdict::Fail);
    EXPECT_EQ(low.first("S0101").notes.at(0).message, "when f = 9 Hz (the lower end of its range 9 Hz..10 Hz)");
}

TEST(SafetyVerify, SubjectThresholdsConvertIntensitiesForEveryAllowedValue) {
    // 60 %MSO is 120 %rMT at rMT 50 %MSO but 150 %rMT at 40 %MSO: 2 s at 10 Hz breaks 1.3 s at 140 %.
    const std::string body = "    train 20 pulses at 10 Hz\n";
    const Checked narrow = check_text(protocol("  intensity 60 %MSO\n  subject rmt in 50..70 %MSO\n", body));
    EXPECT_EQ(narrow.result.verdict, Verdict::Pass) << narrow.text();
    const Checked wide = check_text(protocol("  intensity 60 %MSO\n  subject rmt in 40..70 %MSO\n", body));
    EXPECT_EQ(wide.result.verdict, Verdict::Fail);
    ASSERT_TRUE(wide.has("S0101"));
    EXPECT_EQ(wide.first("S0101").notes[0].message,
              "when subject rmt = 40 %MSO (the lower end of its range 40 %MSO..70 %MSO)");
}

TEST(SafetyVerify, WhatNoRuleCoversIsUnknown) {
    const std::string train = "    train 40 pulses at 10 Hz\n";
    const Checked no_coil = check_text("protocol \"t\" { intensity 110 %rMT session {" + train + "} }");
    EXPECT_EQ(no_coil.result.verdict, Verdict::Unknown);
    EXPECT_TRUE(no_coil.has("S0201"));
    const Checked mso = check_text(protocol("  intensity 60 %MSO\n", train));
    EXPECT_EQ(mso.result.verdict, Verdict::Unknown);
    EXPECT_TRUE(mso.has("S0203"));
    const Checked fast = check_text(protocol("  intensity 100 %rMT\n", "    train 10 pulses at 30 Hz\n"));
    EXPECT_EQ(fast.result.verdict, Verdict::Unknown);
    EXPECT_TRUE(fast.has("S0202"));
    const Checked h_tbs = check_text(
        "protocol \"t\" { coil h1 intensity 100 %rMT session { train 10 bursts at 5 Hz { burst 3 pulses at "
        "50 Hz } } }");
    EXPECT_EQ(h_tbs.result.verdict, Verdict::Unknown);
    EXPECT_TRUE(h_tbs.has("S0201"));
    // A single pulse 3 s after a train is no trial, and no rule covers a lone pulse.
    const Checked close_pulses = check_text(
        protocol("  intensity 110 %rMT\n", "    train 10 pulses at 10 Hz\n    wait 3 s\n    pulse\n"));
    EXPECT_EQ(close_pulses.result.verdict, Verdict::Unknown);
    EXPECT_TRUE(close_pulses.has("S0204"));
    // Two single pulses 3 s apart are a series: judged as a slow conventional train.
    const Checked series = check_text(protocol("  intensity 110 %rMT\n", "    pulse\n    wait 3 s\n    pulse\n"));
    EXPECT_EQ(series.result.verdict, Verdict::Pass) << series.text();
}

TEST(SafetyVerify, SinglePulseTrialsBeyondTheBoundaryAreCovered) {
    const Checked c = check_text(protocol("  intensity 110 %rMT\n",
                                          "    repeat 30 every 6 s { paired 3 ms (80 %rMT, 120 %rMT) }\n"));
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    EXPECT_EQ(c.count(Severity::Warning), 0u);
}

TEST(SafetyVerify, StrictFailsOnWarnings) {
    CheckOptions strict;
    strict.strict = true;
    EXPECT_EQ(check_example("examples/sequential-bilateral.tms", strict).result.verdict, Verdict::Fail);
    EXPECT_EQ(check_example("examples/fda-10hz.tms", strict).result.verdict, Verdict::Pass);
}

TEST(SafetyVerify, OtherRuleSetsJudgeDifferently) {
    CheckOptions conservative;
    conservative.rules = safety::load_rules("rossi2009-conservative").rules;
    const Checked fda = check_example("examples/fda-10hz.tms", conservative);
    EXPECT_EQ(fda.result.verdict, Verdict::Fail); // 4 s at 10 Hz/120 % against 0.75 x 4.2 s
    EXPECT_NE(fda.first("S0101").message.find("limit 3.15 s"), std::string::npos);

    CheckOptions site;
    site.rules = safety::load_rules(std::string(TMSC_SOURCE_DIR) + "/safety/rules/examples/site-90min.json").rules;
    const Checked long_session = check_text(
        protocol("  intensity 100 %rMT\n", "    repeat 200 { train 10 pulses at 1 Hz\n wait 20 s }\n"), site);
    EXPECT_EQ(long_session.result.verdict, Verdict::Fail); // 200 x 30 s = 100 min
    EXPECT_NE(long_session.first("S0105").message.find("site.session-duration"), std::string::npos);
}

TEST(SafetyVerify, EveryReportCarriesTheRuleSetAndItsReviewStatus) {
    const Checked c = check_example("examples/fda-10hz.tms");
    ASSERT_TRUE(c.result.rules);
    EXPECT_EQ(c.result.rules->id, "rossi2009");
    EXPECT_FALSE(c.result.rules->transcription_reviewed);
    ASSERT_TRUE(c.result.safety);
    for (const safety::CheckRecord& r : c.result.safety->checks) {
        EXPECT_EQ(r.verdict, safety::smt::Verdict::Proved) << r.rule << " " << r.key;
    }
}

} // namespace
} // namespace tmsc
