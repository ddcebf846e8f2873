#pragma once
// Whether the pulses of one run fall into equal bursts (timeline.md §5): every interval is one
// of two values, the shorter joining pulses inside a burst, and every burst has the same number
// of pulses. Fed the run's intervals in order, in runs of equal values, so a train of bursts
// costs a constant number of steps however long it is.

#include "support/rational.hpp"

#include <cstdint>
#include <optional>

namespace tmsc::safety::timeline {

/// The burst structure of a run, when it has one.
struct Bursts {
    std::int64_t pulses_per_burst = 0; ///< M
    std::int64_t bursts = 0;
    Rational inside;  ///< interval between pulses of a burst (d_in)
    Rational between; ///< interval from a burst's last pulse to the next burst's first (d_gap)
};

/// Accumulates the intervals of a run and tells whether they form equal bursts.
class BurstShape {
  public:
    /// `count` consecutive intervals of `interval` seconds.
    void add(const Rational& interval, std::int64_t count);
    /// `times` repetitions of: one `between` interval, then `inside_count` `inside` intervals
    /// (the units of a train of bursts after its first).
    void add_units(const Rational& between, const Rational& inside, std::int64_t inside_count,
                   std::int64_t times);
    /// When this shape is `before` plus one more repetition of some sequence of intervals and
    /// the repetition changed only counts, applies `times` more repetitions of it and returns
    /// true; false (and nothing changed) otherwise.
    bool extrapolate(const BurstShape& before, std::int64_t times);
    /// The bursts, when every interval fits two values and every burst has the same size and
    /// there are at least two bursts of at least two pulses.
    std::optional<Bursts> result() const;

  private:
    void complete_burst(std::int64_t size);

    int distinct_ = 0;
    bool broken_ = false;
    Rational first_;              ///< the only value seen while distinct_ == 1
    std::int64_t first_count_ = 0;
    Rational inside_, between_;
    std::int64_t current_ = 1;    ///< pulses of the burst in progress
    std::int64_t size_ = 0;       ///< the common burst size, once a burst completed
    std::int64_t bursts_ = 0;     ///< completed bursts
};

} // namespace tmsc::safety::timeline
