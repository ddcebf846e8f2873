#pragma once
// The names a device profile may use: its schema tag, families, waveforms, and for each back
// end the grid and count keys its "formats" entry must define. The loader rejects any other
// key, so a typo in a profile is an error rather than a silently missing limit.

#include <string_view>
#include <vector>

namespace tmsc::targets {

/// The value of a profile's "schema" field.
inline constexpr std::string_view kProfileSchema = "tmsc-device-profile/1";

/// Device families a profile may belong to.
inline constexpr std::string_view kFamilyMagstimRapid2 = "magstim-rapid2";
inline constexpr std::string_view kFamilyMagventure = "magventure";

/// The keys one back end reads from `formats.<backend>`.
struct FormatSchema {
    std::string_view backend;
    std::vector<std::string_view> grids;
    std::vector<std::string_view> counts;
};

/// Every format a profile may describe ("ttl" also serves ttl-c-header).
const std::vector<FormatSchema>& format_schemas();

/// The schema of one format, or nullptr when no back end reads it.
const FormatSchema* find_format_schema(std::string_view backend);

/// Waveform names a profile may list (the same spellings as the .tms `waveform` line).
const std::vector<std::string_view>& known_profile_waveforms();

} // namespace tmsc::targets
