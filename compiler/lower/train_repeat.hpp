#pragma once
// The walk in closed form: a session's stimulus occurrences as stretches, where a `repeat`
// whose repetitions are all alike (no jitter inside) is one stretch of repetitions rather than
// one occurrence after another. Consumers that count, compare or extrapolate (totals, pulse
// order, the safety timeline) work per repetition pattern, so `repeat 10000000 { pulse
// wait 1 us }` costs as much as one pulse. The tree follows the source's nesting of repeats,
// so its size is that of the source, never that of the pulse count.

#include "compiler/lower/schedule.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace tmsc {

/// A stretch of occurrences. A leaf (`parts` empty) is one occurrence of `plan` at `onset`;
/// otherwise it is `count` repetitions, `period` onset to onset, of `parts` (the stretches of
/// one repetition, placed as in the first): repetition k is the first shifted by k * period.
struct TrainRepeat {
    const StimulusPlan* plan = nullptr; ///< leaf: the statement
    Rational onset;                     ///< leaf: seconds from session start (first repetition)
    std::int64_t index = 0;             ///< TrainInstance::index of the first occurrence
    std::int64_t first_pulse = 0;       ///< session-wide index of the first pulse
    std::vector<TrainRepeat> parts;
    std::int64_t count = 1;
    Rational period;

    bool leaf() const { return parts.empty(); }
    /// Stimulus occurrences in all repetitions.
    std::int64_t occurrences() const;
    /// Pulses in all repetitions.
    std::int64_t pulses() const;
};

/// What follows a stretch: the next occurrence's onset and statement, or the session's end.
struct FollowedBy {
    Rational onset;
    const StimulusPlan* plan = nullptr; ///< null at the session's end
};

/// The first and the last occurrence of a stretch (next_onset left at onset).
TrainInstance first_occurrence(const TrainRepeat& r);
TrainInstance last_occurrence(const TrainRepeat& r);

/// Every occurrence of a stretch, in walk order, silences filled in; `after` follows the last.
void expand(const TrainRepeat& r, const FollowedBy& after,
            const std::function<void(const TrainInstance&)>& visit);

/// Every occurrence that differs from the others in what follows it, with how many occurrences
/// it stands for: repetitions 0 .. count-2 of a stretch are alike (each is followed by the next
/// repetition), the last is followed by `after`. `visit(occurrence, what follows it, times)`
/// is called in walk order; index and first_pulse are those of the occurrence shown.
void for_each_kind(const TrainRepeat& r, const FollowedBy& after,
                   const std::function<void(const TrainInstance&, const FollowedBy&, std::int64_t)>& visit);

/// Throws RationalOverflow when the pulse times of some occurrence of the stretch would not fit
/// a PulseCursor, so callers can refuse before any output is written.
void probe_pulse_times(const TrainRepeat& r);

/// The walk of walk_trains in stretches: `visit(stretch, what follows it)` in time order.
/// Expanding every stretch gives exactly walk_trains. Defined in lower_walk.cpp.
Rational walk_train_repeats(const Schedule& schedule,
                            const std::function<void(const TrainRepeat&, const FollowedBy&)>& visit);

} // namespace tmsc
