#pragma once
// What every back end does the same way: pick the device waveform, turn trains into device
// rule inputs, report broken rules as refusals, and fetch the profile's limits for a format.

#include "support/diagnostic.hpp"
#include "targets/backend/backend.hpp"
#include "targets/backend/quantise.hpp"
#include "targets/devices/device_rules.hpp"

#include <string>
#include <string_view>

namespace tmsc::targets {

/// The device waveform a train runs with. `hardware_bursts`: the back end makes the device
/// generate bursts itself (MagPro biphasic burst); otherwise bursts are single pulses and a
/// protocol's `biphasic_burst` means biphasic pulses.
std::string device_waveform(const DeviceProfile& profile, const std::string& session_waveform,
                            bool has_bursts, bool hardware_bursts);

/// The rule inputs of one train; rest is from its last pulse to the next train (none after
/// the session's last train).
TrainDemand demand_of(const TargetTrain& train, std::string waveform, bool is_last);

/// The diagnostic code of a broken device rule (T0203..T0206).
const char* breach_code(DeviceRule rule);

/// Adds one refusal per breach: "<backend> cannot run this on the <device>: <why>", with a
/// note naming the source of the limit and its confidence.
void report_breaches(DiagnosticList& out, std::string_view backend, const DeviceProfile& profile,
                     const std::vector<RuleBreach>& breaches, const SourceRange& range);

/// Checks every train of a device program against the device rules; true when none breaks.
bool check_program(DiagnosticList& out, std::string_view backend, const DeviceProfile& profile,
                   const std::vector<TargetTrain>& trains, const std::string& session_waveform,
                   bool hardware_bursts);

/// The profile's limits for `backend`'s format ("ttl" for both TTL back ends); nullptr after
/// adding a T0204 error when the profile has none.
const FormatLimits* format_limits(DiagnosticList& out, std::string_view backend,
                                  std::string_view format, const DeviceProfile& profile,
                                  const SourceRange& range);

/// Adds a refusal with a reason note: the back end cannot express this construct.
Diagnostic& refuse(DiagnosticList& out, std::string_view code, std::string message,
                   const SourceRange& range);

/// Checks a count against a range; adds a T0204 refusal naming `what` when outside.
bool check_count(DiagnosticList& out, std::string_view backend, std::string_view what,
                 std::int64_t value, const CountRange& range, const SourceRange& where);

/// `value` on `grid`, moved in direction `rounding`; nullopt after a T0204 refusal when it
/// lies outside the grid's range. The caller reports a move through a QuantisationReport.
std::optional<Rational> on_grid(DiagnosticList& out, std::string_view backend,
                                std::string_view what, const ValueGrid& grid, const Rational& value,
                                Rounding rounding, std::string_view unit, const SourceRange& range);

/// Exact times moved to whole microseconds (nearest, ties later), reported as one T0105
/// warning with the count and the largest shift.
class MicrosecondRounding {
  public:
    /// The whole microsecond nearest to `seconds`.
    std::int64_t round(const Rational& seconds);
    /// Adds the warning when any time moved.
    void emit(DiagnosticList& out, std::string_view backend, std::string_view what,
              const SourceRange& range) const;

  private:
    std::int64_t moved_ = 0;
    Rational largest_;
};

/// Sets each train's next_onset_s to the following train's onset, and the last one's to `end`.
void link_trains(std::vector<TargetTrain>& trains, const Rational& end);

/// Session totals of a list of trains ending at `end`.
SessionTotals totals_of(const std::vector<TargetTrain>& trains, const Rational& end);

/// A note "limit: <source> <confidence>: <citation>" for a provenance.
std::string provenance_note(const DeviceProfile& profile, const Provenance& provenance);

} // namespace tmsc::targets
