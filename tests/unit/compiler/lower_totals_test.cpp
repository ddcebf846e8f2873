// Published protocols must reproduce the totals of the reference table exactly
// (/work/shared/reference/published-protocols.md), in every timing convention.

#include "tests/unit/common/lower_test_support.hpp"

#include "support/source_loader.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::lower_text;

/// Expected totals; durations in seconds as exact fractions.
struct Totals {
    std::int64_t pulses;
    Rational nominal;
    Rational span;
    std::optional<Rational> device_style;
    std::optional<Rational> onset_span = std::nullopt;
};

void expect_totals(const LoweredProtocol& p, const Totals& t, const std::string& what) {
    ASSERT_TRUE(p.schedule_ok()) << what << "\n" << render_all(p.diagnostics, p.source);
    const SessionSummary& s = p.summary->session;
    EXPECT_EQ(s.pulses, t.pulses) << what;
    EXPECT_EQ(s.nominal, t.nominal) << what << ": " << s.nominal.to_string();
    EXPECT_EQ(s.span, t.span) << what << ": " << s.span.to_string();
    if (t.device_style) {
        EXPECT_EQ(s.device_style, *t.device_style) << what << ": " << s.device_style.to_string();
    }
    if (t.onset_span) {
        EXPECT_EQ(s.onset_span, *t.onset_span) << what << ": " << s.onset_span.to_string();
    }
    EXPECT_EQ(p.schedule->pulses_per_session, t.pulses) << what;
}

std::string fixed_gap(int trains, const std::string& train, const std::string& gap) {
    return testing::protocol_with("    repeat " + std::to_string(trains) + " {\n      " + train +
                                  "\n      wait " + gap + "\n    }");
}

std::string tbs(const std::string& body) {
    return testing::protocol_with(body);
}

const std::string kItbsTrain = "train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz }";

TEST(LowerTotals, Fda10HzFourOnTwentySixOff) {
    auto p = lower_text(fixed_gap(75, "train 40 pulses at 10 Hz", "26 s"));
    expect_totals(*p, {3000, 2250, Rational(22239, 10), Rational(22165, 10), Rational(2220)},
                  "FDA 10 Hz");
    EXPECT_EQ(p->summary->session.nominal_without_trailing_gap, Rational(2224));
}

TEST(LowerTotals, Fda10HzShortVariant) {
    auto p = lower_text(fixed_gap(75, "train 40 pulses at 10 Hz", "11 s"));
    expect_totals(*p, {3000, 1125, Rational(11139, 10), Rational(11065, 10)}, "FDA short");
}

TEST(LowerTotals, DeepTmsH1At18Hz) {
    auto p = lower_text(fixed_gap(55, "train 36 pulses at 18 Hz", "20 s"));
    // span = 54 * 22 + 35/18 s; device-style drops 1/18 s from each of 54 trains.
    expect_totals(*p, {1980, 1210, Rational(54 * 22) + Rational(35, 18),
                       Rational(54 * 22) + Rational(35, 18) - Rational(54, 18)},
                  "H1");
}

TEST(LowerTotals, ItbsThreeD) {
    auto p = lower_text(tbs("    repeat 20 every 10 s {\n      " + kItbsTrain + "\n    }"));
    expect_totals(*p, {600, 200, Rational(19184, 100), Rational(1888, 10), Rational(190)}, "iTBS");
    EXPECT_EQ(p->summary->session.nominal_without_trailing_gap, Rational(192));
}

TEST(LowerTotals, SaintSessionDayAndCourse) {
    const std::string body = "    repeat 60 every 10 s {\n      " + kItbsTrain + "\n    }";
    auto p = lower_text(testing::protocol_with(body) + "");
    expect_totals(*p, {1800, 600, Rational(59184, 100), Rational(5824, 10)}, "SAINT");

    const std::string end_to_start =
        "protocol \"s\" {\n intensity 90 %rMT\n session {\n" + body +
        "\n }\n course 10 sessions per day, 50 min between sessions end to start, 5 days\n}\n";
    auto e2s = lower_text(end_to_start);
    ASSERT_TRUE(e2s->schedule_ok()) << render_all(e2s->diagnostics, e2s->source);
    const CourseSummary& c = e2s->summary->course;
    EXPECT_EQ(c.pulses_per_day, 18000);
    EXPECT_EQ(c.total_pulses, 90000);
    EXPECT_EQ(c.sessions, 50);
    EXPECT_EQ(c.day_span, Rational(10 * 592 + 9 * 3000)); // 32,920 s

    std::string start_to_start = end_to_start;
    start_to_start.replace(start_to_start.find("end to start"), 12, "start to start");
    auto s2s = lower_text(start_to_start);
    ASSERT_TRUE(s2s->schedule_ok()) << render_all(s2s->diagnostics, s2s->source);
    EXPECT_EQ(s2s->summary->course.day_span, Rational(9 * 3000 + 592)); // 27,592 s
}

