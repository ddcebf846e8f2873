#include "safety/evaluator.hpp"

#include "safety/obligations.hpp"
#include "safety/table.hpp"
#include "safety/timeline.hpp"

namespace tmsc::safety {

using detail::ConcreteTrain;
using detail::Stimulus;
using detail::Timeline;

Environment default_environment(const ResolvedProtocol& protocol) {
    Environment env;
    for (const auto& [name, info] : protocol.params) {
        env.params[name] = info.default_value;
    }
    if (protocol.rmt) env.rmt = protocol.rmt->lo;
    if (protocol.amt) env.amt = protocol.amt->lo;
    return env;
}

namespace {

class Judge {
  public:
    Judge(const ResolvedProtocol& protocol, const RuleSet& rules, const Environment& env,
          const Timeline& timeline, EvalOutcome& out)
        : protocol_(protocol), rules_(rules), env_(env), timeline_(timeline), out_(out) {}

    void train(const ConcreteTrain& t);
    void gap(const Stimulus& a, const Stimulus& b);
    void totals();

  private:
    std::optional<Rational> convert(const IntensityValue& v, IntensityRef target) const;
    bool rtms(const ConcreteTrain& t) const {
        return t.pulses >= Rational(2) && t.spacing && *t.spacing <= rules_.single_pulse.spacing_s;
    }
    bool applies(const Rule& rule, PatternKind pattern) const {
        return applies_to_coil(rule, protocol_.coil) && rule.applies_to.patterns.count(pattern);
    }
    bool table(const Rule& rule, const ConcreteTrain& t);
    bool maximum(const Rule& rule, const ConcreteTrain& t);
    bool beside(const Rule& rule, const Stimulus& s) const;
    bool trial(const Stimulus& s) const { return !s.train || !rtms(timeline_.trains[*s.train]); }
    void violated(const Rule& rule, const std::string& key) { out_.violated.insert(rule.id + "|" + key); }
    void uncovered(const char* code, const std::string& key) { out_.uncovered.insert(std::string(code) + "|" + key); }

