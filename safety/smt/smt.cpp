#include "safety/smt/smt.hpp"

#include "safety/smt/solver_watchdog.hpp"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <unordered_map>

namespace tmsc::safety::smt {

const char* verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::Proved: return "proved";
    case Verdict::Counterexample: return "counterexample";
    case Verdict::Timeout: return "timeout";
    case Verdict::Unknown: return "unknown";
    }
    return "unknown";
}

Query ranged_query(std::string name, const Expr& violation, const std::vector<Variable>& variables,
                   std::string label, SourceRange range, std::string what) {
    Query q;
    q.name = std::move(name);
    std::set<std::size_t> used;
    collect_variables(violation, used);
    for (std::size_t index : used) {
        const Variable& v = variables[index];
        const Expr x = Expr::variable(index);
        q.assertions.push_back({x >= num(v.lo) && x <= num(v.hi), "range_" + v.symbol, v.range,
                                "range of " + v.name});
    }
    q.assertions.push_back({violation, std::move(label), range, std::move(what)});
    return q;
}

std::set<std::size_t> query_variables(const Query& query) {
    std::set<std::size_t> out;
    for (const Assertion& a : query.assertions) {
        collect_variables(a.formula, out);
    }
    return out;
}

struct Session::Impl {
    // The context is declared first so that it is destroyed last, after every object made in it.
    z3::context context;
    z3::solver solver;

    explicit Impl(unsigned timeout_ms) : solver(context) { solver.set(params(timeout_ms)); }

    z3::params params(unsigned timeout_ms) {
        z3::params p(context);
        p.set("timeout", timeout_ms);
        return p;
    }
};

namespace {

/// Translates expressions into one context, sharing translations of shared nodes.
class Translator {
  public:
    Translator(z3::context& context, const std::vector<Variable>& variables)
        : context_(context), variables_(variables) {}

    z3::expr constant(std::size_t index) {
        const Variable& v = variables_.at(index);
        return v.integer ? context_.int_const(v.symbol.c_str()) : context_.real_const(v.symbol.c_str());
    }

    z3::expr number(const Rational& value) {
        const std::string text = std::to_string(value.num()) + "/" + std::to_string(value.den());
        return context_.real_val(text.c_str());
    }

    z3::expr operator()(const Expr& e) {
        if (auto it = memo_.find(e.id()); it != memo_.end()) {
            return it->second.second;
        }
        z3::expr out = translate(e);
        // The memo keeps the node alive, so its address cannot be reused by a later node.
        memo_.emplace(e.id(), std::make_pair(e, out));
        return out;
    }

  private:
    z3::expr translate(const Expr& e) {
        using Op = Expr::Op;
        const auto& a = e.args();
        switch (e.op()) {
        case Op::Const: return number(e.value());
        case Op::Var: {
            z3::expr c = constant(e.var_index());
            return variables_.at(e.var_index()).integer ? z3::to_real(c) : c;
        }
        case Op::True: return context_.bool_val(true);
        case Op::False: return context_.bool_val(false);
        case Op::Add: return (*this)(a[0]) + (*this)(a[1]);
        case Op::Sub: return (*this)(a[0]) - (*this)(a[1]);
        case Op::Mul: return (*this)(a[0]) * (*this)(a[1]);
        case Op::Div: return (*this)(a[0]) / (*this)(a[1]);
        case Op::Lt: return (*this)(a[0]) < (*this)(a[1]);
        case Op::Le: return (*this)(a[0]) <= (*this)(a[1]);
        case Op::Eq: return (*this)(a[0]) == (*this)(a[1]);
        case Op::And: return (*this)(a[0]) && (*this)(a[1]);
        case Op::Or: return (*this)(a[0]) || (*this)(a[1]);
        case Op::Not: return !(*this)(a[0]);
        case Op::Ite: return z3::ite((*this)(a[0]), (*this)(a[1]), (*this)(a[2]));
        }
        throw z3::exception("unknown expression operator");
    }

    z3::context& context_;
    const std::vector<Variable>& variables_;
    std::unordered_map<const void*, std::pair<Expr, z3::expr>> memo_;
};

/// A model value as an exact rational when Z3 gives one; algebraic numbers are rounded.
std::optional<Rational> model_value(const z3::expr& value, bool& exact) {
    try {
        if (value.is_numeral() && !value.is_algebraic()) {
            if (value.is_int()) {
                return Rational(value.get_numeral_int64());
            }
            return Rational(value.numerator().get_numeral_int64(),
                            value.denominator().get_numeral_int64());
        }
        exact = false;
        std::string text = value.get_decimal_string(9);
        if (!text.empty() && text.back() == '?') {
            text.pop_back();
        }
        return Rational::parse_decimal(text);
    } catch (const z3::exception&) {
        exact = false;
        return std::nullopt;
    }
}

Outcome outcome_of(z3::check_result result, z3::solver& solver, const Query& query,
                   const std::vector<Variable>& variables, Translator& translate) {
    Outcome out;
    if (result == z3::unsat) {
        out.verdict = Verdict::Proved;
        for (const z3::expr& label : solver.unsat_core()) {
            out.core.push_back(label.to_string());
        }
        return out;
    }
    if (result == z3::unknown) {
        const std::string reason = solver.reason_unknown();
        const bool timeout = reason.find("timeout") != std::string::npos ||
                             reason.find("canceled") != std::string::npos;
        out.verdict = timeout ? Verdict::Timeout : Verdict::Unknown;
        out.reason = reason;
        return out;
    }
    out.verdict = Verdict::Counterexample;
    const z3::model model = solver.get_model();
    for (std::size_t index : query_variables(query)) {
        if (auto value = model_value(model.eval(translate.constant(index), true), out.model_exact)) {
            out.model[index] = *value;
        } else {
            out.model_exact = false;
        }
    }
    (void)variables;
    return out;
}

/// Runs one solver call under a hard wall-clock limit (see SolverWatchdog): a second past the
/// solver's own timeout it is interrupted, two seconds after that the process ends, fail closed.
z3::check_result guarded_check(z3::solver& solver, z3::context& context, unsigned timeout_ms) {
    using std::chrono::milliseconds;
    SolverWatchdog watchdog(milliseconds(timeout_ms) + milliseconds(1000), milliseconds(2000),
                            [&context] { context.interrupt(); });
    return solver.check();
}

/// Pops the solver scope on every way out of a query.
struct Scope {
    z3::solver& solver;
    explicit Scope(z3::solver& s) : solver(s) { solver.push(); }
    ~Scope() {
        try {
            solver.pop();
        } catch (const z3::exception&) {
            // Nothing to restore; the next query starts its own scope.
        }
    }
};

} // namespace

