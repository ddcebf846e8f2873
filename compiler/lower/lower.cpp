#include "compiler/lower/lower.hpp"

#include "compiler/lower/lower_context.hpp"

#include <algorithm>

namespace tmsc::lowering {

namespace {

/// Saturation bound for counting: far above any limit, far below 128-bit overflow.
constexpr WideInt kCountCeiling = static_cast<WideInt>(1) << 80;

struct Counts {
    WideInt pulses = 0;
    WideInt occurrences = 0;
};

WideInt saturate(WideInt v) { return v > kCountCeiling ? kCountCeiling : v; }

Counts count(const PlanBody& body, const Schedule& s) {
    Counts total;
    for (const PlanNode& node : body) {
        Counts c;
        switch (node.kind) {
        case PlanNode::Kind::Stimulus:
            c.pulses = s.stimuli[node.stimulus].pulses();
            c.occurrences = 1;
            break;
        case PlanNode::Kind::Wait: break;
        case PlanNode::Kind::Block: c = count(node.body, s); break;
        case PlanNode::Kind::Repeat:
            c = count(node.body, s);
            c.pulses = saturate(c.pulses * node.count);
            c.occurrences = saturate(c.occurrences * node.count);
            break;
        }
        total.pulses = saturate(total.pulses + c.pulses);
        total.occurrences = saturate(total.occurrences + c.occurrences);
    }
    return total;
}

std::string wide_to_string(WideInt v) {
    return v >= kCountCeiling ? "more than 2^80" : std::to_string(static_cast<std::int64_t>(v));
}

} // namespace

void count_session(Context& ctx) {
    const Counts c = count(ctx.schedule.session, ctx.schedule);
    if (c.pulses > ctx.options.max_pulses) {
        ctx.diagnostics.error("E0906", "the session has " + wide_to_string(c.pulses) +
                                           " pulses, more than the limit of " +
                                           std::to_string(ctx.options.max_pulses),
                              ctx.protocol.session->range)
            .notes.push_back({"raise the limit with --max-pulses N if this is intended",
                              std::nullopt});
        return;
    }
    ctx.schedule.pulses_per_session = static_cast<std::int64_t>(c.pulses);
    ctx.schedule.trains_per_session = static_cast<std::int64_t>(c.occurrences);
}

} // namespace tmsc::lowering

namespace tmsc {

namespace {

void lower_into(lowering::Context& ctx) {
    const ast::Protocol& p = *ctx.protocol.ast;
    Schedule& s = ctx.schedule;
    s.protocol_name = p.name.value;
    for (const ast::StringLit& cite : p.cites) {
        s.citations.push_back(cite.value);
    }
    s.course = ctx.protocol.course;
    s.resolved = &ctx.protocol;
    for (const auto& [name, info] : ctx.protocol.params) {
        const bool set = std::any_of(ctx.options.settings.begin(), ctx.options.settings.end(),
                                     [&n = name](const ParamSetting& setting) { return setting.name == n; });
        s.parameters.push_back({name, ctx.values.at(name), info.dimension, info.reference, set});
    }
    lowering::resolve_thresholds(ctx);
    lowering::lower_session(ctx);
    if (ctx.diagnostics.has_errors()) {
        return;
    }
    lowering::count_session(ctx);
    if (ctx.diagnostics.has_errors()) {
        return;
    }
    lowering::check_intensity_limits(ctx);
}

} // namespace

LowerResult lower(const ResolvedProtocol& protocol, const LowerOptions& options) {
    LowerResult result;
    std::map<std::string, Rational> values =
        lowering::parameter_values(protocol, options.settings, result.diagnostics);
    if (result.diagnostics.has_errors()) {
        return result;
    }
    lowering::Context ctx(protocol, options, std::move(values));
    try {
        lower_into(ctx);
    } catch (const RationalOverflow&) {
        ctx.diagnostics.error("E0909", "the schedule's exact times are too large to compute",
                              protocol.session->range);
    }
    result.diagnostics.append(ctx.diagnostics);
    if (!result.diagnostics.has_errors()) {
        result.schedule = std::move(ctx.schedule);
    }
    return result;
}

} // namespace tmsc
