#pragma once
// The project's own face on the SMT solver (after Alive2's smt/ layer): named queries of
// tracked assertions, a timeout on every check, four outcomes, and solver exceptions caught
// here. Only smt.cpp includes z3++.h; nothing outside safety/ sees Z3 at all.

#include "safety/smt/expr.hpp"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace tmsc::safety::smt {

/// What a query established about its violation formula.
enum class Verdict {
    Proved,         ///< unsatisfiable: the rule holds for every allowed value
    Counterexample, ///< satisfiable: the model breaks the rule
    Timeout,        ///< the solver ran out of time: not proved
    Unknown,        ///< the solver gave up or failed: not proved (see reason)
};

/// "proved", "counterexample", "timeout", "unknown".
const char* verdict_name(Verdict verdict);

/// One assertion, tracked by label so a proof can say which facts it used.
struct Assertion {
    Expr formula;
    std::string label; ///< SMT symbol: letters, digits and '_' only
    SourceRange range; ///< where the fact comes from in the protocol
    std::string what;  ///< "range of f", "violation of rossi2009.train-duration"
};

/// A named satisfiability question.
struct Query {
    std::string name;
    std::vector<Assertion> assertions;
};

/// The answer to a query.
struct Outcome {
    Verdict verdict = Verdict::Unknown;
    std::string reason;             ///< for Timeout and Unknown
    Assignment model;               ///< for Counterexample: the query's variables
    bool model_exact = true;        ///< false when a value had to be rounded (algebraic)
    std::vector<std::string> core;  ///< for Proved: labels of the assertions the proof used
};

/// One verification run: one Z3 context (created first, destroyed last) and one incremental
/// solver; every query runs in its own push/pop scope with the run's timeout.
class Session {
  public:
    explicit Session(unsigned timeout_ms);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Asks whether the query's assertions can all hold.
    Outcome check(const Query& query, const std::vector<Variable>& variables);

    /// Re-asks a satisfiable query, pinning its variables one at a time to the simplest value
    /// that keeps it satisfiable (a parameter's default, a range end, a whole number), so the
    /// counterexample reads in the protocol's own terms.
    Outcome minimise(const Query& query, const std::vector<Variable>& variables,
                     const Outcome& found);

    /// The query as a standalone SMT-LIB 2 script ending in (check-sat).
    std::string to_smt2(const Query& query, const std::vector<Variable>& variables);

    unsigned timeout_ms() const { return timeout_ms_; }

  private:
    struct Impl;
    unsigned timeout_ms_;
    std::unique_ptr<Impl> impl_;
};

/// A query named `name` that asks for `violation`, tracked as `label` at `range` with the
/// description `what`, together with one tracked assertion per variable the violation mentions
/// keeping it within its declared range (at the variable's declaration). `violation` should
/// already be pruned by the ranges (safety/smt/bounds.hpp).
Query ranged_query(std::string name, const Expr& violation, const std::vector<Variable>& variables,
                   std::string label, SourceRange range, std::string what);

/// Variables mentioned by a query's assertions.
std::set<std::size_t> query_variables(const Query& query);

} // namespace tmsc::safety::smt
