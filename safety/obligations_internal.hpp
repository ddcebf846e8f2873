#pragma once
// Internal to obligations*.cpp: the object that walks a model and instantiates rules.

#include "safety/obligations.hpp"

#include <set>

namespace tmsc::safety::detail {

/// S0101..S0106 by subject and severity.
const char* violation_code(Subject subject, RuleSeverity severity);

/// The negation of "actual relates to limit as `bound` requires".
Expr broken(const Expr& actual, const Expr& limit, Bound bound);

/// Instantiates the rules of one rule set on one model.
class Instantiator {
  public:
    Instantiator(const SafetyModel& model, const RuleSet& rules) : model_(model), rules_(rules) {}

    /// Every obligation and static coverage gap, in model order.
    ObligationSet run();

  private:
    void train_rules(std::size_t index);
    bool table_rule(const Rule& rule, std::size_t index);
    Obligation domain_obligation(const DurationTable& table, std::size_t index, std::size_t term,
                                 const Expr& percent) const;
    bool max_rule(const Rule& rule, std::size_t index);
    void gap_rules(std::size_t index);
    Expr gap_condition(const Rule& rule, const EventRef& side) const;
    Expr is_trial(const EventRef& side) const;
    void trial_coverage(std::size_t index);
    void total_rules();
    bool session_has(const Rule& rule) const;
    Obligation limit(const Rule& rule, Subject subject, std::size_t index, const Expr& guard,
                     const Expr& actual, const Expr& bound_value, Bound bound);
    void uncovered(const std::string& code, const std::string& key, SourceRange range,
                   std::string message);
    /// Records that a train's intensity cannot be put in the reference a rule needs.
    void unconvertible(const Rule& rule, const TrainItem& train, std::size_t term, IntensityRef target);
    /// The train item on one side of a gap: the train, or the series a pulse belongs to.
    std::optional<std::size_t> train_of(const EventRef& ref) const;

    const SafetyModel& model_;
    const RuleSet& rules_;
    ObligationSet out_;
    std::set<std::string> domains_; ///< train|table|term already asked about the table's domain
};

} // namespace tmsc::safety::detail
