#pragma once
// The compact trigger table of the C header (format 2): one run per train (start, unit period,
// unit count, pulses per unit, pulse period), every time exact as an integer count of
// 1/denominator microseconds, so firmware can play 18 Hz (55555 5/9 us) without drift and a
// 37-minute session fits a microcontroller's flash. Byte layout: docs/targets/ttl-c-header.md.

#include "support/rational.hpp"
#include "targets/backend/bytes.hpp"
#include "targets/backend/target_session.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::targets::ttl {

/// One run: `units` units of `pulses_per_unit` pulses. Times in 1/denominator microseconds.
struct TriggerRun {
    std::uint64_t start = 0;        ///< first pulse, from the start of the table
    std::uint32_t units = 1;        ///< trains: pulses or bursts; single pulse: 1
    std::uint32_t pulses_per_unit = 1;
    std::uint32_t unit_period = 0;  ///< unit onset to unit onset; 0 with one unit
    std::uint32_t pulse_period = 0; ///< inside a unit; 0 with one pulse per unit

    friend bool operator==(const TriggerRun&, const TriggerRun&) = default;
};

/// The whole compact table.
struct CompactTable {
    std::uint32_t denominator = 1; ///< times count 1/denominator us
    std::uint32_t pulse_width_us = 1000;
    std::uint16_t power_mso = 0; ///< the intensity to set on the stimulator by hand
    std::vector<TriggerRun> runs;

    /// Pulses of every run.
    std::uint64_t pulses() const;
    /// Exact onset of every pulse, in seconds from the start of the table, in time order.
    std::vector<Rational> onsets_s() const;

    friend bool operator==(const CompactTable&, const CompactTable&) = default;
};

/// Size of the fixed part of the table bytes, and of one run.
inline constexpr std::size_t kCompactHeaderSize = 28;
inline constexpr std::size_t kCompactRunSize = 24;

/// The runs of `trains` with one common denominator; nullopt and `why` when a time needs a
/// denominator or a value beyond the format's 32/64-bit fields.
std::optional<CompactTable> compact_table(const std::vector<TargetTrain>& trains,
                                          std::uint32_t pulse_width_us, std::uint16_t power_mso,
                                          std::string& why);

/// The table bytes the header's tmsc_table holds (little-endian), which its SHA-256 covers.
Bytes compact_bytes(const CompactTable& table);
/// Reads table bytes back; nullopt and `error` when malformed (size, magic, counts, order).
std::optional<CompactTable> read_compact_bytes(const Bytes& bytes, std::string& error);

} // namespace tmsc::targets::ttl
