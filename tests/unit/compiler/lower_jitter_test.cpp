// Jitter: SplitMix64 exactly as the language defines it, reproducible draws in range, and a
// seed required for compilation.

#include "tests/unit/common/lower_test_support.hpp"

#include "compiler/lower/jitter.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::codes;
using testing::lower_text;
using testing::protocol_with;

TEST(LowerJitter, SplitMix64MatchesReferenceOutputs) {
    // Seed 0's first output is the widely published SplitMix64 test value.
    SplitMix64 zero(0);
    EXPECT_EQ(zero.next(), 0xE220A8397B1DCDAFULL);
    // Seed 7, hand-computed from the definition (state += golden gamma, two mix rounds).
    SplitMix64 seven(7);
    EXPECT_EQ(seven.next(), 0x63CBE1E459320DD7ULL);
    EXPECT_EQ(seven.next(), 0x044C3CD7F43C661CULL);
}

TEST(LowerJitter, BoundedDrawIsResidueOfAcceptedOutput) {
    // For n = 2,000,001 the first output of seed 7 is accepted: 0x63CB... mod n = 1,371,813.
    SplitMix64 stream(7);
    EXPECT_EQ(stream.below(2'000'001), 1'371'813u);
    // A power of two never rejects.
    SplitMix64 again(7);
    EXPECT_EQ(again.below(1ULL << 32), 0x63CBE1E459320DD7ULL & 0xFFFFFFFFULL);
}

TEST(LowerJitter, RejectionSkipsOutputsInTheBiasedTail) {
    // n = 2^63 + 1: 2^64 mod n = 2^63 - 1, so outputs >= 2^63 + 1 are rejected. Seed 0's first
    // output 0xE220... is rejected; the result must come from a later output.
    const std::uint64_t n = (1ULL << 63) + 1;
    SplitMix64 reference(0);
    reference.next();
    std::uint64_t expected = reference.next();
    while (expected >= n) {
        expected = reference.next();
    }
    SplitMix64 stream(0);
    EXPECT_EQ(stream.below(n), expected % n);
}

const char* kSici = "    repeat 40 every 4..6 s seed 7 {\n      paired 2 ms (80 %aMT, 120 %rMT)\n    }";

TEST(LowerJitter, FirstPeriodIsTheHandComputedDraw) {
    auto p = lower_text(protocol_with(kSici));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    std::vector<Rational> onsets;
    walk_trains(*p->schedule, [&](const TrainInstance& t) { onsets.push_back(t.onset); });
    ASSERT_EQ(onsets.size(), 40u);
    // 4,000,000 us + 1,371,813 (first draw of seed 7 over 2,000,001 whole microseconds).
    EXPECT_EQ(onsets[1], Rational(5'371'813, 1'000'000));
    EXPECT_EQ(onsets[2] - onsets[1], Rational(4'346'929, 1'000'000));
}

TEST(LowerJitter, DrawsAreWholeMicrosecondsInRangeAndReproducible) {
    auto first = lower_text(protocol_with(kSici));
    auto second = lower_text(protocol_with(kSici));
    ASSERT_TRUE(first->schedule_ok() && second->schedule_ok());
    std::vector<Rational> a;
    std::vector<Rational> b;
    walk_trains(*first->schedule, [&](const TrainInstance& t) { a.push_back(t.onset); });
    walk_trains(*second->schedule, [&](const TrainInstance& t) { b.push_back(t.onset); });
    EXPECT_EQ(a, b);
    for (std::size_t i = 1; i < a.size(); ++i) {
        const Rational period = a[i] - a[i - 1];
        EXPECT_GE(period, Rational(4));
        EXPECT_LE(period, Rational(6));
        EXPECT_TRUE((period * Rational(1'000'000)).is_integer());
    }
}

TEST(LowerJitter, RangeEndsRoundInwardToWholeMicroseconds) {
    auto p = lower_text(protocol_with("    pulse\n    wait 1.0000004..1.0000016 s seed 3\n    pulse"));
    ASSERT_TRUE(p->schedule_ok()) << render_all(p->diagnostics, p->source);
    const JitterSpec& j = *p->schedule->session[1].duration.jitter;
    EXPECT_EQ(j.lo_us, 1'000'001);
    EXPECT_EQ(j.hi_us, 1'000'001);
}

TEST(LowerJitter, MissingSeedIsAnErrorUnlessGivenOnTheCommandLine) {
    const std::string text = protocol_with("    repeat 3 every 4..6 s {\n      pulse\n    }");
    auto without = lower_text(text);
    EXPECT_FALSE(without->schedule_ok());
    EXPECT_EQ(codes(*without), (std::vector<std::string>{"E0904"}));

    LowerOptions options;
    options.seed = 7;
    auto with = lower_text(text, options);
    ASSERT_TRUE(with->schedule_ok());
    auto seeded = lower_text(protocol_with(kSici));
    // The same seed from the command line gives the same draws as the same seed in source.
    std::vector<Rational> a;
    std::vector<Rational> b;
    walk_trains(*with->schedule, [&](const TrainInstance& t) { a.push_back(t.onset); });
    walk_trains(*seeded->schedule, [&](const TrainInstance& t) { b.push_back(t.onset); });
    EXPECT_EQ(a[1], b[1]);
    EXPECT_TRUE(with->schedule->session[0].duration.jitter->seed_from_cli);
}

TEST(LowerJitter, EachJitteredStatementHasItsOwnStream) {
    auto p = lower_text(protocol_with("    pulse\n    wait 4..6 s seed 7\n    pulse\n"
                                      "    wait 4..6 s seed 7\n    pulse"));
    ASSERT_TRUE(p->schedule_ok());
    std::vector<Rational> onsets;
    walk_trains(*p->schedule, [&](const TrainInstance& t) { onsets.push_back(t.onset); });
    ASSERT_EQ(onsets.size(), 3u);
    // Both streams start from seed 7, so both waits draw the same first value.
    EXPECT_EQ(onsets[1] - onsets[0], onsets[2] - onsets[1]);
}

} // namespace
} // namespace tmsc
