// The independent timeline oracle (tests/unit/common/timeline_oracle.hpp) on cases computed
// by hand from docs/design/timeline.md: before it may judge `tmsc check`, it must itself be
// right on merged trains, trains of bursts outside the theta-burst envelope, theta burst,
// trains across sessions, trials, series and stray pulses.

#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/timeline_oracle.hpp"

#include <gtest/gtest.h>

namespace tmsc::oracle {
namespace {

const safety::RuleSet& rules() { return *safety::default_rules(); }

/// The day of a protocol text (its own defaults and subject values).
Day day_of_text(const std::string& text) {
    auto p = testing::lower_text(text);
    EXPECT_TRUE(p->schedule_ok()) << text << render_all(p->diagnostics, p->source);
    return p->schedule ? day_of(*p->schedule) : Day{};
}

std::string figure8(const std::string& intensity, const std::string& session,
                    const std::string& extra = "") {
    return "protocol \"t\" {\n  coil figure8\n  intensity " + intensity + "\n" + extra +
           "  session {\n" + session + "\n  }\n}\n";
}

TEST(TimelineOracle, RepeatedTwentyHertzTrainsAreOneTwentySecondTrain) {
    const Day day = day_of_text(figure8("100 %rMT", "repeat 10 every 2 s { train 40 pulses at 20 Hz }"));
    ASSERT_EQ(day.pulses.size(), 400u);
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Conventional);
    EXPECT_EQ(d.stimuli[0].rate, Rational(20));
    EXPECT_EQ(d.stimuli[0].duration, Rational(20)); // 19.95 s span + 1/20 s
    EXPECT_EQ(d.stimuli[0].pulses, 400);
    const Judgement j = judge(day, rules());
    EXPECT_TRUE(j.ids(rules()).count("rossi2009.train-duration")) << j.describe();
    EXPECT_TRUE(j.has_error(rules()));
}

TEST(TimelineOracle, TheSameTrainWrittenOnceGetsTheSameJudgement) {
    const Judgement merged =
        judge(day_of_text(figure8("100 %rMT", "repeat 10 every 2 s { train 40 pulses at 20 Hz }")), rules());
    const Judgement one = judge(day_of_text(figure8("100 %rMT", "train 400 pulses at 20 Hz")), rules());
    EXPECT_EQ(merged.ids(rules()), one.ids(rules()));
}

TEST(TimelineOracle, FifteenHertzBurstsAreAConventionalFifteenHertzTrain) {
    // 3 pulses at 15 Hz every 0.2 s: every interval is 1/15 s, so no burst structure at all.
    const Day day = day_of_text(
        figure8("120 %rMT", "train 50 bursts at 5 Hz { burst 3 pulses at 15 Hz }"));
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Conventional);
    EXPECT_EQ(d.stimuli[0].rate, Rational(15));
    EXPECT_EQ(d.stimuli[0].duration, Rational(10));
    const Judgement j = judge(day, rules());
    EXPECT_TRUE(j.ids(rules()).count("rossi2009.train-duration")) << j.describe(); // limit 1 s
}

TEST(TimelineOracle, SlowBurstsOutsideTheEnvelopeAreConventional) {
    // 3 pulses at 20 Hz repeated at 2 Hz: two interval values, but 20 Hz < 30 Hz.
    const Day day = day_of_text(figure8("100 %rMT", "train 4 bursts at 2 Hz { burst 3 pulses at 20 Hz }"));
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Conventional);
    EXPECT_EQ(d.stimuli[0].rate, Rational(20));
    // span 3 * 0.5 + 0.1 = 1.6 s, plus 1/20 s
    EXPECT_EQ(d.stimuli[0].duration, Rational(165, 100));
}

