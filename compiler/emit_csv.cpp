// CSV pulse table: a header row, then one row per pulse in time order (docs/output-formats.md).

#include "compiler/emit_pulses.hpp"

namespace tmsc::emit {

namespace {

constexpr std::string_view kHeader =
    "pulse,t_us,t_s,train,pulse_in_train,burst,pulse_in_burst,intensity,intensity_unit,"
    "intensity_mso,block,target\n";

/// Row text that is the same for every pulse of a train (per pulse position in a pair).
struct TrainRowParts {
    std::string train;                 ///< ",17,"
    std::vector<std::string> suffixes; ///< ",120,%rMT,66,0,left_dlpfc\n"
    bool has_bursts = false;
    std::int64_t pulses_per_unit = 1;
};

TrainRowParts row_parts(const Schedule& schedule, const TrainInstance& train) {
    TrainRowParts parts;
    parts.train = ',' + std::to_string(train.index) + ',';
    parts.has_bursts = train.plan->has_bursts;
    parts.pulses_per_unit = train.plan->pulses_per_unit;
    const BlockInfo& block = schedule.blocks[train.plan->block];
    for (const IntensityText& t : intensity_texts(*train.plan)) {
        parts.suffixes.push_back(',' + t.percent + ',' + t.reference + ',' + t.mso + ',' +
                                 std::to_string(block.index) + ',' + block.target + '\n');
    }
    return parts;
}

void append_integer(std::string& row, std::int64_t value) {
    char digits[24];
    row.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

} // namespace

DiagnosticList emit_csv(const EmitInput& input, OutputSink& out) {
    out.write(kHeader);
    QuantisationTracker quantisation(input.schedule);
    TrainRowParts parts;
    std::string row;
    for_each_pulse(
        input.schedule,
        [&](const TrainInstance& train) { parts = row_parts(input.schedule, train); },
        [&](const ScheduledPulse& p) {
            quantisation.add(p);
            row.clear();
            append_integer(row, p.index);
            row += ',';
            append_integer(row, p.time.rounded_us());
            row += ',';
            append_exact_seconds(row, p.time);
            row += parts.train;
            append_integer(row, p.unit * parts.pulses_per_unit + p.pulse_in_unit);
            row += ',';
            if (parts.has_bursts) {
                append_integer(row, p.unit);
                row += ',';
                append_integer(row, p.pulse_in_unit);
            } else {
                row += ',';
            }
            row += parts.suffixes[static_cast<std::size_t>(p.pulse_in_unit) %
                                  parts.suffixes.size()];
            out.write(row);
        });
    return quantisation.diagnostics(input.schedule);
}

} // namespace tmsc::emit
