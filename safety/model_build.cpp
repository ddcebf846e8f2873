#include "safety/model.hpp"

namespace tmsc::safety {

const std::string& SafetyModel::key_of(const EventRef& ref) const {
    return ref.kind == EventRef::Kind::Train ? trains[ref.index].key : pulses[ref.index].key;
}

SourceRange SafetyModel::range_of(const EventRef& ref) const {
    return ref.kind == EventRef::Kind::Train ? trains[ref.index].range : pulses[ref.index].range;
}

std::optional<Expr> intensity_in(const SafetyModel& model, const IntensityTerm& term,
                                 IntensityRef target) {
    if (term.ref == target) {
        return term.percent;
    }
    auto threshold = [&](IntensityRef ref) -> std::optional<Expr> {
        const auto& index = ref == IntensityRef::Rmt ? model.rmt : model.amt;
        if (ref == IntensityRef::Mso) {
            return num(Rational(100));
        }
        return index ? std::optional<Expr>(Expr::variable(*index)) : std::nullopt;
    };
    // percent of A -> %MSO = percent * A / 100 -> percent of B = %MSO * 100 / B.
    const std::optional<Expr> from = threshold(term.ref);
    const std::optional<Expr> to = threshold(target);
    if (!from || !to) {
        return std::nullopt;
    }
    return term.percent * *from / *to;
}

namespace {

std::string offset_key(const char* kind, const SourceRange& range) {
    return std::string(kind) + "@" + std::to_string(range.begin.offset);
}

/// What a statement (or a list of them) occupies and where its stimuli sit.
struct Summary {
    Expr length;
    Expr pulses;
    std::optional<EventRef> first;
    std::optional<EventRef> last;
    Expr lead; ///< start of the statement to its first stimulus's first pulse
    Expr tail; ///< its last stimulus's last pulse to the end of the statement
};

class Builder {
  public:
    explicit Builder(const ResolvedProtocol& protocol) { model_.protocol = &protocol; }

    SafetyModel build();

  private:
    void declare_variables();
    Expr value(const ast::Value& v) const;
    Expr interval(const ast::Interval& i);
    IntensityTerm intensity(const ast::Value& v) const { return {value(v), reference_of(v), v.range}; }
    IntensityRef reference_of(const ast::Value& v) const;

    Summary sequence(const std::vector<ast::Statement>& body, const ast::IntensitySetting* inherited);
    Summary statement(const ast::Statement& s, const ast::IntensitySetting* inherited);
    Summary train(const ast::Train& t, const ast::IntensitySetting* inherited);
    Summary pulse(const ast::Pulse& p, const ast::IntensitySetting* inherited);
    Summary paired(const ast::Paired& p);
    Summary repeat(const ast::Repeat& r, const ast::IntensitySetting* inherited);
    void add_series(const ast::Repeat& r, const Summary& body, const Expr& count, const Expr& period);
    void add_gap(const EventRef& before, const EventRef& after, Expr silence, Expr exists);