TEST(TimelineOracle, TheEnvelopeBoundsBurstSizeAndTheGapBetweenBursts) {
    // Six pulses a burst is beyond burst_pulses 2..5: a conventional train at 100 Hz.
    Decomposition d = decompose(day_of_text(figure8("80 %rMT", "train 4 bursts at 5 Hz { burst 6 pulses at 100 Hz }")), rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Conventional);
    EXPECT_EQ(d.stimuli[0].rate, Rational(100));
    // 3 at 30 Hz every 1/8 s: the gap (7/120 s) is under twice the 1/30 s inside a burst.
    d = decompose(day_of_text(figure8("80 %rMT", "train 4 bursts at 8 Hz { burst 3 pulses at 30 Hz }")), rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Conventional);
    // 3 at 50 Hz every 1/7 s: the gap (39/350 s) is over 2 x 1/50 s, R = 7 Hz: patterned.
    d = decompose(day_of_text(figure8("80 %rMT", "train 4 bursts at 7 Hz { burst 3 pulses at 50 Hz }")), rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Patterned);
    EXPECT_EQ(d.stimuli[0].rate, Rational(7));
    EXPECT_EQ(d.stimuli[0].duration, Rational(4, 7));
}

TEST(TimelineOracle, ItbsIsPatternedAndClean) {
    const Day day = day_of_text(figure8(
        "80 %rMT", "repeat 20 every 10 s { train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz } }"));
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 20u);
    for (const Stimulus& s : d.stimuli) {
        EXPECT_EQ(s.shape, Shape::Patterned);
        EXPECT_EQ(s.burst_pulses, 3);
        EXPECT_EQ(s.burst_frequency, Rational(50));
        EXPECT_EQ(s.rate, Rational(5));
        EXPECT_EQ(s.duration, Rational(2));
    }
    const Judgement j = judge(day, rules());
    EXPECT_TRUE(j.clean()) << j.describe();
}

TEST(TimelineOracle, ItbsAboveTheEvidenceIsAWarning) {
    const Judgement j = judge(day_of_text(figure8(
        "130 %rMT", "repeat 20 every 10 s { train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz } }")), rules());
    EXPECT_EQ(j.ids(rules()), std::set<std::string>{"tbs.intensity-rmt"}) << j.describe();
    EXPECT_FALSE(j.has_error(rules()));
}

TEST(TimelineOracle, SessionsOfADayJoinAcrossTheirBoundaries) {
    const Day day = day_of_text(figure8(
        "120 %rMT", "train 40 pulses at 10 Hz",
        "  course 10 sessions per day, 1 us between sessions end to start, 1 day\n"));
    ASSERT_EQ(day.pulses.size(), 400u);
    EXPECT_EQ(day.pulses[40].session, 1u);
    EXPECT_EQ(day.pulses[40].time, Rational(4000001, 1000000));
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].rate, Rational(10));
    EXPECT_EQ(d.stimuli[0].duration, Rational(40000009, 1000000)); // 9 x 4.000001 + 3.9 + 0.1
    EXPECT_TRUE(judge(day, rules()).ids(rules()).count("rossi2009.train-duration"));
}

TEST(TimelineOracle, StartToStartSessionsLieOnePeriodApart) {
    const Day day = day_of_text(figure8(
        "100 %rMT", "train 10 pulses at 1 Hz",
        "  course 3 sessions per day, 10 s between sessions start to start, 1 day\n"));
    ASSERT_EQ(day.pulses.size(), 30u);
    EXPECT_EQ(day.pulses[10].time, Rational(10));
    // Each session's last pulse is at 9 s, the next first at 10 s: one 1 Hz train of 30 s.
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].duration, Rational(30));
}

TEST(TimelineOracle, PulsesFarApartAreTrials) {
    const Judgement j = judge(day_of_text(figure8("100 %rMT", "pulse\n wait 6 s\n pulse\n wait 6 s\n paired 3 ms (100 %rMT, 110 %rMT)")), rules());
    EXPECT_TRUE(j.clean()) << j.describe();
}

TEST(TimelineOracle, CloseSinglePulsesAreASeries) {
    const Day day = day_of_text(figure8("100 %rMT", "repeat 10 every 2 s { pulse }"));
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Series);
    EXPECT_EQ(d.stimuli[0].rate, Rational(1, 2));
    EXPECT_EQ(d.stimuli[0].duration, Rational(20)); // onsets 0..18 s, plus 2 s
    EXPECT_TRUE(d.uncovered.empty());
}

