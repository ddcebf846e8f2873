#pragma once
// What the verifier needs to know about a stimulator to prove a protocol deliverable on it
// (`tmsc check --device`): plain data, filled from a device profile by targets/ (which depends
// on the compiler and so on safety, never the other way round). The rules are the ones
// targets/devices/device_rules.hpp applies to one concrete train; docs/safety.md states them.

#include "support/rational.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::safety {

/// Where a limit comes from: "TDb087 [DOC]: Magstim TDb087 Rev 5.1, ...".
struct LimitSource {
    std::string text;
};

/// A value per whole percent of output (index 0..100); a fractional power uses the row of
/// its rounded-up whole percent, as the back ends do.
struct PowerSteps {
    std::vector<Rational> values;
    LimitSource source;

    /// The row for a power: ceil(power), clamped to the table.
    const Rational& at(const Rational& power_mso) const;
};

/// Magstim Rapid² energy rules (TDb087 §3), see targets/devices/device_profile.hpp.
struct EnergyLimits {
    PowerSteps joules_per_pulse;
    Rational train_energy_j;
    Rational continuous_above_s;
    std::int64_t continuous_max_pulses = 0;
    Rational dissipation_w;
    Rational min_wait_s; ///< also the lockout after every train
    LimitSource source;
};

/// A waveform's repetition-rate range.
struct WaveformLimits {
    std::string name;
    Rational min_rate_hz;
    Rational max_rate_hz;
    LimitSource source;
};

/// One device's deliverability limits.
struct DeviceLimits {
    std::string name;         ///< "magstim-rapid2-240v"
    std::string display_name; ///< "Magstim Rapid2 (one power supply), 240 V mains"
    Rational min_power_mso;
    Rational max_power_mso;
    LimitSource power_source;
    std::optional<PowerSteps> max_rate_hz; ///< by power (Magstim)
    std::optional<EnergyLimits> energy;
    std::vector<WaveformLimits> waveforms;

    /// The waveform called `name`, or nullptr.
    const WaveformLimits* waveform(const std::string& waveform_name) const;
};

/// A device to verify against, with the thresholds given on the command line (--rmt, --amt):
/// they replace the protocol's `subject` ranges in the device obligations only.
struct DeviceTarget {
    std::shared_ptr<const DeviceLimits> limits;
    std::optional<Rational> rmt_mso;
    std::optional<Rational> amt_mso;
};

} // namespace tmsc::safety
