// Repeats in closed form (issue 13, item 6): the walk hands on a repeat of one stimulus as one
// TrainRepeat, the totals and the timeline's runs take it in a constant number of steps. Each
// shortcut is checked against the long way round: the same repeat written out repetition by
// repetition (which the walk cannot group), totals recomputed from the expanded walk, and
// runs built from one occurrence at a time.

#include "compiler/stats.hpp"
#include "safety/timeline/runs.hpp"
#include "safety/timeline/timeline_check.hpp"
#include "tests/unit/common/timeline_protocol_generator.hpp"
#include "tests/unit/common/lower_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace tmsc::safety::timeline {
namespace {

using tmsc::testing::lower_text;
using tmsc::testing::protocol_with;

/// A repeat written as `repeat N` and the same repetitions written out one by one, as
/// `repeat 1` blocks (a repeat of one repetition is never grouped).
struct RepeatPair {
    std::string grouped;
    std::string unrolled;
};

RepeatPair repeat_pair(std::int64_t n, const std::string& every, const std::string& body) {
    RepeatPair pair;
    pair.grouped = "repeat " + std::to_string(n) + every + " { " + body + " }\nwait 3 s\npulse";
    for (std::int64_t k = 0; k < n; ++k) {
        pair.unrolled += "repeat 1" + every + " { " + body + " }\n";
    }
    pair.unrolled += "wait 3 s\npulse";
    return pair;
}

/// Occurrence by occurrence, what a consumer of walk_trains sees (the statement aside).
struct Seen {
    std::int64_t index, first_pulse, pulses;
    Rational onset, nominal_end, last_pulse, next_onset;
    bool is_last;
    bool operator==(const Seen&) const = default;
};

std::vector<Seen> seen(const Schedule& schedule) {
    std::vector<Seen> out;
    walk_trains(schedule, [&](const TrainInstance& t) {
        out.push_back(Seen{t.index, t.first_pulse, t.plan->pulses(), t.onset, t.nominal_end,
                           t.last_pulse, t.next_onset, t.is_last});
    });
    return out;
}

const std::vector<std::string> kBodies = {
    "pulse wait 1 us",
    "pulse wait 2 s",
    "train 5 pulses at 10 Hz wait 1 ms",
    "train 5 pulses at 10 Hz wait 2 s",
    "wait 1 s block { paired 3 ms (100 %rMT, 100 %rMT) } wait 250 ms",
    "train 3 bursts at 5 Hz { burst 3 pulses at 50 Hz } wait 200 ms",
    "repeat 1 { train 4 pulses at 1 Hz } wait 500 ms",
    "pulse wait 1 us pulse wait 2 us",
    "repeat 3 { pulse wait 1 ms } wait 2 s",
    "repeat 2 every 1 s { train 3 pulses at 10 Hz } paired 3 ms (100 %rMT, 120 %rMT) wait 1 s",
    "block { repeat 4 { train 2 bursts at 5 Hz { burst 3 pulses at 50 Hz } wait 1 ms } } wait 3 s",
};

TEST(RepeatClosedForm, WalkOfARepeatEqualsItsRepetitionsWrittenOut) {
    for (const std::string& body : kBodies) {
        for (const std::int64_t n : {2, 3, 4, 7}) {
            for (const std::string every : {"", " every 9 s"}) {
                const RepeatPair pair = repeat_pair(n, every, body);
                const auto grouped = lower_text(protocol_with(pair.grouped));
                const auto unrolled = lower_text(protocol_with(pair.unrolled));
                ASSERT_TRUE(grouped->schedule && unrolled->schedule) << pair.grouped;
                EXPECT_EQ(seen(*grouped->schedule), seen(*unrolled->schedule)) << pair.grouped;
                const SessionSummary a = summarize(*grouped->schedule).session;
                const SessionSummary b = summarize(*unrolled->schedule).session;
                EXPECT_EQ(a.pulses, b.pulses) << pair.grouped;
                EXPECT_EQ(a.trains, b.trains) << pair.grouped;
                EXPECT_EQ(a.nominal, b.nominal) << pair.grouped;
                EXPECT_EQ(a.nominal_without_trailing_gap, b.nominal_without_trailing_gap) << pair.grouped;
                EXPECT_EQ(a.span, b.span) << pair.grouped;
                EXPECT_EQ(a.device_style, b.device_style) << pair.grouped;
                EXPECT_EQ(a.onset_span, b.onset_span) << pair.grouped;
            }
        }
    }
}

TEST(RepeatClosedForm, StatementTotalsEqualThoseOfTheExpandedWalk) {
    for (const std::string& body : kBodies) {
        const auto p = lower_text(protocol_with(repeat_pair(6, "", body).grouped));
        ASSERT_TRUE(p->schedule) << body;
        // The silences after each statement, the long way: one occurrence at a time.
        std::vector<StatementSummary> expected(p->schedule->stimuli.size());
        walk_trains(*p->schedule, [&](const TrainInstance& t) {
            StatementSummary& s = expected[t.plan->index];
            const Rational a = t.silence_after_nominal();
            const Rational b = t.silence_after_last_pulse();
            if (s.occurrences++ == 0) {
                s.min_silence_after_nominal = s.max_silence_after_nominal = a;
                s.min_silence_after_last_pulse = s.max_silence_after_last_pulse = b;
                return;
            }
            s.min_silence_after_nominal = std::min(s.min_silence_after_nominal, a);
            s.max_silence_after_nominal = std::max(s.max_silence_after_nominal, a);
            s.min_silence_after_last_pulse = std::min(s.min_silence_after_last_pulse, b);
            s.max_silence_after_last_pulse = std::max(s.max_silence_after_last_pulse, b);
        });
        const ScheduleSummary summary = summarize(*p->schedule);
        ASSERT_EQ(summary.statements.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const StatementSummary& got = summary.statements[i];
            EXPECT_EQ(got.occurrences, expected[i].occurrences) << body;
            EXPECT_EQ(got.min_silence_after_nominal, expected[i].min_silence_after_nominal) << body;
            EXPECT_EQ(got.max_silence_after_nominal, expected[i].max_silence_after_nominal) << body;
            EXPECT_EQ(got.min_silence_after_last_pulse, expected[i].min_silence_after_last_pulse) << body;
            EXPECT_EQ(got.max_silence_after_last_pulse, expected[i].max_silence_after_last_pulse) << body;
        }
    }
}

TEST(RepeatClosedForm, APulseOrderClashInsideARepeatIsStillReported) {
    // Five pulses at one instant: the repeat is grouped, the clash is between repetitions.
    const auto p = lower_text(protocol_with("repeat 5 { pulse }"));
    EXPECT_EQ(tmsc::testing::codes(*p), std::vector<std::string>{"E0915"});
    // Clashes between repetitions, inside one, and only after the last: the message (the
    // time of the clash) is the same as for the repetitions written out.
    for (const auto& [n, every, body] : std::vector<std::tuple<int, std::string, std::string>>{
             {4, "", "train 2 pulses at 10 Hz pulse"},             // between repetitions
             {3, "", "wait 1 s pulse pulse"},                      // inside the first
             {5, " every 2 s", "wait 1 s repeat 2 { pulse }"},     // inside, nested
             {3, " every 1 s", "pulse wait 2 ms pulse"}}) {        // none
        const RepeatPair pair = repeat_pair(n, every, body);
        const auto grouped = lower_text(protocol_with(pair.grouped));
        const auto unrolled = lower_text(protocol_with(pair.unrolled));
        const auto message = [](const LoweredProtocol& lowered) {
            for (const Diagnostic& d : lowered.lowering) {
                if (d.code == "E0915") {
                    return d.message;
                }
            }
            return std::string("no E0915");
        };
        EXPECT_EQ(message(*grouped), message(*unrolled)) << pair.grouped;
        EXPECT_EQ(message(*grouped) == "no E0915", body == "pulse wait 2 ms pulse") << pair.grouped;
    }
}

/// A run as the grouping sees it, comparable field by field.
struct RunView {
    Rational first, last;
    std::int64_t pulses;
    std::optional<Rational> shortest;
    std::size_t intensities, statements;
    std::int64_t occurrences;
    std::vector<std::pair<std::size_t, std::int64_t>> sessions;
    std::optional<std::int64_t> burst_size, bursts;
    bool operator==(const RunView&) const = default;
};

/// The runs built from stretches, and from the same stretches one occurrence at a time.
std::vector<RunView> runs_of(const std::vector<TrainRepeat>& stretches, const Rational& join,
                             bool one_by_one) {
    std::vector<RunView> out;
    RunBuilder builder(join, [&](ShapedRun&& r) {
        const std::optional<Bursts> b = r.shape.result();
        out.push_back(RunView{r.run.first, r.run.last, r.run.pulses, r.run.shortest,
                              r.run.intensities.items().size(), r.run.origin.statements.size(),
                              r.run.origin.occurrences, r.run.origin.session_pulses,
                              b ? std::optional(b->pulses_per_burst) : std::nullopt,
                              b ? std::optional(b->bursts) : std::nullopt});
    });
    for (const TrainRepeat& r : stretches) {
        const Stretch stretch{&r, 0, Rational(0)};
        if (one_by_one) {
            for_each_occurrence(stretch, [&](const Occurrence& o) { builder.add(o); });
        } else {
            builder.add(stretch);
        }
    }
    builder.finish();
    return out;
}

TrainRepeat leaf(const StimulusPlan* plan, const Rational& onset) {
    TrainRepeat r;
    r.plan = plan;
    r.onset = onset;
    return r;
}

TrainRepeat repeated(std::vector<TrainRepeat> parts, std::int64_t count, const Rational& period) {
    TrainRepeat r;
    r.parts = std::move(parts);
    r.count = count;
    r.period = period;
    return r;
}

TEST(RepeatClosedForm, RunsOfARepeatEqualThoseBuiltOneRepetitionAtATime) {
    const Rational join(1);
    const std::vector<std::string> stimuli = {
        "pulse",
        "paired 3 ms (100 %rMT, 120 %rMT)",
        "train 10 pulses at 10 Hz",
        "train 4 pulses at 0.5 Hz",
        "train 3 bursts at 5 Hz { burst 3 pulses at 50 Hz }",
        "train 1 bursts at 5 Hz { burst 3 pulses at 50 Hz }",
    };
    // Silences after the last pulse, from well inside the join threshold to past it, and
    // two that repeat an interval of the stimulus itself (a longer train, longer bursts).
    const std::vector<Rational> silences = {Rational(1, 1000000), Rational(1, 50),
                                            Rational(1, 10),      Rational(160, 1000),
                                            Rational(37, 1000),   Rational(1),
                                            Rational(1000001, 1000000), Rational(2)};
    for (const std::string& stimulus : stimuli) {
        const auto p = lower_text(protocol_with(stimulus));
        ASSERT_TRUE(p->schedule) << stimulus;
        const StimulusPlan* plan = &p->schedule->stimuli.front();
        for (const Rational& silence : silences) {
            for (const std::int64_t n : {2, 3, 4, 5, 6, 9, 40}) {
                const Rational period = plan->first_to_last + silence;
                // A single occurrence before and after, so the repeat joins or not at both
                // ends; the repeat alone, and nested in an outer repeat of 3 with a pause
                // that joins or not.
                const Rational start(20);
                const TrainRepeat before = leaf(plan, start - period);
                const TrainRepeat inner = repeated({leaf(plan, start)}, n, period);
                const Rational end = start + Rational(n) * period;
                const TrainRepeat after = leaf(plan, end);
                const std::vector<TrainRepeat> flat{before, inner, after};
                EXPECT_EQ(runs_of(flat, join, false), runs_of(flat, join, true))
                    << stimulus << " x" << n << " silence " << silence.to_string();
                for (const Rational& pause : {Rational(0), Rational(1, 2), Rational(3)}) {
                    const Rational outer_period = Rational(n) * period + pause;
                    const std::vector<TrainRepeat> nested{
                        before, repeated({inner, leaf(plan, end)}, 3, outer_period + period)};
                    EXPECT_EQ(runs_of(nested, join, false), runs_of(nested, join, true))
                        << stimulus << " x" << n << " silence " << silence.to_string()
                        << " nested, pause " << pause.to_string();
                }
            }
        }
    }
}

/// Everything a judgment reports, as text, for comparison.
std::string report(const ScheduleJudgment& j) {
    std::string out;
    for (const TimelineFinding& f : j.findings) {
        out += f.kind + " x" + std::to_string(f.instances) + " " + f.severity_ratio.to_string() + " " +
               f.finding.diagnostic.message + "\n";
    }
    for (const Margin& m : j.margins) {
        out += "margin " + m.subject + " " + m.actual.to_string() + " / " + m.limit.to_string() + "\n";
    }
    for (const JudgedRule& r : j.judged) {
        out += "judged " + r.rule + " " + r.key + (r.broken ? " broken" : "") + "\n";
    }
    return out;
}

TEST(RepeatClosedForm, RememberingTheLastJudgmentChangesNoFinding) {
    // Trains and gaps equal to the previous ones reuse its judgment; judged in full instead,
    // every generated protocol's findings, counts, margins and judged rules are the same.
    safety::Random random(0x5eed1e55);
    std::size_t compared = 0;
    for (int i = 0; i < 400; ++i) {
        const bool separated = i % 2 == 1;
        const tmsc::testing::GeneratedProtocol g =
            tmsc::testing::TimelineGenerator(random, false, separated).protocol();
        const auto p = lower_text(g.text);
        if (!p->schedule_ok() || !p->resolved || !p->check.rules) {
            continue;
        }
        try {
            const ScheduleJudgment fast = judge_schedule(*p->schedule, *p->resolved, *p->check.rules);
            const ScheduleJudgment full =
                judge_schedule(*p->schedule, *p->resolved, *p->check.rules, nullptr, false);
            EXPECT_EQ(report(fast), report(full)) << g.text;
            ++compared;
        } catch (const PulseOrderError&) {
        }
    }
    EXPECT_GT(compared, 300u);
}

} // namespace
} // namespace tmsc::safety::timeline
