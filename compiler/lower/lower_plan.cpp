// The session's plan tree: every statement with its values evaluated for this compilation.
// Counts that the resolver proved whole at the ends of their ranges are checked again here,
// because a --set value inside a range can still make them fractional.

#include "compiler/check/timing.hpp"
#include "compiler/lower/lower_context.hpp"

namespace tmsc::lowering {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

class PlanBuilder {
  public:
    explicit PlanBuilder(Context& ctx) : ctx_(ctx) {}

    PlanBody body(const std::vector<ast::Statement>& statements, const Scope& scope) {
        PlanBody out;
        for (const ast::Statement& s : statements) {
            std::visit([&](const auto& node) { out.push_back(lower(node, scope)); }, s.node);
        }
        return out;
    }

  private:
    /// A count that must be whole for this compilation (E0910 otherwise).
    std::int64_t whole(const Rational& value, SourceRange at, const std::string& what) {
        if (!value.is_integer()) {
            ctx_.diagnostics.error("E0910", what + " is " + value.to_decimal(3) +
                                                " with the parameter values of this "
                                                "compilation; it must be whole",
                                   at);
            return 1;
        }
        return value.num();
    }

    PlanNode stimulus(StimulusPlan plan, const Scope& scope, SourceRange range) {
        plan.index = ctx_.schedule.stimuli.size();
        plan.block = scope.block;
        plan.range = range;
        PlanNode node;
        node.kind = PlanNode::Kind::Stimulus;
        node.stimulus = plan.index;
        node.range = range;
        ctx_.schedule.stimuli.push_back(std::move(plan));
        return node;
    }

    ScheduledIntensity intensity(const ast::IntensitySetting* setting) const {
        return schedule_intensity(ctx_, setting->value, setting->range);
    }

    PlanNode lower(const ast::Train& t, const Scope& scope) {
        const ValueEvaluator& eval = ctx_.eval;
        StimulusPlan plan;
        plan.kind = StimulusPlan::Kind::Train;
        plan.units = whole(train_units(t, eval), t.amount.range,
                           t.burst ? "the train's burst count" : "the train's pulse count");
        plan.unit_rate = eval.number(t.frequency);
        plan.unit_period = Rational(1) / plan.unit_rate;
        plan.on_time = train_on_time(t, eval);
        plan.first_to_last = train_first_to_last(t, eval);
        const ast::IntensitySetting* setting = t.intensity ? &*t.intensity : scope.intensity;
        if (t.burst) {
            plan.has_bursts = true;
            plan.pulses_per_unit = whole(eval.number(t.burst->pulses), t.burst->pulses.range,
                                         "the burst's pulse count");
            plan.pulse_rate = eval.number(t.burst->frequency);
            plan.pulse_period = Rational(1) / plan.pulse_rate;
            check_burst_fit(plan, t);
            if (t.burst->intensity) {
                setting = &*t.burst->intensity;
            }
        }
        plan.intensity = intensity(setting);
        return stimulus(std::move(plan), scope, t.range);
    }

    void check_burst_fit(const StimulusPlan& plan, const ast::Train& t) {
        if (Rational(plan.pulses_per_unit) * plan.pulse_period > plan.unit_period) {
            ctx_.diagnostics.error("E0912", "with the parameter values of this compilation a "
                                            "burst lasts " +
                                                format_duration(Rational(plan.pulses_per_unit) *
                                                                plan.pulse_period) +
                                                ", longer than its " +
                                                format_duration(plan.unit_period) + " slot",
                                   t.burst->range);
        }
    }

    PlanNode lower(const ast::Pulse& p, const Scope& scope) {
        StimulusPlan plan;
        plan.kind = StimulusPlan::Kind::Pulse;
        plan.intensity = intensity(p.intensity ? &*p.intensity : scope.intensity);
        return stimulus(std::move(plan), scope, p.range);
    }

    PlanNode lower(const ast::Paired& p, const Scope& scope) {
        StimulusPlan plan;
        plan.kind = StimulusPlan::Kind::Paired;
        plan.pulses_per_unit = 2;
        plan.pulse_period = ctx_.eval.number(p.interval);
        plan.pulse_rate = Rational(1) / plan.pulse_period;
        plan.on_time = plan.pulse_period;
        plan.first_to_last = plan.pulse_period;
        plan.intensity = schedule_intensity(ctx_, p.first, p.first.range);
        plan.second = schedule_intensity(ctx_, p.second, p.second.range);
        return stimulus(std::move(plan), scope, p.range);
    }

