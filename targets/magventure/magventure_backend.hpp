#pragma once
// The MagVenture back end this folder defines; targets/backend.cpp lists it with the others.

#include "targets/backend/backend.hpp"

namespace tmsc::targets {

/// MagVenture MagPro serial command stream.
const TargetBackend& magventure_backend();

} // namespace tmsc::targets
