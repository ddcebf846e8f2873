#pragma once
// The stages `tmsc compile` and `tmsc stats` share: check (parse, resolve, verify) -> lower ->
// summarize. Compile refuses anything whose verdict is not pass, so no output file can exist
// for a protocol that failed or was not proved.

#include "cli/driver/driver.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/stats.hpp"

#include <memory>

namespace tmsc {

/// Every product of the shared stages. Later products point into earlier ones, so the object
/// stays where it was created (hence not movable; lower_source returns it by pointer).
struct LoweredProtocol {
    explicit LoweredProtocol(SourceFile s) : source(std::move(s)) {}
    LoweredProtocol(const LoweredProtocol&) = delete;
    LoweredProtocol& operator=(const LoweredProtocol&) = delete;

    SourceFile source;
    CheckResult check;
    std::optional<ResolvedProtocol> resolved;
    std::optional<Schedule> schedule;
    std::optional<ScheduleSummary> summary;
    std::vector<Diagnostic> diagnostics; ///< check's, then lowering's, each sorted
    std::vector<Diagnostic> lowering;    ///< lowering's and the summary's alone, sorted

    /// True when a schedule and its summary exist and nothing reported an error.
    bool ok() const;
    /// True when a schedule and its summary exist and lowering reported no error, whatever the
    /// check found (what `tmsc stats` needs to print figures).
    bool schedule_ok() const;
};

/// Whether lowering needs the check's verdict to be pass (compile) or only a protocol that
/// resolves (stats, which shows the figures of a failing protocol and still exits 1).
enum class VerdictPolicy { RequirePass, RequireResolved };

/// Runs check (default rule set), lowering and the summary on one source.
std::unique_ptr<LoweredProtocol> lower_source(SourceFile source, const LowerOptions& options,
                                              VerdictPolicy policy);

/// The same with explicit check options (rule set, --strict, --allow-waived-errors).
std::unique_ptr<LoweredProtocol> lower_source(SourceFile source, const LowerOptions& options,
                                              VerdictPolicy policy, const CheckOptions& check);

/// `tmsc check`: check_source, then the lowering stage's validation with the protocol's own
/// values (defaults, its subject line), so that check rejects what compile and stats would
/// reject for the text alone (E0905, E0909-E0915). Lowering errors that depend on command-line
/// options (--set, --seed, --rmt, --max-pulses) are left to compile. Summarises per stimulus
/// occurrence; no pulse is materialised.
CheckResult check_with_lowering(const SourceFile& source, const CheckOptions& options);

} // namespace tmsc
