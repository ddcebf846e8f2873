#pragma once
// A stimulator model as data (targets/devices/profiles/*.json, schema in docs/targets/device-profiles.md):
// the grids its values must lie on, its rate limit at each power level, its energy rules and
// the per-format limits of each way to program it. Every limit carries its source and how far
// that source can be trusted, so a refusal can say where the rule comes from.

#include "support/rational.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc::targets {

/// How far a limit can be trusted: a vendor document, three independent open implementations,
/// one implementation, or a conservative choice of this project that no source states.
enum class Confidence { Doc, ThreeImpl, OneImpl, Assumed };

/// "[DOC]", "[3x]", "[1x]", "[assumed]".
std::string_view confidence_tag(Confidence confidence);

/// Where a limit comes from: a key of DeviceProfile::sources, and its confidence.
struct Provenance {
    std::string source;
    Confidence confidence = Confidence::Assumed;
};

/// One arithmetic run of allowed values: lo, lo + step, ..., hi (hi - lo is a multiple of step).
struct GridSegment {
    Rational lo;
    Rational hi;
    Rational step;
};

/// A set of allowed values: the union of its segments, sorted and non-overlapping.
struct ValueGrid {
    std::vector<GridSegment> segments;
    Provenance provenance;

    Rational min() const { return segments.front().lo; }
    Rational max() const { return segments.back().hi; }
    /// True when `value` is one of the allowed values.
    bool contains(const Rational& value) const;
    /// Largest allowed value not above `value`; nullopt below min().
    std::optional<Rational> at_or_below(const Rational& value) const;
    /// Smallest allowed value not below `value`; nullopt above max().
    std::optional<Rational> at_or_above(const Rational& value) const;
    /// "0.1..1 in steps of 0.1, 1..100 in steps of 1".
    std::string describe(std::string_view unit) const;
};

/// An inclusive range of whole counts.
struct CountRange {
    std::int64_t min = 0;
    std::int64_t max = 0;
    Provenance provenance;

    bool contains(std::int64_t value) const { return value >= min && value <= max; }
};

/// A value per whole percent of output (index 0..100): joules per pulse, or maximum rate.
struct PowerTable {
    std::vector<Rational> values;
    Provenance provenance;

    /// The entry for a power, using the rounded-up whole percent (rows are not linear).
    const Rational& at(const Rational& power_mso) const;
};

/// Magstim Rapid² energy rules (TDb087 §3). With E joules per pulse at f Hz:
/// t_on_max = train_energy_j / (E f); above continuous_above_s the train may run up to
/// continuous_max_pulses; wait after N pulses = N (f E - dissipation_w) / (dissipation_w f),
/// never below min_wait_s.
struct EnergyRules {
    PowerTable joules_per_pulse;
    Rational train_energy_j;                ///< 63000
    Rational continuous_above_s;            ///< 60
    std::int64_t continuous_max_pulses = 0; ///< 6000
    Rational dissipation_w;                 ///< 1050
    Rational min_wait_s;                    ///< 0.5, also the lockout after every train
    Provenance provenance;
};

/// A waveform the device offers and its repetition-rate grid (MagPro: depends on waveform).
struct WaveformSpec {
    std::string name;      ///< "biphasic", "monophasic", "half_sine", "biphasic_burst"
    std::int64_t code = 0; ///< the device's number for it (MagPro waveform byte)
    ValueGrid rate_hz;     ///< unit (pulse or burst) rate
    std::optional<CountRange> burst_pulses;    ///< biphasic burst only
    std::optional<ValueGrid> burst_interval_s; ///< pulse interval inside a burst
};

/// The limits of one way to program the device (a back end), by name: grids and counts.
struct FormatLimits {
    std::map<std::string, ValueGrid> grids;
    std::map<std::string, CountRange> counts;
};

/// A cited source of limits.
struct SourceInfo {
    std::string citation;
    Confidence confidence = Confidence::Assumed;
};

/// One stimulator model as the back ends see it.
struct DeviceProfile {
    std::string name;   ///< "magstim-rapid2-240v", what --device takes
    std::string family; ///< "magstim-rapid2" or "magventure"
    std::string display_name;
    std::optional<std::int64_t> model_code; ///< MagPro model byte the device must report
    std::map<std::string, SourceInfo> sources;
    ValueGrid power_mso;
    std::optional<PowerTable> max_rate_hz; ///< by power, Magstim
    std::optional<EnergyRules> energy;
    std::vector<WaveformSpec> waveforms;
    std::map<std::string, FormatLimits> formats; ///< by back-end name
    std::vector<std::string> notes;

    /// The waveform called `name`, or nullptr.
    const WaveformSpec* waveform(std::string_view waveform_name) const;
    /// Limits for a back end, or nullptr when the device cannot be programmed that way.
    const FormatLimits* format(std::string_view backend) const;
};

} // namespace tmsc::targets
