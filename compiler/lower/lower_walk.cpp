// Walking the plan: stimulus occurrences in time order, with jitter drawn as time advances.
// The walk keeps one occurrence back so that it can report the silence after it.

#include "compiler/lower/jitter.hpp"
#include "compiler/lower/schedule.hpp"

#include <algorithm>

namespace tmsc {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

class TrainWalker {
  public:
    TrainWalker(const Schedule& schedule, const std::function<void(const TrainInstance&)>& visit)
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
            pending_->next_onset = now;
            pending_->is_last = true;
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

    void emit(const StimulusPlan& plan, const Rational& onset) {
        TrainInstance next;
        next.index = index_++;
        next.first_pulse = pulses_;
        pulses_ += plan.pulses();
        next.plan = &plan;
        next.onset = onset;
        next.nominal_end = onset + plan.on_time;
        next.last_pulse = onset + plan.first_to_last;
        if (pending_) {
            pending_->next_onset = onset;
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
    const std::function<void(const TrainInstance&)>& visit_;
    std::vector<SplitMix64> streams_;
    std::optional<TrainInstance> pending_;
    std::int64_t index_ = 0;
    std::int64_t pulses_ = 0;
};

} // namespace

Rational walk_trains(const Schedule& schedule,
                     const std::function<void(const TrainInstance&)>& visit) {
    return TrainWalker(schedule, visit).run();
}

} // namespace tmsc