TEST(TimelineOracle, PairsOfATrainAreATrain) {
    // 40 pairs every 100 ms, 50 ms apart inside: 80 pulses every 50 ms, a 20 Hz train of 4 s.
    const Day day = day_of_text(figure8("120 %rMT", "repeat 40 every 100 ms { paired 50 ms (120 %rMT, 120 %rMT) }"));
    const Decomposition d = decompose(day, rules());
    ASSERT_EQ(d.stimuli.size(), 1u);
    EXPECT_EQ(d.stimuli[0].shape, Shape::Conventional);
    EXPECT_EQ(d.stimuli[0].rate, Rational(20));
    EXPECT_EQ(d.stimuli[0].duration, Rational(4));
    EXPECT_TRUE(judge(day, rules()).ids(rules()).count("rossi2009.train-duration"));
}

TEST(TimelineOracle, APulseNearATrainIsUncovered) {
    const Judgement j = judge(day_of_text(figure8("100 %rMT", "train 10 pulses at 10 Hz\n wait 3 s\n pulse")), rules());
    EXPECT_TRUE(j.ids(rules()).count("S0204")) << j.describe();
}

TEST(TimelineOracle, ShortSilencesBesideFastTrainsBreakTheEvidenceRule) {
    // Two 10 Hz trains 2 s apart at 110 %rMT: the silence is under 5 s (warning), over 1 s.
    const Judgement j = judge(day_of_text(figure8("110 %rMT", "train 10 pulses at 10 Hz\n wait 2 s\n train 10 pulses at 10 Hz")), rules());
    EXPECT_EQ(j.ids(rules()), std::set<std::string>{"chen1997.iti-evidence"}) << j.describe();
}

TEST(TimelineOracle, IntensitiesWithoutTheirThresholdCannotBeConverted) {
    Day day;
    day.coil = CoilSpec{"figure8", CoilFamily::Figure8};
    for (int i = 0; i < 5; ++i) {
        day.pulses.push_back(Pulse{Rational(i, 10), IntensityValue{Rational(60), IntensityRef::Mso}, 0});
    }
    EXPECT_TRUE(judge(day, rules()).ids(rules()).count("S0203"));
    day.thresholds.rmt = Rational(50); // 60 %MSO is 120 %rMT: 0.5 s at 10 Hz is within 4.2 s
    const Judgement j = judge(day, rules());
    EXPECT_TRUE(j.clean()) << j.describe();
}

TEST(TimelineOracle, ProtocolsWithoutACoilAreCoveredByNoRule) {
    Day day = day_of_text("protocol \"t\" {\n intensity 100 %rMT\n session { train 10 pulses at 10 Hz }\n}\n");
    EXPECT_EQ(judge(day, rules()).ids(rules()), std::set<std::string>{"S0201"});
}

TEST(TimelineOracle, FastTrainsAreOffTheTable) {
    const Judgement j = judge(day_of_text(figure8("100 %rMT", "train 10 pulses at 30 Hz")), rules());
    EXPECT_EQ(j.ids(rules()), std::set<std::string>{"S0202"}) << j.describe();
}

TEST(TimelineOracle, OnlyWaivedWarningsPass) {
    const Judgement warning = judge(day_of_text(figure8("110 %rMT", "train 10 pulses at 10 Hz\n wait 2 s\n train 10 pulses at 10 Hz")), rules());
    EXPECT_FALSE(warning.passes({}, rules()));
    EXPECT_TRUE(warning.passes({"chen1997.iti-evidence"}, rules()));
    const Judgement error = judge(day_of_text(figure8("100 %rMT", "train 400 pulses at 20 Hz")), rules());
    EXPECT_FALSE(error.passes({"rossi2009.train-duration"}, rules())); // errors need the flag
}

} // namespace
} // namespace tmsc::oracle
