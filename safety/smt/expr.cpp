#include "safety/smt/expr.hpp"

#include <cassert>

namespace tmsc::safety {

struct Expr::Node {
    Op op = Op::Const;
    Rational value;
    std::size_t index = 0;
    std::vector<Expr> args;
};

Expr::Expr() : Expr(constant(Rational(0))) {}

Expr Expr::constant(const Rational& value) {
    return Expr(std::make_shared<const Node>(Node{Op::Const, value, 0, {}}));
}

Expr Expr::variable(std::size_t index) {
    return Expr(std::make_shared<const Node>(Node{Op::Var, Rational(0), index, {}}));
}

Expr Expr::boolean(bool value) {
    return Expr(std::make_shared<const Node>(Node{value ? Op::True : Op::False, Rational(0), 0, {}}));
}

Expr Expr::make(Op op, std::vector<Expr> args) {
    return Expr(std::make_shared<const Node>(Node{op, Rational(0), 0, std::move(args)}));
}

Expr::Op Expr::op() const { return node_->op; }
const Rational& Expr::value() const { return node_->value; }
std::size_t Expr::var_index() const { return node_->index; }
const std::vector<Expr>& Expr::args() const { return node_->args; }

bool Expr::is_bool() const {
    switch (op()) {
    case Op::Lt: case Op::Le: case Op::Eq: case Op::And: case Op::Or: case Op::Not:
    case Op::True: case Op::False:
        return true;
    case Op::Ite:
        return args()[1].is_bool();
    default:
        return false;
    }
}

namespace {

/// Folds an operation on two constants; keeps the node when exact arithmetic cannot.
template <typename F>
Expr fold(Expr::Op op, const Expr& a, const Expr& b, F f) {
    if (a.is_const() && b.is_const()) {
        try {
            return f(a.value(), b.value());
        } catch (const std::exception&) {
            // Overflow or division by zero: leave it to the solver, which sees it symbolically.
        }
    }
    return Expr::make(op, {a, b});
}

} // namespace

Expr operator+(const Expr& a, const Expr& b) {
    if (a.is_const() && a.value().is_zero()) return b;
    if (b.is_const() && b.value().is_zero()) return a;
    return fold(Expr::Op::Add, a, b, [](auto x, auto y) { return num(x + y); });
}
Expr operator-(const Expr& a, const Expr& b) {
    if (b.is_const() && b.value().is_zero()) return a;
    return fold(Expr::Op::Sub, a, b, [](auto x, auto y) { return num(x - y); });
}
Expr operator*(const Expr& a, const Expr& b) {
    if (a.is_const() && a.value() == Rational(1)) return b;
    if (b.is_const() && b.value() == Rational(1)) return a;
    return fold(Expr::Op::Mul, a, b, [](auto x, auto y) { return num(x * y); });
}
Expr operator/(const Expr& a, const Expr& b) {
    if (b.is_const() && b.value() == Rational(1)) return a;
    return fold(Expr::Op::Div, a, b, [](auto x, auto y) { return num(x / y); });
}
Expr operator<(const Expr& a, const Expr& b) {
    return fold(Expr::Op::Lt, a, b, [](auto x, auto y) { return Expr::boolean(x < y); });
}
Expr operator<=(const Expr& a, const Expr& b) {
    return fold(Expr::Op::Le, a, b, [](auto x, auto y) { return Expr::boolean(x <= y); });
}
Expr operator>(const Expr& a, const Expr& b) { return b < a; }
Expr operator>=(const Expr& a, const Expr& b) { return b <= a; }
Expr equal(const Expr& a, const Expr& b) {
    return fold(Expr::Op::Eq, a, b, [](auto x, auto y) { return Expr::boolean(x == y); });
}

Expr operator&&(const Expr& a, const Expr& b) {
    if (a.is_false() || b.is_false()) return Expr::boolean(false);
    if (a.is_true()) return b;
    if (b.is_true()) return a;
    return Expr::make(Expr::Op::And, {a, b});
}
Expr operator||(const Expr& a, const Expr& b) {
    if (a.is_true() || b.is_true()) return Expr::boolean(true);
    if (a.is_false()) return b;
    if (b.is_false()) return a;
    return Expr::make(Expr::Op::Or, {a, b});
}
Expr operator!(const Expr& a) {
    if (a.is_true()) return Expr::boolean(false);
    if (a.is_false()) return Expr::boolean(true);
    return Expr::make(Expr::Op::Not, {a});
}
Expr ite(const Expr& condition, const Expr& then, const Expr& otherwise) {
    if (condition.is_true()) return then;
    if (condition.is_false()) return otherwise;
    return Expr::make(Expr::Op::Ite, {condition, then, otherwise});
}

namespace {

/// Evaluates to a Rational, or to 0/1 for Booleans; throws on anything unevaluable.
Rational eval(const Expr& e, const Assignment& values) {
    using Op = Expr::Op;
    const auto& a = e.args();
    switch (e.op()) {
    case Op::Const: return e.value();
    case Op::Var: return values.at(e.var_index());
    case Op::True: return Rational(1);
    case Op::False: return Rational(0);
    case Op::Add: return eval(a[0], values) + eval(a[1], values);
    case Op::Sub: return eval(a[0], values) - eval(a[1], values);
    case Op::Mul: return eval(a[0], values) * eval(a[1], values);
    case Op::Div: return eval(a[0], values) / eval(a[1], values);
    case Op::Lt: return Rational(eval(a[0], values) < eval(a[1], values) ? 1 : 0);
    case Op::Le: return Rational(eval(a[0], values) <= eval(a[1], values) ? 1 : 0);
    case Op::Eq: return Rational(eval(a[0], values) == eval(a[1], values) ? 1 : 0);
    case Op::And: return Rational(!eval(a[0], values).is_zero() && !eval(a[1], values).is_zero() ? 1 : 0);
    case Op::Or: return Rational(!eval(a[0], values).is_zero() || !eval(a[1], values).is_zero() ? 1 : 0);
    case Op::Not: return Rational(eval(a[0], values).is_zero() ? 1 : 0);
    case Op::Ite: return !eval(a[0], values).is_zero() ? eval(a[1], values) : eval(a[2], values);
    }
    assert(false && "unknown expression operator");
    return Rational(0);
}

} // namespace

std::optional<Rational> evaluate(const Expr& expr, const Assignment& values) {
    try {
        return eval(expr, values);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<bool> evaluate_bool(const Expr& expr, const Assignment& values) {
    if (auto v = evaluate(expr, values)) {
        return !v->is_zero();
    }
    return std::nullopt;
}

void collect_variables(const Expr& expr, std::set<std::size_t>& out) {
    if (expr.op() == Expr::Op::Var) {
        out.insert(expr.var_index());
    }
    for (const Expr& arg : expr.args()) {
        collect_variables(arg, out);
    }
}

} // namespace tmsc::safety
