#pragma once
// The bridge from a device profile to what the verifier reads (`tmsc check --device`): the
// limits of targets/devices/device_rules.hpp as plain data with their citations. Safety never
// includes targets/; targets hands it this.

#include "safety/device_limits.hpp"
#include "targets/devices/device_profile.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace tmsc::targets {

/// The profile's deliverability limits, each with "SOURCE [CONFIDENCE]: citation".
std::shared_ptr<const safety::DeviceLimits> device_limits(const DeviceProfile& profile);

/// Loads `device` (a built-in name or a .json path) for verification; null with `error` set
/// (the known devices listed) when it cannot be loaded.
std::shared_ptr<const safety::DeviceLimits> load_device_limits(std::string_view device,
                                                               std::string& error);

/// The device of `tmsc check --device` with the thresholds typed as --rmt / --amt (empty: not
/// given; otherwise %MSO above 0 and at most 100); null with `error` set on a usage error.
std::shared_ptr<const safety::DeviceTarget> load_device_target(std::string_view device,
                                                               const std::string& rmt,
                                                               const std::string& amt,
                                                               std::string& error);

} // namespace tmsc::targets
