#pragma once
// Internal to the resolver: the checks it runs, split by subject across check_*.cpp.

#include "compiler/check/resolve.hpp"
#include "support/diagnostic.hpp"

#include <map>
#include <set>
#include <string_view>

namespace tmsc::semantic {

/// Shared state of one resolver run.
struct Context {
    ParamTable params;
    DiagnosticList diagnostics;
    std::set<IntensityRef> references_used; ///< which thresholds the protocol's intensities need
    /// The earliest intensity in the source that needs each threshold, for E0502.
    std::map<IntensityRef, SourceRange> first_reference;
    /// Records that the intensity at `at` is relative to `ref`.
    void use_reference(IntensityRef ref, SourceRange at);
    /// Parameter names, for "did you mean".
    std::vector<std::string> param_names() const;
};

/// Upper bounds that keep exact arithmetic far from overflow (see docs/reliability notes in
/// docs/language.md): counts, seconds, hertz and percent.
inline constexpr std::int64_t kMaxCount = 10'000'000;
inline constexpr std::int64_t kMaxSeconds = 1'000'000;
inline constexpr std::int64_t kMaxHertz = 10'000;
inline constexpr std::int64_t kMaxPercent = 1'000;

/// Checks one value slot: the name exists, the dimension is `expected`, and a literal is
/// positive, whole where a count is required, and within the supported magnitude. `what`
/// names the slot in messages ("the train's frequency"). Returns whether it is usable.
bool check_value(Context& ctx, const ast::Value& value, ast::Dimension expected,
                 std::string_view what);

/// Checks a literal the same way (used for range ends and jitter bounds).
bool check_literal(Context& ctx, const ast::Literal& literal, ast::Dimension expected,
                   std::string_view what);

/// The literal in canonical units, or nullopt (and a diagnostic naming `what`) when converting
/// its unit leaves exact 64-bit fractions.
std::optional<Rational> canonical_checked(Context& ctx, const ast::Literal& literal,
                                          std::string_view what);

/// Declares parameters into ctx.params, checking names, units and ranges.
void declare_params(Context& ctx, const ast::Protocol& protocol);

/// Checks `subject` lines; returns the rMT and aMT specifications.
void check_subjects(Context& ctx, const ast::Protocol& protocol, ResolvedProtocol& out);

/// Checks every statement of a body: value slots, structure, intensities. `inherited` is the
/// intensity in force from enclosing levels. Returns whether every value was usable.
bool check_body(Context& ctx, const std::vector<ast::Statement>& body,
                const ast::IntensitySetting* inherited);

/// Checks timing that needs evaluation: whole pulse counts, bursts in their slots, repeat
/// bodies within their periods. Only called when check_body found every value usable.
void check_timing(Context& ctx, const std::vector<ast::Statement>& body);

/// Checks the course clauses and returns their resolved form.
std::optional<CourseSpec> check_course(Context& ctx, const ast::Course& course);

} // namespace tmsc::semantic
