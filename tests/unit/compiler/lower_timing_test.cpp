// Exact pulse times: integers and fractions of microseconds, never accumulated floats.

#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::all_pulses;
using testing::lower_text;
using testing::protocol_with;

TEST(LowerTiming, FortiethPulseOfTenHertzTrainIsAtExactly3Point9Seconds) {
    auto p = lower_text(protocol_with("    train 40 pulses at 10 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    const std::vector<ScheduledPulse> pulses = all_pulses(*p->schedule);
    ASSERT_EQ(pulses.size(), 40u);
    EXPECT_EQ(pulses[39].time.seconds(), Rational(39, 10));
    EXPECT_EQ(pulses[39].time.us, 3'900'000);
    EXPECT_TRUE(pulses[39].time.is_whole());
}

TEST(LowerTiming, SecondTrainStartsAfterTrainAndWait) {
    auto p = lower_text(protocol_with("    repeat 2 {\n train 40 pulses at 10 Hz\n wait 26 s\n }"));
    ASSERT_TRUE(p->schedule_ok());
    const std::vector<ScheduledPulse> pulses = all_pulses(*p->schedule);
    ASSERT_EQ(pulses.size(), 80u);
    EXPECT_EQ(pulses[40].time.seconds(), Rational(30));
    EXPECT_EQ(pulses[40].train, 1);
    EXPECT_EQ(pulses[79].time.seconds(), Rational(339, 10));
}

TEST(LowerTiming, EighteenHertzKeepsExactFractions) {
    auto p = lower_text(protocol_with("    train 36 pulses at 18 Hz"));
    ASSERT_TRUE(p->schedule_ok());
    const std::vector<ScheduledPulse> pulses = all_pulses(*p->schedule);
    for (std::size_t k = 0; k < pulses.size(); ++k) {
        EXPECT_EQ(pulses[k].time.seconds(), Rational(static_cast<std::int64_t>(k), 18)) << k;
    }
    // 1/18 s = 55555 5/9 us: the µs column rounds to 55556, 4/9 us away.
    EXPECT_EQ(pulses[1].time.us, 55555);
    EXPECT_EQ(pulses[1].time.rounded_us(), 55556);
    EXPECT_EQ(pulses[1].time.rounding_error_us(), Rational(4, 9));
    EXPECT_EQ(pulses[35].time.seconds(), Rational(35, 18));
}

TEST(LowerTiming, BurstPulsesSitAtBurstOnsetPlusPulsePeriods) {
    auto p = lower_text(protocol_with("    train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz }"));
    ASSERT_TRUE(p->schedule_ok());
    const std::vector<ScheduledPulse> pulses = all_pulses(*p->schedule);
    ASSERT_EQ(pulses.size(), 30u);
    for (std::size_t i = 0; i < pulses.size(); ++i) {
        const auto k = static_cast<std::int64_t>(i / 3);
        const auto j = static_cast<std::int64_t>(i % 3);
        EXPECT_EQ(pulses[i].time.seconds(), Rational(k, 5) + Rational(j, 50)) << i;
        EXPECT_EQ(pulses[i].unit, k);
        EXPECT_EQ(pulses[i].pulse_in_unit, j);
    }
}

TEST(LowerTiming, RepeatEveryMeasuresOnsetToOnset) {
    auto p = lower_text(protocol_with("    repeat 3 every 10 s {\n train 10 bursts at 5 Hz "
                                      "{ burst 3 pulses at 50 Hz }\n }"));
    ASSERT_TRUE(p->schedule_ok());
    std::vector<Rational> onsets;
    const Rational end = walk_trains(*p->schedule, [&](const TrainInstance& t) {
        onsets.push_back(t.onset);
        EXPECT_EQ(t.silence_after_nominal(), Rational(8));
        EXPECT_EQ(t.silence_after_last_pulse(), Rational(816, 100));
    });
    EXPECT_EQ(onsets, (std::vector<Rational>{0, 10, 20}));
    EXPECT_EQ(end, Rational(30));
}

TEST(LowerTiming, PairedPulsesAreTheIntervalApartWithTheirOwnIntensities) {
    auto p = lower_text(protocol_with("    paired 2.5 ms (80 %aMT, 120 %rMT)\n    wait 5 s\n    pulse"));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    const std::vector<ScheduledPulse> pulses = all_pulses(*p->schedule);
    ASSERT_EQ(pulses.size(), 3u);
    EXPECT_EQ(pulses[1].time.us, 2500);
    EXPECT_EQ(pulses[0].intensity->written, (IntensityValue{80, IntensityRef::Amt}));
    EXPECT_EQ(pulses[1].intensity->written, (IntensityValue{120, IntensityRef::Rmt}));
    EXPECT_EQ(pulses[2].time.seconds(), Rational(50025, 10000));
    EXPECT_EQ(pulses[2].intensity->written, (IntensityValue{100, IntensityRef::Rmt}));
}

TEST(LowerTiming, PulsesAreInTimeOrderAcrossBlocks) {
    auto p = lower_text(protocol_with("    block \"a\" { target left_dlpfc\n train 5 pulses at 1 Hz }\n"
                                      "    block \"b\" { target right_dlpfc\n repeat 3 every 2 s "
                                      "{ train 4 pulses at 20 Hz } }"));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    const std::vector<ScheduledPulse> pulses = all_pulses(*p->schedule);
    ASSERT_EQ(pulses.size(), 17u);
    for (std::size_t i = 1; i < pulses.size(); ++i) {
        EXPECT_LT(pulses[i - 1].time.seconds(), pulses[i].time.seconds());
        EXPECT_EQ(pulses[i].index, static_cast<std::int64_t>(i));
    }
    EXPECT_EQ(p->schedule->blocks[pulses[0].plan->block].target, "left_dlpfc");
    EXPECT_EQ(p->schedule->blocks[pulses[16].plan->block].target, "right_dlpfc");
    EXPECT_EQ(pulses[5].time.seconds(), Rational(5));
}

} // namespace
} // namespace tmsc
