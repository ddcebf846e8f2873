#include "targets/backend_support.hpp"

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
    case DeviceRule::RateAtPower: return "T0203";
    case DeviceRule::TrainEnergy: return "T0205";
    case DeviceRule::RestAfterTrain: return "T0206";
    case DeviceRule::PowerRange:
    case DeviceRule::Waveform:
    case DeviceRule::RateRange: return "T0204";
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
                                  std::string(backend) + " cannot run this on the " +
                                      profile.name + ": " + b.message,
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
        const auto breaches =
            check_train(profile, demand_of(t, waveform, i + 1 == trains.size()));
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

} // namespace tmsc::targets
