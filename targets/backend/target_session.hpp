#pragma once
// The session as every back end sees it: stimulus occurrences in time order with exact times
// and intensities already in %MSO. Built from the lowered Schedule (from_schedule.cpp) or, in
// tests, written out directly; back ends depend only on this, not on the compiler's plan tree.

#include "support/diagnostic.hpp"
#include "support/rational.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tmsc {
struct Schedule;
}

namespace tmsc::targets {

/// The statement an occurrence comes from.
enum class StimulusKind { Train, Pulse, Paired };

/// One occurrence of a stimulus statement: `units` units (pulses, or bursts of
/// `pulses_per_unit` pulses) starting at `onset_s`.
struct TargetTrain {
    std::int64_t index = 0; ///< 0-based occurrence in the session
    StimulusKind kind = StimulusKind::Train;
    Rational onset_s;
    std::int64_t units = 1;
    std::int64_t pulses_per_unit = 1;
    Rational unit_period_s;   ///< unit onset to unit onset; 0 for a single pulse
    Rational pulse_period_s;  ///< inside a burst or pair; 0 with one pulse per unit
    Rational on_time_s;       ///< nominal occupancy (units x unit period; pair: ISI)
    Rational first_to_last_s; ///< first pulse to last pulse
    Rational power_mso;       ///< every pulse (the first of a pair)
    std::optional<Rational> second_power_mso; ///< the second pulse of a pair
    Rational next_onset_s;                    ///< the next occurrence's onset, or the session's end
    /// The intensity as written, for exports that keep it relative (bids-nibs): the percentage
    /// and its reference, "rMT", "aMT" or "MSO"; `second_` for the second pulse of a pair.
    Rational written_percent;
    std::string written_reference = "MSO";
    std::optional<Rational> second_written_percent;
    std::string second_written_reference;
    SourceRange range;                        ///< the statement in the source

    std::int64_t pulses() const { return units * pulses_per_unit; }
    bool has_bursts() const { return kind == StimulusKind::Train && pulses_per_unit > 1; }
    /// Unit rate in Hz (pulse rate, or burst rate); 0 for a single pulse or pair.
    Rational unit_rate_hz() const;
    /// Rate inside a burst or pair in Hz; 0 with one pulse per unit.
    Rational pulse_rate_hz() const;
    Rational last_pulse_s() const { return onset_s + first_to_last_s; }
    Rational nominal_end_s() const { return onset_s + on_time_s; }
    /// Silence from the last pulse to the next onset (the MagVenture convention).
    Rational rest_after_last_pulse_s() const { return next_onset_s - last_pulse_s(); }
    /// Silence from the end of the nominal on-time to the next onset.
    Rational rest_after_nominal_s() const { return next_onset_s - nominal_end_s(); }
    /// Exact time of pulse `pulse_in_unit` of unit `unit`.
    Rational pulse_time_s(std::int64_t unit, std::int64_t pulse_in_unit) const;
    /// Intensity of pulse `pulse_in_unit` (only the second pulse of a pair differs).
    const Rational& power_of(std::int64_t pulse_in_unit) const;
};

/// One session, ready for a back end.
struct TargetSession {
    std::string protocol_name;
    std::string waveform = "biphasic"; ///< the protocol's `waveform` line, or biphasic
    std::vector<TargetTrain> trains;
    Rational end_s;    ///< nominal session end, trailing waits included
    SourceRange range; ///< the session, for session-wide diagnostics

    std::int64_t pulses() const;
    /// First pulse to last pulse; 0 without pulses.
    Rational span_s() const;
    /// True when every pulse has the same intensity.
    bool single_power() const;
};

/// A session, or the diagnostics that prevent building one.
struct SessionBuild {
    std::optional<TargetSession> session;
    DiagnosticList diagnostics;
};

/// Builds the back-end view of a lowered schedule. Fails with T0001 when an intensity has no
/// %MSO value (a relative intensity without a concrete threshold): a stimulator is programmed
/// in %MSO, and guessing the threshold would put an unverified intensity on a device.
SessionBuild session_from_schedule(const Schedule& schedule);

} // namespace tmsc::targets
