#include "targets/magstim/magstim_rapid2_plan.hpp"

#include "support/show.hpp"

namespace tmsc::targets::rapid2 {

void Planner::refuse_bursts(const TargetTrain& t) {
    const Rational min_train = limits_.grids.at("duration_s").min();
    const Rational burst_train = Rational(t.pulses_per_unit) / t.pulse_rate_hz();
    const Rational burst_span = Rational(t.pulses_per_unit - 1) * t.pulse_period_s;
    Diagnostic& d = refuse(
        out_, "T0201",
        std::string(kName) + " cannot run bursts as serial-programmed trains: a burst of " +
            std::to_string(t.pulses_per_unit) + " pulses at " + show(t.pulse_rate_hz(), "Hz") +
            " is a train of " + show(burst_train, "s") + " (" + show(burst_span, "s") +
            " first to last pulse), shorter than the " + show(min_train, "s") + " minimum train",
        t.range);
    d.notes.push_back(
        {provenance_note(profile_, limits_.grids.at("duration_s").provenance), std::nullopt});
    if (profile_.energy) {
        d.notes.push_back({"one fire runs one train and the device locks out for " +
                               show(profile_.energy->min_wait_s, "s") +
                               " after each; these bursts start every " +
                               show(t.unit_period_s, "s"),
                           std::nullopt});
    }
}

bool Planner::plan_train_mode(const TargetTrain& t, SerialTrain& s) {
    const ValueGrid& rates = limits_.grids.at("rate_hz");
    const auto rate =
        on_grid(out_, kName, "frequency", rates, t.unit_rate_hz(), Rounding::Down, "Hz", t.range);
    if (!rate || !check_count(out_, kName, "pulses per train", t.units, limits_.counts.at("pulses"),
                              t.range)) {
        return false;
    }
    const Rational on_time = Rational(t.units) / *rate;
    if (*rate != t.unit_rate_hz()) {
        report_.add("T0102", "frequency", t.unit_rate_hz(), *rate, "Hz",
                    "each train's on-time " + show(t.on_time_s, "s") + " -> " + show(on_time, "s"),
                    t.range);
    }
    const ValueGrid& durations = limits_.grids.at("duration_s");
    if (on_time < durations.min()) {
        refuse(out_, "T0201",
               std::string(kName) + ": a train of " + std::to_string(t.units) + " pulses at " +
                   show(*rate, "Hz") + " lasts " + show(on_time, "s") + ", shorter than the " +
                   show(durations.min(), "s") + " minimum train",
               t.range)
            .notes.push_back({provenance_note(profile_, durations.provenance), std::nullopt});
        return false;
    }
    const auto duration =
        on_grid(out_, kName, "train duration", durations, on_time, Rounding::Up, "s", t.range);
    if (!duration) {
        return false;
    }
    s.settings.frequency_tenths = (*rate * Rational(10)).floor();
    s.settings.pulses = t.units;
    s.settings.duration_tenths = (*duration * Rational(10)).floor();
    s.settings.duration_exact = *duration == on_time;
    s.device.unit_period_s = Rational(1) / *rate;
    s.device.on_time_s = on_time;
    s.device.first_to_last_s = Rational(t.units - 1) / *rate;
    return true;
}

std::optional<SerialTrain> Planner::plan(const TargetTrain& t) {
    if (t.kind == StimulusKind::Paired) {
        refuse(out_, "T0202",
               std::string(kName) + " has no paired-pulse command; pulses " +
                   show(t.pulse_period_s * Rational(1000), "ms") +
                   " apart need a BiStim2 or two stimulators",
               t.range);
        return std::nullopt;
    }
    if (t.has_bursts()) {
        refuse_bursts(t);
        return std::nullopt;
    }
    const auto power = on_grid(out_, kName, "intensity", profile_.power_mso, t.power_mso,
                               Rounding::Down, "%MSO", t.range);
    if (!power) {
        return std::nullopt;
    }
    if (*power != t.power_mso) {
        report_.add("T0101", "intensity", t.power_mso, *power, "%MSO",
                    "no pulse time or count changes", t.range);
    }
    SerialTrain s{t, {}};
    s.device.power_mso = *power;
    s.device.onset_s = Rational(times_.round(t.onset_s), 1000000);
    s.settings.power = power->floor();
    s.settings.single = t.kind == StimulusKind::Pulse;
    if (!s.settings.single && !plan_train_mode(t, s)) {
        return std::nullopt;
    }
    return s;
}

} // namespace tmsc::targets::rapid2
