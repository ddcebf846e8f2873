#include "safety/smt/bounds.hpp"

#include <algorithm>
#include <unordered_map>

namespace tmsc::safety {

namespace {

using Op = Expr::Op;

std::optional<Bounds> combine(Op op, const Bounds& a, const Bounds& b) {
    switch (op) {
    case Op::Add: return Bounds{a.lo + b.lo, a.hi + b.hi};
    case Op::Sub: return Bounds{a.lo - b.hi, a.hi - b.lo};
    case Op::Mul:
    case Op::Div: {
        if (op == Op::Div && b.lo <= Rational(0) && b.hi >= Rational(0)) {
            return std::nullopt; // the divisor may be zero: no bound
        }
        const Rational x[] = {a.lo, a.hi};
        const Rational y[] = {b.lo, b.hi};
        std::optional<Bounds> out;
        for (const Rational& p : x) {
            for (const Rational& q : y) {
                const Rational v = op == Op::Mul ? p * q : p / q;
                out = out ? Bounds{std::min(out->lo, v), std::max(out->hi, v)} : Bounds{v, v};
            }
        }
        return out;
    }
    default: return std::nullopt;
    }
}

/// Bounds and simplification of one expression DAG, memoised by node.
class Simplifier {
  public:
    explicit Simplifier(const std::vector<Variable>& variables) : variables_(variables) {}

    std::optional<Bounds> bounds(const Expr& e) {
        if (auto it = bounds_memo_.find(e.id()); it != bounds_memo_.end()) {
            return it->second.second;
        }
        std::optional<Bounds> out;
        try {
            out = compute(e);
        } catch (const std::exception&) {
            out = std::nullopt; // exact arithmetic overflow: no bound, no harm
        }
        bounds_memo_.emplace(e.id(), std::make_pair(e, out));
        return out;
    }

    Expr simplify(const Expr& e) {
        if (auto it = memo_.find(e.id()); it != memo_.end()) {
            return it->second.second;
        }
        const Expr out = rebuild(e);
        memo_.emplace(e.id(), std::make_pair(e, out));
        return out;
    }

  private:
    std::optional<Bounds> compute(const Expr& e) {
        switch (e.op()) {
        case Op::Const: return Bounds{e.value(), e.value()};
        case Op::Var: return Bounds{variables_.at(e.var_index()).lo, variables_.at(e.var_index()).hi};
        case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
            const auto a = bounds(e.args()[0]);
            const auto b = bounds(e.args()[1]);
            return a && b ? combine(e.op(), *a, *b) : std::nullopt;
        }
        case Op::Ite: {
            if (const auto c = decide(e.args()[0])) {
                return bounds(e.args()[*c ? 1 : 2]);
            }
            const auto a = bounds(e.args()[1]);
            const auto b = bounds(e.args()[2]);
            return a && b ? std::optional(Bounds{std::min(a->lo, b->lo), std::max(a->hi, b->hi)}) : std::nullopt;
        }
        default: return std::nullopt;
        }
    }

    /// The truth of a comparison when the bounds settle it.
    std::optional<bool> decide(const Expr& e) {
        if (e.is_true() || e.is_false()) {
            return e.is_true();
        }
        if (e.op() != Op::Lt && e.op() != Op::Le && e.op() != Op::Eq) {
            return std::nullopt;
        }
        const auto a = bounds(e.args()[0]);
        const auto b = bounds(e.args()[1]);
        if (!a || !b) {
            return std::nullopt;
        }
        switch (e.op()) {
        case Op::Lt:
            if (a->hi < b->lo) return true;
            if (a->lo >= b->hi) return false;
            return std::nullopt;
        case Op::Le:
            if (a->hi <= b->lo) return true;
            if (a->lo > b->hi) return false;
            return std::nullopt;
        default:
            if (a->hi < b->lo || a->lo > b->hi) return false;
            if (a->lo == a->hi && b->lo == b->hi) return a->lo == b->lo;
            return std::nullopt;
        }
    }

    Expr rebuild(const Expr& e) {
        const auto& a = e.args();
        switch (e.op()) {
        case Op::Lt: case Op::Le: case Op::Eq: {
            if (const auto c = decide(e)) {
                return Expr::boolean(*c);
            }
            const Expr x = simplify(a[0]);
            const Expr y = simplify(a[1]);
            return e.op() == Op::Lt ? x < y : e.op() == Op::Le ? x <= y : equal(x, y);
        }
        case Op::And: return simplify(a[0]) && simplify(a[1]);
        case Op::Or: return simplify(a[0]) || simplify(a[1]);
        case Op::Not: return !simplify(a[0]);
        case Op::Ite: {
            const Expr c = simplify(a[0]);
            if (c.is_true() || c.is_false()) {
                return simplify(a[c.is_true() ? 1 : 2]);
            }
            return ite(c, simplify(a[1]), simplify(a[2]));
        }
        case Op::Add: return simplify(a[0]) + simplify(a[1]);
        case Op::Sub: return simplify(a[0]) - simplify(a[1]);
        case Op::Mul: return simplify(a[0]) * simplify(a[1]);
        case Op::Div: return simplify(a[0]) / simplify(a[1]);
        default: return e;
        }
    }

    const std::vector<Variable>& variables_;
    // Memos keep their nodes alive so that no address is reused while they exist.
    std::unordered_map<const void*, std::pair<Expr, std::optional<Bounds>>> bounds_memo_;
    std::unordered_map<const void*, std::pair<Expr, Expr>> memo_;
};

} // namespace

std::optional<Bounds> bounds_of(const Expr& expr, const std::vector<Variable>& variables) {
    return Simplifier(variables).bounds(expr);
}

Expr simplify(const Expr& expr, const std::vector<Variable>& variables) {
    return Simplifier(variables).simplify(expr);
}

} // namespace tmsc::safety
