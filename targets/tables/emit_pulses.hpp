#pragma once
// Internal to the emitters: iterating every pulse in time order, text shared by the CSV and
// JSON rows, and tracking how much the whole-microsecond column rounds.

#include "targets/tables/emit.hpp"

#include <string>
#include <vector>

namespace tmsc::emit {

/// Calls on_train(TrainInstance) before the pulses of each train, then on_pulse(pulse) for
/// each of its pulses. A template so that the per-pulse call inlines into the emitter's loop.
template <typename OnTrain, typename OnPulse>
void for_each_pulse(const Schedule& schedule, OnTrain&& on_train, OnPulse&& on_pulse) {
    walk_trains(schedule, [&](const TrainInstance& train) {
        on_train(train);
        PulseCursor cursor(train);
        ScheduledPulse pulse;
        while (cursor.next(pulse)) {
            on_pulse(pulse);
        }
    });
}

/// write_exact_seconds for a time that is not a whole microsecond.
char* write_fraction_seconds(char* out, const PulseTime& time);

/// The exact time in seconds: decimal for whole microseconds ("3.9"), else a reduced
/// fraction ("1/18").
void append_exact_seconds(std::string& out, const PulseTime& time);

/// The same written at `out` (at most kMaxExactSecondsChars bytes); returns the end. Inline
/// for the whole-microsecond case, which is nearly every pulse.
inline char* write_exact_seconds(char* out, const PulseTime& time) {
    return time.rem == 0 ? write_micros_as_seconds(out, time.us) : write_fraction_seconds(out, time);
}

/// Longest text write_exact_seconds produces: two 39-digit integers and a slash.
inline constexpr std::size_t kMaxExactSecondsChars = 80;

/// Room a pulse row needs besides its per-train constant text: numbers, separators, and the
/// fixed-size over-copies of emit_text.hpp.
inline constexpr std::size_t kPulseRowSlack = 512;

/// A Rational as JSON/CSV number text: exact decimal, or "num/den" when it does not
/// terminate (the caller quotes it in JSON).
std::string number_text(const Rational& value);

/// The largest rounding of the µs column per stimulus statement.
class QuantisationTracker {
  public:
    explicit QuantisationTracker(const Schedule& schedule) : worst_(schedule.stimuli.size()) {}
    /// Records a pulse whose time is not a whole microsecond.
    void add(const ScheduledPulse& pulse) {
        if (pulse.time.rem != 0) {
            record(pulse);
        }
    }
    /// One W0901 warning per affected statement, saying which columns of `format` round.
    DiagnosticList diagnostics(const Schedule& schedule, EmitFormat format) const;

  private:
    struct Worst {
        std::int64_t pulses = 0;
        std::int64_t off = 0; ///< error = off/den µs
        std::int64_t den = 1;
    };
    void record(const ScheduledPulse& pulse);
    std::vector<Worst> worst_;
};

/// Text of one intensity for a row: percent as written, its reference, and %MSO (or "").
struct IntensityText {
    std::string percent;
    std::string reference; ///< "%rMT", "%aMT", "%MSO"
    std::string mso;       ///< "" when the threshold is not known
};

/// The intensity texts of a statement's pulses (two for a pair).
std::vector<IntensityText> intensity_texts(const StimulusPlan& plan);

/// The CSV pulse table (emit_csv.cpp).
DiagnosticList emit_csv(const EmitInput& input, OutputSink& out);
/// The JSON document (emit_json.cpp).
DiagnosticList emit_json(const EmitInput& input, OutputSink& out);

} // namespace tmsc::emit
