#pragma once
// The device profiles tmsc knows: those in targets/devices/profiles/*.json (built into the binary) and
// any profile file a user names by path. `--device NAME` resolves through here.

#include "targets/devices/device_profile.hpp"
#include "targets/devices/profile_loader.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tmsc::targets {

/// One built-in profile file: its name (file name without .json) and JSON text.
struct EmbeddedProfile {
    std::string_view name;
    std::string_view json;
};

/// Every file of targets/devices/profiles/, including the abstract family files (generated).
const std::vector<EmbeddedProfile>& embedded_profiles();

/// Names a user can pass to --device (built-in, not abstract), sorted.
std::vector<std::string> builtin_device_names();

/// Loads a device by built-in name, or from a file when `name_or_path` ends in ".json" (its
/// "extends" may name a built-in profile or a file beside it). The error names the file and
/// field, or lists the known devices when the name is unknown.
ProfileLoadResult load_device(std::string_view name_or_path);

} // namespace tmsc::targets