    SafetyModel model_;
    std::map<std::string, std::size_t> param_index_;
};

void Builder::declare_variables() {
    const ResolvedProtocol& p = *model_.protocol;
    for (const ast::Param& decl : p.ast->params) {
        const ParamInfo& info = p.params.at(decl.name.text);
        Variable v;
        v.kind = Variable::Kind::Param;
        v.name = decl.name.text;
        v.symbol = "param_" + decl.name.text;
        v.integer = info.dimension == ast::Dimension::Count;
        v.lo = info.lo;
        v.hi = info.hi;
        v.preferred = info.default_value;
        v.unit = info.dimension == ast::Dimension::Frequency   ? "Hz"
                 : info.dimension == ast::Dimension::Duration  ? "s"
                 : info.dimension == ast::Dimension::Intensity ? intensity_ref_spelling(info.reference)
                                                               : "";
        v.range = decl.range;
        param_index_[v.name] = model_.variables.size();
        model_.variables.push_back(v);
    }
    const std::pair<const std::optional<ThresholdSpec>*, const char*> thresholds[] = {
        {&p.rmt, "rmt"}, {&p.amt, "amt"}};
    for (const auto& [spec, name] : thresholds) {
        if (*spec) {
            (std::string(name) == "rmt" ? model_.rmt : model_.amt) = model_.variables.size();
            model_.variables.push_back({Variable::Kind::Threshold, std::string("subject ") + name,
                                        std::string("subject_") + name, false, (*spec)->lo,
                                        (*spec)->hi, std::nullopt, "%MSO", (*spec)->range});
        }
    }
}

Expr Builder::value(const ast::Value& v) const {
    if (const auto* lit = std::get_if<ast::Literal>(&v.node)) {
        return num(canonical(*lit));
    }
    return Expr::variable(param_index_.at(std::get<ast::ParamRef>(v.node).name.text));
}

IntensityRef Builder::reference_of(const ast::Value& v) const {
    // The evaluator knows how literals and parameters carry their reference.
    return ValueEvaluator(model_.protocol->params, ParamChoice::Default).intensity(v).ref;
}

Expr Builder::interval(const ast::Interval& i) {
    if (const auto* fixed = std::get_if<ast::Value>(&i.node)) {
        return value(*fixed);
    }
    const auto& range = std::get<ast::RangeLit>(i.node);
    const Rational lo = canonical(range.lo);
    const Rational hi = canonical(range.hi);
    if (lo == hi) {
        return num(lo);
    }
    const std::string at = std::to_string(i.range.begin.line) + ":" + std::to_string(i.range.begin.column);
    model_.variables.push_back({Variable::Kind::Jitter, "the jittered interval at " + at,
                                "jitter_L" + std::to_string(i.range.begin.line) + "_C" +
                                    std::to_string(i.range.begin.column),
                                false, lo, hi, std::nullopt, "s", i.range});
    return Expr::variable(model_.variables.size() - 1);
}

void Builder::add_gap(const EventRef& before, const EventRef& after, Expr silence, Expr exists) {
    model_.gaps.push_back({before, after, std::move(silence), std::move(exists), false,
                           model_.range_of(after)});
}

Summary Builder::sequence(const std::vector<ast::Statement>& body,
                          const ast::IntensitySetting* inherited) {
    Summary out{num(0), num(0), std::nullopt, std::nullopt, num(0), num(0)};
    for (const ast::Statement& s : body) {
        const Summary next = statement(s, inherited);
        if (out.last && next.first) {
            add_gap(*out.last, *next.first, out.tail + next.lead, Expr::boolean(true));
        }
        if (!out.first && next.first) {
            out.first = next.first;
            out.lead = out.length + next.lead;
        }
        if (next.last) {
            out.last = next.last;
            out.tail = next.tail;
        } else {
            out.tail = out.tail + next.length;
        }
        out.length = out.length + next.length;
        out.pulses = out.pulses + next.pulses;
    }
    return out;
}

Summary Builder::statement(const ast::Statement& s, const ast::IntensitySetting* inherited) {
    if (const auto* t = std::get_if<ast::Train>(&s.node)) return train(*t, inherited);
    if (const auto* p = std::get_if<ast::Pulse>(&s.node)) return pulse(*p, inherited);
    if (const auto* p = std::get_if<ast::Paired>(&s.node)) return paired(*p);
    if (const auto* r = std::get_if<ast::Repeat>(&s.node)) return repeat(*r, inherited);
    if (const auto* w = std::get_if<ast::Wait>(&s.node)) {
        return {interval(w->duration), num(0), std::nullopt, std::nullopt, num(0), num(0)};
    }
    const auto& b = std::get<ast::Block>(s.node);
    return sequence(b.body, b.intensity ? &*b.intensity : inherited);
}

Summary Builder::train(const ast::Train& t, const ast::IntensitySetting* inherited) {
    TrainItem item;
    item.key = offset_key("train", t.range);
    item.range = t.range;
    item.pattern = t.burst ? PatternKind::Patterned : PatternKind::Conventional;
    item.rate = value(t.frequency);
    const bool by_duration = t.size == ast::Train::Size::Duration;
    item.units = by_duration ? value(t.amount) * item.rate : value(t.amount);
    item.duration = by_duration ? value(t.amount) : item.units / item.rate;
    Expr first_to_last = (item.units - num(1)) / item.rate;
    item.pulses = item.units;
    item.spacing = num(1) / item.rate;
    const ast::IntensitySetting* setting = t.intensity ? &*t.intensity : inherited;
    if (t.burst) {
        item.burst_pulses = value(t.burst->pulses);
        item.burst_frequency = value(t.burst->frequency);
        item.pulses = item.units * *item.burst_pulses;
        first_to_last = first_to_last + (*item.burst_pulses - num(1)) / *item.burst_frequency;
        // A burst fits its slot (the resolver checks M/F <= 1/R), so with two or more pulses
        // per burst the shortest silence is inside a burst.
        item.spacing = ite(*item.burst_pulses >= num(2), num(1) / *item.burst_frequency, item.spacing);
        setting = t.burst->intensity ? &*t.burst->intensity : setting;
    }
    item.repeats_ok = item.pulses >= num(2);
    item.intensities.push_back(intensity(setting->value));
    model_.trains.push_back(item);
    const EventRef ref{EventRef::Kind::Train, model_.trains.size() - 1};
    return {item.duration, item.pulses, ref, ref, num(0), item.duration - first_to_last};
}

Summary Builder::pulse(const ast::Pulse& p, const ast::IntensitySetting* inherited) {
    model_.pulses.push_back({offset_key("pulse", p.range), p.range, false,
                             {intensity((p.intensity ? &*p.intensity : inherited)->value)},
                             std::nullopt});
    const EventRef ref{EventRef::Kind::Pulse, model_.pulses.size() - 1};
    return {num(0), num(1), ref, ref, num(0), num(0)};
}

Summary Builder::paired(const ast::Paired& p) {
    model_.pulses.push_back({offset_key("pulse", p.range), p.range, true,
                             {intensity(p.first), intensity(p.second)}, std::nullopt});
    const EventRef ref{EventRef::Kind::Pulse, model_.pulses.size() - 1};
    return {value(p.interval), num(2), ref, ref, num(0), num(0)};
}

/// A repeat whose body holds one pulse or pair and otherwise only waits is a pulse series.
std::optional<std::size_t> lone_pulse(const std::vector<ast::Statement>& body) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const auto& node = body[i].node;
        if (std::holds_alternative<ast::Wait>(node)) {
            continue;
        }
        if (found || !(std::holds_alternative<ast::Pulse>(node) ||
                       std::holds_alternative<ast::Paired>(node))) {
            return std::nullopt;
        }
        found = i;
    }
    return found;
}

