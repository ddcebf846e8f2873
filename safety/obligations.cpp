#include "safety/obligations.hpp"

#include "safety/obligations_internal.hpp"
#include "safety/table.hpp"

namespace tmsc::safety {

std::string Obligation::result_key() const {
    return (rule ? rule->id : code) + "|" + key;
}

bool applies_to_coil(const Rule& rule, const std::optional<CoilSpec>& coil) {
    if (rule.applies_to.any_coil) {
        return true;
    }
    if (!coil) {
        return false;
    }
    const char* family = coil->family == CoilFamily::Figure8      ? "figure8"
                         : coil->family == CoilFamily::Round      ? "round"
                         : coil->family == CoilFamily::DoubleCone ? "double_cone"
                                                                  : "h_coil";
    return rule.applies_to.coils.count(coil->name) || rule.applies_to.coils.count(family);
}

Expr is_rtms(const TrainItem& item, const RuleSet& rules) {
    return item.repeats_ok && item.spacing <= num(rules.single_pulse.spacing_s);
}

namespace detail {

const char* violation_code(Subject subject, RuleSeverity severity) {
    const bool error = severity == RuleSeverity::Error;
    switch (subject) {
    case Subject::Train: return error ? "S0101" : "S0102";
    case Subject::Gap: return error ? "S0103" : "S0104";
    case Subject::Session:
    case Subject::Day: return error ? "S0105" : "S0106";
    }
    return "S0101";
}

Expr broken(const Expr& actual, const Expr& limit, Bound bound) {
    switch (bound) {
    case Bound::AtMost: return actual > limit;
    case Bound::AtLeast: return actual < limit;
    case Bound::Above: return actual <= limit;
    }
    return actual > limit;
}

Obligation Instantiator::limit(const Rule& rule, Subject subject, std::size_t index,
                               const Expr& guard, const Expr& actual, const Expr& bound_value,
                               Bound bound) {
    Obligation o;
    o.rule = &rule;
    o.code = violation_code(subject, rule.severity);
    o.subject = subject;
    o.index = index;
    o.guard = guard;
    o.actual = actual;
    o.limit = bound_value;
    o.bound = bound;
    o.quantity = rule.quantity;
    o.violation = guard && broken(actual, bound_value, bound);
    return o;
}

void Instantiator::uncovered(const std::string& code, const std::string& key, SourceRange range,
                             std::string message) {
    for (const Uncovered& u : out_.uncovered) {
        if (u.code == code && u.key == key && u.range == range) {
            return; // one report per stimulus and setting is enough
        }
    }
    out_.uncovered.push_back({code, key, range, std::move(message)});
}

void Instantiator::unconvertible(const Rule& rule, const TrainItem& train, std::size_t term,
                                 IntensityRef target) {
    const IntensityRef from = train.intensities[term].ref;
    const char* needed = from == IntensityRef::Amt || target == IntensityRef::Amt
                             ? "'subject rmt' and 'subject amt'"
                             : "'subject rmt'";
    uncovered("S0203", train.key, train.intensities[term].range,
              std::string("an intensity in ") + intensity_ref_spelling(from) +
                  " cannot be converted to " + intensity_ref_spelling(target) + " without " +
                  needed + " (rule " + rule.id + " is written in " + intensity_ref_spelling(target) + ")");
}

Obligation Instantiator::domain_obligation(const DurationTable& table, std::size_t index,
                                           std::size_t term, const Expr& percent) const {
    const TrainItem& train = model_.trains[index];
    Obligation o;
    o.code = "S0202";
    o.subject = Subject::Train;
    o.index = index;
    o.term = term;
    o.key = train.key;
    o.range = train.range;
    o.violation = is_rtms(train, rules_) && !table_domain(table, train.rate, percent);
    o.reason = "the table (" + table.citation + ") has no evidence above " +
               table.frequencies.back().to_string() + " Hz or " +
               table.intensities.back().to_string() + " " + intensity_ref_spelling(table.reference) +
               ": the train cannot be shown to conform";
    return o;
}

bool Instantiator::table_rule(const Rule& rule, std::size_t index) {
    const TrainItem& train = model_.trains[index];
    const DurationTable& table = rules_.tables.at(rule.table);
    const Expr rtms = is_rtms(train, rules_);
    for (std::size_t k = 0; k < train.intensities.size(); ++k) {
        const std::optional<Expr> percent = intensity_in(model_, train.intensities[k], table.reference);
        if (!percent) {
            unconvertible(rule, train, k, table.reference);
            continue;
        }
        if (domains_.insert(train.key + "|" + table.id + "|" + std::to_string(k)).second) {
            out_.obligations.push_back(domain_obligation(table, index, k, *percent));
        }
        const Expr bound_value = table_limit(table, rule.limits_only, rule.scale, train.rate, *percent);
        Obligation o = limit(rule, Subject::Train, index,
                             rtms && table_domain(table, train.rate, *percent) && bound_value >= num(0),
                             train.duration, bound_value, Bound::AtMost);
        o.term = k;
        o.key = train.key;
        o.range = train.range;
        out_.obligations.push_back(o);
    }
    return true;
}

bool Instantiator::max_rule(const Rule& rule, std::size_t index) {
    const TrainItem& train = model_.trains[index];
    const Expr rtms = is_rtms(train, rules_);
    auto push = [&](const Expr& actual, std::size_t term) {
        Obligation o = limit(rule, Subject::Train, index, rtms, actual, num(rule.max), Bound::AtMost);
        o.term = term;
        o.key = train.key;
        o.range = train.range;
        o.percent_of = rule.reference;
        out_.obligations.push_back(o);
    };
    switch (rule.quantity) {
    case Quantity::Rate: push(train.rate, 0); return true;
    case Quantity::Duration: push(train.duration, 0); return true;
    case Quantity::Pulses: push(train.pulses, 0); return true;
    case Quantity::BurstPulses:
        if (train.burst_pulses) push(*train.burst_pulses, 0);
        return train.burst_pulses.has_value();
    case Quantity::BurstFrequency:
        if (train.burst_frequency) push(*train.burst_frequency, 0);
        return train.burst_frequency.has_value();
    case Quantity::Intensity: break;
    }
    for (std::size_t k = 0; k < train.intensities.size(); ++k) {
        const IntensityTerm& term = train.intensities[k];
        if (!rule.written_in.empty() && !rule.written_in.count(term.ref)) {
            continue;
        }
        if (const std::optional<Expr> percent = intensity_in(model_, term, rule.reference)) {
            push(*percent, k);
        } else {
            unconvertible(rule, train, k, rule.reference);
        }
    }
    return true;
}

void Instantiator::train_rules(std::size_t index) {
    const TrainItem& train = model_.trains[index];
    bool covered = false;
    for (const Rule& rule : rules_.rules) {
        if (!applies_to_coil(rule, model_.protocol->coil) || !rule.applies_to.patterns.count(train.pattern)) {
            continue;
        }
        if (rule.kind == RuleKind::TrainDurationTable) {
            covered = table_rule(rule, index) || covered;
        } else if (rule.kind == RuleKind::TrainMax) {
            covered = max_rule(rule, index) || covered;
        }
    }
    if (!covered) {
        Obligation o;
        o.code = "S0201";
        o.subject = Subject::Train;
        o.index = index;
        o.key = train.key;
        o.range = train.range;
        o.violation = is_rtms(train, rules_);
        const auto& coil = model_.protocol->coil;
        o.reason = std::string("no rule of '") + rules_.id + "' covers a " + pattern_name(train.pattern) +
                   (train.series ? " series of pulses" : " train") +
                   (coil ? " with coil " + coil->name : std::string(" when the protocol names no coil"));
        out_.obligations.push_back(o);
    }
}

ObligationSet Instantiator::run() {
    for (std::size_t i = 0; i < model_.trains.size(); ++i) {
        train_rules(i);
    }
    for (std::size_t i = 0; i < model_.gaps.size(); ++i) {
        gap_rules(i);
        trial_coverage(i);
    }
    total_rules();
    return std::move(out_);
}

} // namespace detail

ObligationSet build_obligations(const SafetyModel& model, const RuleSet& rules) {
    return detail::Instantiator(model, rules).run();
}

} // namespace tmsc::safety
