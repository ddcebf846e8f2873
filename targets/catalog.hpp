#pragma once
// Human-readable listings of the back ends and the device profiles, for `tmsc targets` and
// `tmsc devices`. Every limit is shown with its source and confidence tag.

#include "targets/devices/device_profile.hpp"

#include <string>

namespace tmsc::targets {

/// One line per output of `tmsc compile --target`: the pulse tables (json, csv), then every
/// back end, each with what it writes.
std::string list_backends();

/// One paragraph per back end: its name, what it writes, and the built-in devices it accepts.
std::string describe_backends();

/// One line per built-in device: name, family and display name.
std::string list_devices();

/// Every limit of one profile, grouped, each with "[source confidence]", then the sources.
std::string describe_profile(const DeviceProfile& profile);

} // namespace tmsc::targets
