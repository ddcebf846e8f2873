#pragma once
// Stage 4: verification of a resolved protocol against a rule set. For every rule that applies
// to a train, gap or session total, the solver looks for parameter and subject values that
// break it; a stimulus that no rule covers makes the verdict unknown; anything not proved
// (timeout, solver failure) fails. Results come back as diagnostics plus a structured report.

#include "compiler/check/resolve.hpp"
#include "safety/device_limits.hpp"
#include "safety/rules/rules.hpp"
#include "safety/smt/smt.hpp"
#include "support/diagnostic.hpp"

#include <memory>
#include <string>
#include <vector>

namespace tmsc::safety {

/// Options that change what a verification accepts or records.
struct VerifyOptions {
    bool allow_waived_errors = false; ///< a waiver may accept an error-severity finding
    bool keep_queries = false;        ///< record every query as SMT-LIB 2 (--emit=smt2)
    const DeviceTarget* device = nullptr; ///< also prove deliverability on it (--device)
    /// The statement-by-statement encoding alone, without the timeline (docs/safety.md): only
    /// for tests of the encoding itself, never for a verdict.
    bool encoding_only = false;
};

/// A counterexample in protocol terms, for reports.
struct Counterexample {
    std::string rule;
    std::string citation;
    SourceRange range;
    std::vector<std::pair<std::string, std::string>> values; ///< variable -> "25 Hz"
    std::string actual;
    std::string limit;
    std::string summary; ///< the diagnostic's message
};

/// One rule (or coverage condition) on one subject, and what the solver said.
struct CheckRecord {
    std::string rule; ///< rule id, or the coverage code (S0202)
    std::string key;  ///< subject identity
    SourceRange range;
    smt::Verdict verdict = smt::Verdict::Unknown;
    std::vector<std::string> used; ///< for proofs: the tracked facts the proof needed
};

/// What became of one `waive` item.
struct WaiverRecord {
    enum class Status { Applied, Unused, UnknownRule, NeedsFlag };
    std::string rule;
    std::string reason;
    SourceRange range;
    Status status = Status::Unused;
    std::size_t findings = 0; ///< findings it accepted (or would have, for NeedsFlag)
};

/// "applied", "unused", "unknown-rule", "needs --allow-waived-errors".
const char* waiver_status_name(WaiverRecord::Status status);

/// One query as SMT-LIB 2 with the answer tmsc got.
struct QueryText {
    std::string name;
    std::string smt2;
    std::string answer; ///< "sat", "unsat" or "unknown"
};

/// Everything verification learned about one protocol.
struct SafetyReport {
    std::shared_ptr<const RuleSet> rules;
    DiagnosticList diagnostics;   ///< violations, coverage gaps, waivers, solver failures
    bool unknown = false;         ///< some stimulus is covered by no rule
    std::vector<CheckRecord> checks;
    std::vector<std::string> unconvertible; ///< "S0203|SUBJECT": intensities no rule could read
    std::vector<Counterexample> counterexamples;
    std::vector<WaiverRecord> waivers;
    std::vector<QueryText> queries; ///< only with VerifyOptions::keep_queries
};

/// One verification run: a rule set and one solver session (one Z3 context), reusable for
/// many protocols.
class Verifier {
  public:
    /// `timeout_ms` bounds every solver check.
    explicit Verifier(std::shared_ptr<const RuleSet> rules, unsigned timeout_ms = kDefaultTimeoutMs);
    ~Verifier();

    /// Verifies one protocol. Never throws for protocol content; internal failures become
    /// error diagnostics (fail closed).
    SafetyReport verify(const ResolvedProtocol& protocol, const VerifyOptions& options);

    const RuleSet& rules() const { return *rules_; }
    const std::shared_ptr<const RuleSet>& rules_ptr() const { return rules_; }
    smt::Session& session() { return *session_; }

    /// Per-check time limit used unless the caller asks otherwise.
    static constexpr unsigned kDefaultTimeoutMs = 10000;

  private:
    std::shared_ptr<const RuleSet> rules_;
    std::unique_ptr<smt::Session> session_;
};

} // namespace tmsc::safety
