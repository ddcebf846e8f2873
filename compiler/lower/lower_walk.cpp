// Walking the plan: stimulus occurrences in time order, with jitter drawn as time advances.
// The walk keeps one occurrence (or repeat of occurrences) back so that it can report the
// silence after it. A repeat that delivers one stimulus per repetition without jitter is
// handed on as one TrainRepeat, so `repeat 10000000 { pulse  wait 1 us }` is one step.

#include "compiler/lower/jitter.hpp"
#include "compiler/lower/schedule.hpp"

#include <algorithm>

namespace tmsc {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

class TrainWalker {
  public:
    TrainWalker(const Schedule& schedule, const std::function<void(const TrainRepeat&)>& visit)
        : schedule_(schedule), visit_(visit) {
        streams_.reserve(schedule.jitter_streams);
        for (std::size_t i = 0; i < schedule.jitter_streams; ++i) {
            streams_.emplace_back(0);
        }
        seed_streams(schedule.session);
    }

    Rational run() {
        Rational now;
        walk(schedule_.session, now);
        if (pending_) {
            pending_->last_next_onset = now;
            pending_->last_is_last = true;
            visit_(*pending_);
        }
        return now;
    }

  private:
    /// Each jittered statement's stream starts from its own seed.
    void seed_streams(const PlanBody& body) {
        for (const PlanNode& node : body) {
            if (node.duration.jitter) {
                streams_[node.duration.jitter->stream] = SplitMix64(node.duration.jitter->seed);
            }
            seed_streams(node.body);
        }
    }

    Rational draw(const PlannedInterval& interval) {
        if (!interval.jitter) {
            return interval.fixed;
        }
        const JitterSpec& j = *interval.jitter;
        return Rational(draw_microseconds(streams_[j.stream], j.lo_us, j.hi_us), kMicrosPerSecond);
    }

    /// `count` occurrences of `plan`, the first at `onset`, `period` apart.
    void emit(const StimulusPlan& plan, const Rational& onset, std::int64_t count = 1,
              const Rational& period = Rational(0)) {
        if (capture_) {
            // Measuring one repetition of a repeat's body: remember, do not visit.
            *capture_ = Captured{&plan, onset};
            return;
        }
        TrainRepeat next;
        next.first.index = index_;
        next.first.first_pulse = pulses_;
        next.first.plan = &plan;
        next.first.onset = onset;
        next.first.nominal_end = onset + plan.on_time;
        next.first.last_pulse = onset + plan.first_to_last;
        next.first.next_onset = count > 1 ? onset + period : onset;
        next.count = count;
        next.period = count > 1 ? period : Rational(0);
        index_ += count;
        pulses_ += count * plan.pulses();
        if (pending_) {
            pending_->last_next_onset = onset;
            visit_(*pending_);
        }
        pending_ = next;
    }

    void walk(const PlanBody& body, Rational& now) {
        for (const PlanNode& node : body) {
            switch (node.kind) {
            case PlanNode::Kind::Stimulus: {
                const StimulusPlan& plan = schedule_.stimuli[node.stimulus];
                emit(plan, now);
                now += plan.on_time;
                break;
            }
            case PlanNode::Kind::Wait: now += draw(node.duration); break;
            case PlanNode::Kind::Block: walk(node.body, now); break;
            case PlanNode::Kind::Repeat: repeat(node, now); break;
            }
        }
    }

    /// True when a body holds no stimulus and no jitter: every repetition then advances time
    /// by the same amount and visits nothing.
    static bool silent_and_fixed(const PlanBody& body) {
        return std::all_of(body.begin(), body.end(), [](const PlanNode& node) {
            return node.kind != PlanNode::Kind::Stimulus && !node.duration.jitter &&
                   silent_and_fixed(node.body);
        });
    }

    /// Stimulus occurrences one repetition of `body` delivers, capped at 2; nullopt when
    /// something in it is jittered (each repetition may then differ).
    static std::optional<std::int64_t> fixed_stimuli(const PlanBody& body) {
        std::int64_t total = 0;
        for (const PlanNode& node : body) {
            if (node.duration.jitter) {
                return std::nullopt;
            }
            std::int64_t here = node.kind == PlanNode::Kind::Stimulus ? 1 : 0;
            if (node.kind == PlanNode::Kind::Block || node.kind == PlanNode::Kind::Repeat) {
                const std::optional<std::int64_t> inner = fixed_stimuli(node.body);
                if (!inner) {
                    return std::nullopt;
                }
                const std::int64_t times = node.kind == PlanNode::Kind::Repeat ? node.count : 1;
                here = times == 0 ? 0 : std::min<std::int64_t>(*inner * std::min<std::int64_t>(times, 2), 2);
            }
            total = std::min<std::int64_t>(total + here, 2);
        }
        return total;
    }

    void repeat(const PlanNode& node, Rational& now) {
        if (node.count > 0 && !node.duration.jitter && silent_and_fixed(node.body)) {
            // Nested repeats of plain waits (10^4 x 10^4 x 1 us) would otherwise take one
            // step per repetition; their time is the same every time, so multiply.
            const Rational start = now;
            walk(node.body, now);
            const Rational step = node.every ? node.duration.fixed : now - start;
            now = start + step * Rational(node.count);
            return;
        }
        if (node.count > 1 && !node.duration.jitter && !capture_ &&
            fixed_stimuli(node.body) == std::optional<std::int64_t>(1)) {
            // One stimulus per repetition, the same every time: walk one repetition to find
            // where the stimulus falls and how long a repetition lasts, then hand on all of
            // them at once.
            const Rational start = now;
            Captured captured;
            capture_ = &captured;
            walk(node.body, now);
            capture_ = nullptr;
            const Rational step = node.every ? node.duration.fixed : now - start;
            emit(*captured.plan, captured.onset, node.count, step);
            now = start + step * Rational(node.count);
            return;
        }
        for (std::int64_t i = 0; i < node.count; ++i) {
            const Rational start = now;
            walk(node.body, now);
            if (node.every) {
                // Onset to onset: the period is drawn after the body's own draws, which keeps
                // every stream's draws in time order.
                now = start + draw(node.duration);
            }
        }
    }

    /// The one stimulus of a repetition being measured.
    struct Captured {
        const StimulusPlan* plan = nullptr;
        Rational onset;
    };

    const Schedule& schedule_;
    const std::function<void(const TrainRepeat&)>& visit_;
    std::vector<SplitMix64> streams_;
    std::optional<TrainRepeat> pending_;
    Captured* capture_ = nullptr; ///< set while one repetition is measured
    std::int64_t index_ = 0;
    std::int64_t pulses_ = 0;
};

} // namespace

Rational walk_train_repeats(const Schedule& schedule,
                            const std::function<void(const TrainRepeat&)>& visit) {
    return TrainWalker(schedule, visit).run();
}

Rational walk_trains(const Schedule& schedule,
                     const std::function<void(const TrainInstance&)>& visit) {
    return walk_train_repeats(schedule, [&visit](const TrainRepeat& r) {
        for (std::int64_t k = 0; k < r.count; ++k) {
            visit(r.at(k));
        }
    });
}

} // namespace tmsc