    PlannedInterval interval(const ast::Interval& i) {
        PlannedInterval out;
        const auto* range = std::get_if<ast::RangeLit>(&i.node);
        if (!range) {
            out.fixed = ctx_.eval.interval(i);
            return out;
        }
        JitterSpec j;
        j.lo_us = (canonical(range->lo) * Rational(kMicrosPerSecond)).ceil();
        j.hi_us = (canonical(range->hi) * Rational(kMicrosPerSecond)).floor();
        j.range = i.range;
        j.stream = ctx_.schedule.jitter_streams++;
        if (j.lo_us > j.hi_us) {
            ctx_.diagnostics.error("E0911", "the jitter range contains no whole microsecond to "
                                            "draw",
                                   range->range);
        }
        if (i.seed) {
            j.seed = static_cast<std::uint64_t>(i.seed->number.num());
        } else if (ctx_.options.seed) {
            j.seed = *ctx_.options.seed;
            j.seed_from_cli = true;
        } else {
            ctx_.diagnostics.error("E0904", "this jittered interval has no seed, so its schedule "
                                            "would not be reproducible",
                                   i.range)
                .notes.push_back({"write 'seed N' after the range, or compile with --seed N",
                                  std::nullopt});
        }
        out.jitter = j;
        return out;
    }

    PlanNode lower(const ast::Wait& w, const Scope&) {
        PlanNode node;
        node.kind = PlanNode::Kind::Wait;
        node.duration = interval(w.duration);
        node.range = w.range;
        return node;
    }

    PlanNode lower(const ast::Repeat& r, const Scope& scope) {
        PlanNode node;
        node.kind = PlanNode::Kind::Repeat;
        node.count = whole(ctx_.eval.number(r.count), r.count.range, "the repeat count");
        node.range = r.range;
        node.body = body(r.body, scope);
        if (r.every) {
            node.every = true;
            node.duration = interval(*r.every);
            check_repeat_fit(node, r);
        }
        return node;
    }

    /// The body's longest possible run (jittered waits at their upper end) must fit in the
    /// shortest period that can be drawn, or pulses of two repetitions would interleave.
    void check_repeat_fit(const PlanNode& node, const ast::Repeat& r) {
        const Rational body_longest = occupied(r.body, ctx_.longest);
        const Rational shortest = node.duration.jitter
                                      ? Rational(node.duration.jitter->lo_us, kMicrosPerSecond)
                                      : node.duration.fixed;
        if (body_longest > shortest) {
            ctx_.diagnostics.error("E0913", "the body of this repeat can last " +
                                                format_duration(body_longest) +
                                                ", longer than its shortest period of " +
                                                format_duration(shortest),
                                   r.range);
        }
    }

    PlanNode lower(const ast::Block& b, const Scope& scope) {
        Scope inner = scope;
        inner.block = ctx_.schedule.blocks.size();
        if (b.target) {
            inner.target = b.target->label.text;
        }
        if (b.intensity) {
            inner.intensity = &*b.intensity;
        }
        ctx_.schedule.blocks.push_back(
            BlockInfo{inner.block, b.name ? b.name->value : "", inner.target, b.range});
        PlanNode node;
        node.kind = PlanNode::Kind::Block;
        node.block = inner.block;
        node.range = b.range;
        node.body = body(b.body, inner);
        return node;
    }

    Context& ctx_;
};

} // namespace

void lower_session(Context& ctx) {
    const ast::Protocol& p = *ctx.protocol.ast;
    const ast::Session& s = *ctx.protocol.session;
    Scope scope;
    scope.intensity = s.intensity ? &*s.intensity : p.intensity ? &*p.intensity : nullptr;
    scope.target = s.target ? s.target->label.text : p.target ? p.target->label.text : "";
    ctx.schedule.blocks.push_back(BlockInfo{0, "", scope.target, s.range});
    ctx.schedule.session = PlanBuilder(ctx).body(s.body, scope);
}

} // namespace tmsc::lowering
