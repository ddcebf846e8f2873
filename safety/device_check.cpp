#include "safety/device_check.hpp"

#include "safety/describe.hpp"
#include "safety/device_model.hpp"
#include "safety/smt/bounds.hpp"

namespace tmsc::safety {

namespace {

/// A value with its unit for messages: "50 Hz", "0.02 s", "134.2 J".
std::string show(const Rational& value, const char* unit) {
    Variable v;
    v.unit = unit;
    return format_variable(v, value);
}

std::string at(const SourceRange& range) {
    return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

Rational eval(const Expr& e, const Assignment& values) {
    return evaluate(e, values).value_or(Rational(0));
}

bool holds(const Expr& e, const Assignment& values) {
    return evaluate_bool(e, values).value_or(false);
}

/// One broken device rule at concrete values, computed without the solver.
struct Breach {
    std::string message;
    Rational actual;
    Rational limit;
    std::string unit;
    const LimitSource* source = nullptr;
};

/// The plain counterpart of the symbolic rules: the same formulas as targets/devices/device_rules.cpp
/// on one assignment. It describes a counterexample and cross-checks the solver's answer.
class Plain {
  public:
    Plain(const SafetyModel& model, const DeviceLimits& device, const DeviceModel& dm,
          const Assignment& values)
        : model_(model), device_(device), dm_(dm), values_(values) {}

    std::optional<Breach> judge(const DeviceObligation& o) const;

  private:
    std::optional<Breach> power_range(const DeviceStimulus& s) const;
    std::optional<Breach> too_fast(const DeviceStimulus& s, const Rational& limit, bool by_power,
                                   const LimitSource& source) const;
    std::optional<Breach> too_slow(const DeviceStimulus& s) const;
    std::optional<Breach> energy(const DeviceStimulus& s) const;
    std::optional<Breach> rest(const DeviceStimulus& s, std::size_t gap) const;
    std::string train_text(const DeviceStimulus& s) const;
    std::string next_stimulus(const DeviceStimulus& s, const GapItem& gap) const;

    const SafetyModel& model_;
    const DeviceLimits& device_;
    const DeviceModel& dm_;
    const Assignment& values_;
};

std::optional<Breach> Plain::judge(const DeviceObligation& o) const {
    const DeviceStimulus& s = dm_.stimuli[o.stimulus];
    const Rational power = eval(s.power_mso, values_);
    switch (o.kind) {
    case DeviceRuleKind::PowerRange: return power_range(s);
    case DeviceRuleKind::RateAtPower:
        return too_fast(s, device_.max_rate_hz->at(power), true, device_.max_rate_hz->source);
    case DeviceRuleKind::WaveformRate:
        if (auto slow = too_slow(s)) return slow;
        return too_fast(s, dm_.waveform->max_rate_hz, false, dm_.waveform->source);
    case DeviceRuleKind::TrainEnergy: return energy(s);
    case DeviceRuleKind::RestAfter: return rest(s, *o.gap);
    }
    return std::nullopt;
}

std::optional<Breach> Plain::power_range(const DeviceStimulus& s) const {
    const Rational p = eval(s.power_mso, values_);
    if (p > device_.max_power_mso) {
        return Breach{"intensity " + show(p, "%MSO") + " is above the " + show(device_.max_power_mso, "%MSO") +
                          " maximum output of the " + device_.display_name,
                      p, device_.max_power_mso, "%MSO", &device_.power_source};
    }
    if (p < device_.min_power_mso) {
        return Breach{"intensity " + show(p, "%MSO") + " is below the " + show(device_.min_power_mso, "%MSO") +
                          " minimum output of the " + device_.display_name,
                      p, device_.min_power_mso, "%MSO", &device_.power_source};
    }
    return std::nullopt;
}

std::optional<Breach> Plain::too_fast(const DeviceStimulus& s, const Rational& limit, bool by_power,
                                      const LimitSource& source) const {
    std::optional<Rational> shortest;
    std::string what;
    auto consider = [&](const Rational& seconds, const std::string& where) {
        if (!shortest || seconds < *shortest) {
            shortest = seconds;
            what = where;
        }
    };
    for (const PulseInterval& i : s.inside) {
        if (holds(i.exists, values_)) consider(eval(i.seconds, values_), i.what);
    }
    for (std::size_t g : s.gaps) {
        const GapItem& gap = model_.gaps[g];
        if (holds(gap.exists, values_)) {
            consider(eval(gap.silence, values_), "across the gap to " + next_stimulus(s, gap));
        }
    }
    if (!shortest || *shortest * limit >= Rational(1)) {
        return std::nullopt;
    }
    const Rational power = eval(s.power_mso, values_);
    const std::string allowed = by_power ? " the " + device_.display_name + " allows at " +
                                               show(Rational(power.ceil()), "%MSO")
                                         : " maximum of the " + dm_.waveform->name +
                                               " waveform on the " + device_.display_name;
    if (*shortest <= Rational(0)) {
        return Breach{"two pulses " + what + " fall at the same instant; nothing faster than " +
                          show(limit, "Hz") + allowed + " can be delivered",
                      Rational(0), limit, "Hz", &source};
    }
    const Rational rate = Rational(1) / *shortest;
    return Breach{"pulses " + what + " " + show(*shortest, "s") + " apart (" + show(rate, "Hz") + ") at " +
                      show(power, "%MSO") + " are faster than the " + show(limit, "Hz") + allowed,
                  rate, limit, "Hz", &source};
}

std::optional<Breach> Plain::too_slow(const DeviceStimulus& s) const {
    if (!s.unit_rate || eval(model_.trains[s.ref.index].units, values_) < Rational(2)) {
        return std::nullopt;
    }
    const Rational rate = eval(*s.unit_rate, values_);
    if (rate >= dm_.waveform->min_rate_hz) {
        return std::nullopt;
    }
    return Breach{"rate " + show(rate, "Hz") + " is below the " + show(dm_.waveform->min_rate_hz, "Hz") +
                      " minimum of the " + dm_.waveform->name + " waveform on the " + device_.display_name,
                  rate, dm_.waveform->min_rate_hz, "Hz", &dm_.waveform->source};
}

std::string Plain::train_text(const DeviceStimulus& s) const {
    const EnergyLimits& e = *device_.energy;
    const Rational power = eval(s.power_mso, values_);
    const Rational pulses = eval(s.pulses, values_);
    const Rational on_time = eval(s.on_time, values_);
    return pulses.to_string() + " pulses at " + show(pulses / on_time, "Hz") + " and " +
           show(power, "%MSO") + " (" + show(e.joules_per_pulse.at(power), "J") + " per pulse)";
}

std::string Plain::next_stimulus(const DeviceStimulus& s, const GapItem& gap) const {
    if (gap.after.kind == s.ref.kind && gap.after.index == s.ref.index) {
        return "its next repetition";
    }
    return "the stimulus at " + at(model_.range_of(gap.after));
}

std::optional<Breach> Plain::energy(const DeviceStimulus& s) const {
    if (!holds(s.energy_counts, values_)) {
        return std::nullopt;
    }
    const EnergyLimits& e = *device_.energy;
    const Rational joules = e.joules_per_pulse.at(eval(s.power_mso, values_));
    const Rational pulses = eval(s.pulses, values_);
    const Rational on_time = eval(s.on_time, values_);
    const Rational energy = pulses * joules;
    if (energy * e.continuous_above_s < e.train_energy_j * on_time) {
        if (pulses <= Rational(e.continuous_max_pulses)) return std::nullopt;
        return Breach{"a continuous train of " + train_text(s) + " has more than the " +
                          std::to_string(e.continuous_max_pulses) + " pulses the " +
                          device_.display_name + " allows",
                      pulses, Rational(e.continuous_max_pulses), "pulses", &e.source};
    }
    if (energy <= e.train_energy_j) {
        return std::nullopt;
    }
    const Rational longest = e.train_energy_j * on_time / energy; // E_train / (E f)
    return Breach{"a train of " + train_text(s) + " may last at most " + show(longest, "s") + " on the " +
                      device_.display_name + "; it lasts " + show(on_time, "s"),
                  on_time, longest, "s", &e.source};
}

std::optional<Breach> Plain::rest(const DeviceStimulus& s, std::size_t g) const {
    const GapItem& gap = model_.gaps[g];
    if (!holds(s.energy_counts, values_) || !holds(gap.exists, values_)) {
        return std::nullopt;
    }
    const EnergyLimits& e = *device_.energy;
    const Rational joules = e.joules_per_pulse.at(eval(s.power_mso, values_));
    const Rational heat = eval(s.pulses, values_) * joules / e.dissipation_w - eval(s.on_time, values_);
    const Rational needed = heat > e.min_wait_s ? heat : e.min_wait_s;
    const Rational silence = eval(gap.silence, values_);
    if (silence >= needed) {
        return std::nullopt;
    }
    return Breach{"after " + train_text(s) + " the " + device_.display_name + " needs " + show(needed, "s") +
                      " of rest; " + next_stimulus(s, gap) + " starts " +
                      show(silence, "s") + " after the last pulse",
                  silence, needed, "s", &e.source};
}

/// "train of 2 s at 50 Hz, 60 %MSO", "pulse", "pair".
std::string subject_text(const SafetyModel& model, const DeviceStimulus& s, const Assignment& values) {
    if (s.ref.kind == EventRef::Kind::Train) {
        return describe_train(model, model.trains[s.ref.index], 0, values);
    }
    return model.pulses[s.ref.index].paired ? "pair of pulses" : "single pulse";
}

smt::Query make_query(const SafetyModel& model, const DeviceStimulus& s, const DeviceObligation& o) {
    const std::string id = device_rule_id(o.kind);
    std::string label = "violates_" + id + "_L" + std::to_string(s.range.begin.line) + "_C" +
                        std::to_string(s.range.begin.column) + (o.gap ? "_gap" + std::to_string(*o.gap) : "");
    for (char& c : label) {
        c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return smt::ranged_query(id + " on " + s.key + " (line " + std::to_string(s.range.begin.line) + ")",
                             simplify(o.violation, model.variables), model.variables,
                             std::move(label), s.range, "violation of " + id);
}

class Run {
  public:
    Run(smt::Session& session, const SafetyModel& model, const DeviceTarget& target, bool keep)
        : session_(session), model_(model), device_(*target.limits), keep_(keep),
          dm_(build_device_model(model, target)) {}

    DeviceFindings go();

  private:
    void ask(const DeviceObligation& o);
    void report(const DeviceObligation& o, const smt::Query& q, const smt::Outcome& found);

    smt::Session& session_;
    const SafetyModel& model_;
    const DeviceLimits& device_;
    bool keep_;
    DeviceModel dm_;
    DeviceFindings out_;
};

void Run::ask(const DeviceObligation& o) {
    const DeviceStimulus& s = dm_.stimuli[o.stimulus];
    const smt::Query q = make_query(model_, s, o);
    const smt::Outcome outcome = session_.check(q, model_.variables);
    out_.checks.push_back({device_rule_id(o.kind), s.key, s.range, outcome.verdict, outcome.core});
    if (keep_) {
        out_.queries.push_back({q.name, session_.to_smt2(q, model_.variables),
                                outcome.verdict == smt::Verdict::Proved           ? "unsat"
                                : outcome.verdict == smt::Verdict::Counterexample ? "sat"
                                                                                  : "unknown"});
    }
    if (outcome.verdict == smt::Verdict::Counterexample) {
        report(o, q, outcome);
    } else if (outcome.verdict != smt::Verdict::Proved) {
        const bool timeout = outcome.verdict == smt::Verdict::Timeout;
        Diagnostic d{Severity::Error, timeout ? "S0401" : "S0402",
                     std::string("could not prove ") + device_rule_id(o.kind) + " on the " + device_.name +
                         " here: " + (timeout ? "the solver ran out of time" : "the solver gave up (" + outcome.reason + ")"),
                     s.range, {}};
        d.notes.push_back({"what is not proved is not passed; simplify the ranges or raise --timeout", std::nullopt});
        out_.diagnostics.push_back(d);
    }
}

void Run::report(const DeviceObligation& o, const smt::Query& q, const smt::Outcome& found) {
    const DeviceStimulus& s = dm_.stimuli[o.stimulus];
    const smt::Outcome best = session_.minimise(q, model_.variables, found);
    const Assignment all = complete(model_, best.model);
    const std::optional<Breach> breach = Plain(model_, device_, dm_, all).judge(o);
    if (!breach) {
        // Trust but verify: the plain rules must see the breach the solver found.
        out_.diagnostics.push_back({Severity::Error, "S0403",
                                    std::string("internal inconsistency: the solver found ") + device_rule_id(o.kind) +
                                        " broken on the " + device_.name +
                                        ", but the plain device rules do not at the same values; the protocol fails",
                                    s.range, {}});
        return;
    }
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = device_rule_code(o.kind);
    d.range = s.range;
    d.message = std::string(device_rule_id(o.kind)) + ": " + subject_text(model_, s, all) + ": " +
                breach->message;
    std::set<std::size_t> relevant;
    collect_variables(q.assertions.back().formula, relevant);
    d.notes = value_notes(model_, all, relevant, best.model_exact);
    d.notes.push_back({"limit from " + breach->source->text, std::nullopt});
    Counterexample record{device_rule_id(o.kind), breach->source->text, s.range, {}, show(breach->actual, breach->unit.c_str()),
                          show(breach->limit, breach->unit.c_str()), d.message};
    for (std::size_t index : relevant) {
        record.values.emplace_back(model_.variables[index].name,
                                   format_variable(model_.variables[index], all.at(index)));
    }
    out_.counterexamples.push_back(std::move(record));
    out_.diagnostics.push_back(std::move(d));
}

DeviceFindings Run::go() {
    for (const DeviceProblem& p : dm_.problems) {
        Diagnostic d{Severity::Error, p.code, p.message, p.range, {}};
        if (!p.note.empty()) {
            d.notes.push_back({p.note, std::nullopt});
        }
        out_.diagnostics.push_back(std::move(d));
    }
    for (const DeviceObligation& o : dm_.obligations) {
        ask(o);
    }
    return std::move(out_);
}

} // namespace

DeviceFindings check_device(smt::Session& session, const SafetyModel& model,
                            const DeviceTarget& target, bool keep_queries) {
    return Run(session, model, target, keep_queries).go();
}

} // namespace tmsc::safety
