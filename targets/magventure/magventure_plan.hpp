#pragma once
// Planning for the magventure back end: the session becomes segments, each a run of identical
// trains with one inter-train interval that one timing block and one start command deliver.
// Every value goes onto the device's grid or the segment is refused. Internal.

#include "targets/backend/backend_support.hpp"
#include "targets/magventure/magventure_frames.hpp"

#include <optional>
#include <vector>

namespace tmsc::targets::magpro {

/// The back end's name.
inline constexpr std::string_view kName = "magventure";

/// What one segment sets on the device.
struct SegmentSettings {
    std::uint8_t amplitude = 0;
    magventure::Waveform waveform;
    std::uint16_t rate_tenths = 10;
    std::uint16_t units = 1; ///< pulses, or bursts with the burst waveform
    std::uint16_t trains = 1;
    std::uint16_t iti_tenths = 1;

    friend bool operator==(const SegmentSettings&, const SegmentSettings&) = default;
};

/// Trains delivered by one start, and their device timing.
struct Segment {
    SegmentSettings settings;
    std::vector<TargetTrain> device; ///< the trains as the device runs them
    std::size_t first = 0;           ///< index of the first source train
};

/// Builds the segments of a session, adding roundings to `report` and refusals to `out`.
std::vector<Segment> plan_segments(const TargetSession& session, const DeviceProfile& profile,
                                   const FormatLimits& limits, QuantisationReport& report,
                                   MicrosecondRounding& times, DiagnosticList& out);

} // namespace tmsc::targets::magpro
