#pragma once
// Stage 2: name resolution and semantic checks. Turns a parsed protocol into a
// ResolvedProtocol whose every value slot has the right dimension, whose names exist and
// whose timing fits, or reports every problem it finds (sorted by the driver).

#include "compiler/check/values.hpp"
#include "grammar/ast.hpp"
#include "support/diagnostic.hpp"

#include <optional>

namespace tmsc {

/// Coil families the rule sets distinguish.
enum class CoilFamily { Figure8, Round, DoubleCone, HCoil };

/// A known coil: its spelling in source and its family.
struct CoilSpec {
    std::string name;
    CoilFamily family = CoilFamily::Figure8;
};

/// A subject's motor threshold in %MSO: a range for verification, or one value.
struct ThresholdSpec {
    Rational lo;
    Rational hi;
    SourceRange range;
};

/// E0907 when a threshold given on the command line (--rmt, --amt: `name`) lies outside the
/// subject range the protocol declares: the protocol was proved only inside it. True when the
/// value may be used (inside, or no range declared).
bool threshold_in_subject(const Rational& value, const std::optional<ThresholdSpec>& subject,
                          const char* name, DiagnosticList& diagnostics);

/// The course after resolution; absent fields were not written.
struct CourseSpec {
    std::int64_t sessions_per_day = 1;
    std::optional<Rational> between_sessions_s;
    ast::CourseClause::Anchor anchor = ast::CourseClause::Anchor::Unspecified;
    std::optional<std::int64_t> days_per_week;
    std::optional<std::int64_t> weeks;
    std::optional<std::int64_t> days;
    SourceRange range;
};

/// A protocol that passed resolution. Points into the AST, which must outlive it.
struct ResolvedProtocol {
    const ast::Protocol* ast = nullptr;
    const ast::Session* session = nullptr;
    ParamTable params;
    std::optional<CoilSpec> coil;
    std::optional<ThresholdSpec> rmt;
    std::optional<ThresholdSpec> amt;
    std::optional<CourseSpec> course;
};

/// The resolved protocol (when there were no errors) and every diagnostic.
struct ResolveResult {
    std::optional<ResolvedProtocol> protocol;
    DiagnosticList diagnostics;
};

/// Resolves names and checks units, values, counts and timing fits.
ResolveResult resolve(const ast::Protocol& protocol);

/// Known coil names, for messages and docs.
const std::vector<CoilSpec>& known_coils();
/// Known waveform names.
const std::vector<std::string>& known_waveforms();

} // namespace tmsc
