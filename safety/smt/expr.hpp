#pragma once
// A small symbolic expression language over the protocol's parameters, subject thresholds and
// jittered intervals. The model of a protocol is written once in these terms; the Z3 encoder
// (smt.cpp) and the exact evaluator below give it meaning, so messages and margins computed
// from a counterexample use the very formula the solver saw.

#include "support/rational.hpp"
#include "support/source.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tmsc::safety {

/// A free variable: a parameter, a subject threshold or a jittered interval.
struct Variable {
    enum class Kind { Param, Threshold, Jitter };
    Kind kind = Kind::Param;
    std::string name;    ///< as the user wrote it ("f", "rmt"); jitter: "wait at 12:5"
    std::string symbol;  ///< SMT symbol, unique and plain ("param_f", "subject_rmt")
    bool integer = false;
    Rational lo;
    Rational hi;
    std::optional<Rational> preferred; ///< a parameter's default
    std::string unit;    ///< "Hz", "s", "%rMT", "%MSO", "" for counts
    SourceRange range;   ///< where its range is declared
};

/// Values for some variables, by index into the model's variable list.
using Assignment = std::map<std::size_t, Rational>;

/// An immutable expression node, shared. Numeric and Boolean expressions share one type; the
/// builders below keep them apart.
class Expr {
  public:
    enum class Op { Const, Var, Add, Sub, Mul, Div, Lt, Le, Eq, And, Or, Not, Ite, True, False };

    Expr(); ///< the constant 0
    static Expr constant(const Rational& value);
    static Expr variable(std::size_t index);
    static Expr boolean(bool value);
    static Expr make(Op op, std::vector<Expr> args);

    Op op() const;
    const Rational& value() const;      ///< Const only
    std::size_t var_index() const;      ///< Var only
    const std::vector<Expr>& args() const;
    bool is_const() const { return op() == Op::Const; }
    bool is_true() const { return op() == Op::True; }
    bool is_false() const { return op() == Op::False; }
    bool is_bool() const;
    /// Identity of the shared node, for memoised translations.
    const void* id() const { return node_.get(); }

  private:
    struct Node;
    explicit Expr(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
    std::shared_ptr<const Node> node_;
};

Expr operator+(const Expr& a, const Expr& b);
Expr operator-(const Expr& a, const Expr& b);
Expr operator*(const Expr& a, const Expr& b);
Expr operator/(const Expr& a, const Expr& b);
Expr operator<(const Expr& a, const Expr& b);
Expr operator<=(const Expr& a, const Expr& b);
Expr operator>(const Expr& a, const Expr& b);
Expr operator>=(const Expr& a, const Expr& b);
Expr equal(const Expr& a, const Expr& b);
Expr operator&&(const Expr& a, const Expr& b);
Expr operator||(const Expr& a, const Expr& b);
Expr operator!(const Expr& a);
Expr ite(const Expr& condition, const Expr& then, const Expr& otherwise);

/// Shorthand for a constant.
inline Expr num(const Rational& value) { return Expr::constant(value); }

/// Exact value of a numeric expression; nullopt when a variable is unassigned, a divisor is
/// zero, or exact arithmetic overflows.
std::optional<Rational> evaluate(const Expr& expr, const Assignment& values);
/// Truth of a Boolean expression, under the same conditions.
std::optional<bool> evaluate_bool(const Expr& expr, const Assignment& values);

/// Indices of the variables an expression mentions.
void collect_variables(const Expr& expr, std::set<std::size_t>& out);

} // namespace tmsc::safety
