#pragma once
// The Magstim back ends this folder defines; targets/backend.cpp lists them with the others.

#include "targets/backend/backend.hpp"

namespace tmsc::targets {

/// Magstim Rapid² live serial command stream (script + binary form).
const TargetBackend& magstim_rapid2_backend();
/// Magstim Rapid² console protocol file (Train/Burst lines).
const TargetBackend& magstim_rapid2_console_backend();

} // namespace tmsc::targets
