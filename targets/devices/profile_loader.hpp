#pragma once
// Loads a device profile from JSON text and validates every field (schema in
// docs/targets/device-profiles.md). A profile may "extends" a shared one by name; the child is
// applied to the parent as a JSON merge patch (RFC 7386), so a model file states only what
// differs from its family.

#include "targets/devices/device_profile.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tmsc::targets {

/// A loaded profile, or one line saying which file and field is wrong and why.
struct ProfileLoadResult {
    std::optional<DeviceProfile> profile;
    std::string error;
};

/// Finds the JSON text of a profile by name (for "extends"); nullopt when there is none.
using ProfileTextLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Parses and validates one profile. `origin` names it in messages (a path or "builtin:NAME").
/// Abstract profiles (shared limits of a family) are refused: they are not a device.
ProfileLoadResult load_profile_text(std::string_view origin, std::string_view text,
                                    const ProfileTextLookup& parents);

} // namespace tmsc::targets
