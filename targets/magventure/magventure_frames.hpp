#pragma once
// MagVenture MagPro serial frames [3x]: FE <LEN> <body> <CRC-8/MAXIM of body> FF, where
// body[0] is the command id and multi-byte values are big-endian.

#include "targets/backend/bytes.hpp"

#include <cstdint>
#include <optional>

namespace tmsc::targets::magventure {

/// UI page numbers of command 07.
inline constexpr std::uint8_t kPageMain = 1;
inline constexpr std::uint8_t kPageTiming = 2;

/// Wraps a body: FE, length, body, CRC-8 of the body, FF.
Bytes frame(const Bytes& body);

/// The body of a frame, or nullopt when the framing, length or CRC is wrong.
std::optional<Bytes> unframe(const Bytes& frame);

/// 00: short status request.
Bytes status();
/// 01 A: amplitude in %MSO (standard mode, one value).
Bytes amplitude(std::uint8_t percent);
/// 02 01 / 02 00: enable or disable.
Bytes enable(bool on);
/// 04: start the train (on the Timing page).
Bytes start();
/// 06 RR N T ITI: rate in tenths of pps, pulses (or bursts) per train, trains, inter-train
/// interval in tenths of a second; each two bytes, big-endian.
Bytes timing(std::uint16_t rate_tenths, std::uint16_t pulses, std::uint16_t trains,
             std::uint16_t iti_tenths);
/// 07 page 00: switch the UI page.
Bytes page(std::uint8_t number);

/// The fields of the waveform block (command 09, set).
struct Waveform {
    std::uint8_t model = 0;            ///< must equal the model code the device reports
    std::uint8_t mode = 0;             ///< 0 standard, 1 power, 2 twin, 3 dual
    std::uint8_t direction = 0;        ///< 0 normal, 1 reverse
    std::uint8_t wave = 1;             ///< 0 monophasic, 1 biphasic, 2 half sine, 3 biphasic burst
    std::uint8_t burst_pulses = 3;     ///< 2..5; sent as 5 - pulses
    std::uint16_t ipi_tenths_ms = 200; ///< pulse interval inside a burst, 0.1 ms units
    std::uint16_t ba_ratio_hundredths = 100; ///< B/A amplitude ratio x 100

    friend bool operator==(const Waveform&, const Waveform&) = default;
};

/// The name of a waveform code ("biphasic", ...), as profiles spell it.
const char* wave_name(std::uint8_t code);

/// 09 01 model mode dir wave burst IPI(2) BA(2).
Bytes waveform(const Waveform& w);

/// The waveform block of a body built by waveform(); nullopt when malformed.
std::optional<Waveform> parse_waveform(const Bytes& body);

} // namespace tmsc::targets::magventure
