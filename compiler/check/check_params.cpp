#include "compiler/check/semantic.hpp"

namespace tmsc::semantic {

using ast::Dimension;

namespace {

IntensityRef reference_of(ast::Unit unit) {
    return unit == ast::Unit::PercentAmt   ? IntensityRef::Amt
           : unit == ast::Unit::PercentMso ? IntensityRef::Mso
                                           : IntensityRef::Rmt;
}

/// Range ends must measure what the default measures, in the same reference. Reported once
/// per range: a unit written on one end applies to both, so both ends usually share the fault.
bool check_range_units(Context& ctx, const ast::Literal& model, const ast::RangeLit& range,
                       std::string_view what) {
    for (const ast::Literal* end : {&range.lo, &range.hi}) {
        const bool same_dimension = ast::unit_dimension(end->unit) == ast::unit_dimension(model.unit);
        const bool same_reference = ast::unit_dimension(model.unit) != Dimension::Intensity ||
                                    reference_of(end->unit) == reference_of(model.unit);
        if (!same_dimension || !same_reference) {
            ctx.diagnostics.error("E0203",
                                  "the range of " + std::string(what) + " is in '" +
                                      ast::unit_spelling(end->unit) + "' but its default is in '" +
                                      ast::unit_spelling(model.unit) + "'",
                                  range.range);
            return false;
        }
    }
    return true;
}

/// Checks LO <= DEFAULT <= HI (all canonical); reports E0403/E0402.
void check_order(Context& ctx, const Rational& lo, const Rational& hi, const ast::RangeLit& range,
                 const Rational* value, SourceRange value_range, std::string_view what) {
    if (lo > hi) {
        ctx.diagnostics.error("E0403",
                              "the range of " + std::string(what) + " is empty: '" +
                                  range.lo.spelling + "' is above '" + range.hi.spelling + "'",
                              range.range);
        return;
    }
    if (value && (*value < lo || *value > hi)) {
        ctx.diagnostics
            .error("E0402", "the default of " + std::string(what) + " lies outside its range",
                   value_range)
            .notes.push_back({"the range is " + range.lo.spelling + ".." + range.hi.spelling +
                                  ' ' + ast::unit_spelling(range.hi.unit),
                              range.range});
    }
}

void declare_param(Context& ctx, const ast::Param& param) {
    const std::string what = "parameter '" + param.name.text + "'";
    if (auto it = ctx.params.find(param.name.text); it != ctx.params.end()) {
        ctx.diagnostics.error("E0102", "parameter '" + param.name.text + "' is declared twice",
                              param.name.range)
            .notes.push_back({"first declared here", it->second.decl->range});
        return;
    }
    const auto* lit = std::get_if<ast::Literal>(&param.default_value.node);
    if (!lit) {
        ctx.diagnostics.error("E0204",
                              "the default of " + what + " must be a literal value, not a name",
                              param.default_value.range);
        return;
    }
    ParamInfo info;
    info.decl = &param;
    info.dimension = ast::unit_dimension(lit->unit);
    info.reference = reference_of(lit->unit);
    bool ok = check_literal(ctx, *lit, info.dimension, "the default of " + what);
    // Ends in another unit would only repeat the E0203 as E0201s.
    if (check_range_units(ctx, *lit, param.range_lit, what)) {
        ok = check_literal(ctx, param.range_lit.lo, info.dimension, "the lower end of " + what) &&
             ok;
        ok = check_literal(ctx, param.range_lit.hi, info.dimension, "the upper end of " + what) &&
             ok;
    } else {
        ok = false;
    }
    if (ok) {
        // Only now: the checks above guarantee the conversions stay exact.
        info.default_value = canonical(*lit);
        info.lo = canonical(param.range_lit.lo);
        info.hi = canonical(param.range_lit.hi);
        check_order(ctx, info.lo, info.hi, param.range_lit, &info.default_value, lit->range, what);
    }
    // Declared even when invalid, so its uses are not also reported as unknown names.
    ctx.params.emplace(param.name.text, info);
}

/// A threshold literal must be a positive %MSO value no higher than 100.
bool check_threshold(Context& ctx, const ast::Literal& lit, std::string_view what) {
    if (lit.unit != ast::Unit::PercentMso) {
        ctx.diagnostics.error("E0405",
                              std::string(what) + " is a stimulator output and must be in %MSO, "
                                                  "found '" + lit.spelling + ' ' +
                                  ast::unit_spelling(lit.unit) + "'",
                              lit.range);
        return false;
    }
    if (!check_literal(ctx, lit, Dimension::Intensity, what)) {
        return false;
    }
    if (lit.number > Rational(100)) {
        ctx.diagnostics.error("E0406",
                              std::string(what) + " cannot exceed 100 %MSO, found '" +
                                  lit.spelling + " %MSO'",
                              lit.range);
        return false;
    }
    return true;
}

/// A threshold range must be in %MSO; reported once for the range, whichever end is wrong.
bool range_in_mso(Context& ctx, const ast::RangeLit& range, std::string_view what) {
    const ast::Literal& lo = range.lo;
    const ast::Literal& hi = range.hi;
    if (lo.unit == ast::Unit::PercentMso && hi.unit == ast::Unit::PercentMso) {
        return true;
    }
    const std::string lo_unit =
        lo.unit == hi.unit ? "" : std::string(" ") + ast::unit_spelling(lo.unit);
    ctx.diagnostics.error("E0405",
                          std::string(what) +
                              " is a stimulator output and must be in %MSO, found '" +
                              lo.spelling + lo_unit + ".." + hi.spelling + ' ' +
                              ast::unit_spelling(hi.unit) + "'",
                          range.range);
    return false;
}

std::optional<ThresholdSpec> check_subject(Context& ctx, const ast::Subject& s) {
    const char* what = s.threshold == ast::Subject::Threshold::Rmt ? "the resting motor threshold"
                                                                   : "the active motor threshold";
    if (s.range_lit) {
        if (!range_in_mso(ctx, *s.range_lit, what)) {
            return std::nullopt;
        }
        bool ok = check_threshold(ctx, s.range_lit->lo, what);
        ok = check_threshold(ctx, s.range_lit->hi, what) && ok;
        if (!ok) {
            return std::nullopt;
        }
        const Rational lo = s.range_lit->lo.number;
        const Rational hi = s.range_lit->hi.number;
        check_order(ctx, lo, hi, *s.range_lit, nullptr, s.range, what);
        return ThresholdSpec{lo, hi, s.range};
    }
    const auto* lit = std::get_if<ast::Literal>(&s.value->node);
    if (!lit) {
        ctx.diagnostics.error("E0204", std::string(what) + " must be a literal value, not a name",
                              s.value->range);
        return std::nullopt;
    }
    if (!check_threshold(ctx, *lit, what)) {
        return std::nullopt;
    }
    return ThresholdSpec{lit->number, lit->number, s.range};
}

} // namespace

void declare_params(Context& ctx, const ast::Protocol& protocol) {
    for (const ast::Param& param : protocol.params) {
        declare_param(ctx, param);
    }
}

void check_subjects(Context& ctx, const ast::Protocol& protocol, ResolvedProtocol& out) {
    for (const ast::Subject& s : protocol.subjects) {
        std::optional<ThresholdSpec>& slot =
            s.threshold == ast::Subject::Threshold::Rmt ? out.rmt : out.amt;
        if (slot) {
            ctx.diagnostics.error("E0103", "this subject threshold is set more than once", s.range)
                .notes.push_back({"first set here", slot->range});
            continue;
        }
        slot = check_subject(ctx, s);
    }
}

} // namespace tmsc::semantic