Summary Builder::repeat(const ast::Repeat& r, const ast::IntensitySetting* inherited) {
    const Expr count = value(r.count);
    const Summary body = sequence(r.body, inherited);
    const Expr period = r.every ? interval(*r.every) : body.length;
    // Silence left over in each period after the body (zero without 'every').
    const Expr idle = period - body.length;
    if (body.first) {
        add_gap(*body.last, *body.first, idle + body.tail + body.lead, count >= num(2));
        if (lone_pulse(r.body)) {
            add_series(r, body, count, period);
        }
    }
    return {count * period, count * body.pulses, body.first, body.last, body.lead, body.tail + idle};
}

void Builder::add_series(const ast::Repeat& r, const Summary& body, const Expr& count,
                         const Expr& period) {
    PulseItem& pulse = model_.pulses[body.first->index];
    GapItem& wrap = model_.gaps.back();
    wrap.within_series = true;
    TrainItem item;
    item.series = true;
    item.key = offset_key("series", r.range);
    item.range = r.range;
    item.pattern = PatternKind::Conventional;
    item.rate = num(1) / period;
    item.units = count;
    item.duration = count * period;
    item.pulses = count * body.pulses;
    item.spacing = wrap.silence;
    item.repeats_ok = count >= num(2);
    item.intensities = pulse.intensities;
    pulse.series = model_.trains.size();
    model_.trains.push_back(std::move(item));
}

SafetyModel Builder::build() {
    const ResolvedProtocol& p = *model_.protocol;
    declare_variables();
    const ast::Session& session = *p.session;
    const ast::IntensitySetting* inherited = session.intensity   ? &*session.intensity
                                             : p.ast->intensity ? &*p.ast->intensity
                                                                : nullptr;
    const Summary all = sequence(session.body, inherited);
    model_.session_pulses = all.pulses;
    model_.session_duration = all.length;
    model_.session_range = session.range;
    if (p.course) {
        model_.sessions_per_day = p.course->sessions_per_day;
        model_.course_range = p.course->range;
    }
    return std::move(model_);
}

} // namespace

SafetyModel build_model(const ResolvedProtocol& protocol) { return Builder(protocol).build(); }

} // namespace tmsc::safety
