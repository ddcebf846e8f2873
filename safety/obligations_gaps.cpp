// Gap, single-pulse coverage and session/day rules; train rules are in obligations.cpp.

#include "safety/obligations_internal.hpp"

namespace tmsc::safety::detail {

std::optional<std::size_t> Instantiator::train_of(const EventRef& ref) const {
    if (ref.kind == EventRef::Kind::Train) {
        return ref.index;
    }
    return model_.pulses[ref.index].series;
}

Expr Instantiator::gap_condition(const Rule& rule, const EventRef& side) const {
    const std::optional<std::size_t> index = train_of(side);
    if (!index) {
        return Expr::boolean(false);
    }
    const TrainItem& train = model_.trains[*index];
    if (!rule.applies_to.patterns.count(train.pattern)) {
        return Expr::boolean(false);
    }
    Expr condition = is_rtms(train, rules_);
    if (rule.when.min_frequency_hz) {
        condition = condition && train.rate >= num(*rule.when.min_frequency_hz);
    }
    if (rule.when.above_percent) {
        // Any intensity of the train above the threshold triggers the rule. An intensity that
        // cannot be converted might be above it, so it triggers the rule too (fail closed).
        Expr above = Expr::boolean(false);
        for (const IntensityTerm& term : train.intensities) {
            const std::optional<Expr> percent = intensity_in(model_, term, rule.when.reference);
            above = above || (percent ? *percent > num(*rule.when.above_percent) : Expr::boolean(true));
        }
        condition = condition && above;
    }
    return condition;
}

void Instantiator::gap_rules(std::size_t index) {
    const GapItem& gap = model_.gaps[index];
    if (gap.within_series) {
        return; // the silence inside a pulse series is its own spacing, not an inter-train gap
    }
    for (const Rule& rule : rules_.rules) {
        if (rule.kind != RuleKind::GapMin || !applies_to_coil(rule, model_.protocol->coil)) {
            continue;
        }
        const Expr beside = gap_condition(rule, gap.before) || gap_condition(rule, gap.after);
        if (beside.is_false()) {
            continue;
        }
        Obligation o = limit(rule, Subject::Gap, index, gap.exists && beside, gap.silence,
                             num(rule.min_gap_s), rule.strict ? Bound::Above : Bound::AtLeast);
        o.key = "gap@" + model_.key_of(gap.before) + "->" + model_.key_of(gap.after);
        o.range = gap.range;
        out_.obligations.push_back(o);
    }
}

Expr Instantiator::is_trial(const EventRef& side) const {
    if (const std::optional<std::size_t> index = train_of(side)) {
        return !is_rtms(model_.trains[*index], rules_);
    }
    return Expr::boolean(true);
}

void Instantiator::trial_coverage(std::size_t index) {
    const GapItem& gap = model_.gaps[index];
    if (gap.within_series) {
        return;
    }
    const Expr trial = is_trial(gap.before) || is_trial(gap.after);
    if (trial.is_false()) {
        return;
    }
    Obligation o;
    o.code = "S0204";
    o.subject = Subject::Gap;
    o.index = index;
    o.key = "gap@" + model_.key_of(gap.before) + "->" + model_.key_of(gap.after);
    o.range = gap.range;
    o.actual = gap.silence;
    o.limit = num(rules_.single_pulse.spacing_s);
    o.violation = gap.exists && trial && gap.silence <= num(rules_.single_pulse.spacing_s);
    o.reason = "a single or paired pulse is no more than " +
               rules_.single_pulse.spacing_s.to_string() +
               " s from another stimulus, so it is not a separate trial (" +
               rules_.single_pulse.citation + "), and no rule covers it as part of a train";
    out_.obligations.push_back(o);
}

bool Instantiator::session_has(const Rule& rule) const {
    for (const TrainItem& train : model_.trains) {
        if (rule.applies_to.patterns.count(train.pattern)) {
            return true;
        }
    }
    for (const PulseItem& pulse : model_.pulses) {
        if (!pulse.series && rule.applies_to.patterns.count(PatternKind::SinglePulse)) {
            return true;
        }
    }
    return false;
}

void Instantiator::total_rules() {
    for (const Rule& rule : rules_.rules) {
        if ((rule.kind != RuleKind::SessionMax && rule.kind != RuleKind::DayMax) ||
            !applies_to_coil(rule, model_.protocol->coil) || !session_has(rule)) {
            continue;
        }
        const bool day = rule.kind == RuleKind::DayMax;
        const Expr actual = rule.quantity == Quantity::Duration ? model_.session_duration
                            : day ? model_.session_pulses * num(Rational(model_.sessions_per_day))
                                  : model_.session_pulses;
        Obligation o = limit(rule, day ? Subject::Day : Subject::Session, 0, Expr::boolean(true),
                             actual, num(rule.max), Bound::AtMost);
        o.key = day ? "day" : "session";
        o.range = day && model_.course_range ? *model_.course_range : model_.session_range;
        out_.obligations.push_back(o);
    }
}

} // namespace tmsc::safety::detail
