#pragma once
// The MagPro host command script: timed lines of frames, what the magventure back end emits
// and its decoder reads back. Layout: docs/targets/magventure.md.

#include "targets/backend/backend.hpp"
#include "targets/backend/bytes.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tmsc::targets::magventure {

/// When a line runs: in order before the session clock, at a time on it, or after the end.
enum class Phase { Setup, Timed, End };

/// One frame to send.
struct ScriptLine {
    Phase phase = Phase::Setup;
    std::int64_t time_us = 0;
    Bytes frame;
    std::string comment;

    /// Equal lines, ignoring comments.
    bool same_as(const ScriptLine& o) const {
        return phase == o.phase && time_us == o.time_us && frame == o.frame;
    }
};

/// A whole script.
struct Script {
    std::string protocol;
    std::string device;
    std::int64_t model_code = 0;
    std::vector<ScriptLine> lines;
};

/// The name of a frame's command ("amplitude", "timing", ...), from its body's first byte.
std::string action_name(const Bytes& frame);

/// The text form (.magventure.txt).
std::string write_text(const Script& script);
/// Reads the text form; nullopt and `error` with the line number when malformed.
std::optional<Script> read_text(const std::string& text, std::string& error);

/// Runs the script on a model of the MagPro: each start delivers the trains the timing block
/// then set describes. Fails on a bad frame, a waveform block whose model byte is not
/// `model_code`, or a start before enable, timing and the Timing page.
DecodeResult simulate(const Script& script, std::int64_t model_code);

} // namespace tmsc::targets::magventure
