#include "safety/explain.hpp"

#include "safety/timeline/timeline_check.hpp"

#include "safety/describe.hpp"
#include "safety/obligations.hpp"
#include "safety/table.hpp"

#include <map>

namespace tmsc::safety {

namespace {

/// Worst-case search stops when a better point improves the usage by less than this factor.
constexpr double kAscentStep = 1.001;
/// And after this many solver calls per rule.
constexpr int kAscentLimit = 40;

/// How much of a limit an assignment uses: actual / limit for upper bounds, limit / actual for
/// lower bounds; above 1 breaks the rule.
std::optional<Rational> usage(const Obligation& o, const Assignment& values) {
    const auto actual = evaluate(o.actual, values);
    const auto limit = evaluate(o.limit, values);
    if (!actual || !limit || limit->is_zero() || actual->is_zero()) {
        return std::nullopt;
    }
    return o.bound == Bound::AtMost ? *actual / *limit : *limit / *actual;
}

/// "usage above u": the formula the solver is asked to satisfy to beat the current worst case.
Expr beats(const Obligation& o, const Rational& u) {
    return o.bound == Bound::AtMost ? o.actual > num(u) * o.limit : o.actual * num(u) < o.limit;
}

smt::Query query_for(const SafetyModel& model, const Expr& formula) {
    smt::Query q;
    q.name = "explain";
    std::set<std::size_t> used;
    collect_variables(formula, used);
    for (std::size_t index : used) {
        const Variable& v = model.variables[index];
        const Expr x = Expr::variable(index);
        q.assertions.push_back({x >= num(v.lo) && x <= num(v.hi), "range_" + v.symbol, v.range, v.name});
    }
    q.assertions.push_back({formula, "goal", SourceRange{}, "goal"});
    return q;
}

/// The worst case of one rule: the assignment with the highest usage the solver can find.
struct Worst {
    bool applies = false;
    bool proved_worst = false; ///< the search ended because nothing worse exists
    Assignment values;
};

Worst worst_case(const SafetyModel& model, smt::Session& session, const Obligation& o) {
    const Expr applies = o.guard && o.limit >= num(0);
    Worst w;
    const Assignment defaults = complete(model, {});
    if (evaluate_bool(applies, defaults).value_or(false)) {
        w = {true, false, defaults};
    } else {
        const smt::Outcome any = session.check(query_for(model, applies), model.variables);
        if (any.verdict != smt::Verdict::Counterexample) {
            return w;
        }
        w = {true, false, complete(model, any.model)};
    }
    for (int i = 0; i < kAscentLimit; ++i) {
        const auto u = usage(o, w.values);
        // The next target, rounded to a short decimal so exact arithmetic stays small.
        const auto target = u ? Rational::parse_decimal(std::to_string(u->to_double() * kAscentStep))
                              : std::nullopt;
        if (!target) {
            break;
        }
        const smt::Outcome better =
            session.check(query_for(model, applies && beats(o, *target)), model.variables);
        if (better.verdict != smt::Verdict::Counterexample || !better.model_exact) {
            w.proved_worst = better.verdict == smt::Verdict::Proved;
            break;
        }
        w.values = complete(model, better.model);
    }
    return w;
}

std::string percent(const Rational& fraction) {
    return (fraction * Rational(100)).to_decimal(1) + " %";
}

std::string quantity(const Obligation& o, const Rational& value) {
    const bool seconds = o.subject == Subject::Gap || o.rule->kind == RuleKind::TrainDurationTable;
    return seconds ? value.to_decimal(4) + " s" : format_quantity(o.quantity, value, o.percent_of);
}

/// The note line for a table margin whose worst case used an unverified row, else "".
std::string unverified_line(const SafetyModel& model, const RuleSet& rules, const Obligation& o,
                            const Assignment& values) {
    if (o.rule->kind != RuleKind::TrainDurationTable || o.subject != Subject::Train) {
        return "";
    }
    const auto rate = evaluate(model.trains[o.index].rate, values);
    const std::string note =
        rate ? unverified_row_note(rules.tables.at(o.rule->table), *rate) : std::string();
    return note.empty() ? "" : "      note: " + note + "\n";
}

std::string margin_line(const SafetyModel& model, const RuleSet& rules, smt::Session& session,
                        const Obligation& o) {
    const Worst w = worst_case(model, session, o);
    std::string line = "  " + o.rule->id;
    const TrainItem* train = o.subject == Subject::Train ? &model.trains[o.index] : nullptr;
    if (train && train->intensities.size() > 1) {
        const IntensityTerm& term = train->intensities[o.term];
        line += " (pulse " + std::to_string(o.term + 1) + ", " + intensity_ref_spelling(term.ref) + ")";
    }
    line += ": ";
    if (!w.applies) {
        return line + (o.rule->kind == RuleKind::TrainDurationTable
                           ? "no limit at any allowed value (only tested durations, >x, bracket it)\n"
                           : "does not apply at any allowed value\n");
    }
    const Rational actual = evaluate(o.actual, w.values).value_or(Rational(0));
    const Rational limit = evaluate(o.limit, w.values).value_or(Rational(0));
    if (o.bound == Bound::AtMost) {
        line += quantity(o, actual) + " of " + quantity(o, limit) + " allowed, ";
        line += actual <= limit ? percent((limit - actual) / limit) + " margin"
                                : "exceeded by " + percent((actual - limit) / limit);
    } else {
        line += quantity(o, actual) + (o.bound == Bound::Above ? ", more than " : ", at least ") +
                quantity(o, limit) + " required, ";
        const bool ok = o.bound == Bound::Above ? actual > limit : actual >= limit;
        line += ok ? percent((actual - limit) / limit) + " margin"
                   : "short by " + percent((limit - actual) / limit);
    }
    line += " (" + o.rule->citation + ") [" + confidence_name(o.rule->confidence) + "]";
    std::set<std::size_t> relevant;
    collect_variables(o.violation, relevant);
    std::string where;
    for (std::size_t index : relevant) {
        where += (where.empty() ? "" : ", ") + model.variables[index].name + " = " +
                 format_variable(model.variables[index], w.values.at(index));
    }
    if (!where.empty()) {
        line += "\n      worst case when " + where + (w.proved_worst ? "" : " (search stopped early)");
    }
    return line + "\n" + unverified_line(model, rules, o, w.values);
}

std::string position(const SourceRange& range) {
    return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

std::string heading(const SafetyModel& model, const Obligation& o) {
    const Assignment defaults = complete(model, {});
    switch (o.subject) {
    case Subject::Train:
        return (model.trains[o.index].series ? "series at " : "train at ") + position(o.range) + ": " +
               describe_train(model, model.trains[o.index], 0, defaults) + " (at defaults)";
    case Subject::Gap: return "gap at " + position(o.range) + ": " + describe_gap(model, model.gaps[o.index], defaults);
    case Subject::Session: return "session";
    case Subject::Day:
        return "day (" + std::to_string(model.sessions_per_day) +
               (model.sessions_per_day == 1 ? " session)" : " sessions)");
    }
    return "";
}

/// "  RULE: 20 s of 2.05 s allowed, exceeded by 875.6 % (citation) [T]" for a timeline margin.
std::string timeline_line(const timeline::Margin& m) {
    std::string line = "  " + m.rule->id + ": ";
    if (m.no_limit) {
        return line + "no limit at any allowed value (only tested durations, >x, bracket it)\n";
    }
    if (!m.at_least) {
        line += m.actual_text + " of " + m.limit_text + " allowed, ";
        line += m.actual <= m.limit ? percent((m.limit - m.actual) / m.limit) + " margin"
                                    : "exceeded by " + percent((m.actual - m.limit) / m.limit);
    } else {
        const bool strict = m.rule->strict;
        line += m.actual_text + (strict ? ", more than " : ", at least ") + m.limit_text + " required, ";
        const bool ok = strict ? m.actual > m.limit : m.actual >= m.limit;
        line += ok ? percent((m.actual - m.limit) / m.limit) + " margin"
                   : "short by " + percent((m.limit - m.actual) / m.limit);
    }
    line += " (" + m.rule->citation + ") [" + confidence_name(m.rule->confidence) + "]\n";
    return m.note.empty() ? line : line + "      note: " + m.note + "\n";
}

/// The blocks of a timeline without timing ranges: one per train, series, gap and total,
/// exactly as check judged them.
void timeline_blocks(const timeline::TimelineOutcome& line, std::map<std::string, std::string>& blocks,
                     std::vector<std::string>& order) {
    for (const timeline::Margin& m : line.margins) {
        if (!blocks.count(m.subject)) {
            order.push_back(m.subject);
            blocks[m.subject] = m.subject + "\n";
        }
        blocks[m.subject] += timeline_line(m);
    }
    for (const timeline::TimelineFinding& f : line.findings) {
        if (!f.finding.rule) {
            const SourceRange& r = f.finding.diagnostic.range;
            const std::string key = "not covered (" + f.kind + ") at " + position(r);
            order.push_back(key);
            blocks[key] = key + ": " + f.finding.diagnostic.message + "\n";
        }
    }
}

} // namespace

std::string explain_protocol(const ResolvedProtocol& protocol, Verifier& verifier) {
    const SafetyModel model = build_model(protocol);
    const ObligationSet set = build_obligations(model, verifier.rules());
    timeline::TimelineOutcome judged;
    try {
        judged = timeline::judge_protocol_timeline(protocol, verifier.rules());
    } catch (const std::exception&) {
        judged = timeline::TimelineOutcome{}; // times beyond exact range: the statements' view
    }
    std::map<std::string, std::string> blocks; // subject key -> lines
    std::vector<std::string> order;            // subjects in model order
    if (judged.exact) {
        timeline_blocks(judged, blocks, order);
    }
    for (const Obligation& o : set.obligations) {
        // As in check: an exact timeline judges trains, gaps and pulse totals itself.
        if (judged.exact && timeline::judged_on_timeline(o)) {
            continue;
        }
        std::string line;
        if (!o.is_coverage()) {
            line = margin_line(model, verifier.rules(), verifier.session(), o);
        } else if (verifier.session().check(query_for(model, o.violation), model.variables).verdict !=
                   smt::Verdict::Proved) {
            line = "  not covered (" + o.code + "): " + o.reason + "\n";
        }
        if (line.empty()) {
            continue;
        }
        if (!blocks.count(o.key)) {
            order.push_back(o.key);
            blocks[o.key] = heading(model, o) + "\n";
        }
        blocks[o.key] += line;
    }
    std::string out;
    for (const std::string& key : order) {
        out += blocks[key];
    }
    for (const Uncovered& u : judged.exact ? std::vector<Uncovered>{} : set.uncovered) {
        out += "not covered (" + u.code + ") at " + position(u.range) + ": " + u.message + "\n";
    }
    return out.empty() ? "no train, gap or session total that a rule applies to\n" : out;
}

} // namespace tmsc::safety
