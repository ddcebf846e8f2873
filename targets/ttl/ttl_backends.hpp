#pragma once
// The TTL back ends this folder defines; targets/backend.cpp lists them with the others.

#include "targets/backend/backend.hpp"

namespace tmsc::targets {

/// TTL trigger table, binary.
const TargetBackend& ttl_backend();
/// TTL trigger table as a C header for microcontroller firmware.
const TargetBackend& ttl_c_header_backend();

} // namespace tmsc::targets
