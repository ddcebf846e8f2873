#pragma once
// From statement occurrences to runs (timeline.md §4.1): consecutive pulses at most
// train_join_s apart, onset to onset, are one run, whichever statements, repeats or sessions
// they came from. An occurrence whose own intervals exceed the join threshold splits into
// pieces first. Each occurrence is taken in closed form: a train costs a constant number of
// steps, not one per pulse.

#include "safety/timeline/burst_shape.hpp"
#include "safety/timeline/day_stream.hpp"
#include "safety/timeline/facts.hpp"

#include <functional>
#include <stdexcept>

namespace tmsc::safety::timeline {

/// Two pulses at one instant, or a pulse before the previous one: E0915 and E0914 report it
/// with the statements; the timeline cannot be judged.
struct PulseOrderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A run with its burst structure, as the run builder hands it on.
struct ShapedRun {
    Run run;
    BurstShape shape;
};

/// Groups occurrences, in time order, into runs; hands each finished run to `sink`.
class RunBuilder {
  public:
    RunBuilder(Rational join_s, std::function<void(ShapedRun&&)> sink)
        : join_s_(std::move(join_s)), sink_(std::move(sink)) {}

    /// The next occurrence; its onset is not before the previous occurrence's last pulse.
    void add(const Occurrence& occurrence);
    /// The next stretch of occurrences. A repeat whose repetitions join into one run costs a
    /// constant number of steps per level of nesting, however many repetitions it has.
    void add(const Stretch& stretch);
    /// Hands on the run in progress.
    void finish();

  private:
    /// A stretch whose first repetition starts `shift` after its own onsets.
    void add_shifted(const TrainRepeat& r, std::size_t session, const Rational& shift);
    /// After a repetition that changed `before` into the current run only by counts, applies
    /// `times` more such repetitions at once; false when the change is not of that kind.
    bool extrapolate(const ShapedRun& before, std::int64_t times);
    /// Appends `units` units of `per_unit` pulses of `plan`, starting at `onset`, all of whose
    /// own intervals are at most the join threshold.
    void piece(const Occurrence& o, const Rational& onset, std::int64_t units,
               std::int64_t per_unit, std::optional<std::int64_t> only_pulse);

    Rational join_s_;
    std::function<void(ShapedRun&&)> sink_;
    ShapedRun current_;
};

} // namespace tmsc::safety::timeline
