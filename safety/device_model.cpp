#include "safety/device_model.hpp"

#include "compiler/check/values.hpp"

#include <algorithm>
#include <map>

namespace tmsc::safety {

const Rational& PowerSteps::at(const Rational& power_mso) const {
    const auto last = static_cast<std::int64_t>(values.size()) - 1;
    return values[static_cast<std::size_t>(std::clamp<std::int64_t>(power_mso.ceil(), 0, last))];
}

const WaveformLimits* DeviceLimits::waveform(const std::string& waveform_name) const {
    for (const WaveformLimits& w : waveforms) {
        if (w.name == waveform_name) {
            return &w;
        }
    }
    return nullptr;
}

const char* device_rule_id(DeviceRuleKind kind) {
    switch (kind) {
    case DeviceRuleKind::PowerRange: return "device.power-range";
    case DeviceRuleKind::RateAtPower: return "device.rate-at-power";
    case DeviceRuleKind::WaveformRate: return "device.waveform-rate";
    case DeviceRuleKind::TrainEnergy: return "device.train-energy";
    case DeviceRuleKind::RestAfter: return "device.rest-after-train";
    }
    return "device";
}

const char* device_rule_code(DeviceRuleKind kind) {
    switch (kind) {
    case DeviceRuleKind::PowerRange: return "S0501";
    case DeviceRuleKind::RateAtPower:
    case DeviceRuleKind::WaveformRate: return "S0502";
    case DeviceRuleKind::TrainEnergy: return "S0503";
    case DeviceRuleKind::RestAfter: return "S0504";
    }
    return "S0501";
}

namespace {

/// The `paired` statements of the session by source offset: the model keeps no interval for a
/// pair (no safety rule needs it), the device's rate limit does.
void collect_pairs(const std::vector<ast::Statement>& body,
                   std::map<std::size_t, const ast::Paired*>& out) {
    for (const ast::Statement& s : body) {
        if (const auto* p = std::get_if<ast::Paired>(&s.node)) {
            out[p->range.begin.offset] = p;
        } else if (const auto* r = std::get_if<ast::Repeat>(&s.node)) {
            collect_pairs(r->body, out);
        } else if (const auto* b = std::get_if<ast::Block>(&s.node)) {
            collect_pairs(b->body, out);
        }
    }
}

class Builder {
  public:
    Builder(const SafetyModel& model, const DeviceTarget& target)
        : model_(model), target_(target), device_(*target.limits) {}

    DeviceModel run();

  private:
    std::optional<Expr> mso(const IntensityTerm& term) const;
    std::optional<Expr> power(const std::vector<IntensityTerm>& terms, const SourceRange& range);
    Expr value(const ast::Value& v) const;
    void add_train(std::size_t index);
    void add_pulse(std::size_t index, const std::map<std::size_t, const ast::Paired*>& pairs);
    void choose_waveform();
    void obligations(std::size_t index);
    Expr faster_than(const DeviceStimulus& s, const Rational& limit_hz) const;
    Expr energy_broken(const DeviceStimulus& s, const Rational& joules) const;

