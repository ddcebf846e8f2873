#pragma once
// Findings in protocol terms: "train of 2 s at 20 Hz, 130 %rMT; limit 0.55 s (Rossi 2009
// table, after Wassermann 1998)", with the parameter and subject values that produce them.

#include "safety/model.hpp"
#include "safety/obligations.hpp"
#include "safety/verify.hpp"
#include "support/diagnostic.hpp"

#include <string>

namespace tmsc::safety {

/// A value of a variable with its unit: "25 Hz", "30 %MSO", "40".
std::string format_variable(const Variable& variable, const Rational& value);

/// A quantity with its unit: durations "0.55 s", rates "20 Hz", intensities "130 %rMT".
std::string format_quantity(Quantity quantity, const Rational& value, IntensityRef percent_of);

/// The assignment completed with defaults (or range ends) for variables the query left free:
/// they do not affect the rule, so any allowed value gives the same verdict.
Assignment complete(const SafetyModel& model, const Assignment& values);

/// "train of 2 s at 20 Hz, 130 %rMT" for a train item under an assignment.
std::string describe_train(const SafetyModel& model, const TrainItem& train, std::size_t term,
                           const Assignment& values);

/// "the silence of 1 s between the train at 12:7 and the train at 12:7".
std::string describe_gap(const SafetyModel& model, const GapItem& gap, const Assignment& values);

/// How to accept a warning-severity finding, with the policy that it fails until waived.
std::string waiver_hint(const Rule& rule);

/// "limit 0.8 s", "must be more than 1 s", "pulses per burst at most 3 pulses".
std::string limit_phrase(const Rule& rule, const Rational& limit);

/// A diagnostic for a broken rule, with the counterexample's values as notes.
Diagnostic describe_violation(const SafetyModel& model, const RuleSet& rules,
                              const Obligation& obligation, const Assignment& values,
                              bool exact, Counterexample& record);

/// A diagnostic for a stimulus no rule covers (verdict unknown).
Diagnostic describe_uncovered(const SafetyModel& model, const Obligation& obligation,
                              const Assignment& values);

/// Notes naming each variable of the counterexample, how it relates to its range, and where
/// it is declared.
std::vector<DiagnosticNote> value_notes(const SafetyModel& model, const Assignment& values,
                                        const std::set<std::size_t>& relevant, bool exact);

} // namespace tmsc::safety
