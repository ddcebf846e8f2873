// Parameter values from --set, and subject thresholds from --rmt/--amt or the protocol.

#include "compiler/lower/lower_context.hpp"

#include <array>
#include <cctype>

namespace tmsc::lowering {

namespace {

constexpr std::array kUnits = {ast::Unit::None, ast::Unit::Hertz, ast::Unit::Second,
                               ast::Unit::Millisecond, ast::Unit::Microsecond, ast::Unit::Minute,
                               ast::Unit::Hour, ast::Unit::PercentRmt, ast::Unit::PercentAmt,
                               ast::Unit::PercentMso};

std::optional<ast::Unit> unit_from_spelling(std::string_view text) {
    for (ast::Unit unit : kUnits) {
        if (text == ast::unit_spelling(unit)) {
            return unit;
        }
    }
    return std::nullopt;
}

/// The unit a parameter's values are written in when --set gives none.
ast::Unit default_unit(const ParamInfo& info) {
    switch (info.dimension) {
    case ast::Dimension::Frequency: return ast::Unit::Hertz;
    case ast::Dimension::Duration: return ast::Unit::Second;
    case ast::Dimension::Intensity:
        return info.reference == IntensityRef::Amt   ? ast::Unit::PercentAmt
               : info.reference == IntensityRef::Mso ? ast::Unit::PercentMso
                                                      : ast::Unit::PercentRmt;
    case ast::Dimension::Count: return ast::Unit::None;
    }
    return ast::Unit::None;
}

std::string show(const ParamInfo& info, const Rational& value) {
    const std::string unit = ast::unit_spelling(default_unit(info));
    return value.to_string() + (unit.empty() ? "" : " " + unit);
}

/// The --set value in the parameter's canonical unit, or nullopt after reporting why not.
std::optional<Rational> setting_value(const ParamSetting& s, const ParamInfo& info,
                                      DiagnosticList& diagnostics) {
    const SourceRange at = info.decl->range;
    const std::optional<ast::Unit> unit =
        s.unit.empty() ? default_unit(info) : unit_from_spelling(s.unit);
    const bool fits = unit && ast::unit_dimension(*unit) == info.dimension &&
                      (info.dimension != ast::Dimension::Intensity ||
                       *unit == default_unit(info));
    if (!fits) {
        diagnostics.error("E0903", "--set " + s.text + ": '" + s.unit + "' is not a unit of '" +
                                       s.name + "', whose values are " +
                                       ast::dimension_phrase(info.dimension),
                          at)
            .notes.push_back({"write the value in " + std::string(ast::unit_spelling(
                                                          default_unit(info))) + " or a unit of " +
                                  "the same kind",
                              std::nullopt});
        return std::nullopt;
    }
    ast::Literal literal;
    literal.number = s.number;
    literal.unit = *unit;
    const Rational value = canonical(literal);
    if (value < info.lo || value > info.hi) {
        diagnostics.error("E0902", "--set " + s.text + " is outside the range of '" + s.name +
                                       "': " + show(info, info.lo) + " to " + show(info, info.hi),
                          at)
            .notes.push_back({"the verifier proves the protocol only for values in the declared "
                              "range",
                              std::nullopt});
        return std::nullopt;
    }
    return value;
}

void unknown_setting(const ResolvedProtocol& protocol, const ParamSetting& s,
                     DiagnosticList& diagnostics) {
    std::string names;
    for (const auto& [name, info] : protocol.params) {
        names += (names.empty() ? "" : ", ") + name;
    }
    diagnostics.error("E0901", "--set " + s.text + ": the protocol has no parameter '" + s.name +
                                   "'",
                      protocol.ast->name.range)
        .notes.push_back({names.empty() ? "the protocol declares no parameters"
                                        : "its parameters are: " + names,
                          std::nullopt});
}

/// Checks one command-line threshold against a declared subject range.
std::optional<ThresholdValue> threshold_from(const std::optional<Rational>& cli,
                                             const std::optional<ThresholdSpec>& subject,
                                             const char* name, DiagnosticList& diagnostics) {
    if (cli) {
        if (!threshold_in_subject(*cli, subject, name, diagnostics)) {
            return std::nullopt;
        }
        return ThresholdValue{*cli, ThresholdSource::CommandLine, SourceRange{}};
    }
    if (subject && subject->lo == subject->hi) {
        return ThresholdValue{subject->lo, ThresholdSource::Subject, subject->range};
    }
    return std::nullopt;
}

} // namespace

std::map<std::string, Rational> parameter_values(const ResolvedProtocol& protocol,
                                                 const std::vector<ParamSetting>& settings,
                                                 DiagnosticList& diagnostics) {
    std::map<std::string, Rational> values;
    for (const auto& [name, info] : protocol.params) {
        values[name] = info.default_value;
    }
    for (const ParamSetting& s : settings) {
        const auto it = protocol.params.find(s.name);
        if (it == protocol.params.end()) {
            unknown_setting(protocol, s, diagnostics);
        } else if (auto value = setting_value(s, it->second, diagnostics)) {
            values[s.name] = *value;
        }
    }
    return values;
}

void resolve_thresholds(Context& ctx) {
    ctx.schedule.rmt = threshold_from(ctx.options.rmt_mso, ctx.protocol.rmt, "rmt", ctx.diagnostics);
    ctx.schedule.amt = threshold_from(ctx.options.amt_mso, ctx.protocol.amt, "amt", ctx.diagnostics);
}

} // namespace tmsc::lowering

namespace tmsc {

std::optional<ParamSetting> parse_param_setting(std::string_view text, std::string& error) {
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        error = "--set expects NAME=VALUE, found '" + std::string(text) + "'";
        return std::nullopt;
    }
    ParamSetting s;
    s.text = std::string(text);
    s.name = std::string(text.substr(0, eq));
    std::string_view value = text.substr(eq + 1);
    std::size_t n = 0;
    while (n < value.size() && (std::isdigit(static_cast<unsigned char>(value[n])) ||
                                value[n] == '.' || value[n] == 'e' || value[n] == 'E' ||
                                ((value[n] == '+' || value[n] == '-') && n > 0))) {
        ++n;
    }
    const std::optional<Rational> number = Rational::parse_decimal(value.substr(0, n));
    if (!number) {
        error = "--set " + s.text + ": '" + std::string(value) +
                "' is not a non-negative decimal number with an optional unit";
        return std::nullopt;
    }
    s.number = *number;
    std::string_view unit = value.substr(n);
    while (!unit.empty() && unit.front() == ' ') {
        unit.remove_prefix(1);
    }
    s.unit = std::string(unit);
    return s;
}

} // namespace tmsc