Session::Session(unsigned timeout_ms) : timeout_ms_(timeout_ms), impl_(std::make_unique<Impl>(timeout_ms)) {}

Session::~Session() = default;

Outcome Session::check(const Query& query, const std::vector<Variable>& variables) {
    try {
        Translator translate(impl_->context, variables);
        z3::check_result result = z3::unknown;
        {
            Scope scope(impl_->solver);
            for (const Assertion& a : query.assertions) {
                impl_->solver.add(translate(a.formula), a.label.c_str());
            }
            result = guarded_check(impl_->solver, impl_->context, timeout_ms_);
            Outcome out = outcome_of(result, impl_->solver, query, variables, translate);
            if (out.verdict != Verdict::Unknown) {
                return out;
            }
        }
        // The incremental solver may give up on non-linear arithmetic that a fresh solver
        // (which picks a complete procedure for the logic) decides; ask once more.
        z3::solver fresh(impl_->context);
        fresh.set(impl_->params(timeout_ms_));
        for (const Assertion& a : query.assertions) {
            fresh.add(translate(a.formula));
        }
        return outcome_of(guarded_check(fresh, impl_->context, timeout_ms_), fresh, query, variables,
                          translate);
    } catch (const z3::exception& e) {
        Outcome out;
        out.verdict = Verdict::Unknown;
        out.reason = std::string("solver error: ") + e.msg();
        return out;
    }
}

namespace {

/// Values to try for a variable, simplest first.
std::vector<Rational> candidates(const Variable& v, const std::optional<Rational>& found) {
    std::vector<Rational> out;
    auto add = [&](const Rational& x) {
        if (x >= v.lo && x <= v.hi && (!v.integer || x.is_integer()) &&
            std::find(out.begin(), out.end(), x) == out.end()) {
            out.push_back(x);
        }
    };
    if (v.preferred) add(*v.preferred);
    add(v.lo);
    add(v.hi);
    if (found) {
        add(Rational(found->floor()));
        add(Rational(found->ceil()));
        add(*found);
    }
    return out;
}

} // namespace

Outcome Session::minimise(const Query& query, const std::vector<Variable>& variables,
                          const Outcome& found) {
    try {
        const std::set<std::size_t> free = query_variables(query);
        if (std::all_of(free.begin(), free.end(), [&](std::size_t i) { return variables[i].lo == variables[i].hi; })) {
            return found; // every value is fixed: nothing to simplify
        }
        Translator translate(impl_->context, variables);
        z3::solver& solver = impl_->solver;
        Scope outer(solver);
        for (const Assertion& a : query.assertions) {
            solver.add(translate(a.formula));
        }
        for (std::size_t index : query_variables(query)) {
            const auto it = found.model.find(index);
            const std::optional<Rational> value =
                it == found.model.end() ? std::nullopt : std::optional<Rational>(it->second);
            for (const Rational& c : candidates(variables[index], value)) {
                const z3::expr pin = translate(Expr::variable(index)) == translate.number(c);
                solver.push();
                solver.add(pin);
                const z3::check_result r = guarded_check(solver, impl_->context, timeout_ms_);
                solver.pop();
                if (r == z3::sat) {
                    solver.add(pin);
                    break;
                }
            }
        }
        Outcome out = outcome_of(guarded_check(solver, impl_->context, timeout_ms_), solver, query, variables, translate);
        return out.verdict == Verdict::Counterexample ? out : found;
    } catch (const z3::exception&) {
        return found; // the unminimised counterexample is still a counterexample
    }
}

std::string Session::to_smt2(const Query& query, const std::vector<Variable>& variables) {
    Translator translate(impl_->context, variables);
    std::ostringstream out;
    out << "; query: " << query.name << "\n(set-logic ALL)\n";
    for (std::size_t index : query_variables(query)) {
        const Variable& v = variables[index];
        out << "(declare-fun " << v.symbol << " () " << (v.integer ? "Int" : "Real") << ")\n";
    }
    for (const Assertion& a : query.assertions) {
        out << "; " << a.what << " (line " << a.range.begin.line << ", column "
            << a.range.begin.column << ")\n";
        out << "(assert (! " << translate(a.formula) << " :named " << a.label << "))\n";
    }
    out << "(check-sat)\n";
    return out.str();
}

} // namespace tmsc::safety::smt
