#include "compiler/check/semantic.hpp"

#include "support/edit_distance.hpp"

namespace tmsc::semantic {

using ast::Dimension;

std::vector<std::string> Context::param_names() const {
    std::vector<std::string> names;
    for (const auto& [name, info] : params) {
        names.push_back(name);
    }
    return names;
}

void Context::use_reference(IntensityRef ref, SourceRange at) {
    references_used.insert(ref);
    auto [it, inserted] = first_reference.emplace(ref, at);
    if (!inserted && at.begin.offset < it->second.begin.offset) {
        it->second = at;
    }
}

namespace {

std::string example_for(Dimension d) {
    switch (d) {
    case Dimension::Count: return "a plain number such as '40'";
    case Dimension::Frequency: return "a frequency such as '10 Hz'";
    case Dimension::Duration: return "a duration such as '26 s' or '20 ms'";
    case Dimension::Intensity: return "an intensity such as '120 %rMT'";
    }
    return "a value";
}

/// The largest magnitude a canonical value of this dimension may have.
Rational magnitude_limit(Dimension d) {
    switch (d) {
    case Dimension::Count: return Rational(kMaxCount);
    case Dimension::Frequency: return Rational(kMaxHertz);
    case Dimension::Duration: return Rational(kMaxSeconds);
    case Dimension::Intensity: return Rational(kMaxPercent);
    }
    return Rational(0);
}

const char* limit_unit(Dimension d) {
    switch (d) {
    case Dimension::Frequency: return " Hz";
    case Dimension::Duration: return " s";
    case Dimension::Intensity: return " %";
    default: return "";
    }
}

/// The literal as written: "9e18 h", "40".
std::string spelled(const ast::Literal& lit) {
    const char* unit = ast::unit_spelling(lit.unit);
    return *unit ? lit.spelling + ' ' + unit : lit.spelling;
}

bool check_param_ref(Context& ctx, const ast::ParamRef& ref, Dimension expected,
                     std::string_view what) {
    auto it = ctx.params.find(ref.name.text);
    if (it == ctx.params.end()) {
        Diagnostic& d = ctx.diagnostics.error(
            "E0101", "unknown parameter '" + ref.name.text + "' in " + std::string(what),
            ref.name.range);
        if (auto best = closest_match(ref.name.text, ctx.param_names())) {
            d.notes.push_back({"did you mean '" + *best + "'?", std::nullopt});
        } else {
            d.notes.push_back({"declare it with 'param " + ref.name.text +
                                   " = DEFAULT in LO..HI'",
                               std::nullopt});
        }
        return false;
    }
    if (it->second.dimension != expected) {
        ctx.diagnostics
            .error("E0201",
                   "expected " + example_for(expected) + " for " + std::string(what) +
                       ", found parameter '" + ref.name.text + "', which is " +
                       ast::dimension_phrase(it->second.dimension),
                   ref.name.range)
            .notes.push_back({"'" + ref.name.text + "' is declared here", it->second.decl->range});
        return false;
    }
    if (expected == Dimension::Intensity) {
        ctx.use_reference(it->second.reference, ref.name.range);
    }
    return true;
}

} // namespace

std::optional<Rational> canonical_checked(Context& ctx, const ast::Literal& lit,
                                          std::string_view what) {
    try {
        return canonical(lit);
    } catch (const RationalOverflow&) {
        // Converting to seconds left the exact range: '9e18 h' is too large, '1e-18 ms' too fine.
        const bool large = lit.number > Rational(1) || lit.number < Rational(-1);
        ctx.diagnostics.error(large ? "E0404" : "E0002",
                              std::string(what) + " is too " + (large ? "large" : "precise") +
                                  " to convert to exact seconds, found '" + spelled(lit) + "'",
                              lit.range);
        return std::nullopt;
    }
}

bool check_literal(Context& ctx, const ast::Literal& lit, Dimension expected,
                   std::string_view what) {
    const Dimension found = ast::unit_dimension(lit.unit);
    if (found != expected) {
        if (lit.unit == ast::Unit::None) {
            ctx.diagnostics.error("E0202",
                                  "expected " + example_for(expected) + " for " +
                                      std::string(what) + ", found '" + lit.spelling +
                                      "' with no unit",
                                  lit.range);
        } else {
            ctx.diagnostics.error("E0201",
                                  "expected " + example_for(expected) + " for " +
                                      std::string(what) + ", found '" + spelled(lit) +
                                      "', which is " + ast::dimension_phrase(found),
                                  lit.range);
        }
        return false;
    }
    if (lit.number <= Rational(0)) {
        ctx.diagnostics.error("E0401",
                              std::string(what) + " must be greater than zero, found '" +
                                  lit.spelling + "'",
                              lit.range);
        return false;
    }
    if (expected == Dimension::Count && !lit.number.is_integer()) {
        ctx.diagnostics.error("E0304",
                              std::string(what) + " must be a whole number, found '" +
                                  lit.spelling + "'",
                              lit.range);
        return false;
    }
    const std::optional<Rational> value = canonical_checked(ctx, lit, what);
    if (!value) {
        return false;
    }
    if (*value > magnitude_limit(expected)) {
        ctx.diagnostics.error("E0404",
                              std::string(what) + " exceeds the supported limit of " +
                                  magnitude_limit(expected).to_string() + limit_unit(expected) +
                                  ", found '" + spelled(lit) + "'",
                              lit.range);
        return false;
    }
    if (expected == Dimension::Intensity) {
        ctx.use_reference(lit.unit == ast::Unit::PercentAmt   ? IntensityRef::Amt
                          : lit.unit == ast::Unit::PercentMso ? IntensityRef::Mso
                                                              : IntensityRef::Rmt,
                          lit.range);
    }
    return true;
}

bool check_value(Context& ctx, const ast::Value& value, Dimension expected,
                 std::string_view what) {
    if (const auto* ref = std::get_if<ast::ParamRef>(&value.node)) {
        return check_param_ref(ctx, *ref, expected, what);
    }
    return check_literal(ctx, std::get<ast::Literal>(value.node), expected, what);
}

} // namespace tmsc::semantic