TEST(LowerTotals, ContinuousThetaBurst) {
    auto ctbs600 = lower_text(tbs("    train 200 bursts at 5 Hz { burst 3 pulses at 50 Hz }"));
    expect_totals(*ctbs600, {600, 40, Rational(3984, 100), std::nullopt}, "cTBS600");
    auto ctbs300 = lower_text(tbs("    train 100 bursts at 5 Hz { burst 3 pulses at 50 Hz }"));
    expect_totals(*ctbs300, {300, 20, Rational(1984, 100), std::nullopt}, "cTBS300");
}

TEST(LowerTotals, OneHertzFitzgerald) {
    auto p = lower_text(fixed_gap(4, "train 180 pulses at 1 Hz", "30 s"));
    expect_totals(*p, {720, 840, 809, Rational(806)}, "1 Hz");
}

TEST(LowerTotals, DeepTmsH7) {
    auto p = lower_text(fixed_gap(50, "train 40 pulses at 20 Hz", "20 s"));
    expect_totals(*p, {2000, 1100, Rational(107995, 100), Rational(10775, 10)}, "H7");
}

TEST(LowerTotals, DeepTmsH4) {
    auto p = lower_text(fixed_gap(60, "train 54 pulses at 18 Hz", "15 s"));
    expect_totals(*p, {3240, 1080, Rational(59 * 18) + Rational(53, 18), Rational(3185, 3)}, "H4");
}

/// The bundled examples reproduce the same table.
struct ExampleCase {
    const char* file;
    Totals totals;
};

TEST(LowerTotals, BundledExamples) {
    const ExampleCase cases[] = {
        {"fda-10hz.tms", {3000, 2250, Rational(22239, 10), Rational(22165, 10)}},
        {"fda-10hz-short.tms", {3000, 1125, Rational(11139, 10), Rational(11065, 10)}},
        {"deep-tms-h1-18hz.tms", {1980, 1210, Rational(54 * 22) + Rational(35, 18), std::nullopt}},
        {"itbs-600.tms", {600, 200, Rational(19184, 100), Rational(1888, 10)}},
        {"itbs-600-huang-m1.tms", {600, 200, Rational(19184, 100), Rational(1888, 10), 190}},
        {"saint-accelerated-itbs.tms", {1800, 600, Rational(59184, 100), Rational(5824, 10)}},
        {"ctbs-600.tms", {600, 40, Rational(3984, 100), std::nullopt}},
        {"ctbs-300.tms", {300, 20, Rational(1984, 100), std::nullopt}},
        {"1hz-right-dlpfc.tms", {720, 840, 809, Rational(806)}},
        {"h7-ocd-20hz.tms", {2000, 1100, Rational(107995, 100), Rational(10775, 10)}},
        {"h4-smoking-18hz.tms", {3240, 1080, Rational(59 * 18) + Rational(53, 18), Rational(3185, 3)}},
    };
    for (const ExampleCase& c : cases) {
        const std::string path = std::string(TMSC_SOURCE_DIR) + "/examples/" + c.file;
        LoadResult loaded = load_source(path);
        ASSERT_TRUE(loaded.source) << loaded.io_error;
        auto p = lower_source(std::move(*loaded.source), {}, VerdictPolicy::RequirePass);
        EXPECT_TRUE(p->ok()) << c.file << "\n" << render_all(p->diagnostics, p->source);
        expect_totals(*p, c.totals, c.file);
    }
}

TEST(LowerTotals, SaintExampleCourse) {
    LoadResult loaded =
        load_source(std::string(TMSC_SOURCE_DIR) + "/examples/saint-accelerated-itbs.tms");
    ASSERT_TRUE(loaded.source);
    auto p = lower_source(std::move(*loaded.source), {}, VerdictPolicy::RequirePass);
    ASSERT_TRUE(p->ok());
    EXPECT_EQ(p->summary->course.pulses_per_day, 18000);
    EXPECT_EQ(p->summary->course.total_pulses, 90000);
    EXPECT_EQ(p->summary->course.day_span, Rational(32920));
}

} // namespace
} // namespace tmsc
