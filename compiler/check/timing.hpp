#pragma once
// The nominal timing of statements, exactly as docs/language.md defines it. Shared by the
// resolver's fit checks and by lowering, so both agree on what every construct occupies.

#include "compiler/check/values.hpp"
#include "grammar/ast.hpp"

#include <vector>

namespace tmsc {

/// Pulses a train delivers (bursts count their pulses). May be fractional for a train given
/// by duration, which the resolver rejects.
Rational train_pulses(const ast::Train& train, const ValueEvaluator& eval);

/// Units a train is made of: pulses, or bursts for a train of bursts.
Rational train_units(const ast::Train& train, const ValueEvaluator& eval);

/// The train's nominal on-time: units / rate (the last period is included).
Rational train_on_time(const ast::Train& train, const ValueEvaluator& eval);

/// Time from a train's first pulse to its last pulse.
Rational train_first_to_last(const ast::Train& train, const ValueEvaluator& eval);

/// Nominal time a statement occupies.
Rational occupied(const ast::Statement& statement, const ValueEvaluator& eval);

/// Nominal time a statement list occupies, back to back.
Rational occupied(const std::vector<ast::Statement>& body, const ValueEvaluator& eval);

} // namespace tmsc
