#pragma once
// Internal to lowering: the state one lower() run shares between lower_*.cpp.

#include "compiler/lower/lower.hpp"

#include <map>

namespace tmsc::lowering {

/// The intensity setting and block in force where a statement is lowered.
struct Scope {
    const ast::IntensitySetting* intensity = nullptr;
    std::size_t block = 0;
    std::string target;
};

/// Shared state of one lowering run.
struct Context {
    Context(const ResolvedProtocol& p, const LowerOptions& o, std::map<std::string, Rational> v)
        : protocol(p), options(o), values(std::move(v)),
          eval(protocol.params, ParamChoice::Default, &values),
          longest(protocol.params, ParamChoice::Longest, &values) {}

    const ResolvedProtocol& protocol;
    const LowerOptions& options;
    /// Every parameter's value in this compilation (default or --set).
    std::map<std::string, Rational> values;
    /// Evaluates with those values; jittered intervals at their lower end.
    ValueEvaluator eval;
    /// The same values, jittered intervals at their upper end (for fit checks).
    ValueEvaluator longest;
    Schedule schedule;
    DiagnosticList diagnostics;
};

/// Every parameter's value: its default, or the --set value after checking the name, the unit
/// and the range. Problems are reported into `diagnostics`.
std::map<std::string, Rational> parameter_values(const ResolvedProtocol& protocol,
                                                 const std::vector<ParamSetting>& settings,
                                                 DiagnosticList& diagnostics);

/// Concrete rMT/aMT from --rmt/--amt or a concrete `subject` line, checked against a declared
/// subject range.
void resolve_thresholds(Context& ctx);

/// The intensity an `intensity` setting gives, converted to %MSO when its threshold is known.
ScheduledIntensity schedule_intensity(const Context& ctx, const ast::Value& value,
                                      SourceRange range);

/// Reports every stimulus whose pulses would exceed 100 %MSO, naming its first pulse.
void check_intensity_limits(Context& ctx);

/// Builds the plan tree of the session body into ctx.schedule.
void lower_session(Context& ctx);

/// Pulses and stimulus occurrences per session, counted from the plan; reports E0906 when the
/// pulse count is above the limit.
void count_session(Context& ctx);

} // namespace tmsc::lowering
