#pragma once
// Internal to the plain evaluator: the session laid out as concrete stimuli on an exact
// timeline (every repeat unrolled, every pulse placed).

#include "compiler/check/resolve.hpp"
#include "safety/evaluator.hpp"
#include "safety/rules/rules.hpp"

#include <string>
#include <vector>

namespace tmsc::safety::detail {

/// A train (or pulse series) with its values under one environment.
struct ConcreteTrain {
    std::string key;
    PatternKind pattern = PatternKind::Conventional;
    bool series = false;
    Rational rate;
    Rational duration;
    Rational pulses;
    std::optional<Rational> burst_pulses;
    std::optional<Rational> burst_frequency;
    std::vector<IntensityValue> intensities;
    std::optional<Rational> spacing; ///< shortest silence between its pulses; none for one pulse
};

/// One stimulus on the timeline: a train delivery, or a single pulse or pair.
struct Stimulus {
    std::string key;
    std::optional<std::size_t> train;  ///< index into Timeline::trains (trains and series pulses)
    bool in_series = false;            ///< a pulse of a pulse series
    std::size_t series_instance = 0;   ///< which run of the series repeat it belongs to
    Rational first;                    ///< time of its first pulse
    Rational last;                     ///< time of its last pulse
};

/// The whole session.
struct Timeline {
    std::vector<ConcreteTrain> trains; ///< one per train statement or series repeat
    std::vector<Stimulus> stimuli;     ///< in time order
    Rational pulses;
    Rational length;
    /// Not laid out: more than kMaxEvaluatedPulses pulses, or a pulse series with no time
    /// between its pulses (no finite rate to judge).
    bool too_large = false;
};

/// Lays out the session of `protocol` at `env`.
Timeline lay_out(const ResolvedProtocol& protocol, const Environment& env);

} // namespace tmsc::safety::detail
