#pragma once
// The Magstim Rapid² console protocol file (operating manual): one CSV line per train group,
// each ending in a carriage return, times in tenths of a second. Lines run one after another.
//   Train,<power>,<frequency>,<duration>,<pulses>,<wait>,<trains>
//   Burst,<power>,<frequency>,<pulses per burst>,<burst frequency>,<bursts>,<cycle time>,<cycles>
// Layout and meaning of every field: docs/targets/magstim-rapid2-console.md.

#include "targets/backend/backend.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tmsc::targets::console {

/// `trains` trains of `pulses` pulses at `frequency_hz`, each lasting `duration_tenths` and
/// followed by `wait_tenths` of silence.
struct TrainLine {
    std::int64_t power = 0;
    std::int64_t frequency_hz = 0;
    std::int64_t duration_tenths = 0;
    std::int64_t pulses = 0;
    std::int64_t wait_tenths = 0;
    std::int64_t trains = 1;

    friend bool operator==(const TrainLine&, const TrainLine&) = default;
};

/// `cycles` cycles, each `cycle_tenths` long from its first burst to the next cycle, of
/// `bursts` bursts at `burst_frequency_hz`, each `pulses_per_burst` pulses at `frequency_hz`.
struct BurstLine {
    std::int64_t power = 0;
    std::int64_t frequency_hz = 0;
    std::int64_t pulses_per_burst = 0;
    std::int64_t burst_frequency_hz = 0;
    std::int64_t bursts = 0;
    std::int64_t cycle_tenths = 0;
    std::int64_t cycles = 1;

    friend bool operator==(const BurstLine&, const BurstLine&) = default;
};

/// One line of the file.
using Line = std::variant<TrainLine, BurstLine>;

/// The file's text: one line per entry, each ended by '\r'.
std::string write_lines(const std::vector<Line>& lines);

/// Reads a file; nullopt and `error` (with the line number) when a line is malformed.
std::optional<std::vector<Line>> read_lines(const std::string& text, std::string& error);

/// The trains the console runs, from time 0 at the first line.
std::vector<TargetTrain> trains_of(const std::vector<Line>& lines);

/// When the last line's last wait or cycle ends.
Rational end_of(const std::vector<Line>& lines);

} // namespace tmsc::targets::console
