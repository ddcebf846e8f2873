#pragma once
// Stage 5 (pulse tables): writing a lowered schedule as JSON or CSV. Both formats are
// documented in docs/output-formats.md; the JSON one also has a JSON Schema in docs/schemas/.
// Output is streamed: memory does not grow with the number of pulses.

#include "compiler/lower/schedule.hpp"
#include "compiler/stats.hpp"
#include "safety/check_result.hpp"
#include "support/diagnostic.hpp"
#include "support/output_sink.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace tmsc {

/// Output formats of `tmsc compile`.
enum class EmitFormat { Json, Csv };

/// Version of the JSON and CSV layouts; bumped on any incompatible change.
inline constexpr int kScheduleFormatVersion = 1;

/// What the emitters need besides the schedule.
struct EmitInput {
    const Schedule& schedule;
    const ScheduleSummary& summary;
    const SourceFile& source;        ///< for the path and the SHA-256 of the protocol text
    std::string generator;           ///< "tmsc 0.1.0"
    const CheckResult* check = nullptr; ///< the check's verdict, rule set and warnings, if any
};

/// The check's judgement as the JSON table and the attestation give it: verdict, rule set id and
/// SHA-256, warnings (a compiled protocol has no errors) and waivers.
nlohmann::ordered_json verdict_json(const CheckResult* check);

/// Writes the schedule. Returns the warnings found while writing: one W0901 per stimulus
/// statement whose pulse times are not whole microseconds (the t_us column rounds them, and
/// the CSV's t_s too).
DiagnosticList emit_schedule(EmitFormat format, const EmitInput& input, OutputSink& out);

} // namespace tmsc
