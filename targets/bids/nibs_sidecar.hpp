#pragma once
// `_nibs.json`, the sidecar of a NIBS-BIDS export: what was stimulated with what, the
// thresholds the relative intensities refer to, and a descriptor (long name, description,
// units or levels, delimiter) for every column of `_nibs.tsv`, since the draft requires the
// units of every numeric column to be declared, never implied.

#include "targets/backend/target_session.hpp"
#include "targets/devices/device_profile.hpp"

#include <string>

namespace tmsc::targets::bids {

/// The sidecar's text (JSON, two-space indent, ending in a newline).
std::string nibs_sidecar(const TargetSession& session, const DeviceProfile& profile,
                         const std::string& generator);

} // namespace tmsc::targets::bids
