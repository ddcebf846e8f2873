#include "compiler/stats.hpp"

#include "compiler/lower/train_repeat.hpp"

#include <algorithm>

namespace tmsc {

namespace {

using Anchor = ast::CourseClause::Anchor;

/// Running totals during the walk.
struct Accumulator {
    SessionSummary session;
    std::vector<StatementSummary> statements;
    Rational sum_first_to_last;
    Rational sum_silence_between; ///< after nominal on-time, every train but the last
    Rational first_onset;
    Rational last_onset;

    /// A stretch of occurrences at once: occurrences alike in what follows them are counted
    /// together (train_repeat.hpp, for_each_kind).
    void add(const TrainRepeat& r, const FollowedBy& after) {
        probe_pulse_times(r); // proves the times fit before any output is written
        const TrainInstance first = first_occurrence(r);
        const TrainInstance last = last_occurrence(r);
        if (first.index == 0) {
            first_onset = first.onset;
            session.first_pulse = first.onset;
        }
        last_onset = last.onset;
        session.last_pulse = last.last_pulse;
        for_each_kind(r, after, [&](const TrainInstance& t, const FollowedBy&, std::int64_t times) {
            const StimulusPlan& plan = *t.plan;
            session.trains += times;
            session.pulses += times * plan.pulses();
            sum_first_to_last += Rational(times) * plan.first_to_last;
            if (!t.is_last) {
                sum_silence_between += Rational(times) * t.silence_after_nominal();
            } else {
                session.nominal_without_trailing_gap = t.nominal_end;
            }
            record(statements[plan.index], t, times);
        });
    }

    /// `times` occurrences whose silences are those of `t`.
    static void record(StatementSummary& s, const TrainInstance& t, std::int64_t times) {
        const Rational a = t.silence_after_nominal();
        const Rational b = t.silence_after_last_pulse();
        const bool first = s.occurrences == 0;
        s.occurrences += times;
        if (first) {
            s.min_silence_after_nominal = s.max_silence_after_nominal = a;
            s.min_silence_after_last_pulse = s.max_silence_after_last_pulse = b;
            return;
        }
        s.min_silence_after_nominal = std::min(s.min_silence_after_nominal, a);
        s.max_silence_after_nominal = std::max(s.max_silence_after_nominal, a);
        s.min_silence_after_last_pulse = std::min(s.min_silence_after_last_pulse, b);
        s.max_silence_after_last_pulse = std::max(s.max_silence_after_last_pulse, b);
    }
};

CourseSummary course_summary(const Schedule& schedule, const SessionSummary& session) {
    CourseSummary c;
    const Rational work = session.nominal_without_trailing_gap;
    c.day_span = work;
    if (schedule.course) {
        const CourseSpec& spec = *schedule.course;
        c.declared = true;
        c.sessions_per_day = spec.sessions_per_day;
        c.days = spec.days ? *spec.days : *spec.weeks * spec.days_per_week.value_or(7);
        c.between_sessions = spec.between_sessions_s;
        c.anchor = spec.anchor;
        const Rational gaps = Rational(c.sessions_per_day - 1) *
                              spec.between_sessions_s.value_or(Rational(0));
        if (spec.anchor == Anchor::StartToStart) {
            c.day_span = gaps + work;
            c.sessions_overlap = c.sessions_per_day > 1 && *spec.between_sessions_s < work;
        } else {
            c.day_span = Rational(c.sessions_per_day) * work + gaps;
        }
    }
    c.sessions = c.sessions_per_day * c.days;
    c.pulses_per_day = c.sessions_per_day * session.pulses;
    c.total_pulses = c.days * c.pulses_per_day;
    return c;
}

} // namespace

ScheduleSummary summarize(const Schedule& schedule) {
    Accumulator acc;
    acc.statements.resize(schedule.stimuli.size());
    for (const StimulusPlan& plan : schedule.stimuli) {
        acc.statements[plan.index].plan = &plan;
    }
    const Rational end = walk_train_repeats(
        schedule, [&acc](const TrainRepeat& r, const FollowedBy& after) { acc.add(r, after); });
    SessionSummary& s = acc.session;
    s.nominal = end;
    s.span = s.last_pulse - s.first_pulse;
    s.onset_span = acc.last_onset - acc.first_onset;
    s.device_style = acc.sum_first_to_last + acc.sum_silence_between;
    ScheduleSummary out;
    out.course = course_summary(schedule, s);
    out.session = s;
    out.statements = std::move(acc.statements);
    return out;
}

std::string decimal_seconds(const Rational& seconds) {
    const std::string exact = seconds.to_string(9);
    return exact.find('/') == std::string::npos ? exact : seconds.to_decimal(9);
}

const char* anchor_name(Anchor anchor) {
    switch (anchor) {
    case Anchor::EndToStart: return "end_to_start";
    case Anchor::StartToStart: return "start_to_start";
    case Anchor::Unspecified: return "unspecified";
    }
    return "unspecified";
}

} // namespace tmsc
