#pragma once
// Interval bounds of expressions over variables with known ranges, and the simplification they
// allow: a table lookup's if-then-else chain keeps only the rows and columns a train's ranges
// can reach. The ranges are asserted in every query anyway, so a simplified formula is
// satisfiable exactly when the original is; the solver just gets a smaller one.

#include "safety/smt/expr.hpp"

#include <optional>
#include <vector>

namespace tmsc::safety {

/// A closed interval of exact values.
struct Bounds {
    Rational lo;
    Rational hi;
};

/// Bounds of a numeric expression, or nullopt when unknown (e.g. a divisor that may be zero).
std::optional<Bounds> bounds_of(const Expr& expr, const std::vector<Variable>& variables);

/// The expression with every comparison the bounds decide replaced by its truth value, and
/// every if-then-else on a decided condition replaced by its branch.
Expr simplify(const Expr& expr, const std::vector<Variable>& variables);

} // namespace tmsc::safety