    const ResolvedProtocol& protocol_;
    const RuleSet& rules_;
    const Environment& env_;
    const Timeline& timeline_;
    EvalOutcome& out_;
};

std::optional<Rational> Judge::convert(const IntensityValue& v, IntensityRef target) const {
    if (v.ref == target) {
        return v.percent;
    }
    auto threshold = [&](IntensityRef ref) -> std::optional<Rational> {
        if (ref == IntensityRef::Mso) return Rational(100);
        return ref == IntensityRef::Rmt ? env_.rmt : env_.amt;
    };
    const auto from = threshold(v.ref);
    const auto to = threshold(target);
    if (!from || !to) {
        return std::nullopt;
    }
    return v.percent * *from / *to;
}

bool Judge::table(const Rule& rule, const ConcreteTrain& t) {
    const DurationTable& tab = rules_.tables.at(rule.table);
    for (const IntensityValue& v : t.intensities) {
        const auto percent = convert(v, tab.reference);
        if (!percent) {
            uncovered("S0203", t.key);
        } else if (rtms(t) && !in_domain(tab, t.rate, *percent)) {
            uncovered("S0202", t.key);
        } else if (rtms(t)) {
            const auto limit = lookup_limit(tab, rule.limits_only, rule.scale, t.rate, *percent);
            if (limit && t.duration > *limit) {
                violated(rule, t.key);
            }
        }
    }
    return true;
}

bool Judge::maximum(const Rule& rule, const ConcreteTrain& t) {
    auto check = [&](const std::optional<Rational>& value) {
        if (value && rtms(t) && *value > rule.max) {
            violated(rule, t.key);
        }
        return value.has_value();
    };
    switch (rule.quantity) {
    case Quantity::Rate: return check(t.rate);
    case Quantity::Duration: return check(t.duration);
    case Quantity::Pulses: return check(t.pulses);
    case Quantity::BurstPulses: return check(t.burst_pulses);
    case Quantity::BurstFrequency: return check(t.burst_frequency);
    case Quantity::Intensity: break;
    }
    for (const IntensityValue& v : t.intensities) {
        if (!rule.written_in.empty() && !rule.written_in.count(v.ref)) {
            continue;
        }
        if (const auto percent = convert(v, rule.reference)) {
            check(percent);
        } else {
            uncovered("S0203", t.key);
        }
    }
    return true;
}

void Judge::train(const ConcreteTrain& t) {
    bool covered = false;
    for (const Rule& rule : rules_.rules) {
        if (!applies(rule, t.pattern)) {
            continue;
        }
        if (rule.kind == RuleKind::TrainDurationTable) {
            covered = table(rule, t) || covered;
        } else if (rule.kind == RuleKind::TrainMax) {
            covered = maximum(rule, t) || covered;
        }
    }
    if (!covered && rtms(t)) {
        uncovered("S0201", t.key);
    }
}

bool Judge::beside(const Rule& rule, const Stimulus& s) const {
    if (!s.train) {
        return false;
    }
    const ConcreteTrain& t = timeline_.trains[*s.train];
    if (!rule.applies_to.patterns.count(t.pattern) || !rtms(t)) {
        return false;
    }
    if (rule.when.min_frequency_hz && t.rate < *rule.when.min_frequency_hz) {
        return false;
    }
    if (!rule.when.above_percent) {
        return true;
    }
    for (const IntensityValue& v : t.intensities) {
        const auto percent = convert(v, rule.when.reference);
        if (!percent || *percent > *rule.when.above_percent) {
            return true; // an intensity that cannot be converted might be above: fail closed
        }
    }
    return false;
}

void Judge::gap(const Stimulus& a, const Stimulus& b) {
    if (a.in_series && b.in_series && a.series_instance == b.series_instance) {
        return; // inside one pulse series: its own spacing, judged with the series
    }
    const std::string key = "gap@" + a.key + "->" + b.key;
    const Rational silence = b.first - a.last;
    for (const Rule& rule : rules_.rules) {
        if (rule.kind == RuleKind::GapMin && applies_to_coil(rule, protocol_.coil) &&
            (beside(rule, a) || beside(rule, b)) &&
            (rule.strict ? silence <= rule.min_gap_s : silence < rule.min_gap_s)) {
            violated(rule, key);
        }
    }
    if ((trial(a) || trial(b)) && silence <= rules_.single_pulse.spacing_s) {
        uncovered("S0204", key);
    }
}

void Judge::totals() {
    std::set<PatternKind> present;
    for (const ConcreteTrain& t : timeline_.trains) {
        present.insert(t.pattern);
    }
    for (const Stimulus& s : timeline_.stimuli) {
        if (!s.train) {
            present.insert(PatternKind::SinglePulse);
        }
    }
    const std::int64_t per_day = protocol_.course ? protocol_.course->sessions_per_day : 1;
    for (const Rule& rule : rules_.rules) {
        bool has = false;
        for (PatternKind p : present) {
            has = has || rule.applies_to.patterns.count(p);
        }
        if (!has || !applies_to_coil(rule, protocol_.coil)) {
            continue;
        }
        if (rule.kind == RuleKind::SessionMax) {
            const Rational actual = rule.quantity == Quantity::Duration ? timeline_.length : timeline_.pulses;
            if (actual > rule.max) violated(rule, "session");
        } else if (rule.kind == RuleKind::DayMax && timeline_.pulses * Rational(per_day) > rule.max) {
            violated(rule, "day");
        }
    }
}

} // namespace

EvalOutcome evaluate_protocol(const ResolvedProtocol& protocol, const RuleSet& rules,
                              const Environment& env) {
    EvalOutcome out;
    const Timeline timeline = detail::lay_out(protocol, env);
    if (timeline.too_large) {
        out.too_large = true;
        return out;
    }
    Judge judge(protocol, rules, env, timeline, out);
    for (const ConcreteTrain& t : timeline.trains) {
        judge.train(t);
    }
    for (std::size_t i = 1; i < timeline.stimuli.size(); ++i) {
        judge.gap(timeline.stimuli[i - 1], timeline.stimuli[i]);
    }
    judge.totals();
    return out;
}

} // namespace tmsc::safety
