#pragma once
// From runs to what the rules judge (timeline.md §4–§6): a run of three or more pulses is a
// train (theta burst when its bursts fit the rule set's envelope, else conventional); runs of
// one or two pulses are singles and pairs, which form a series when they follow each other
// within the single-pulse spacing, are trials when isolated, and are covered by no rule when
// they stand alone next to a train. Gaps are the silences between consecutive trains and
// series, trials ignored.

#include "safety/rules/rules.hpp"
#include "safety/timeline/facts.hpp"
#include "safety/timeline/runs.hpp"

namespace tmsc::safety::timeline {

/// Receives the judged parts of the timeline in time order.
class TimelineSink {
  public:
    virtual ~TimelineSink() = default;
    /// A train or a series.
    virtual void train(const TrainFacts& facts) = 0;
    /// The silence between two consecutive trains or series.
    virtual void gap(const TrainFacts& before, const TrainFacts& after, const Rational& silence) = 0;
    /// A single or pair within the single-pulse spacing of a train, in no series.
    virtual void stray(const Run& run, const Rational& silence) = 0;
    /// An isolated single or pair: a trial, which no rule judges but the totals count.
    virtual void trial(const Run& run) = 0;
};

/// Groups finished runs, in time order, and hands the parts to a sink.
class Grouping {
  public:
    Grouping(const RuleSet& rules, TimelineSink& sink) : rules_(rules), sink_(sink) {}

    /// The next run.
    void add(ShapedRun&& run);
    /// Closes the series in progress, if any.
    void finish();

  private:
    TrainFacts train_facts(ShapedRun&& run) const;
    void emit(TrainFacts&& facts);
    void close_series(const std::optional<Rational>& silence_after);

    /// Singles and pairs that follow each other within the single-pulse spacing.
    struct Series {
        std::int64_t units = 0;
        Run first_unit;               ///< kept to judge a lone single or pair
        Rational first, last, last_onset;
        std::optional<Rational> shortest_onsets; ///< between consecutive units' first pulses
        std::int64_t pulses = 0;
        IntensitySet intensities;
        Origin origin;
        std::optional<Rational> silence_before;  ///< to the previous run, if any
    };

    const RuleSet& rules_;
    TimelineSink& sink_;
    std::optional<Rational> last_pulse_;   ///< of the previous run
    std::optional<Series> series_;
    std::optional<TrainFacts> previous_;   ///< the last train or series, for gaps
};

} // namespace tmsc::safety::timeline
