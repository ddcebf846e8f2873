#pragma once
// The stimulus occurrences of one course day, in time order, on one timeline: the sessions of
// a day follow each other per the course's anchor (end to start: each starts the interval
// after the previous one's nominal end; start to start: the interval after its start), so
// trains and silences cross session boundaries (docs/safety.md, "The stimulus timeline").

#include "compiler/lower/train_repeat.hpp"

#include <cstddef>
#include <functional>

namespace tmsc::safety::timeline {

/// One occurrence of a stimulus statement, in closed form: `plan->units` units of
/// `plan->pulses_per_unit` pulses starting at `onset` (seconds from the start of the day).
struct Occurrence {
    const StimulusPlan* plan = nullptr;
    std::size_t session = 0; ///< 0-based session of the day
    Rational onset;
};

/// A stretch of a session's occurrences (a repeat in closed form, train_repeat.hpp) placed on
/// the day: its session and that session's start.
struct Stretch {
    const TrainRepeat* repeat = nullptr;
    std::size_t session = 0;
    Rational offset; ///< the session's start, seconds from the start of the day
};

/// Calls `visit` for the stretches of one course day in time order. Throws RationalOverflow
/// when exact time leaves the 64-bit range.
void for_each_stretch(const Schedule& schedule, const std::function<void(const Stretch&)>& visit);

/// Every occurrence of a stretch, in time order.
void for_each_occurrence(const Stretch& stretch, const std::function<void(const Occurrence&)>& visit);

} // namespace tmsc::safety::timeline
