#pragma once
// The back-end instances, one per file (magstim_rapid2.cpp, magstim_console.cpp,
// magventure.cpp, ttl.cpp); backend.cpp lists them.

#include "targets/backend.hpp"

namespace tmsc::targets {

/// Magstim Rapid² live serial command stream (script + binary form).
const TargetBackend& magstim_rapid2_backend();
/// Magstim Rapid² console protocol file (Train/Burst lines).
const TargetBackend& magstim_rapid2_console_backend();
/// MagVenture MagPro serial command stream.
const TargetBackend& magventure_backend();
/// TTL trigger table, binary.
const TargetBackend& ttl_backend();
/// TTL trigger table as a C header for microcontroller firmware.
const TargetBackend& ttl_c_header_backend();

} // namespace tmsc::targets
