#include "targets/backend/backend_support.hpp"

#include "support/show.hpp"

namespace tmsc::targets {

std::string device_waveform(const DeviceProfile& profile, const std::string& session_waveform,
                            bool has_bursts, bool hardware_bursts) {
    if (has_bursts && hardware_bursts) {
        return "biphasic_burst";
    }
    if (session_waveform == "biphasic_burst" && profile.waveform("biphasic")) {
        return "biphasic"; // bursts delivered as single biphasic pulses
    }
    return session_waveform;
}

TrainDemand demand_of(const TargetTrain& train, std::string waveform, bool is_last) {
    TrainDemand d;
    d.power_mso = train.second_power_mso && *train.second_power_mso > train.power_mso
                      ? *train.second_power_mso
                      : train.power_mso;
    d.units = train.units;
    d.pulses_per_unit = train.pulses_per_unit;
    d.unit_rate_hz = train.unit_rate_hz();
    d.pulse_rate_hz = train.pulse_rate_hz();
    if (!is_last) {
        d.rest_after_s = train.rest_after_last_pulse_s();
    }
    d.waveform = std::move(waveform);
    return d;
}

const char* breach_code(DeviceRule rule) {
    switch (rule) {
    case DeviceRule::RateAtPower:
        return "T0203";
    case DeviceRule::TrainEnergy:
        return "T0205";
    case DeviceRule::RestAfterTrain:
        return "T0206";
    case DeviceRule::PowerRange:
    case DeviceRule::Waveform:
    case DeviceRule::RateRange:
        return "T0204";
    }
    return "T0204";
}

std::string provenance_note(const DeviceProfile& profile, const Provenance& provenance) {
    const auto it = profile.sources.find(provenance.source);
    if (it == profile.sources.end()) {
        return "limit from the device profile " + profile.name;
    }
    return "limit from " + provenance.source + " " +
           std::string(confidence_tag(provenance.confidence)) + ": " + it->second.citation;
}

void report_breaches(DiagnosticList& out, std::string_view backend, const DeviceProfile& profile,
                     const std::vector<RuleBreach>& breaches, const SourceRange& range) {
    for (const RuleBreach& b : breaches) {
        Diagnostic& d = out.error(breach_code(b.rule),
                                  std::string(backend) + " cannot run this on the " + profile.name +
                                      ": " + b.message,
                                  range);
        d.notes.push_back({provenance_note(profile, b.provenance), std::nullopt});
    }
}

bool check_program(DiagnosticList& out, std::string_view backend, const DeviceProfile& profile,
                   const std::vector<TargetTrain>& trains, const std::string& session_waveform,
                   bool hardware_bursts) {
    bool ok = true;
    for (std::size_t i = 0; i < trains.size(); ++i) {
        const TargetTrain& t = trains[i];
        const std::string waveform =
            device_waveform(profile, session_waveform, t.has_bursts(), hardware_bursts);
        const auto breaches = check_train(profile, demand_of(t, waveform, i + 1 == trains.size()));
        report_breaches(out, backend, profile, breaches, t.range);
        ok = ok && breaches.empty();
    }
    return ok;
}

const FormatLimits* format_limits(DiagnosticList& out, std::string_view backend,
                                  std::string_view format, const DeviceProfile& profile,
                                  const SourceRange& range) {
    if (const FormatLimits* limits = profile.format(format)) {
        return limits;
    }
    out.error("T0204",
              std::string(backend) + ": the device profile " + profile.name +
                  " has no limits for the " + std::string(format) +
                  " format, so nothing can be checked",
              range);
    return nullptr;
}

Diagnostic& refuse(DiagnosticList& out, std::string_view code, std::string message,
                   const SourceRange& range) {
    return out.error(code, std::move(message), range);
}

bool check_count(DiagnosticList& out, std::string_view backend, std::string_view what,
                 std::int64_t value, const CountRange& range, const SourceRange& where) {
    if (range.contains(value)) {
        return true;
    }
    out.error("T0204",
              std::string(backend) + ": " + std::string(what) + ' ' + std::to_string(value) +
                  " is outside the device's " + std::to_string(range.min) + ".." +
                  std::to_string(range.max),
              where);
    return false;
}

std::optional<Rational> on_grid(DiagnosticList& out, std::string_view backend,
                                std::string_view what, const ValueGrid& grid, const Rational& value,
                                Rounding rounding, std::string_view unit,
                                const SourceRange& range) {
    if (value >= grid.min() && value <= grid.max()) {
        if (auto snapped = snap(grid, value, rounding)) {
            return snapped;
        }
    }
    out.error("T0204",
              std::string(backend) + ": " + std::string(what) + ' ' + show(value, unit) +
                  " is outside the device's " + grid.describe(unit),
              range);
    return std::nullopt;
}

std::int64_t MicrosecondRounding::round(const Rational& seconds) {
    const Rational micros = seconds * Rational(1000000);
    const Rational floor(micros.floor());
    const std::int64_t nearest =
        micros - floor >= Rational(1, 2) ? micros.floor() + 1 : micros.floor();
    const Rational shift = Rational(nearest) - micros;
    const Rational size = shift.is_negative() ? -shift : shift;
    if (!size.is_zero()) {
        ++moved_;
        largest_ = size > largest_ ? size : largest_;
    }
    return nearest;
}

void MicrosecondRounding::emit(DiagnosticList& out, std::string_view backend, std::string_view what,
                               const SourceRange& range) const {
    if (moved_ == 0) {
        return;
    }
    out.warning("T0105",
                std::string(backend) + ": " + std::to_string(moved_) + ' ' + std::string(what) +
                    " rounded to whole microseconds (largest shift " + show(largest_, "us") +
                    "); no total changes by a whole microsecond",
                range);
}

void link_trains(std::vector<TargetTrain>& trains, const Rational& end) {
    for (std::size_t i = 0; i < trains.size(); ++i) {
        trains[i].next_onset_s = i + 1 < trains.size() ? trains[i + 1].onset_s : end;
    }
}

SessionTotals totals_of(const std::vector<TargetTrain>& trains, const Rational& end) {
    SessionTotals t;
    t.end_s = end;
    for (const TargetTrain& train : trains) {
        t.pulses += train.pulses();
    }
    if (!trains.empty()) {
        t.span_s = trains.back().last_pulse_s() - trains.front().onset_s;
    }
    return t;
}

} // namespace tmsc::targets
