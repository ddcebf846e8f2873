#pragma once
// What the timeline is made of once its pulses are grouped (timeline.md §4–§6): trains and
// series with their facts (frequency, duration, pulses, intensities) and where they came from.

#include "compiler/lower/schedule.hpp"
#include "safety/rules/rules.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::safety::timeline {

/// An intensity as written, with the parameter that gave it (its whole range applies).
struct WrittenIntensity {
    IntensityValue value;
    std::string param; ///< "" for a literal
    SourceRange range;

    bool same(const WrittenIntensity& o) const { return value == o.value && param == o.param; }
};

/// The distinct intensities of a group of pulses (protocols write a handful).
class IntensitySet {
  public:
    void add(const ScheduledIntensity& intensity);
    void merge(const IntensitySet& other);
    const std::vector<WrittenIntensity>& items() const { return items_; }

  private:
    void add(const WrittenIntensity& w);
    std::vector<WrittenIntensity> items_;
};

/// The statements whose pulses a group holds.
struct Origin {
    std::vector<SourceRange> statements; ///< distinct, in first-seen order, at most kMaxStatements
    std::int64_t occurrences = 0;        ///< statement occurrences (train deliveries, pulses, pairs)
    std::size_t first_session = 0;
    std::size_t last_session = 0;

    /// Pulses by session, in time order (each pulse counts in the session that delivered it);
    /// past kMaxSessions entries only `sessions_overflow` is kept.
    std::vector<std::pair<std::size_t, std::int64_t>> session_pulses;
    bool sessions_overflow = false;

    void add(const SourceRange& statement, std::size_t session, std::int64_t count);
    /// Counts `pulses` pulses delivered in `session`.
    void add_pulses(std::size_t session, std::int64_t pulses);
    void merge(const Origin& other);
    /// Stable identity of the statements, for grouping equal findings.
    std::string signature() const;

    static constexpr std::size_t kMaxStatements = 8;
    static constexpr std::size_t kMaxSessions = 64;

  private:
    void add_statement(const SourceRange& statement);
};

/// A maximal run of pulses joined by intervals of at most train_join_s.
struct Run {
    Rational first; ///< time of its first pulse, seconds from the start of the day
    Rational last;  ///< time of its last pulse
    std::int64_t pulses = 0;
    std::optional<Rational> shortest; ///< shortest interval between two of its pulses
    IntensitySet intensities;
    Origin origin;
};

/// A train, or a series of singles/pairs judged as a conventional train.
struct TrainFacts {
    PatternKind pattern = PatternKind::Conventional;
    bool series = false;
    Rational rate;     ///< Hz: highest instantaneous rate; bursts per second when patterned
    Rational duration; ///< seconds, per timeline.md §6
    Rational units;    ///< pulses, bursts, or a series' singles/pairs
    std::int64_t pulses = 0;
    std::optional<Rational> burst_pulses;    ///< patterned only
    std::optional<Rational> burst_frequency; ///< patterned only
    Rational first;
    Rational last;
    IntensitySet intensities;
    Origin origin;

    /// The frequency a gap condition reads: the highest instantaneous rate.
    Rational peak_rate() const { return burst_frequency ? *burst_frequency : rate; }
};

/// "a train of 800 pulses (20 s at 20 Hz)", "a theta-burst train of 200 bursts (...)".
std::string describe(const TrainFacts& facts);

/// Time of day as "12.5 s" / "0:41:10.2" for messages.
std::string clock(const Rational& seconds);

} // namespace tmsc::safety::timeline
