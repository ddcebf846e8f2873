#pragma once
// TTL trigger tables: pulse onsets in whole microseconds from the start of the table, for a
// DAQ or microcontroller wired to the stimulator's trigger input. The same pulses go into
// this little-endian binary file and into the compact C header for firmware (ttl_header.hpp).
// Layout: docs/targets/ttl.md.

#include "targets/backend/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::targets::ttl {

/// One trigger table.
struct TriggerTable {
    std::uint32_t pulse_width_us = 1000;
    std::uint16_t power_mso = 0; ///< the intensity to set on the stimulator by hand
    std::vector<std::uint64_t> onsets_us;

    friend bool operator==(const TriggerTable&, const TriggerTable&) = default;
};

/// Binary form, every integer little-endian:
///   0 "TMST" | 4 u16 version 1 | 6 u16 flags 0 | 8 u32 pulse count | 12 u32 pulse width us |
///   16 u16 power %MSO | 18 u16 reserved 0 | 20 u32 CRC-32 | 24 u64 onset us x count
/// The CRC-32 covers bytes 0..19 and then the onsets (the whole file but the CRC field).
Bytes write_binary(const TriggerTable& table);
/// Reads the binary form; nullopt and `error` when malformed or the CRC is wrong.
std::optional<TriggerTable> read_binary(const Bytes& bytes, std::string& error);

} // namespace tmsc::targets::ttl
