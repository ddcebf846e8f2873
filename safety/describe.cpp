#include "safety/describe.hpp"

#include "safety/table.hpp"

namespace tmsc::safety {

namespace {

/// A number for messages: exact when short, else rounded with "about".
std::string plain(const Rational& value) {
    const std::string exact = value.to_string(6);
    return exact.find('/') == std::string::npos ? exact : "about " + value.to_decimal(4);
}

/// A frequency: "20 Hz", "about 0.1667 Hz".
std::string hertz(const Rational& value) { return plain(value) + " Hz"; }

/// Seconds as the published tables write them: "0.55 s", "1800 s".
std::string seconds(const Rational& value) { return plain(value) + " s"; }

std::string at(const SourceRange& range) {
    return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

Rational value_or_zero(const Expr& e, const Assignment& values) {
    return evaluate(e, values).value_or(Rational(0));
}

std::string intensity_text(const SafetyModel& model, const IntensityTerm& term,
                           const Assignment& values) {
    std::string text = plain(value_or_zero(term.percent, values)) + " " + intensity_ref_spelling(term.ref);
    if (term.ref != IntensityRef::Rmt) {
        if (auto rmt = intensity_in(model, term, IntensityRef::Rmt)) {
            text += " (" + plain(value_or_zero(*rmt, values)) + " %rMT)";
        }
    }
    return text;
}

std::string short_name(const SafetyModel& model, const EventRef& ref) {
    if (ref.kind == EventRef::Kind::Train) {
        return std::string(model.trains[ref.index].series ? "the series at " : "the train at ") +
               at(model.trains[ref.index].range);
    }
    return std::string(model.pulses[ref.index].paired ? "the pair at " : "the pulse at ") +
           at(model.pulses[ref.index].range);
}

} // namespace

std::string format_variable(const Variable& variable, const Rational& value) {
    if (variable.unit == "Hz") return plain(value) + " Hz";
    if (variable.unit == "s") return seconds(value);
    if (variable.unit.empty()) return plain(value);
    return plain(value) + " " + variable.unit;
}

std::string format_quantity(Quantity quantity, const Rational& value, IntensityRef percent_of) {
    switch (quantity) {
    case Quantity::Rate:
    case Quantity::BurstFrequency: return plain(value) + " Hz";
    case Quantity::Duration: return seconds(value);
    case Quantity::Intensity: return plain(value) + " " + intensity_ref_spelling(percent_of);
    case Quantity::Pulses:
    case Quantity::BurstPulses: return plain(value) + " pulses";
    }
    return plain(value);
}

Assignment complete(const SafetyModel& model, const Assignment& values) {
    Assignment out = values;
    for (std::size_t i = 0; i < model.variables.size(); ++i) {
        const Variable& v = model.variables[i];
        out.emplace(i, v.preferred ? *v.preferred : v.lo);
    }
    return out;
}

std::string describe_train(const SafetyModel& model, const TrainItem& train, std::size_t term,
                           const Assignment& values) {
    const std::string intensity = intensity_text(model, train.intensities.at(term), values);
    const Rational rate = value_or_zero(train.rate, values);
    if (train.series) {
        std::string text = "series of " + plain(value_or_zero(train.units, values)) +
                           (train.intensities.size() == 2 ? " pairs" : " pulses") + " every " +
                           seconds(rate.is_zero() ? Rational(0) : Rational(1) / rate);
        for (const IntensityTerm& t : train.intensities) {
            text += ", " + intensity_text(model, t, values);
        }
        return text;
    }
    std::string text = std::string(train.burst_pulses ? "patterned train of " : "train of ") +
                       seconds(value_or_zero(train.duration, values)) + " at " +
                       hertz(rate);
    if (train.burst_pulses) {
        text += " (bursts of " + plain(value_or_zero(*train.burst_pulses, values)) + " pulses at " +
                hertz(value_or_zero(*train.burst_frequency, values)) + ")";
    }
    return text + ", " + intensity;
}

std::string describe_gap(const SafetyModel& model, const GapItem& gap, const Assignment& values) {
    const std::string silence = "silence of " + seconds(value_or_zero(gap.silence, values));
    const std::string before = short_name(model, gap.before);
    const std::string after = short_name(model, gap.after);
    // A repeated train is its own neighbour: name it once rather than "X and X".
    if (before == after) {
        return silence + " between repetitions of " + before;
    }
    return silence + " between " + before + " and " + after;
}

std::vector<DiagnosticNote> value_notes(const SafetyModel& model, const Assignment& values,
                                        const std::set<std::size_t>& relevant, bool exact) {
    std::vector<DiagnosticNote> notes;
    if (relevant.empty()) {
        notes.push_back({"no parameter, subject threshold or jitter affects this: the protocol as "
                         "written breaks the rule",
                         std::nullopt});
        return notes;
    }
    for (std::size_t index : relevant) {
        const Variable& v = model.variables[index];
        const Rational value = values.at(index);
        std::string where = v.lo == v.hi                       ? "its only value"
                            : v.preferred && value == *v.preferred ? "its default"
                            : value == v.lo                    ? "the lower end of its range"
                            : value == v.hi                    ? "the upper end of its range"
                                                               : "within its range";
        notes.push_back({"when " + v.name + " = " + (exact ? "" : "about ") + format_variable(v, value) +
                             " (" + where + " " + format_variable(v, v.lo) + ".." +
                             format_variable(v, v.hi) + ")",
                         v.range});
    }
    return notes;
}

std::string waiver_hint(const Rule& rule) {
    return "beyond the published evidence, not a demonstrated hazard, so it fails "
                           "the protocol unless waived; where a source supports it, record "
                           "why: waive " + rule.id + " \"reason with the citation\"";
}

std::string limit_phrase(const Rule& rule, const Rational& limit) {
    switch (rule.kind) {
    case RuleKind::TrainDurationTable:
        return (rule.limits_only ? "limit " : "longest tested ") + seconds(limit);
    case RuleKind::GapMin:
        return (rule.strict ? "must be more than " : "must be at least ") + seconds(limit);
    case RuleKind::TrainMax:
    case RuleKind::SessionMax:
    case RuleKind::DayMax: break;
    }
    const char* what = rule.quantity == Quantity::Rate ? "rate"
                       : rule.quantity == Quantity::Duration ? "duration"
                       : rule.quantity == Quantity::Intensity ? "intensity"
                       : rule.quantity == Quantity::BurstPulses ? "pulses per burst"
                       : rule.quantity == Quantity::BurstFrequency ? "rate inside a burst"
                                                                   : "pulses";
    return std::string(what) + " at most " + format_quantity(rule.quantity, limit, rule.reference);
}

namespace {

std::string subject_text(const SafetyModel& model, const Obligation& o, const Assignment& values) {
    const Rational actual = value_or_zero(o.actual, values);
    switch (o.subject) {
    case Subject::Train: {
        std::string text = describe_train(model, model.trains[o.index], o.term, values);
        const bool shown = o.rule->kind == RuleKind::TrainDurationTable ||
                           o.rule->quantity == Quantity::Rate || o.rule->quantity == Quantity::Duration;
        return shown ? text : text + ": " + format_quantity(o.quantity, actual, o.percent_of);
    }
    case Subject::Gap: return describe_gap(model, model.gaps[o.index], values);
    case Subject::Session:
        return "the session's " + format_quantity(o.quantity, actual, o.percent_of);
    case Subject::Day:
        return plain(actual) + " pulses a day (" + std::to_string(model.sessions_per_day) +
               (model.sessions_per_day == 1 ? " session)" : " sessions)");
    }
    return "";
}

} // namespace

Diagnostic describe_violation(const SafetyModel& model, const RuleSet& rules,
                              const Obligation& o, const Assignment& values, bool exact,
                              Counterexample& record) {
    const Assignment all = complete(model, values);
    const Rule& rule = *o.rule;
    const Rational limit = value_or_zero(o.limit, all);
    Diagnostic d;
    d.severity = rule.severity == RuleSeverity::Error ? Severity::Error : Severity::Warning;
    d.code = o.code;
    d.range = o.range;
    d.message = rule.id + ": " + subject_text(model, o, all) + "; " + limit_phrase(rule, limit) +
                " (" + rule.citation + ")";
    std::set<std::size_t> relevant;
    collect_variables(o.violation, relevant);
    d.notes = value_notes(model, all, relevant, exact);
    if (rule.kind == RuleKind::TrainDurationTable) {
        const TrainItem& train = model.trains[o.index];
        const auto percent = intensity_in(model, train.intensities[o.term], rules.tables.at(rule.table).reference);
        d.notes.push_back({"the limit is the smallest of the " +
                               bracket_description(rules.tables.at(rule.table),
                                                   value_or_zero(train.rate, all),
                                                   value_or_zero(*percent, all)) +
                               (rule.scale == Rational(1) ? "" : ", times " + plain(rule.scale)),
                           std::nullopt});
        const std::string unverified =
            unverified_row_note(rules.tables.at(rule.table), value_or_zero(train.rate, all));
        if (!unverified.empty()) {
            d.notes.push_back({unverified, std::nullopt});
        }
    }
    if (o.subject == Subject::Gap) {
        d.notes.push_back({"the gap follows this stimulus", model.range_of(model.gaps[o.index].before)});
    }
    d.notes.push_back({"rule " + rule.id + " [" + confidence_name(rule.confidence) + "]: " + rule.text,
                       std::nullopt});
    if (rule.severity == RuleSeverity::Warning) {
        d.notes.push_back({waiver_hint(rule), std::nullopt});
    }
    record = {rule.id, rule.citation, o.range, {}, format_quantity(o.quantity, value_or_zero(o.actual, all), o.percent_of),
              format_quantity(o.quantity, limit, o.percent_of), d.message};
    if (o.subject == Subject::Gap || rule.kind == RuleKind::TrainDurationTable) {
        record.actual = seconds(value_or_zero(o.actual, all));
        record.limit = seconds(limit);
    }
    for (std::size_t index : relevant) {
        record.values.emplace_back(model.variables[index].name,
                                   format_variable(model.variables[index], all.at(index)));
    }
    return d;
}

Diagnostic describe_uncovered(const SafetyModel& model, const Obligation& o,
                              const Assignment& values) {
    const Assignment all = complete(model, values);
    Diagnostic d;
    d.severity = Severity::Warning;
    d.code = o.code;
    d.range = o.range;
    std::string what = o.subject == Subject::Train
                           ? describe_train(model, model.trains[o.index], o.term, all)
                           : describe_gap(model, model.gaps[o.index], all);
    d.message = "cannot be verified (verdict unknown): " + what + ": " + o.reason;
    std::set<std::size_t> relevant;
    collect_variables(o.violation, relevant);
    if (!relevant.empty()) {
        d.notes = value_notes(model, all, relevant, true);
    }
    return d;
}

} // namespace tmsc::safety
