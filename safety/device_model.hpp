#pragma once
// The device obligations of a protocol (`tmsc check --device`): for each stimulus of the safety
// model, its power in %MSO, the pulse-to-pulse intervals that set its peak rate (inside the
// train and into the next stimulus), its pulses and on-time; and from those, one query per
// device rule whose satisfying assignment is a parameter and threshold choice the device
// cannot deliver. The per-power tables are if-then-else chains over %MSO, pruned by bounds
// like the safety table (table.cpp).

#include "safety/device_limits.hpp"
#include "safety/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tmsc::safety {

/// A silence between two pulses of a stimulus, or from its last pulse to the next stimulus.
struct PulseInterval {
    Expr seconds;
    Expr exists;
    std::string what; ///< "inside a burst", "to the train at 12:5"
};

/// One stimulus as the device sees it.
struct DeviceStimulus {
    EventRef ref;
    std::string key; ///< the model's key ("train@120")
    SourceRange range;
    Expr power_mso;                    ///< the highest intensity of its pulses
    std::vector<PulseInterval> inside; ///< between its own pulses
    std::vector<std::size_t> gaps;     ///< model gaps that follow it (rest after)
    Expr pulses;
    Expr on_time;       ///< units / unit rate; a pair: 2 x its interval
    Expr energy_counts; ///< when the energy rules apply: two pulses or more
    std::optional<Expr> unit_rate; ///< trains: for the waveform's minimum rate
};

/// The device rules a query asks about.
enum class DeviceRuleKind { PowerRange, RateAtPower, WaveformRate, TrainEnergy, RestAfter };

/// "device.power-range", "device.rate-at-power", ...
const char* device_rule_id(DeviceRuleKind kind);

/// S0501..S0504 by rule.
const char* device_rule_code(DeviceRuleKind kind);

/// One query: `violation` satisfiable means the device cannot deliver the stimulus.
struct DeviceObligation {
    DeviceRuleKind kind = DeviceRuleKind::PowerRange;
    std::size_t stimulus = 0;        ///< index into DeviceModel::stimuli
    std::optional<std::size_t> gap;  ///< RestAfter: the model gap after the stimulus
    Expr violation;
};

/// A problem found without a query (no %MSO value, no such waveform).
struct DeviceProblem {
    std::string code;
    SourceRange range;
    std::string message;
    std::string note;
};

/// Everything the device check asks.
struct DeviceModel {
    std::vector<DeviceStimulus> stimuli;
    std::vector<DeviceObligation> obligations;
    std::vector<DeviceProblem> problems;
    const WaveformLimits* waveform = nullptr; ///< the one the session runs with
};

/// Builds the stimuli and the obligations on `target`'s device.
DeviceModel build_device_model(const SafetyModel& model, const DeviceTarget& target);

/// `leaf(row value)` in the row of `steps` that `power` selects (ceil, clamped), as an
/// if-then-else over power with equal neighbouring rows merged.
template <typename Leaf>
Expr by_power(const Expr& power, const PowerSteps& steps, Leaf leaf) {
    const std::size_t last = steps.values.size() - 1;
    Expr out = leaf(steps.values[last]);
    for (std::size_t k = last; k-- > 0;) {
        // Row k covers (k - 1, k]; rows equal to the next one join it.
        if (steps.values[k] != steps.values[k + 1]) {
            out = ite(power <= num(Rational(static_cast<std::int64_t>(k))), leaf(steps.values[k]), out);
        }
    }
    return out;
}

} // namespace tmsc::safety
