#include "compiler/check/semantic.hpp"

#include "compiler/check/timing.hpp"

#include <algorithm>
#include <functional>

namespace tmsc::semantic {

namespace {

/// Parameters a statement's values refer to (recursively), for corner enumeration.
struct ParamCollector {
    std::set<std::string>& names;

    void value(const ast::Value& v) const {
        if (const auto* ref = std::get_if<ast::ParamRef>(&v.node)) {
            names.insert(ref->name.text);
        }
    }
    void interval(const ast::Interval& i) const {
        if (const auto* v = std::get_if<ast::Value>(&i.node)) {
            value(*v);
        }
    }
    void operator()(const ast::Train& t) const {
        value(t.amount);
        value(t.frequency);
        if (t.burst) {
            value(t.burst->pulses);
            value(t.burst->frequency);
        }
    }
    void operator()(const ast::Pulse&) const {}
    void operator()(const ast::Paired& p) const { value(p.interval); }
    void operator()(const ast::Wait& w) const { interval(w.duration); }
    void operator()(const ast::Repeat& r) const {
        value(r.count);
        if (r.every) {
            interval(*r.every);
        }
        body(r.body);
    }
    void operator()(const ast::Block& b) const { body(b.body); }
    void body(const std::vector<ast::Statement>& statements) const {
        for (const ast::Statement& s : statements) {
            std::visit(*this, s.node);
        }
    }
};

/// Beyond this many parameters in one check, only the default and the two extremes are tried.
constexpr std::size_t kMaxCornerParams = 10;

using Assignment = std::map<std::string, Rational>;

/// A check run at one choice of parameter values: `corner` gives every parameter involved (each
/// at an end of its range), or is null when only `choice` says which values to take.
using CornerTest = std::function<bool(ParamChoice choice, const Assignment* corner)>;

/// Calls `test` with every corner of the ranges of `names` (each parameter at its low or high
/// end) until it returns false; returns the failing assignment, if any.
std::optional<Assignment> find_failing_corner(const Context& ctx,
                                              const std::set<std::string>& names,
                                              const CornerTest& test) {
    std::vector<std::string> list(names.begin(), names.end());
    if (list.size() > kMaxCornerParams) {
        for (ParamChoice choice :
             {ParamChoice::Default, ParamChoice::Longest, ParamChoice::Shortest}) {
            if (!test(choice, nullptr)) {
                return Assignment{};
            }
        }
        return std::nullopt;
    }
    for (std::size_t mask = 0; mask < (std::size_t{1} << list.size()); ++mask) {
        Assignment corner;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const ParamInfo& info = ctx.params.at(list[i]);
            corner[list[i]] = (mask >> i) & 1u ? info.hi : info.lo;
        }
        if (!test(ParamChoice::Default, &corner)) {
            return corner;
        }
    }
    return std::nullopt;
}

/// "with n = 60, f = 5 Hz" for a failing assignment.
void note_assignment(const Context& ctx, Diagnostic& d, const Assignment& values) {
    if (values.empty()) {
        return;
    }
    std::string text = "when";
    const char* sep = " ";
    for (const auto& [name, value] : values) {
        const ParamInfo& info = ctx.params.at(name);
        std::string shown = info.dimension == ast::Dimension::Duration ? format_duration(value)
                            : info.dimension == ast::Dimension::Frequency ? format_frequency(value)
                                                                           : value.to_string();
        text += sep + name + " = " + shown;
        sep = ", ";
    }
    d.notes.push_back({text + " (an end of the allowed range)", std::nullopt});
}

bool is_ranged(const Context& ctx, const ast::Value& v) {
    const auto* ref = std::get_if<ast::ParamRef>(&v.node);
    return ref && ctx.params.at(ref->name.text).lo != ctx.params.at(ref->name.text).hi;
}

void check_train_length(Context& ctx, const ast::Train& t) {
    if (t.size != ast::Train::Size::Duration) {
        return;
    }
    if (is_ranged(ctx, t.amount) || is_ranged(ctx, t.frequency)) {
        ctx.diagnostics.error("E0306",
                              "a train given by duration cannot use a parameter with a range: "
                              "the pulse count would not be whole for most values",
                              t.range)
            .notes.push_back({"give the train as '<N> pulses' (or '<N> bursts'), with a count "
                              "parameter if it must vary",
                              std::nullopt});
        return;
    }
    const ValueEvaluator eval(ctx.params, ParamChoice::Default);
    const Rational units = train_units(t, eval);
    if (!units.is_integer()) {
        const Rational rate = eval.number(t.frequency);
        Diagnostic& d = ctx.diagnostics.error(
            "E0301",
            "train for " + format_duration(eval.number(t.amount)) + " at " + format_frequency(rate) +
                " is " + units.to_decimal(3) + (t.burst ? " bursts" : " pulses") +
                "; the count must be whole",
            t.range);
        const std::int64_t lower = units.floor();
        const std::int64_t upper = units.ceil();
        std::string hint = "use '" + std::to_string(upper) + (t.burst ? " bursts'" : " pulses'");
        if (lower > 0) {
            hint += " or '" + std::to_string(lower) + (t.burst ? " bursts'" : " pulses'");
        }
        d.notes.push_back({hint + ", or a duration that is a multiple of " +
                               format_duration(Rational(1) / rate),
                           std::nullopt});
    }
}

void check_burst_fit(Context& ctx, const ast::Train& t) {
    if (!t.burst) {
        return;
    }
    std::set<std::string> names;
    ParamCollector{names}(t);
    auto fits = [&](ParamChoice choice, const Assignment* corner) {
        // A burst of M pulses at F occupies M/F; its slot in the train is 1/R.
        const ValueEvaluator eval(ctx.params, choice, corner);
        return eval.number(t.burst->pulses) / eval.number(t.burst->frequency) <=
               Rational(1) / eval.number(t.frequency);
    };
    if (auto corner = find_failing_corner(ctx, names, fits)) {
        const ValueEvaluator eval(ctx.params, ParamChoice::Default, &*corner);
        const Rational m = eval.number(t.burst->pulses);
        const Rational f = eval.number(t.burst->frequency);
        Diagnostic& d = ctx.diagnostics.error(
            "E0302",
            "a burst of " + m.to_string() + " pulses at " + format_frequency(f) + " lasts " +
                format_duration(m / f) + ", longer than its " +
                format_duration(Rational(1) / eval.number(t.frequency)) + " slot at " +
                format_frequency(eval.number(t.frequency)),
            t.burst->range);
        note_assignment(ctx, d, *corner);
    }
}

/// Does a body hold a jittered wait or period, whose length depends on the draw?
bool has_jitter(const std::vector<ast::Statement>& body) {
    const auto jittered = [](const ast::Interval& i) {
        return std::holds_alternative<ast::RangeLit>(i.node);
    };
    return std::any_of(body.begin(), body.end(), [&](const ast::Statement& s) {
        if (const auto* w = std::get_if<ast::Wait>(&s.node)) {
            return jittered(w->duration);
        }
        if (const auto* r = std::get_if<ast::Repeat>(&s.node)) {
            return (r->every && jittered(*r->every)) || has_jitter(r->body);
        }
        const auto* b = std::get_if<ast::Block>(&s.node);
        return b && has_jitter(b->body);
    });
}

/// The body at its longest: parameters as chosen, jittered waits at their upper ends (so a
/// draw near the top of a range cannot overrun the period).
Rational longest_body(const Context& ctx, const ast::Repeat& r, const Assignment* corner) {
    return occupied(r.body, ValueEvaluator(ctx.params, ParamChoice::Longest, corner));
}

/// The period at its shortest: a parameter as chosen, a jittered period at its lower end.
Rational shortest_period(const Context& ctx, const ast::Repeat& r, ParamChoice choice,
                         const Assignment* corner) {
    const auto* fixed = std::get_if<ast::Value>(&r.every->node);
    const ValueEvaluator eval(ctx.params, fixed ? choice : ParamChoice::Shortest, corner);
    return fixed ? eval.number(*fixed) : eval.interval(*r.every);
}

void check_repeat_fit(Context& ctx, const ast::Repeat& r) {
    if (!r.every) {
        return;
    }
    std::set<std::string> names;
    ParamCollector{names}(r);
    auto fits = [&](ParamChoice choice, const Assignment* corner) {
        return longest_body(ctx, r, corner) <= shortest_period(ctx, r, choice, corner);
    };
    if (auto corner = find_failing_corner(ctx, names, fits)) {
        const Assignment* values = corner->empty() ? nullptr : &*corner;
        const bool jittered = std::holds_alternative<ast::RangeLit>(r.every->node);
        Diagnostic& d = ctx.diagnostics.error(
            "E0303",
            "the body of this repeat " + std::string(has_jitter(r.body) ? "can last " : "lasts ") +
                format_duration(longest_body(ctx, r, values)) + ", longer than its " +
                (jittered ? "shortest period of " : "period of ") +
                format_duration(shortest_period(ctx, r, ParamChoice::Shortest, values)),
            r.range);
        d.notes.push_back({"'every' measures onset to onset, so the body must fit in the period",
                           r.every->range});
        note_assignment(ctx, d, *corner);
    }
}

struct TimingChecker {
    Context& ctx;

    void operator()(const ast::Train& t) const {
        check_train_length(ctx, t);
        check_burst_fit(ctx, t);
    }
    void operator()(const ast::Pulse&) const {}
    void operator()(const ast::Paired&) const {}
    void operator()(const ast::Wait&) const {}
    void operator()(const ast::Repeat& r) const {
        check_repeat_fit(ctx, r);
        check_timing(ctx, r.body);
    }
    void operator()(const ast::Block& b) const { check_timing(ctx, b.body); }
};

} // namespace

void check_timing(Context& ctx, const std::vector<ast::Statement>& body) {
    for (const ast::Statement& s : body) {
        std::visit(TimingChecker{ctx}, s.node);
    }
}

} // namespace tmsc::semantic
