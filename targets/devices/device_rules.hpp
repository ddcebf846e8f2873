#pragma once
// Whether a device can deliver one train, as plain C++ over concrete values. The back ends run
// it on every quantised train; the verifier (`tmsc check --device`) encodes the same rules in
// Z3 from the same inputs. Each rule is stated with its formula in docs/targets/device-profiles.md.

#include "targets/devices/device_profile.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tmsc::targets {

/// One train as the device rules see it. A plain train is `units` pulses at `unit_rate_hz`;
/// a train of bursts is `units` bursts at `unit_rate_hz` of `pulses_per_unit` pulses at
/// `pulse_rate_hz`; a single pulse has units = 1 and no rates; a pair has units = 1,
/// pulses_per_unit = 2 and pulse_rate_hz = 1 / interval.
struct TrainDemand {
    Rational power_mso; ///< the highest intensity in the train
    std::int64_t units = 1;
    std::int64_t pulses_per_unit = 1;
    Rational unit_rate_hz;                ///< 0 for a single unit
    Rational pulse_rate_hz;               ///< 0 with one pulse per unit
    std::optional<Rational> rest_after_s; ///< last pulse to the next train; none after the last
    std::string waveform = "biphasic";    ///< the device waveform the train runs with
};

/// The rules a device can break.
enum class DeviceRule {
    PowerRange,     ///< intensity outside the device's output range
    Waveform,       ///< the device has no such waveform
    RateRange,      ///< a rate (or burst shape) outside the waveform's range
    RateAtPower,    ///< faster than the device's maximum rate at this power
    TrainEnergy,    ///< longer than the energy on-time limit (or the continuous pulse cap)
    RestAfterTrain, ///< too little rest after the train (energy recovery or lockout)
};

/// Stable short name of a rule ("rate-at-power", ...), for reports and the verifier.
const char* device_rule_name(DeviceRule rule);

/// One broken rule: what, by how much, and where the limit comes from.
struct RuleBreach {
    DeviceRule rule = DeviceRule::PowerRange;
    std::string message; ///< one sentence with both numbers and units
    Rational actual;
    Rational limit;
    Provenance provenance;
};

/// Pulses in the train.
inline std::int64_t demand_pulses(const TrainDemand& d) {
    return d.units * d.pulses_per_unit;
}

/// Nominal on-time: units / unit rate; a single burst or pair lasts pulses / pulse rate; a
/// single pulse 0.
Rational demand_on_time_s(const TrainDemand& d);

/// The fastest pulse-to-pulse rate in the train and into the next train, in Hz; nullopt when
/// two pulses fall at the same instant (no device can do that).
std::optional<Rational> demand_peak_rate_hz(const TrainDemand& d);

/// Energy rule: the longest on-time of a train at `joules` per pulse and mean rate `rate_hz`,
/// t_on_max = train_energy_j / (E f); nullopt when E f is 0 (no limit from energy).
std::optional<Rational> max_on_time_s(const EnergyRules& rules, const Rational& joules,
                                      const Rational& rate_hz);

/// Energy rule: the rest needed after `pulses` pulses at mean rate `rate_hz`:
/// max(min_wait_s, N (f E - dissipation_w) / (dissipation_w f)).
Rational required_rest_s(const EnergyRules& rules, const Rational& joules, const Rational& rate_hz,
                         std::int64_t pulses);

/// Every rule the train breaks on `profile` (empty when the device can deliver it). Fractional
/// powers use the table row of the rounded-up whole percent.
std::vector<RuleBreach> check_train(const DeviceProfile& profile, const TrainDemand& demand);

} // namespace tmsc::targets
