#pragma once
// Stage 3 product: the lowered schedule of one session, with exact time. A session is a tree
// of plans (repeats, waits, blocks, stimuli) whose values are resolved; train occurrences are
// produced by walk_trains (below) and pulses by a PulseCursor, so
// memory grows with the size of the source, never with the number of pulses.
//
// Time: every pulse time is exact. A PulseTime is whole microseconds from session start plus
// a fraction rem/den of a microsecond (den is per train occurrence), so 18 Hz pulses stay
// exact while the common whole-microsecond case costs one integer addition per pulse.

#include "compiler/check/resolve.hpp"
#include "compiler/check/values.hpp"
#include "support/rational.hpp"
#include "support/source.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tmsc {

/// An exact time from session start: `us + rem/den` microseconds, 0 <= rem < den.
struct PulseTime {
    std::int64_t us = 0;
    std::int64_t rem = 0;
    std::int64_t den = 1;

    /// True when the time is a whole number of microseconds.
    bool is_whole() const { return rem == 0; }
    /// Nearest whole microsecond, ties rounded up (the documented µs column).
    std::int64_t rounded_us() const { return rem * 2 >= den ? us + 1 : us; }
    /// |rounded_us() - exact| as a fraction of a microsecond.
    Rational rounding_error_us() const;
    /// The exact time in seconds.
    Rational seconds() const;
};

/// An intensity as written (relative stays relative) and, when the threshold it refers to is
/// known at compile time, the same intensity in %MSO.
struct ScheduledIntensity {
    IntensityValue written;
    std::optional<Rational> mso; ///< present for %MSO intensities and known thresholds
    SourceRange range;           ///< where the winning `intensity` setting was written
    std::string param;           ///< the parameter it was given by, or "" for a literal
};

/// Where a subject threshold used for %MSO conversion came from.
enum class ThresholdSource { CommandLine, Subject };

/// A concrete subject threshold in %MSO.
struct ThresholdValue {
    Rational mso;
    ThresholdSource source = ThresholdSource::CommandLine;
    SourceRange range; ///< the `subject` line when source == Subject
};

/// A block of the session (index 0 is the session body outside any block).
struct BlockInfo {
    std::size_t index = 0;
    std::string name;   ///< the block's name, or "" (session body, unnamed block)
    std::string target; ///< target label in effect ("" when none was written)
    SourceRange range;
};

/// One pulse-producing statement with resolved values. A train is `units` units (pulses, or
/// bursts of `pulses_per_unit` pulses); a single pulse is one unit of one pulse; a paired
/// pulse is one unit of two pulses `pulse_period` apart.
struct StimulusPlan {
    enum class Kind { Train, Pulse, Paired };
    Kind kind = Kind::Train;
    std::size_t index = 0;             ///< position among the session's stimulus statements
    std::int64_t units = 1;            ///< pulses, or bursts for a train of bursts
    std::int64_t pulses_per_unit = 1;  ///< pulses per burst (1 without bursts)
    Rational unit_period;              ///< seconds from one unit's onset to the next
    Rational pulse_period;             ///< seconds between pulses inside a unit
    Rational unit_rate;                ///< Hz (pulse rate or burst rate); 0 for a single pulse
    Rational pulse_rate;               ///< Hz inside a burst; 0 when not applicable
    Rational on_time;                  ///< nominal occupancy in seconds
    Rational first_to_last;            ///< seconds from first to last pulse
    bool has_bursts = false;
    ScheduledIntensity intensity;                ///< every pulse (the first of a pair)
    std::optional<ScheduledIntensity> second;    ///< the second pulse of a pair
    std::size_t block = 0;             ///< index into Schedule::blocks
    SourceRange range;                 ///< the statement in the source

    /// Pulses per occurrence.
    std::int64_t pulses() const { return units * pulses_per_unit; }
    /// Intensity of the pulse at `pulse_in_unit` (only pairs differ between pulses).
    const ScheduledIntensity& intensity_of(std::int64_t pulse_in_unit) const {
        return (second && pulse_in_unit == 1) ? *second : intensity;
    }
};

/// A `lo..hi seed S` interval, in whole microseconds after rounding inwards.
struct JitterSpec {
    std::int64_t lo_us = 0;   ///< ceil(lo)
    std::int64_t hi_us = 0;   ///< floor(hi)
    std::uint64_t seed = 0;   ///< from the source, or --seed
    bool seed_from_cli = false;
    std::size_t stream = 0;   ///< one random stream per jittered statement
    SourceRange range;
};

/// A duration that is fixed or drawn per occurrence.
struct PlannedInterval {
    Rational fixed;                   ///< seconds, when not jittered
    std::optional<JitterSpec> jitter; ///< when present, `fixed` is unused
};

struct PlanNode;

/// A statement list, run back to back.
using PlanBody = std::vector<PlanNode>;

/// One node of the session plan.
struct PlanNode {
    enum class Kind { Stimulus, Wait, Repeat, Block };
    Kind kind = Kind::Stimulus;
    std::size_t stimulus = 0;        ///< Stimulus: index into Schedule::stimuli
    PlannedInterval duration;        ///< Wait: the silence; Repeat: the period when `every`
    bool every = false;              ///< Repeat: onset to onset (`every P`)
    std::int64_t count = 0;          ///< Repeat: repetitions
    std::size_t block = 0;           ///< Block: index into Schedule::blocks
    PlanBody body;                   ///< Repeat and Block bodies
    SourceRange range;
};

