// The timeline judge's parts (burst shapes, the day's sessions on one timeline) and compile's
// translation validation, which must refuse when the proof it checks missed a finding.

#include "safety/timeline/burst_shape.hpp"
#include "safety/timeline/day_stream.hpp"
#include "safety/timeline/translation_check.hpp"
#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc::safety::timeline {
namespace {

using tmsc::testing::lower_text;

const Rational ms(std::int64_t n) { return Rational(n, 1000); }

TEST(BurstShape, ThetaBurstIntervalsFormEqualBursts) {
    BurstShape shape;
    shape.add(ms(20), 2);                    // the first burst of 3 pulses
    shape.add_units(ms(160), ms(20), 2, 9);  // nine more bursts, 200 ms apart
    const auto bursts = shape.result();
    ASSERT_TRUE(bursts);
    EXPECT_EQ(bursts->pulses_per_burst, 3);
    EXPECT_EQ(bursts->bursts, 10);
    EXPECT_EQ(bursts->inside, ms(20));
    EXPECT_EQ(bursts->between, ms(160));
}

TEST(BurstShape, TheClosedFormCountsWhatFeedingEveryIntervalCounts) {
    BurstShape closed;
    BurstShape open;
    closed.add(ms(10), 3);
    closed.add_units(ms(150), ms(10), 3, 1000);
    open.add(ms(10), 3);
    for (int i = 0; i < 1000; ++i) {
        open.add(ms(150), 1);
        open.add(ms(10), 3);
    }
    ASSERT_TRUE(closed.result() && open.result());
    EXPECT_EQ(closed.result()->bursts, open.result()->bursts);
    EXPECT_EQ(closed.result()->bursts, 1001);
}

TEST(BurstShape, UnequalBurstsOrAThirdIntervalAreNoPattern) {
    BurstShape unequal;
    unequal.add(ms(20), 2);
    unequal.add(ms(160), 1);
    unequal.add(ms(20), 3); // a burst of 4 after one of 3
    EXPECT_FALSE(unequal.result());
    BurstShape three;
    three.add(ms(20), 2);
    three.add(ms(160), 1);
    three.add(ms(30), 1);
    EXPECT_FALSE(three.result());
    BurstShape even; // one interval only: a conventional train
    even.add(ms(100), 39);
    EXPECT_FALSE(even.result());
}

TEST(DayStream, EndToStartSessionsFollowTheLastStimulusNotTheTrailingWait) {
    const auto p = lower_text("protocol \"t\" { coil figure8 intensity 100 %rMT session {\n"
                              "  train 10 pulses at 10 Hz\n  wait 5 s\n}\n"
                              "course 2 sessions per day, 2 s between sessions end to start, 1 day }");
    ASSERT_TRUE(p->schedule);
    std::vector<Rational> onsets;
    for_each_stretch(*p->schedule, [&](const Stretch& s) {
        for_each_occurrence(s, [&](const Occurrence& o) { onsets.push_back(o.onset); });
    });
    // Session 1's train ends (nominally) at 1 s; the next starts 2 s later, the 5 s wait aside.
    EXPECT_EQ(onsets, (std::vector<Rational>{Rational(0), Rational(3)}));
}

TEST(DayStream, StartToStartSessionsStartAtMultiplesOfTheInterval) {
    const auto p = lower_text("protocol \"t\" { coil figure8 intensity 100 %rMT session {\n"
                              "  train 10 pulses at 10 Hz\n}\n"
                              "course 3 sessions per day, 10 s between sessions start to start, 1 day }");
    ASSERT_TRUE(p->schedule);
    std::vector<Rational> onsets;
    for_each_stretch(*p->schedule, [&](const Stretch& s) {
        for_each_occurrence(s, [&](const Occurrence& o) { onsets.push_back(o.onset); });
    });
    EXPECT_EQ(onsets, (std::vector<Rational>{Rational(0), Rational(10), Rational(20)}));
}

TEST(TranslationValidation, RefusesWhenTheProofMissedWhatTheScheduleBreaks) {
    const std::string text = "protocol \"t\" { coil figure8 intensity 100 %rMT session {\n"
                             "  repeat 10 every 2 s { train 40 pulses at 20 Hz }\n} }";
    const auto p = lower_text(text);
    ASSERT_TRUE(p->schedule && p->resolved && p->check.safety);
    // The real proof reported the merged 20 s train: the schedule agrees with it.
    EXPECT_FALSE(validate_translation(*p->schedule, *p->resolved, *p->check.rules, *p->check.safety));
    // A broken encoding that found nothing: the schedule's own judgment must refuse.
    SafetyReport broken;
    broken.rules = p->check.rules;
    const auto refused = validate_translation(*p->schedule, *p->resolved, *p->check.rules, broken);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->code, "S0406");
    EXPECT_EQ(refused->severity, Severity::Error);
    EXPECT_NE(refused->message.find("rossi2009.train-duration"), std::string::npos) << refused->message;
    ASSERT_FALSE(refused->notes.empty());
    EXPECT_NE(refused->notes.back().message.find("proof pass, translation validation fail"), std::string::npos);
}

TEST(TranslationValidation, ASafeScheduleAgreesWithItsProof) {
    const auto p = lower_text(tmsc::testing::source_file("examples/fda-10hz.tms"));
    ASSERT_TRUE(p->schedule && p->resolved && p->check.safety);
    SafetyReport nothing_found;
    EXPECT_FALSE(validate_translation(*p->schedule, *p->resolved, *p->check.rules, nothing_found));
}

TEST(TranslationValidation, CompileRefusesNothingThatCheckPassed) {
    // Every bundled example that passes check compiles: the validator agrees with the proof.
    for (const char* name : {"fda-10hz", "itbs-600", "saint-accelerated-itbs", "ctbs-600",
                             "deep-tms-h1-18hz", "sequential-bilateral"}) {
        const auto run = tmsc::testing::run_tmsc(std::string("compile --target json -o - examples/") +
                                                  name + ".tms");
        EXPECT_EQ(run.err.find("S0406"), std::string::npos) << name << "\n" << run.err;
    }
}

} // namespace
} // namespace tmsc::safety::timeline

namespace tmsc::safety::timeline {
namespace {

TEST(TimelineExplain, MarginsAreThoseOfTheTrainsTheTimelineJudges) {
    // Ten 1.6 s trains 1 s apart are one 24.55 s train: explain must show that train's margin,
    // not the 1.6 s statement that check no longer judges alone.
    const auto run = tmsc::testing::run_tmsc("explain examples/unsafe/20hz-short-gaps.tms");
    EXPECT_NE(run.out.find("train of 24.55 s at 20 Hz (320 pulses joined from 10 stimuli), 110 %rMT"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("rossi2009.train-duration: 24.55 s of 1.6 s allowed, exceeded by"), std::string::npos)
        << run.out;
    EXPECT_EQ(run.out.find("(at defaults)"), std::string::npos) << run.out;
}

} // namespace
} // namespace tmsc::safety::timeline
