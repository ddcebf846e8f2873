#include "compiler/lower/train_repeat.hpp"

#include <numeric>
#include <optional>

namespace tmsc {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

/// Where repetition k of every enclosing stretch puts a leaf: a time shift and index shifts.
struct Placement {
    Rational shift;
    std::int64_t index = 0;
    std::int64_t pulse = 0;

    Placement repetition(const TrainRepeat& r, std::int64_t k) const {
        if (k == 0) {
            return *this;
        }
        const std::int64_t per_occurrences = r.occurrences() / r.count;
        const std::int64_t per_pulses = r.pulses() / r.count;
        return Placement{shift + Rational(k) * r.period, index + k * per_occurrences,
                         pulse + k * per_pulses};
    }
};

TrainInstance instance(const TrainRepeat& leaf, const Placement& at) {
    TrainInstance t;
    t.index = leaf.index + at.index;
    t.first_pulse = leaf.first_pulse + at.pulse;
    t.plan = leaf.plan;
    t.onset = leaf.onset + at.shift;
    t.nominal_end = t.onset + leaf.plan->on_time;
    t.last_pulse = t.onset + leaf.plan->first_to_last;
    t.next_onset = t.onset;
    return t;
}

TrainInstance first_at(const TrainRepeat& r, const Placement& at) {
    return r.leaf() ? instance(r, at) : first_at(r.parts.front(), at);
}

TrainInstance last_at(const TrainRepeat& r, const Placement& at) {
    return r.leaf() ? instance(r, at) : last_at(r.parts.back(), at.repetition(r, r.count - 1));
}

/// Keeps one occurrence back to fill in the onset of the one after it.
struct Expander {
    const std::function<void(const TrainInstance&)>& visit;
    std::optional<TrainInstance> pending;

    void add(const TrainInstance& t) {
        if (pending) {
            pending->next_onset = t.onset;
            visit(*pending);
        }
        pending = t;
    }

    void walk(const TrainRepeat& r, const Placement& at) {
        if (r.leaf()) {
            add(instance(r, at));
            return;
        }
        for (std::int64_t k = 0; k < r.count; ++k) {
            const Placement rep = at.repetition(r, k);
            for (const TrainRepeat& part : r.parts) {
                walk(part, rep);
            }
        }
    }
};

using KindVisit = std::function<void(const TrainInstance&, const FollowedBy&, std::int64_t)>;

void kinds(const TrainRepeat& r, const Placement& at, const FollowedBy& after, std::int64_t times,
           const KindVisit& visit) {
    if (r.leaf()) {
        TrainInstance t = instance(r, at);
        t.next_onset = after.onset;
        t.is_last = after.plan == nullptr;
        visit(t, after, times);
        return;
    }
    const auto repetition = [&](std::int64_t k, const FollowedBy& follow, std::int64_t weight) {
        const Placement rep = at.repetition(r, k);
        for (std::size_t i = 0; i < r.parts.size(); ++i) {
            const bool final = i + 1 == r.parts.size();
            const FollowedBy next =
                final ? follow : FollowedBy{first_at(r.parts[i + 1], rep).onset, first_at(r.parts[i + 1], rep).plan};
            kinds(r.parts[i], rep, next, weight, visit);
        }
    };
    if (r.count > 1) {
        // Every repetition but the last is followed by the next one: one stands for all.
        const TrainInstance next = first_at(r, at.repetition(r, 1));
        repetition(0, FollowedBy{next.onset, next.plan}, times * (r.count - 1));
    }
    repetition(r.count - 1, after, times);
}

/// Least common multiple, or RationalOverflow past what pulse stepping allows (2^62).
std::int64_t bounded_lcm(std::int64_t a, std::int64_t b) {
    const WideInt l = static_cast<WideInt>(a) / std::gcd(a, b) * b;
    if (l >= (static_cast<WideInt>(1) << 62)) {
        throw RationalOverflow();
    }
    return static_cast<std::int64_t>(l);
}

/// The lcm of the denominators (in microseconds) of every onset and period of a stretch.
std::int64_t onset_denominators(const TrainRepeat& r) {
    if (r.leaf()) {
        return (r.onset * Rational(kMicrosPerSecond)).den();
    }
    std::int64_t d = (r.period * Rational(kMicrosPerSecond)).den();
    for (const TrainRepeat& part : r.parts) {
        d = bounded_lcm(d, onset_denominators(part));
    }
    return d;
}

} // namespace

std::int64_t TrainRepeat::occurrences() const {
    if (leaf()) {
        return 1;
    }
    std::int64_t per = 0;
    for (const TrainRepeat& part : parts) {
        per += part.occurrences();
    }
    return per * count;
}

std::int64_t TrainRepeat::pulses() const {
    if (leaf()) {
        return plan->pulses();
    }
    std::int64_t per = 0;
    for (const TrainRepeat& part : parts) {
        per += part.pulses();
    }
    return per * count;
}

TrainInstance first_occurrence(const TrainRepeat& r) { return first_at(r, Placement{}); }

TrainInstance last_occurrence(const TrainRepeat& r) { return last_at(r, Placement{}); }

void expand(const TrainRepeat& r, const FollowedBy& after,
            const std::function<void(const TrainInstance&)>& visit) {
    Expander e{visit, std::nullopt};
    e.walk(r, Placement{});
    if (e.pending) {
        e.pending->next_onset = after.onset;
        e.pending->is_last = after.plan == nullptr;
        visit(*e.pending);
    }
}

void for_each_kind(const TrainRepeat& r, const FollowedBy& after, const KindVisit& visit) {
    kinds(r, Placement{}, after, 1, visit);
}

void probe_pulse_times(const TrainRepeat& r) {
    PulseCursor first(first_occurrence(r));
    if (r.leaf()) {
        return;
    }
    PulseCursor last(last_occurrence(r));
    // A cursor fails only when its denominators' lcm is too large. Every onset's denominator
    // divides the lcm of the leaves' and periods', so each statement at an onset with exactly
    // that denominator bounds all of its occurrences.
    const Rational widest = Rational(1, onset_denominators(r)) / Rational(kMicrosPerSecond);
    const std::function<void(const TrainRepeat&)> each_leaf = [&](const TrainRepeat& s) {
        if (s.leaf()) {
            TrainInstance t = instance(s, Placement{});
            t.onset = widest;
            PulseCursor cursor(t);
            return;
        }
        for (const TrainRepeat& part : s.parts) {
            each_leaf(part);
        }
    };
    each_leaf(r);
}

} // namespace tmsc
