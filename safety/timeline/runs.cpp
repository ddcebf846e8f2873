#include "safety/timeline/runs.hpp"

#include <algorithm>
#include <stdexcept>

namespace tmsc::safety::timeline {

namespace {

void keep_shortest(std::optional<Rational>& shortest, const Rational& interval) {
    if (!shortest || interval < *shortest) {
        shortest = interval;
    }
}

} // namespace

void RunBuilder::finish() {
    if (current_.run.pulses > 0) {
        sink_(std::move(current_));
    }
    current_ = ShapedRun{};
}

void RunBuilder::piece(const Occurrence& o, const Rational& onset, std::int64_t units,
                       std::int64_t per_unit, std::optional<std::int64_t> only_pulse) {
    const StimulusPlan& plan = *o.plan;
    Run& run = current_.run;
    if (run.pulses > 0 && onset - run.last > join_s_) {
        finish();
    }
    if (run.pulses > 0) {
        const Rational joining = onset - run.last;
        if (joining <= Rational(0)) {
            // E0915 reports it; without a positive interval no rate can be judged.
            throw PulseOrderError("two pulses at the same instant or out of order (E0915)");
        }
        current_.shape.add(joining, 1);
        keep_shortest(run.shortest, joining);
    } else {
        run.first = onset;
    }
    // The piece's own intervals: between pulses of a unit, and between units.
    const Rational inside = plan.pulse_period;
    const Rational between = plan.unit_period - Rational(per_unit - 1) * plan.pulse_period;
    if (per_unit > 1) {
        current_.shape.add(inside, per_unit - 1);
        keep_shortest(run.shortest, inside);
    }
    if (units > 1) {
        if (per_unit > 1) {
            current_.shape.add_units(between, inside, per_unit - 1, units - 1);
        } else {
            current_.shape.add(between, units - 1);
        }
        keep_shortest(run.shortest, between);
    }
    run.last = onset + Rational(units - 1) * plan.unit_period + Rational(per_unit - 1) * plan.pulse_period;
    run.pulses += units * per_unit;
    if (only_pulse) {
        run.intensities.add(plan.intensity_of(*only_pulse));
    } else {
        for (std::int64_t j = 0; j < std::min<std::int64_t>(per_unit, 2); ++j) {
            run.intensities.add(plan.intensity_of(j));
        }
    }
    run.origin.add(plan.range, o.session, 1);
    run.origin.add_pulses(o.session, units * per_unit);
}

void RunBuilder::add(const Stretch& stretch) {
    add_shifted(*stretch.repeat, stretch.session, stretch.offset);
}

void RunBuilder::add_shifted(const TrainRepeat& r, std::size_t session, const Rational& shift) {
    if (r.leaf()) {
        add(Occurrence{r.plan, session, shift + r.onset});
        return;
    }
    const auto repetition = [&](std::int64_t k) {
        const Rational at = shift + Rational(k) * r.period;
        for (const TrainRepeat& part : r.parts) {
            add_shifted(part, session, at);
        }
    };
    // Repetitions that join into one run (the gap between them at most the join threshold)
    // change the run the same way each time once the run's burst shape has settled; after a
    // few direct steps the rest is applied in one. Repetitions that do not join are runs of
    // their own, one step each.
    std::int64_t k = 0;
    for (; k < r.count && k < 2; ++k) {
        repetition(k);
    }
    for (int attempt = 0; attempt < 3 && k < r.count; ++attempt) {
        const ShapedRun before = current_;
        repetition(k++);
        if (k < r.count && extrapolate(before, r.count - k)) {
            return;
        }
    }
    for (; k < r.count; ++k) {
        repetition(k);
    }
}

bool RunBuilder::extrapolate(const ShapedRun& before, std::int64_t times) {
    const Run& was = before.run;
    Run& run = current_.run;
    const Origin& from = was.origin;
    Origin& to = run.origin;
    const bool same_run = was.pulses > 0 && run.first == was.first;
    const bool counts_only =
        same_run && run.shortest == was.shortest &&
        run.intensities.items().size() == was.intensities.items().size() &&
        to.statements.size() == from.statements.size() && to.first_session == from.first_session &&
        to.last_session == from.last_session && to.session_pulses.size() == from.session_pulses.size() &&
        !to.session_pulses.empty() && to.sessions_overflow == from.sessions_overflow;
    if (!counts_only || !current_.shape.extrapolate(before.shape, times)) {
        return false;
    }
    const Rational step = run.last - was.last;
    run.last = run.last + Rational(times) * step;
    run.pulses += times * (run.pulses - was.pulses);
    to.occurrences += times * (to.occurrences - from.occurrences);
    to.session_pulses.back().second +=
        times * (to.session_pulses.back().second - from.session_pulses.back().second);
    return true;
}

void RunBuilder::add(const Occurrence& o) {
    const StimulusPlan& plan = *o.plan;
    const std::int64_t per_unit = plan.pulses_per_unit;
    const Rational between = plan.unit_period - Rational(per_unit - 1) * plan.pulse_period;
    const bool pulses_apart = per_unit > 1 && plan.pulse_period > join_s_;
    const bool units_apart = plan.units > 1 && between > join_s_;
    if (!pulses_apart && !units_apart) {
        piece(o, o.onset, plan.units, per_unit, std::nullopt);
        return;
    }
    // Slow trains: every piece is its own run (one per unit, or one per pulse), so the loop
    // runs once per run of the timeline, never once per pulse of a run.
    for (std::int64_t u = 0; u < plan.units; ++u) {
        const Rational unit_onset = o.onset + Rational(u) * plan.unit_period;
        if (!pulses_apart) {
            piece(o, unit_onset, 1, per_unit, std::nullopt);
            continue;
        }
        for (std::int64_t j = 0; j < per_unit; ++j) {
            piece(o, unit_onset + Rational(j) * plan.pulse_period, 1, 1, j);
        }
    }
}

} // namespace tmsc::safety::timeline
