// CSV pulse table (RFC 4180): a header row, then one row per pulse in time order, each line
// ending in CRLF, nothing else (docs/output-formats.md). Every field is a number or an
// identifier, so none needs quoting. Times are numbers a CSV reader parses as such: whole
// microseconds and the same time in decimal seconds; the exact rational is in the JSON table.

#include "targets/tables/emit_pulses.hpp"
#include "targets/tables/emit_text.hpp"

#include <algorithm>

namespace tmsc::emit {

namespace {

constexpr std::string_view kHeader =
    "pulse,t_us,t_s,train,pulse_in_train,burst,pulse_in_burst,intensity,intensity_unit,"
    "intensity_mso,block,target\r\n";

/// Writes rows: per-train constant text prepared once per train, counters kept as text.
class CsvRowWriter {
  public:
    CsvRowWriter(const Schedule& schedule, OutputSink& out) : schedule_(schedule), out_(out) {}

    /// Prepares the text every row of `train` shares.
    void start_train(const TrainInstance& train) {
        train_ = PaddedText(',' + std::to_string(train.index) + ',');
        has_bursts_ = train.plan->has_bursts;
        const BlockInfo& block = schedule_.blocks[train.plan->block];
        suffixes_.clear();
        std::size_t longest = 0;
        for (const IntensityText& t : intensity_texts(*train.plan)) {
            suffixes_.emplace_back(',' + t.percent + ',' + t.reference + ',' + t.mso + ',' +
                                   std::to_string(block.index) + ',' + block.target + "\r\n");
            longest = std::max(longest, suffixes_.back().size());
        }
        max_row_ = train_.size() + longest + kPulseRowSlack;
        in_train_.reset(0);
        unit_.reset(0);
    }

    /// Writes one row straight into the output buffer.
    void write(const ScheduledPulse& p) {
        char* at = out_.reserve(max_row_);
        at = index_.write(at);
        *at++ = ',';
        const auto us = static_cast<std::uint64_t>(p.time.rounded_us());
        at = write_uint(at, us);
        *at++ = ',';
        at = write_micros_as_seconds(at, us);
        at = train_.write(at);
        at = in_train_.write(at);
        *at++ = ',';
        if (has_bursts_) {
            if (p.pulse_in_unit == 0 && p.unit != 0) {
                unit_.increment();
            }
            at = unit_.write(at);
            *at++ = ',';
            at = write_uint(at, static_cast<std::uint64_t>(p.pulse_in_unit));
        } else {
            *at++ = ',';
        }
        at = suffixes_[p.pulse_in_unit == 1 && suffixes_.size() > 1 ? 1 : 0].write(at);
        out_.commit(at);
        index_.increment();
        in_train_.increment();
    }

  private:
    const Schedule& schedule_;
    OutputSink& out_;
    PaddedText train_;                 ///< ",17,"
    /// ",120,%rMT,66,0,left_dlpfc\r\n" per pair position (index 1: a pair's second pulse)
    std::vector<PaddedText> suffixes_;
    bool has_bursts_ = false;
    std::size_t max_row_ = 0;
    DecimalCounter index_;
    DecimalCounter in_train_;
    DecimalCounter unit_;
};

} // namespace

DiagnosticList emit_csv(const EmitInput& input, OutputSink& out) {
    out.write(kHeader);
    QuantisationTracker quantisation(input.schedule);
    CsvRowWriter rows(input.schedule, out);
    for_each_pulse(
        input.schedule, [&](const TrainInstance& train) { rows.start_train(train); },
        [&](const ScheduledPulse& p) {
            quantisation.add(p);
            rows.write(p);
        });
    return quantisation.diagnostics(input.schedule, EmitFormat::Csv);
}

} // namespace tmsc::emit
