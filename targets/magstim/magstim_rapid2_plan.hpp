#pragma once
// Planning for the magstim-rapid2 back end: each source train becomes the settings the Rapid²
// needs (power, frequency in tenths of Hz, pulses, duration in tenths of s, or single-pulse
// mode), every value on the device grid, or a refusal saying why the serial stream cannot
// express it. Internal to magstim_rapid2*.cpp.

#include "targets/backend/backend_support.hpp"

#include <optional>

namespace tmsc::targets::rapid2 {

/// The back end's name, as --target takes it.
inline constexpr std::string_view kName = "magstim-rapid2";

/// One train's settings on the device.
struct SerialSettings {
    std::int64_t power = 0;
    bool single = false; ///< single-pulse mode (duration 0)
    std::int64_t frequency_tenths = 0;
    std::int64_t pulses = 0;
    std::int64_t duration_tenths = 0;
    bool duration_exact = true;

    friend bool operator==(const SerialSettings&, const SerialSettings&) = default;
};

/// A train as the device runs it, with the settings that make it.
struct SerialTrain {
    TargetTrain device;
    SerialSettings settings;
};

/// Turns source trains into serial trains, refusing what the serial stream cannot express.
class Planner {
  public:
    Planner(const DeviceProfile& profile, const FormatLimits& limits, DiagnosticList& out)
        : profile_(profile), limits_(limits), out_(out), report_(std::string(kName)) {}

    /// The device train for `t`, or nullopt after adding the refusal.
    std::optional<SerialTrain> plan(const TargetTrain& t);
    /// Roundings of values so far.
    QuantisationReport& report() { return report_; }
    /// Roundings of fire times so far.
    MicrosecondRounding& times() { return times_; }

  private:
    void refuse_bursts(const TargetTrain& t);
    bool plan_train_mode(const TargetTrain& t, SerialTrain& s);

    const DeviceProfile& profile_;
    const FormatLimits& limits_;
    DiagnosticList& out_;
    QuantisationReport report_;
    MicrosecondRounding times_;
};

} // namespace tmsc::targets::rapid2
