#pragma once
// What must be proved: each applicable rule instantiated on each train, gap or session total
// of the model, and each coverage condition (a stimulus no rule speaks for). The solver looks
// for an assignment that makes `violation` true; none means the rule holds for every allowed
// parameter and subject value.

#include "safety/model.hpp"
#include "safety/rules/rules.hpp"

#include <string>
#include <vector>

namespace tmsc::safety {

/// What an obligation is about.
enum class Subject { Train, Gap, Session, Day };

/// How the actual value must relate to the limit.
enum class Bound { AtMost, AtLeast, Above };

/// One query: a rule on one subject, or a coverage condition.
struct Obligation {
    const Rule* rule = nullptr; ///< null for a coverage condition
    std::string code;           ///< diagnostic code when violated (S01xx) or uncovered (S02xx)
    Subject subject = Subject::Train;
    std::size_t index = 0;      ///< train or gap index
    std::size_t term = 0;       ///< which intensity of the train (a pair has two)
    std::string key;            ///< subject identity ("train@120", "gap@train@120->train@120")
    SourceRange range;
    Expr guard;                 ///< when the rule applies
    Expr actual;                ///< the quantity judged
    Expr limit;                 ///< the bound (kNoLimit: none applies here)
    Bound bound = Bound::AtMost;
    Quantity quantity = Quantity::Duration; ///< what `actual` measures, for messages
    IntensityRef percent_of = IntensityRef::Rmt; ///< for an intensity quantity
    Expr violation;             ///< satisfiable means the rule is broken (or coverage lacks)
    std::string reason;         ///< coverage: why the stimulus is not covered

    bool is_coverage() const { return rule == nullptr; }
    /// "rossi2009.train-duration|train@120": one result per rule and subject.
    std::string result_key() const;
};

/// Coverage that fails without a query (e.g. an intensity that cannot be converted).
struct Uncovered {
    std::string code;
    std::string key;
    SourceRange range;
    std::string message;
};

/// All obligations of one protocol under one rule set.
struct ObligationSet {
    std::vector<Obligation> obligations;
    std::vector<Uncovered> uncovered;
};

/// Instantiates every applicable rule and coverage condition.
ObligationSet build_obligations(const SafetyModel& model, const RuleSet& rules);

/// Whether a rule's `applies_to.coils` includes the protocol's coil (none: only "any").
bool applies_to_coil(const Rule& rule, const std::optional<CoilSpec>& coil);

/// The condition under which a train item is repetitive TMS rather than separate trials:
/// at least two units, and pulses no further apart than the single-pulse boundary.
Expr is_rtms(const TrainItem& item, const RuleSet& rules);

} // namespace tmsc::safety
