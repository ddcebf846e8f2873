#include "targets/devices/device_rules.hpp"

#include "support/show.hpp"

namespace tmsc::targets {

const char* device_rule_name(DeviceRule rule) {
    switch (rule) {
    case DeviceRule::PowerRange:
        return "power-range";
    case DeviceRule::Waveform:
        return "waveform";
    case DeviceRule::RateRange:
        return "rate-range";
    case DeviceRule::RateAtPower:
        return "rate-at-power";
    case DeviceRule::TrainEnergy:
        return "train-energy";
    case DeviceRule::RestAfterTrain:
        return "rest-after-train";
    }
    return "unknown";
}

Rational demand_on_time_s(const TrainDemand& d) {
    if (d.units > 1 || (d.units == 1 && !d.unit_rate_hz.is_zero())) {
        return Rational(d.units) / d.unit_rate_hz;
    }
    if (d.pulses_per_unit > 1) {
        return Rational(d.pulses_per_unit) / d.pulse_rate_hz;
    }
    return Rational(0);
}

std::optional<Rational> demand_peak_rate_hz(const TrainDemand& d) {
    Rational peak;
    const auto consider_gap = [&peak](const Rational& gap) {
        if (gap.is_zero() || gap.is_negative()) {
            return false;
        }
        const Rational rate = Rational(1) / gap;
        peak = rate > peak ? rate : peak;
        return true;
    };
    if (d.pulses_per_unit > 1) {
        peak = d.pulse_rate_hz;
    }
    if (d.units > 1) {
        // Between units: a whole period, less the span of a burst.
        Rational gap = Rational(1) / d.unit_rate_hz;
        if (d.pulses_per_unit > 1) {
            gap = gap - Rational(d.pulses_per_unit - 1) / d.pulse_rate_hz;
        }
        if (!consider_gap(gap)) {
            return std::nullopt;
        }
    }
    if (d.rest_after_s && !consider_gap(*d.rest_after_s)) {
        return std::nullopt;
    }
    return peak;
}

std::optional<Rational> max_on_time_s(const EnergyRules& rules, const Rational& joules,
                                      const Rational& rate_hz) {
    const Rational power_w = joules * rate_hz;
    if (power_w.is_zero()) {
        return std::nullopt;
    }
    return rules.train_energy_j / power_w;
}

Rational required_rest_s(const EnergyRules& rules, const Rational& joules, const Rational& rate_hz,
                         std::int64_t pulses) {
    const Rational heat = Rational(pulses) * (rate_hz * joules - rules.dissipation_w) /
                          (rules.dissipation_w * rate_hz);
    return heat > rules.min_wait_s ? heat : rules.min_wait_s;
}

namespace {

/// Adds a breach.
void breach(std::vector<RuleBreach>& out, DeviceRule rule, std::string message,
            const Rational& actual, const Rational& limit, const Provenance& provenance) {
    out.push_back({rule, std::move(message), actual, limit, provenance});
}

void check_burst_shape(const WaveformSpec& w, const TrainDemand& d, std::vector<RuleBreach>& out) {
    if (!w.burst_pulses->contains(d.pulses_per_unit)) {
        breach(out, DeviceRule::RateRange,
               std::to_string(d.pulses_per_unit) + " pulses per burst is outside the " +
                   std::to_string(w.burst_pulses->min) + ".." +
                   std::to_string(w.burst_pulses->max) + " the " + w.name + " waveform allows",
               Rational(d.pulses_per_unit), Rational(w.burst_pulses->max),
               w.burst_pulses->provenance);
    }
    const Rational interval = Rational(1) / d.pulse_rate_hz;
    const ValueGrid& g = *w.burst_interval_s;
    if (interval < g.min() || interval > g.max()) {
        breach(out, DeviceRule::RateRange,
               "pulse interval " + show(interval * Rational(1000), "ms") +
                   " inside a burst is outside the " + g.describe("s") + " the " + w.name +
                   " waveform allows",
               interval, interval < g.min() ? g.min() : g.max(), g.provenance);
    }
}

void check_rates(const DeviceProfile& p, const WaveformSpec& w, const TrainDemand& d,
                 const std::optional<Rational>& peak, std::vector<RuleBreach>& out) {
    const bool burst_waveform = w.burst_pulses.has_value() && d.pulses_per_unit > 1;
    if (burst_waveform) {
        check_burst_shape(w, d, out);
    }
    // With a burst waveform the grid bounds the burst rate; otherwise every pulse rate.
    const std::optional<Rational> fastest = burst_waveform ? std::optional(d.unit_rate_hz) : peak;
    const std::string what = burst_waveform ? "burst rate " : "pulse rate ";
    if (!fastest) {
        breach(out, DeviceRule::RateRange, "two pulses fall at the same instant", Rational(0),
               Rational(0), w.rate_hz.provenance);
    } else if (*fastest > w.rate_hz.max()) {
        breach(out, DeviceRule::RateRange,
               what + show(*fastest, "Hz") + " is above the " + show(w.rate_hz.max(), "Hz") +
                   " maximum of the " + w.name + " waveform on the " + p.display_name,
               *fastest, w.rate_hz.max(), w.rate_hz.provenance);
    }
    if (d.units > 1 && d.unit_rate_hz < w.rate_hz.min()) {
        breach(out, DeviceRule::RateRange,
               "rate " + show(d.unit_rate_hz, "Hz") + " is below the " +
                   show(w.rate_hz.min(), "Hz") + " minimum of the " + w.name + " waveform",
               d.unit_rate_hz, w.rate_hz.min(), w.rate_hz.provenance);
    }
}

void check_rate_at_power(const DeviceProfile& p, const TrainDemand& d,
                         const std::optional<Rational>& peak, std::vector<RuleBreach>& out) {
    if (!p.max_rate_hz || !peak) {
        return;
    }
    const Rational& limit = p.max_rate_hz->at(d.power_mso);
    if (*peak > limit) {
        breach(out, DeviceRule::RateAtPower,
               "pulses at " + show(*peak, "Hz") + " are faster than the " + show(limit, "Hz") +
                   " the " + p.display_name + " allows at " + std::to_string(d.power_mso.ceil()) +
                   " %MSO",
               *peak, limit, p.max_rate_hz->provenance);
    }
}

void check_energy(const DeviceProfile& p, const TrainDemand& d, std::vector<RuleBreach>& out) {
    const Rational on_time = demand_on_time_s(d);
    const std::int64_t pulses = demand_pulses(d);
    if (!p.energy || on_time.is_zero() || pulses < 2) {
        return; // single pulses are bounded by the rate table, not by train energy
    }
    const EnergyRules& e = *p.energy;
    const Rational joules = e.joules_per_pulse.at(d.power_mso);
    const Rational mean_rate = Rational(pulses) / on_time;
    const std::string train = std::to_string(pulses) + " pulses at " + show(mean_rate, "Hz") +
                              " and " + std::to_string(d.power_mso.ceil()) + " %MSO (" +
                              show(joules, "J") + " per pulse)";
    const std::optional<Rational> t_max = max_on_time_s(e, joules, mean_rate);
    if (!t_max || *t_max > e.continuous_above_s) {
        if (pulses > e.continuous_max_pulses) {
            breach(out, DeviceRule::TrainEnergy,
                   train + " exceed the " + std::to_string(e.continuous_max_pulses) +
                       " pulses a continuous train may have",
                   Rational(pulses), Rational(e.continuous_max_pulses), e.provenance);
        }
    } else if (on_time > *t_max) {
        breach(out, DeviceRule::TrainEnergy,
               "a train of " + train + " may last at most " + show(*t_max, "s") + "; it lasts " +
                   show(on_time, "s"),
               on_time, *t_max, e.provenance);
    }
    if (d.rest_after_s) {
        const Rational rest = required_rest_s(e, joules, mean_rate, pulses);
        if (*d.rest_after_s < rest) {
            breach(out, DeviceRule::RestAfterTrain,
                   "after " + train + " the device needs " + show(rest, "s") +
                       " of rest; the next train starts " + show(*d.rest_after_s, "s") +
                       " after the last pulse",
                   *d.rest_after_s, rest, e.provenance);
        }
    }
}

} // namespace

std::vector<RuleBreach> check_train(const DeviceProfile& profile, const TrainDemand& demand) {
    std::vector<RuleBreach> out;
    const ValueGrid& power = profile.power_mso;
    if (demand.power_mso < power.min() || demand.power_mso > power.max()) {
        breach(out, DeviceRule::PowerRange,
               "intensity " + show(demand.power_mso, "%MSO") + " is outside the output range " +
                   power.describe("%MSO"),
               demand.power_mso, demand.power_mso < power.min() ? power.min() : power.max(),
               power.provenance);
        return out; // the tables have no row for it
    }
    const std::optional<Rational> peak = demand_peak_rate_hz(demand);
    if (const WaveformSpec* w = profile.waveform(demand.waveform)) {
        check_rates(profile, *w, demand, peak, out);
    } else {
        std::string offered;
        for (const WaveformSpec& each : profile.waveforms) {
            offered += (offered.empty() ? "" : ", ") + each.name;
        }
        breach(out, DeviceRule::Waveform,
               "the " + profile.display_name + " has no " + demand.waveform +
                   " waveform (it offers " + offered + ")",
               Rational(0), Rational(0), Provenance{});
    }
    check_rate_at_power(profile, demand, peak, out);
    check_energy(profile, demand, out);
    return out;
}

} // namespace tmsc::targets
