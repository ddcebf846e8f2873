// Walking the plan: stimulus occurrences in time order, with jitter drawn as time advances.
// A repeat whose body draws no jitter is walked once and handed on as one stretch of
// repetitions (compiler/lower/train_repeat.hpp), so `repeat 10000000 { pulse  wait 1 us }` is
// one step. The walk keeps one stretch back so that it can say what follows it.

#include "compiler/lower/jitter.hpp"
#include "compiler/lower/schedule.hpp"
#include "compiler/lower/train_repeat.hpp"

#include <algorithm>

namespace tmsc {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

class TrainWalker {
  public:
    TrainWalker(const Schedule& schedule,
                const std::function<void(const TrainRepeat&, const FollowedBy&)>& visit)
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
            visit_(*pending_, FollowedBy{now, nullptr});
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

    /// One occurrence of `plan` at `onset`.
    void emit(const StimulusPlan& plan, const Rational& onset) {
        TrainRepeat leaf;
        leaf.plan = &plan;
        leaf.onset = onset;
        leaf.index = index_++;
        leaf.first_pulse = pulses_;
        pulses_ += plan.pulses();
        deliver(std::move(leaf));
    }

    /// A finished stretch: part of the repetition being measured, or the next of the session.
    void deliver(TrainRepeat&& stretch) {
        if (parts_) {
            parts_->push_back(std::move(stretch));
            return;
        }
        if (pending_) {
            const TrainInstance next = first_occurrence(stretch);
            visit_(*pending_, FollowedBy{next.onset, next.plan});
        }
        pending_ = std::move(stretch);
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

    /// True when nothing in `body` is jittered: every repetition is then the same.
    static bool fixed(const PlanBody& body) {
        return std::all_of(body.begin(), body.end(), [](const PlanNode& node) {
            return !node.duration.jitter && fixed(node.body);
        });
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
        if (node.count > 1 && !node.duration.jitter && fixed(node.body)) {
            // Every repetition alike: walk the first to find its stretches and its length,
            // then hand on all repetitions as one stretch.
            const Rational start = now;
            const std::int64_t first_index = index_;
            const std::int64_t first_pulse = pulses_;
            TrainRepeat stretch;
            std::vector<TrainRepeat>* outer = parts_;
            parts_ = &stretch.parts;
            walk(node.body, now);
            parts_ = outer;
            const Rational step = node.every ? node.duration.fixed : now - start;
            stretch.count = node.count;
            stretch.period = step;
            index_ = first_index + node.count * (index_ - first_index);
            pulses_ = first_pulse + node.count * (pulses_ - first_pulse);
            now = start + step * Rational(node.count);
            deliver(std::move(stretch));
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

    const Schedule& schedule_;
    const std::function<void(const TrainRepeat&, const FollowedBy&)>& visit_;
    std::vector<SplitMix64> streams_;
    std::optional<TrainRepeat> pending_;
    std::vector<TrainRepeat>* parts_ = nullptr; ///< set while one repetition is measured
    std::int64_t index_ = 0;
    std::int64_t pulses_ = 0;
};

} // namespace

Rational walk_train_repeats(const Schedule& schedule,
                            const std::function<void(const TrainRepeat&, const FollowedBy&)>& visit) {
    return TrainWalker(schedule, visit).run();
}

Rational walk_trains(const Schedule& schedule,
                     const std::function<void(const TrainInstance&)>& visit) {
    return walk_train_repeats(schedule, [&visit](const TrainRepeat& r, const FollowedBy& after) {
        expand(r, after, visit);
    });
}

} // namespace tmsc