    const SafetyModel& model_;
    const DeviceTarget& target_;
    const DeviceLimits& device_;
    DeviceModel out_;
};

std::optional<Expr> Builder::mso(const IntensityTerm& term) const {
    if (term.ref == IntensityRef::Mso) {
        return term.percent;
    }
    const bool rmt = term.ref == IntensityRef::Rmt;
    const std::optional<Rational>& given = rmt ? target_.rmt_mso : target_.amt_mso;
    if (given) {
        return term.percent * num(*given) / num(Rational(100));
    }
    const std::optional<std::size_t>& declared = rmt ? model_.rmt : model_.amt;
    if (declared) {
        return term.percent * Expr::variable(*declared) / num(Rational(100));
    }
    return std::nullopt;
}

std::optional<Expr> Builder::power(const std::vector<IntensityTerm>& terms, const SourceRange& range) {
    std::optional<Expr> highest;
    for (const IntensityTerm& term : terms) {
        const std::optional<Expr> p = mso(term);
        if (!p) {
            const char* name = term.ref == IntensityRef::Amt ? "amt" : "rmt";
            out_.problems.push_back(
                {"S0505", range,
                 std::string("the ") + device_.name + " cannot be checked here: intensity in " +
                     intensity_ref_spelling(term.ref) + " has no %MSO value",
                 std::string("a stimulator is programmed in %MSO: declare `subject ") + name +
                     " in LO..HI %MSO` (proved for every value) or give --" + name});
            return std::nullopt;
        }
        highest = highest ? ite(*highest >= *p, *highest, *p) : *p;
    }
    return highest;
}

Expr Builder::value(const ast::Value& v) const {
    if (const auto* lit = std::get_if<ast::Literal>(&v.node)) {
        return num(canonical(*lit));
    }
    const std::string& name = std::get<ast::ParamRef>(v.node).name.text;
    for (std::size_t i = 0; i < model_.variables.size(); ++i) {
        if (model_.variables[i].kind == Variable::Kind::Param && model_.variables[i].name == name) {
            return Expr::variable(i);
        }
    }
    return num(Rational(0)); // the resolver guarantees the parameter exists
}

void Builder::add_train(std::size_t index) {
    const TrainItem& t = model_.trains[index];
    DeviceStimulus s;
    s.ref = {EventRef::Kind::Train, index};
    s.key = t.key;
    s.range = t.range;
    const auto p = power(t.intensities, t.range);
    if (!p) {
        return;
    }
    s.power_mso = *p;
    if (t.burst_pulses) {
        const Expr inside = num(Rational(1)) / *t.burst_frequency;
        s.inside.push_back({inside, *t.burst_pulses >= num(Rational(2)), "inside a burst"});
        s.inside.push_back({num(Rational(1)) / t.rate - (*t.burst_pulses - num(Rational(1))) * inside,
                            t.units >= num(Rational(2)), "in consecutive bursts"});
    } else {
        s.inside.push_back({num(Rational(1)) / t.rate, t.units >= num(Rational(2)), "of the train"});
    }
    s.pulses = t.pulses;
    s.on_time = t.duration;
    s.energy_counts = t.pulses >= num(Rational(2));
    s.unit_rate = t.rate;
    out_.stimuli.push_back(std::move(s));
}

void Builder::add_pulse(std::size_t index, const std::map<std::size_t, const ast::Paired*>& pairs) {
    const PulseItem& pulse = model_.pulses[index];
    DeviceStimulus s;
    s.ref = {EventRef::Kind::Pulse, index};
    s.key = pulse.key;
    s.range = pulse.range;
    const auto p = power(pulse.intensities, pulse.range);
    if (!p) {
        return;
    }
    s.power_mso = *p;
    s.pulses = num(Rational(pulse.paired ? 2 : 1));
    s.on_time = num(Rational(0));
    s.energy_counts = Expr::boolean(false);
    const auto pair = pairs.find(pulse.range.begin.offset);
    if (pulse.paired && pair != pairs.end()) {
        const Expr interval = value(pair->second->interval);
        s.inside.push_back({interval, Expr::boolean(true), "of the pair"});
        s.on_time = num(Rational(2)) * interval;
        s.energy_counts = Expr::boolean(true);
    }
    out_.stimuli.push_back(std::move(s));
}

void Builder::choose_waveform() {
    const ResolvedProtocol& p = *model_.protocol;
    std::string name = p.ast->waveform ? p.ast->waveform->text : "biphasic";
    // Bursts are delivered as single pulses unless a back end programs them (as compile does).
    if (name == "biphasic_burst" && device_.waveform("biphasic")) {
        name = "biphasic";
    }
    out_.waveform = device_.waveform(name);
    if (!out_.waveform && !out_.stimuli.empty()) {
        std::string offered;
        for (const WaveformLimits& w : device_.waveforms) {
            offered += (offered.empty() ? "" : ", ") + w.name;
        }
        out_.problems.push_back({"S0506", p.ast->waveform ? p.ast->waveform->range : p.session->range,
                                 "the " + device_.display_name + " has no " + name +
                                     " waveform (it offers " + offered + ")",
                                 ""});
    }
}

Expr Builder::faster_than(const DeviceStimulus& s, const Rational& limit_hz) const {
    // An interval shorter than 1 / limit is a rate above it (an interval of 0 is two pulses at
    // one instant, which no device delivers).
    Expr broken = Expr::boolean(false);
    for (const PulseInterval& i : s.inside) {
        broken = broken || (i.exists && i.seconds * num(limit_hz) < num(Rational(1)));
    }
    for (std::size_t g : s.gaps) {
        const GapItem& gap = model_.gaps[g];
        broken = broken || (gap.exists && gap.silence * num(limit_hz) < num(Rational(1)));
    }
    return broken;
}

Expr Builder::energy_broken(const DeviceStimulus& s, const Rational& joules) const {
    // t_on_max = E_train / (E f) with f = N / on-time: a train runs past it exactly when
    // N E > E_train; t_on_max > continuous_above exactly when N E continuous_above < E_train
    // on-time, and then only the continuous pulse cap applies.
    const EnergyLimits& e = *device_.energy;
    const Expr energy = s.pulses * num(joules);
    return ite(energy * num(e.continuous_above_s) < num(e.train_energy_j) * s.on_time,
               s.pulses > num(Rational(e.continuous_max_pulses)), energy > num(e.train_energy_j));
}

void Builder::obligations(std::size_t index) {
    const DeviceStimulus& s = out_.stimuli[index];
    auto add = [&](DeviceRuleKind kind, Expr violation, std::optional<std::size_t> gap = std::nullopt) {
        out_.obligations.push_back({kind, index, gap, std::move(violation)});
    };
    add(DeviceRuleKind::PowerRange,
        s.power_mso > num(device_.max_power_mso) || s.power_mso < num(device_.min_power_mso));
    if (device_.max_rate_hz) {
        add(DeviceRuleKind::RateAtPower, by_power(s.power_mso, *device_.max_rate_hz, [&](const Rational& hz) {
                return faster_than(s, hz);
            }));
    }
    if (out_.waveform) {
        Expr slow = s.unit_rate ? (model_.trains[s.ref.index].units >= num(Rational(2)) &&
                                   *s.unit_rate < num(out_.waveform->min_rate_hz))
                                : Expr::boolean(false);
        add(DeviceRuleKind::WaveformRate, faster_than(s, out_.waveform->max_rate_hz) || slow);
    }
    if (!device_.energy) {
        return;
    }
    const EnergyLimits& e = *device_.energy;
    add(DeviceRuleKind::TrainEnergy, s.energy_counts && by_power(s.power_mso, e.joules_per_pulse, [&](const Rational& j) {
            return energy_broken(s, j);
        }));
    for (std::size_t g : s.gaps) {
        const GapItem& gap = model_.gaps[g];
        // Rest needed: max(min_wait, N (f E - D) / (D f)) = max(min_wait, N E / D - on-time).
        const Expr rest = by_power(s.power_mso, e.joules_per_pulse, [&](const Rational& j) {
            return gap.silence < num(e.min_wait_s) ||
                   gap.silence + s.on_time < s.pulses * num(j / e.dissipation_w);
        });
        add(DeviceRuleKind::RestAfter, gap.exists && s.energy_counts && rest, g);
    }
}

DeviceModel Builder::run() {
    std::map<std::size_t, const ast::Paired*> pairs;
    collect_pairs(model_.protocol->session->body, pairs);
    for (std::size_t i = 0; i < model_.trains.size(); ++i) {
        if (!model_.trains[i].series) {
            add_train(i); // a series' pulses are stimuli of their own
        }
    }
    for (std::size_t i = 0; i < model_.pulses.size(); ++i) {
        add_pulse(i, pairs);
    }
    for (DeviceStimulus& s : out_.stimuli) {
        for (std::size_t g = 0; g < model_.gaps.size(); ++g) {
            const EventRef& before = model_.gaps[g].before;
            if (before.kind == s.ref.kind && before.index == s.ref.index) {
                s.gaps.push_back(g);
            }
        }
    }
    choose_waveform();
    for (std::size_t i = 0; i < out_.stimuli.size(); ++i) {
        obligations(i);
    }
    return std::move(out_);
}

} // namespace

DeviceModel build_device_model(const SafetyModel& model, const DeviceTarget& target) {
    return Builder(model, target).run();
}

} // namespace tmsc::safety
