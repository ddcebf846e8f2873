#pragma once
// Magstim host-interface frames (TDb087): a command byte, ASCII data, and a checksum that is the
// bitwise NOT of the low 8 bits of the sum of the preceding bytes. No delimiters.

#include "targets/backend/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tmsc::targets::magstim {

/// `command` + `data` + checksum. Commands without data carry the padding byte '@'.
Bytes frame(char command, std::string_view data);

/// The frame without its checksum ("@050"), or nullopt when the checksum is wrong or the
/// frame is shorter than two bytes.
std::optional<std::string> unframe(const Bytes& frame);

/// `@ddd`: set power, 0..100 %MSO (three digits).
Bytes set_power(std::int64_t percent);
/// `Bdddd`: set repetition rate in tenths of a hertz (Rapid²).
Bytes set_frequency_tenths(std::int64_t tenths_hz);
/// `Dddddd`: set pulses per train (firmware V9 and later: five digits).
Bytes set_pulses(std::int64_t pulses);
/// `[dddd`: set train duration in tenths of a second (V9+: four digits); 0 = single-pulse mode.
Bytes set_duration_tenths(std::int64_t tenths_s);
/// `\@`: read the Rapid² parameters back.
Bytes get_parameters();
/// `EB`, `EA`, `EH`: arm, disarm, fire.
Bytes arm();
Bytes disarm();
Bytes fire();
/// `x@`: keep-alive from firmware V9 on.
Bytes keep_alive();
/// `R@`: remote control off (the device disarms first).
Bytes remote_off();

/// `n` as exactly `width` decimal digits; nullopt when it does not fit or is negative.
std::optional<std::string> digits(std::int64_t n, int width);

} // namespace tmsc::targets::magstim
