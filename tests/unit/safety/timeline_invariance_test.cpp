// The invariant of docs/design/timeline.md §1: protocols written differently whose pulse
// tables are the same get the same verdict and the same rule ids from `tmsc check`. Each pair
// first proves its tables identical (the lowered pulses, time and intensity, compared one by
// one), so a failure below is check's, never the pair's. Also: the five examples of issue 13's
// "Why" must now fail or be unknown, and pairs rewritten automatically from generated
// protocols (a train as a repeat of pulses, a train split in two, a repeat split in two).
// Until the timeline judge is on main the check assertions fail; TMSC_TIMELINE_PENDING skips
// them (the table identities still run).

#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/safety_protocol_generator.hpp"
#include "tests/unit/common/timeline_oracle.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace tmsc::testing {
namespace {

bool pending() { return std::getenv("TMSC_TIMELINE_PENDING") != nullptr; }

std::string figure8(const std::string& intensity, const std::string& session,
                    const std::string& extra = "") {
    return "protocol \"t\" {\n  coil figure8\n  intensity " + intensity + "\n" + extra +
           "  session {\n    " + session + "\n  }\n}\n";
}

/// The day's pulses of a protocol text at its own values.
oracle::Day day(const std::string& text) {
    auto p = lower_text(text);
    EXPECT_TRUE(p->schedule_ok()) << text << render_all(p->diagnostics, p->source);
    return p->schedule ? oracle::day_of(*p->schedule) : oracle::Day{};
}

/// Whether two days have the same pulses (time, intensity and, unless told not to, session).
::testing::AssertionResult same_table(const oracle::Day& a, const oracle::Day& b, bool sessions) {
    if (a.pulses.size() != b.pulses.size()) {
        return ::testing::AssertionFailure() << a.pulses.size() << " pulses vs " << b.pulses.size();
    }
    for (std::size_t i = 0; i < a.pulses.size(); ++i) {
        const oracle::Pulse& x = a.pulses[i];
        const oracle::Pulse& y = b.pulses[i];
        if (x.time != y.time || !(x.intensity == y.intensity) || (sessions && x.session != y.session)) {
            return ::testing::AssertionFailure()
                   << "pulse " << i << ": " << x.time.to_string() << " s " << x.intensity.to_string()
                   << " session " << x.session << " vs " << y.time.to_string() << " s "
                   << y.intensity.to_string() << " session " << y.session;
        }
    }
    return ::testing::AssertionSuccess();
}

/// What check says about a text: verdict and rule ids, for comparison and messages.
struct Said {
    Verdict verdict = Verdict::Fail;
    std::set<std::string> ids;
    std::string text;
};

Said check(const std::string& text) {
    const SourceFile source("t.tms", text);
    const CheckResult r = check_source(source);
    Said s{r.verdict, oracle::reported_ids(r, *r.rules), ""};
    s.text = std::string(verdict_name(r.verdict)) + " with";
    for (const std::string& id : s.ids) s.text += " " + id;
    return s;
}

/// The table identity, then (unless pending) the same verdict and rule ids from check.
void expect_invariant(const std::string& a, const std::string& b, bool sessions = true) {
    ASSERT_TRUE(same_table(day(a), day(b), sessions)) << a << "\nvs\n" << b;
    if (pending()) {
        GTEST_SKIP() << "TMSC_TIMELINE_PENDING is set: check is not judged on the timeline yet";
    }
    const Said x = check(a);
    const Said y = check(b);
    EXPECT_TRUE(x.verdict == y.verdict && x.ids == y.ids)
        << a << "  check: " << x.text << "\nvs\n" << b << "  check: " << y.text;
}

TEST(TimelineInvariance, RepeatedTrainsEveryPeriodAreOneTrain) {
    expect_invariant(figure8("100 %rMT", "repeat 10 every 2 s { train 40 pulses at 20 Hz }"),
                     figure8("100 %rMT", "train 400 pulses at 20 Hz"));
}

TEST(TimelineInvariance, PairsEveryHundredMillisecondsAreATwentyHertzTrain) {
    expect_invariant(figure8("120 %rMT", "repeat 40 every 100 ms { paired 50 ms (120 %rMT, 120 %rMT) }"),
                     figure8("120 %rMT", "train 80 pulses at 20 Hz"));
}

TEST(TimelineInvariance, AMillisecondWaitOrATrailingPulseAreTheSame) {
    expect_invariant(figure8("120 %rMT", "repeat 5 { train 40 pulses at 10 Hz  wait 1 ms }"),
                     figure8("120 %rMT", "repeat 5 { train 39 pulses at 10 Hz  pulse  wait 101 ms }"));
}

TEST(TimelineInvariance, BurstsWithoutBurstStructureArePulses) {
    expect_invariant(figure8("120 %rMT", "train 50 bursts at 5 Hz { burst 3 pulses at 15 Hz }"),
                     figure8("120 %rMT", "train 150 pulses at 15 Hz"));
}

TEST(TimelineInvariance, NestedRepeatsOfSinglePulsesAreATrain) {
    expect_invariant(figure8("110 %rMT", "repeat 10 { repeat 10 { pulse  wait 50 ms } }"),
                     figure8("110 %rMT", "train 100 pulses at 20 Hz"));
}

TEST(TimelineInvariance, ItbsEveryPeriodOrWithAWait) {
    expect_invariant(
        figure8("80 %rMT", "repeat 20 every 10 s { train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz } }"),
        figure8("80 %rMT", "repeat 20 { train 10 bursts at 5 Hz { burst 3 pulses at 50 Hz }  wait 8 s }"));
}

TEST(TimelineInvariance, SessionsOfADayOrOneLongSession) {
    expect_invariant(figure8("120 %rMT", "train 40 pulses at 10 Hz",
                             "  course 10 sessions per day, 1 us between sessions end to start, 1 day\n"),
                     figure8("120 %rMT", "repeat 10 { train 40 pulses at 10 Hz  wait 1 us }"),
                     /*sessions=*/false);
}

TEST(TimelineInvariance, EndToStartOrStartToStart) {
    expect_invariant(figure8("110 %rMT", "train 20 pulses at 10 Hz",
                             "  course 3 sessions per day, 500 ms between sessions end to start, 1 day\n"),
                     figure8("110 %rMT", "train 20 pulses at 10 Hz",
                             "  course 3 sessions per day, 2.5 s between sessions start to start, 1 day\n"));
}

/// The five examples of issue 13's "Why": each must now fail or be unknown.
TEST(TimelineInvariance, TheIssuesExamplesNoLongerPass) {
    if (pending()) {
        GTEST_SKIP() << "TMSC_TIMELINE_PENDING is set";
    }
    const std::vector<std::string> examples = {
        figure8("100 %rMT", "repeat 10 every 2 s { train 40 pulses at 20 Hz }"),
        figure8("120 %rMT", "repeat 5 { train 40 pulses at 10 Hz  wait 1 ms }"),
        figure8("120 %rMT", "repeat 40 every 100 ms { paired 50 ms (120 %rMT, 120 %rMT) }"),
        figure8("120 %rMT", "train 50 bursts at 5 Hz { burst 3 pulses at 15 Hz }"),
        figure8("120 %rMT", "train 40 pulses at 10 Hz",
                "  course 10 sessions per day, 1 us between sessions end to start, 1 day\n"),
    };
    for (const std::string& text : examples) {
        const Said s = check(text);
        EXPECT_NE(s.verdict, Verdict::Pass) << text << "  check: " << s.text;
        EXPECT_TRUE(s.ids.count("rossi2009.train-duration")) << text << "  check: " << s.text;
    }
}

// ---------------------------------------------------------------------------------------
// Pairs rewritten automatically: a random session of trains and waits, and the same session
// with each train written another way that gives the same pulses.

/// A train and the ways of writing it.
struct Train {
    std::int64_t pulses;
    std::int64_t hz; ///< 1, 5, 10, 20 or 25: the period is a short decimal
};

std::string period(std::int64_t hz) { return Rational(1, hz).to_decimal(3) + " s"; }

std::string as_train(const Train& t) {
    return "train " + std::to_string(t.pulses) + " pulses at " + std::to_string(t.hz) + " Hz";
}

/// The same pulses written differently: a repeat of single pulses, a train split in two, a
/// repeat of equal trains.
std::string rewritten(const Train& t, safety::Random& r) {
    switch (r.below(3)) {
    case 0: return "repeat " + std::to_string(t.pulses) + " every " + period(t.hz) + " { pulse }";
    case 1: {
        const std::int64_t a = 1 + static_cast<std::int64_t>(r.below(static_cast<std::size_t>(t.pulses - 1)));
        return as_train({a, t.hz}) + "  " + as_train({t.pulses - a, t.hz});
    }
    default:
        for (std::int64_t k : {5, 4, 3, 2}) {
            if (t.pulses % k == 0) {
                return "repeat " + std::to_string(k) + " { " + as_train({t.pulses / k, t.hz}) + " }";
            }
        }
        return "repeat " + std::to_string(t.pulses) + " { pulse  wait " + period(t.hz) + " }";
    }
}

/// A random session written twice: each train, and each `repeat K { train  wait W }`, written
/// another way with the same pulses (a repeat split in two); now and then the session run as
/// the sessions of a course day beside the same pulses written as one session.
struct RewrittenPair {
    std::string a, b;
    std::string course_a; ///< a's course line, when a is the sessions of a day
    bool course() const { return !course_a.empty(); }
};

RewrittenPair rewritten_pair(safety::Random& r) {
    RewrittenPair out;
    const std::size_t n = 1 + r.below(3);
    for (std::size_t k = 0; k < n; ++k) {
        const Train t{2 + static_cast<std::int64_t>(r.below(60)),
                      r.pick(std::vector<std::int64_t>{1, 5, 10, 20, 25})};
        const bool last = k + 1 == n;
        if (!last && r.chance(40)) {
            const std::int64_t times = 2 + static_cast<std::int64_t>(r.below(5));
            const std::int64_t split = 1 + static_cast<std::int64_t>(r.below(static_cast<std::size_t>(times - 1)));
            const std::string body = " { " + as_train(t) + "  wait " +
                                     r.pick(std::vector<std::string>{"1 ms", "1 s", "3 s", "6 s"}) + " }  ";
            out.a += "repeat " + std::to_string(times) + body;
            out.b += "repeat " + std::to_string(split) + body + "repeat " + std::to_string(times - split) + body;
        } else {
            out.a += as_train(t) + "  ";
            out.b += rewritten(t, r) + "  ";
        }
        if (!last) {
            const std::string w = "wait " + r.pick(std::vector<std::string>{"1 ms", "900 ms", "1 s", "2 s", "5 s", "6 s"}) + "  ";
            out.a += w;
            out.b += w;
        }
    }
    if (r.chance(30)) {
        // The session ends with a train, so its length is the nominal end of that train and
        // the next session starts `between` after it, as the next repeat iteration does.
        const std::string sessions = std::to_string(2 + r.below(3));
        const std::string between = r.pick(std::vector<std::string>{"1 us", "500 ms", "1 s", "5 s"});
        out.b = "repeat " + sessions + " { " + out.a + " wait " + between + " }";
        out.course_a = "  course " + sessions + " sessions per day, " + between +
                       " between sessions end to start, 1 day\n";
    }
    return out;
}

TEST(TimelineInvariance, GeneratedRewritesKeepTheVerdict) {
    safety::Random r(1399);
    std::size_t compared = 0, courses = 0;
    for (int i = 0; i < 80; ++i) {
        const RewrittenPair pair = rewritten_pair(r);
        const std::string intensity = r.pick(std::vector<std::string>{"90 %rMT", "110 %rMT", "120 %rMT"});
        const std::string pa = figure8(intensity, pair.a, pair.course_a);
        const std::string pb = figure8(intensity, pair.b);
        courses += pair.course();
        ASSERT_TRUE(same_table(day(pa), day(pb), !pair.course())) << pa << "\nvs\n" << pb;
        if (pending()) continue;
        const Said x = check(pa);
        const Said y = check(pb);
        EXPECT_TRUE(x.verdict == y.verdict && x.ids == y.ids)
            << pa << "  check: " << x.text << "\nvs\n" << pb << "  check: " << y.text;
        ++compared;
    }
    EXPECT_GT(courses, 0u);
    if (pending()) {
        GTEST_SKIP() << "TMSC_TIMELINE_PENDING is set (tables compared, verdicts not)";
    }
    EXPECT_EQ(compared, 80u);
}

} // namespace
} // namespace tmsc::testing
