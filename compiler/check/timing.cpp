#include "compiler/check/timing.hpp"

namespace tmsc {

Rational train_units(const ast::Train& train, const ValueEvaluator& eval) {
    if (train.size == ast::Train::Size::Duration) {
        return eval.number(train.amount) * eval.number(train.frequency);
    }
    return eval.number(train.amount);
}

Rational train_pulses(const ast::Train& train, const ValueEvaluator& eval) {
    const Rational units = train_units(train, eval);
    if (!train.burst) {
        return units;
    }
    return units * eval.number(train.burst->pulses);
}

Rational train_on_time(const ast::Train& train, const ValueEvaluator& eval) {
    if (train.size == ast::Train::Size::Duration) {
        return eval.number(train.amount);
    }
    return eval.number(train.amount) / eval.number(train.frequency);
}

Rational train_first_to_last(const ast::Train& train, const ValueEvaluator& eval) {
    const Rational rate = eval.number(train.frequency);
    const Rational last_unit_onset = (train_units(train, eval) - 1) / rate;
    if (!train.burst) {
        return last_unit_onset;
    }
    return last_unit_onset + (eval.number(train.burst->pulses) - 1) /
                                 eval.number(train.burst->frequency);
}

namespace {

struct Occupancy {
    const ValueEvaluator& eval;

    Rational operator()(const ast::Train& t) const { return train_on_time(t, eval); }
    Rational operator()(const ast::Pulse&) const { return Rational(0); }
    Rational operator()(const ast::Paired& p) const { return eval.number(p.interval); }
    Rational operator()(const ast::Wait& w) const { return eval.interval(w.duration); }
    Rational operator()(const ast::Block& b) const { return occupied(b.body, eval); }
    Rational operator()(const ast::Repeat& r) const {
        const Rational count = eval.number(r.count);
        const Rational each = r.every ? eval.interval(*r.every) : occupied(r.body, eval);
        return count * each;
    }
};

} // namespace

Rational occupied(const ast::Statement& statement, const ValueEvaluator& eval) {
    return std::visit(Occupancy{eval}, statement.node);
}

Rational occupied(const std::vector<ast::Statement>& body, const ValueEvaluator& eval) {
    Rational total;
    for (const ast::Statement& s : body) {
        total += occupied(s, eval);
    }
    return total;
}

} // namespace tmsc
