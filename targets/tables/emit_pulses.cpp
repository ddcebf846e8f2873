#include "targets/tables/emit_pulses.hpp"

#include <charconv>
#include <numeric>

namespace tmsc::emit {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

void append_wide(std::string& out, WideInt value) {
    // Exact times stay far below 2^127; digits are produced least significant first.
    char digits[40];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + static_cast<int>(value % 10));
        value /= 10;
    } while (value != 0);
    while (n > 0) {
        out += digits[--n];
    }
}

} // namespace

void append_exact_seconds(std::string& out, const PulseTime& time) {
    if (time.rem == 0) {
        append_micros_as_seconds(out, time.us);
        return;
    }
    WideInt num = static_cast<WideInt>(time.us) * time.den + time.rem;
    WideInt den = static_cast<WideInt>(time.den) * kMicrosPerSecond;
    WideInt a = num;
    WideInt b = den;
    while (b != 0) {
        const WideInt t = a % b;
        a = b;
        b = t;
    }
    append_wide(out, num / a);
    out += '/';
    append_wide(out, den / a);
}

char* write_fraction_seconds(char* out, const PulseTime& time) {
    // Not a whole microsecond: rare, so the string path is fast enough.
    std::string text;
    append_exact_seconds(text, time);
    return write_text(out, text);
}

std::string number_text(const Rational& value) { return value.to_string(18); }

void QuantisationTracker::record(const ScheduledPulse& pulse) {
    Worst& w = worst_[pulse.plan->index];
    ++w.pulses;
    const std::int64_t off = pulse.time.rem * 2 >= pulse.time.den ? pulse.time.den - pulse.time.rem
                                                                   : pulse.time.rem;
    // off/den > w.off/w.den, compared exactly.
    if (static_cast<WideInt>(off) * w.den > static_cast<WideInt>(w.off) * pulse.time.den) {
        w.off = off;
        w.den = pulse.time.den;
    }
}

DiagnosticList QuantisationTracker::diagnostics(const Schedule& schedule, EmitFormat format) const {
    const bool csv = format == EmitFormat::Csv;
    DiagnosticList list;
    for (std::size_t i = 0; i < worst_.size(); ++i) {
        const Worst& w = worst_[i];
        if (w.pulses == 0) {
            continue;
        }
        const Rational err(w.off, w.den);
        const std::string columns = csv ? "t_us and t_s columns round" : "t_us column rounds";
        const std::string message = std::to_string(w.pulses) +
                                    " pulse times of this statement are not whole "
                                    "microseconds; the " +
                                    columns + " them to the nearest microsecond (largest error " +
                                    err.to_string(6) + " us, about " + err.to_decimal(3) + " us)";
        Diagnostic& d = list.warning("W0901", message, schedule.stimuli[i].range);
        d.notes.push_back({csv ? "the JSON table (--target json) keeps every time exact in t_s"
                               : "the t_s member keeps every time exact",
                           std::nullopt});
    }
    return list;
}

std::vector<IntensityText> intensity_texts(const StimulusPlan& plan) {
    std::vector<IntensityText> out;
    for (std::int64_t j = 0; j < (plan.second ? 2 : 1); ++j) {
        const ScheduledIntensity& i = plan.intensity_of(j);
        out.push_back({number_text(i.written.percent), intensity_ref_spelling(i.written.ref),
                       i.mso ? number_text(*i.mso) : std::string()});
    }
    return out;
}

} // namespace tmsc::emit
