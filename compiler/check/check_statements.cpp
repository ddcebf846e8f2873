#include "compiler/check/semantic.hpp"

namespace tmsc::semantic {

using ast::Dimension;

namespace {

bool check_seed(Context& ctx, const ast::Literal& seed) {
    if (seed.unit != ast::Unit::None || !seed.number.is_integer() || seed.number.is_negative()) {
        ctx.diagnostics.error("E0309",
                              "a seed must be a whole number of zero or more, found '" +
                                  seed.spelling + "'",
                              seed.range);
        return false;
    }
    return true;
}

bool check_interval(Context& ctx, const ast::Interval& interval, std::string_view what) {
    if (const auto* fixed = std::get_if<ast::Value>(&interval.node)) {
        if (interval.seed) {
            ctx.diagnostics.warning("W0301", "a seed has no effect on a fixed interval",
                                    interval.seed->range);
        }
        return check_value(ctx, *fixed, Dimension::Duration, what);
    }
    const auto& range = std::get<ast::RangeLit>(interval.node);
    bool ok = check_literal(ctx, range.lo, Dimension::Duration,
                            "the lower end of " + std::string(what));
    ok = check_literal(ctx, range.hi, Dimension::Duration,
                       "the upper end of " + std::string(what)) && ok;
    if (ok && canonical(range.lo) > canonical(range.hi)) {
        ctx.diagnostics.error("E0403",
                              "the jitter range of " + std::string(what) + " is empty: '" +
                                  range.lo.spelling + "' is above '" + range.hi.spelling + "'",
                              range.range);
        ok = false;
    }
    if (interval.seed) {
        ok = check_seed(ctx, *interval.seed) && ok;
    }
    return ok;
}

bool check_intensity(Context& ctx, const std::optional<ast::IntensitySetting>& setting,
                     std::string_view what) {
    return !setting || check_value(ctx, setting->value, Dimension::Intensity, what);
}

/// Reports a pulse-producing statement that no intensity reaches.
void require_intensity(Context& ctx, bool has_intensity, SourceRange at, std::string_view what) {
    if (!has_intensity) {
        ctx.diagnostics.error("E0501", "no intensity applies to " + std::string(what), at)
            .notes.push_back({"set 'intensity' on the protocol, session, block or " +
                                  std::string(what == "this pulse" ? "pulse" : "train"),
                              std::nullopt});
    }
}

bool check_burst(Context& ctx, const ast::Burst& burst) {
    bool ok = check_value(ctx, burst.pulses, Dimension::Count, "the burst's pulse count");
    ok = check_value(ctx, burst.frequency, Dimension::Frequency, "the burst's frequency") && ok;
    return check_intensity(ctx, burst.intensity, "the burst's intensity") && ok;
}

bool check_train(Context& ctx, const ast::Train& train, const ast::IntensitySetting* inherited) {
    using Size = ast::Train::Size;
    bool ok = train.size == Size::Duration
                  ? check_value(ctx, train.amount, Dimension::Duration, "the train's duration")
                  : check_value(ctx, train.amount, Dimension::Count,
                                train.size == Size::Bursts ? "the train's burst count"
                                                           : "the train's pulse count");
    ok = check_value(ctx, train.frequency, Dimension::Frequency,
                     train.burst ? "the train's burst rate" : "the train's frequency") && ok;
    ok = check_intensity(ctx, train.intensity, "the train's intensity") && ok;
    if (train.burst) {
        ok = check_burst(ctx, *train.burst) && ok;
        if (train.size == Size::Pulses) {
            ctx.diagnostics.error("E0307",
                                  "a train of bursts counts bursts, not pulses: write '<N> bursts "
                                  "at <rate> Hz' or 'for <duration> at <rate> Hz'",
                                  train.amount.range);
            ok = false;
        }
    } else if (train.size == Size::Bursts) {
        ctx.diagnostics.error("E0308",
                              "this train counts bursts but has no burst: add '{ burst <M> "
                              "pulses at <F> Hz }'",
                              train.range);
        ok = false;
    }
    const bool has_intensity = inherited || train.intensity ||
                               (train.burst && train.burst->intensity);
    // A missing intensity is an error but leaves the timing values usable for later checks.
    require_intensity(ctx, has_intensity, train.range, "this train");
    return ok;
}

struct StatementChecker {
    Context& ctx;
    const ast::IntensitySetting* inherited;

    bool operator()(const ast::Train& t) const { return check_train(ctx, t, inherited); }
    bool operator()(const ast::Pulse& p) const {
        const bool ok = check_intensity(ctx, p.intensity, "the pulse's intensity");
        require_intensity(ctx, inherited || p.intensity, p.range, "this pulse");
        return ok;
    }
    bool operator()(const ast::Paired& p) const {
        bool ok = check_value(ctx, p.interval, Dimension::Duration, "the paired-pulse interval");
        ok = check_value(ctx, p.first, Dimension::Intensity, "the first pulse's intensity") && ok;
        return check_value(ctx, p.second, Dimension::Intensity, "the second pulse's intensity") &&
               ok;
    }
    bool operator()(const ast::Wait& w) const { return check_interval(ctx, w.duration, "the wait"); }
    bool operator()(const ast::Repeat& r) const {
        bool ok = check_value(ctx, r.count, Dimension::Count, "the repeat count");
        if (r.every) {
            ok = check_interval(ctx, *r.every, "the repeat period") && ok;
        }
        return check_body(ctx, r.body, inherited) && ok;
    }
    bool operator()(const ast::Block& b) const {
        const bool ok = check_intensity(ctx, b.intensity, "the block's intensity");
        const ast::IntensitySetting* inner = b.intensity ? &*b.intensity : inherited;
        return check_body(ctx, b.body, inner) && ok;
    }
};

} // namespace

bool check_body(Context& ctx, const std::vector<ast::Statement>& body,
                const ast::IntensitySetting* inherited) {
    bool ok = true;
    for (const ast::Statement& s : body) {
        ok = std::visit(StatementChecker{ctx, inherited}, s.node) && ok;
    }
    return ok;
}

} // namespace tmsc::semantic
