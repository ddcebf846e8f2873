#include "safety/timeline/day_stream.hpp"

namespace tmsc::safety::timeline {

void for_each_stretch(const Schedule& schedule, const std::function<void(const Stretch&)>& visit) {
    const std::int64_t sessions = schedule.course ? schedule.course->sessions_per_day : 1;
    Rational offset;
    for (std::int64_t s = 0; s < sessions; ++s) {
        // Every walk of one schedule draws the same jitter, so each session of the day has the
        // same length; the offset of the next session follows from this one's walk.
        // A session ends, for the course's `end to start`, at the nominal end of its last
        // stimulus: its trailing wait is not part of it (docs/language.md, `tmsc stats`).
        Rational length;
        walk_train_repeats(schedule, [&](const TrainRepeat& r, const FollowedBy&) {
            visit(Stretch{&r, static_cast<std::size_t>(s), offset});
            length = last_occurrence(r).nominal_end;
        });
        const Rational interval =
            schedule.course && schedule.course->between_sessions_s ? *schedule.course->between_sessions_s
                                                                   : Rational(0);
        const bool start_to_start =
            schedule.course && schedule.course->anchor == ast::CourseClause::Anchor::StartToStart;
        offset = offset + (start_to_start ? interval : length + interval);
    }
}

void for_each_occurrence(const Stretch& stretch, const std::function<void(const Occurrence&)>& visit) {
    expand(*stretch.repeat, FollowedBy{}, [&](const TrainInstance& t) {
        visit(Occurrence{t.plan, stretch.session, stretch.offset + t.onset});
    });
}

} // namespace tmsc::safety::timeline
