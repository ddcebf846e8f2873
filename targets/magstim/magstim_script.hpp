#pragma once
// The Rapid² host command script: what the magstim-rapid2 back end emits, in two encodings of
// the same steps (a timed text script with the exact bytes, and a binary form), and what its
// decoder reads back. Layout byte by byte: docs/targets/magstim-rapid2.md.

#include "targets/backend/backend.hpp"
#include "targets/backend/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::targets::magstim {

/// When a step runs: in order before the session clock starts, at a time on the session
/// clock, or in order after the last train.
enum class Phase : std::uint8_t { Setup = 0, Timed = 1, End = 2 };

/// What the loader does for a step.
enum class Action : std::uint8_t {
    Send = 1,      ///< send the frame; the reply must echo its command byte
    ReadBack = 2,  ///< send `\@`; the reply's parameters must equal the expectation
    RemoteOn = 3,  ///< send 'Q' + the stimulator's 16-character unlock code + checksum
    Arm = 4,       ///< send `EB`
    WaitReady = 5, ///< poll until the device reports armed and ready; then start the clock
    Fire = 6,      ///< send `EH` at the step's time: one train (or one single pulse)
    Disarm = 7,    ///< send `EA`
    RemoteOff = 8, ///< send `R@`
};

/// Parameters a read-back must report. Frequency and pulses are absent in single-pulse mode.
struct Expectation {
    std::int64_t power = 0;
    std::optional<std::int64_t> frequency_tenths;
    std::optional<std::int64_t> pulses;
    std::int64_t duration_tenths = 0;
    /// The device derives the duration from pulses / frequency; when that is not a whole number
    /// of tenths the reported duration may differ by one tenth.
    bool duration_approximate = false;

    friend bool operator==(const Expectation&, const Expectation&) = default;
};

/// One step of the script.
struct Step {
    Phase phase = Phase::Setup;
    std::int64_t time_us = 0; ///< session clock, for Phase::Timed
    Action action = Action::Send;
    Bytes frame; ///< empty for RemoteOn payload-less and WaitReady
    std::optional<Expectation> expect;
    std::string comment; ///< text script only

    /// Equal steps, ignoring the comment (the binary form has none).
    bool same_as(const Step& other) const;
};

/// A whole script.
struct Script {
    std::string protocol;
    std::string device;
    std::int64_t keepalive_us = 500000;
    Bytes keepalive_frame;
    std::vector<Step> steps;
};

/// The timed text form (.rapid2.txt).
std::string write_text(const Script& script);
/// Reads the text form; nullopt and `error` (with the line number) when malformed.
std::optional<Script> read_text(const std::string& text, std::string& error);

/// The binary form (.rapid2.bin): little-endian header, records, CRC-32 trailer.
Bytes write_binary(const Script& script);
/// Reads the binary form; nullopt and `error` when malformed or the CRC is wrong.
std::optional<Script> read_binary(const Bytes& bytes, std::string& error);

/// Runs a script on a model of the device: every fire delivers the train the parameters then
/// set describe. Fails when a frame's checksum is wrong, a read-back disagrees with the
/// parameters sent, or a fire comes before arming.
DecodeResult simulate(const Script& script);

} // namespace tmsc::targets::magstim
