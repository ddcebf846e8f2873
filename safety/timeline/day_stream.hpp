#pragma once
// The stimulus occurrences of one course day, in time order, on one timeline: the sessions of
// a day follow each other per the course's anchor (end to start: each starts the interval
// after the previous one's nominal end; start to start: the interval after its start), so
// trains and silences cross session boundaries (docs/safety.md, "The stimulus timeline").

#include "compiler/lower/schedule.hpp"

#include <cstddef>
#include <functional>

namespace tmsc::safety::timeline {

/// Occurrences of a stimulus statement, in closed form: `count` times (a repeat's
/// repetitions, `period` onset to onset) `plan->units` units of `plan->pulses_per_unit`
/// pulses, the first starting at `onset` (seconds from the start of the day).
struct Occurrence {
    const StimulusPlan* plan = nullptr;
    std::size_t session = 0; ///< 0-based session of the day
    Rational onset;
    std::int64_t count = 1;
    Rational period; ///< 0 when count == 1

    /// Repetition k alone (count 1).
    Occurrence at(std::int64_t k) const {
        return Occurrence{plan, session, onset + Rational(k) * period, 1, Rational(0)};
    }
};

/// Calls `visit` for the stimulus occurrences of one course day in time order, a repeat of
/// one stimulus as one Occurrence. Throws RationalOverflow when exact time leaves the 64-bit
/// range.
void for_each_occurrence(const Schedule& schedule,
                         const std::function<void(const Occurrence&)>& visit);

} // namespace tmsc::safety::timeline
