#pragma once
// The train-duration table's lookup semantics, once symbolically (for the solver) and once as
// plain code (for the evaluator that cross-checks the solver). Both follow
// docs/safety.md: the limit is the minimum over the cells bracketing the frequency and the
// intensity; below the first row or column that row or column applies; above the last row or
// column there is no evidence at all.

#include "safety/rules/rules.hpp"
#include "safety/smt/expr.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tmsc::safety {

/// Marks "no limit among the bracketing cells" in a symbolic limit (durations are positive).
inline const Rational kNoLimit = Rational(-1);

/// The scaled limit in seconds as an if-then-else chain over `rate` (Hz) and `percent`, or
/// kNoLimit where no (plain, if `limits_only`) cell brackets the point or it is off the table.
Expr table_limit(const DurationTable& table, bool limits_only, const Rational& scale,
                 const Expr& rate, const Expr& percent);

/// True where the table has evidence: rate and percent at or below the last row and column.
Expr table_domain(const DurationTable& table, const Expr& rate, const Expr& percent);

/// The same lookup by plain search. nullopt when no qualifying cell brackets the point;
/// the caller checks the domain first.
std::optional<Rational> lookup_limit(const DurationTable& table, bool limits_only,
                                     const Rational& scale, const Rational& rate,
                                     const Rational& percent);

/// "cells 20-25 Hz x 120-130 %rMT": the cells a lookup at this point takes its minimum over.
std::string bracket_description(const DurationTable& table, const Rational& rate,
                                const Rational& percent);

/// "the 5 Hz row of the table is unverified: NOTE" when a lookup at `rate` takes its minimum
/// over a row the rule file marks unverified (`unverified_rows_hz`), else "". Every report
/// whose finding or margin used such a row says so.
std::string unverified_row_note(const DurationTable& table, const Rational& rate);

/// Whether a diagnostic note is one unverified_row_note wrote (SARIF marks its result).
bool is_unverified_row_note(const std::string& message);

/// The same note for every unverified row of every table of a rule set, for the reports'
/// description of the rule set (empty when every row is verified).
std::vector<std::string> unverified_row_notes(const RuleSet& rules);

/// Whether a point lies on the table (plain counterpart of table_domain).
bool in_domain(const DurationTable& table, const Rational& rate, const Rational& percent);

} // namespace tmsc::safety