/// A parameter's value in this compilation.
struct ParameterValue {
    std::string name;
    Rational value;                 ///< canonical unit (s, Hz, percent, count)
    ast::Dimension dimension = ast::Dimension::Count;
    IntensityRef reference = IntensityRef::Rmt; ///< for intensity parameters
    bool from_command_line = false; ///< --set, else the declared default
};

/// The lowered schedule of one session plus what the course makes of it.
struct Schedule {
    std::string protocol_name;
    std::vector<std::string> citations;
    std::vector<BlockInfo> blocks;
    std::vector<StimulusPlan> stimuli;
    PlanBody session;
    std::size_t jitter_streams = 0;
    std::optional<ThresholdValue> rmt;
    std::optional<ThresholdValue> amt;
    std::optional<CourseSpec> course;
    std::int64_t pulses_per_session = 0; ///< counted from the plan, before any pulse exists
    std::int64_t trains_per_session = 0; ///< stimulus occurrences per session
    const ResolvedProtocol* resolved = nullptr; ///< the protocol this was lowered from
    std::vector<ParameterValue> parameters;     ///< every declared parameter, by name
};

/// One occurrence of a stimulus statement in the session, in time order.
struct TrainInstance {
    std::int64_t index = 0;            ///< 0-based occurrence number in the session
    std::int64_t first_pulse = 0;      ///< session-wide index of its first pulse
    const StimulusPlan* plan = nullptr;
    Rational onset;                    ///< seconds from session start
    Rational nominal_end;              ///< onset + on_time
    Rational last_pulse;               ///< onset + first_to_last
    Rational next_onset;               ///< next occurrence's onset, or the session's end
    /// Silence from the end of the nominal on-time to the next onset (or session end).
    Rational silence_after_nominal() const { return next_onset - nominal_end; }
    /// Silence from the last pulse to the next onset (the MagVenture convention).
    Rational silence_after_last_pulse() const { return next_onset - last_pulse; }
    bool is_last = false;              ///< the session's last stimulus occurrence
};

/// One pulse.
struct ScheduledPulse {
    std::int64_t index = 0;          ///< 0-based in the session
    std::int64_t train = 0;          ///< TrainInstance::index
    std::int64_t unit = 0;           ///< burst index in the train (pulse index without bursts)
    std::int64_t pulse_in_unit = 0;  ///< pulse index inside the burst (0 without bursts)
    PulseTime time;
    const ScheduledIntensity* intensity = nullptr;
    const StimulusPlan* plan = nullptr;
};

/// Generates the pulses of one train occurrence in time order with integer steps.
class PulseCursor {
  public:
    /// Throws RationalOverflow when the train's times do not fit the integer representation.
    explicit PulseCursor(const TrainInstance& train);
    /// Writes the next pulse into `out`; false after the last one. Inline: it runs once per
    /// pulse.
    bool next(ScheduledPulse& out) {
        const StimulusPlan& plan = *train_->plan;
        if (unit_ >= plan.units) {
            return false;
        }
        out.index = train_->first_pulse + emitted_;
        out.train = train_->index;
        out.unit = unit_;
        out.pulse_in_unit = pulse_in_unit_;
        out.time = current_;
        out.intensity = &plan.intensity_of(pulse_in_unit_);
        out.plan = &plan;
        ++emitted_;
        // Step inside the burst, or to the next unit's onset, always from exact integer
        // parts: the next unit starts from the previous unit's onset, never from its last
        // pulse.
        if (++pulse_in_unit_ < plan.pulses_per_unit) {
            advance(current_, pulse_step_us_, pulse_step_rem_);
        } else {
            pulse_in_unit_ = 0;
            ++unit_;
            advance(unit_start_, unit_step_us_, unit_step_rem_);
            current_ = unit_start_;
        }
        return true;
    }
    /// The common denominator (fractions of a microsecond) of this train's times.
    std::int64_t denominator() const { return den_; }

  private:
    /// Adds a step of `step_us + step_rem/den_` to a time.
    void advance(PulseTime& t, std::int64_t step_us, std::int64_t step_rem) const {
        t.us += step_us;
        t.rem += step_rem;
        if (t.rem >= den_) {
            t.rem -= den_;
            ++t.us;
        }
    }

    const TrainInstance* train_;
    std::int64_t den_ = 1;
    PulseTime unit_start_;
    PulseTime current_;
    std::int64_t unit_step_us_ = 0, unit_step_rem_ = 0;
    std::int64_t pulse_step_us_ = 0, pulse_step_rem_ = 0;
    std::int64_t unit_ = 0;
    std::int64_t pulse_in_unit_ = 0;
    std::int64_t emitted_ = 0;
};

/// Calls `visit` for every stimulus occurrence of the session in time order, with its
/// silences filled in. Jitter is drawn in time order from each statement's own SplitMix64
/// stream, so every walk of the same schedule gives the same times. Defined in lower_walk.cpp.
/// Returns the session's nominal end. Throws RationalOverflow when exact time leaves the
/// 64-bit range.
Rational walk_trains(const Schedule& schedule, const std::function<void(const TrainInstance&)>& visit);


} // namespace tmsc
