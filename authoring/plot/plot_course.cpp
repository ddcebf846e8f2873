// The course view: the first day of the course with its sessions, the intervals between them
// (and how they are measured), and the pulses per day and per course.

#include "authoring/plot/plot_views.hpp"

#include <algorithm>

namespace tmsc::plot {

namespace {

std::string clock(const Rational& seconds) {
    const std::int64_t total = seconds.floor();
    const std::int64_t h = total / 3600;
    const std::int64_t m = (total % 3600) / 60;
    const std::int64_t s = total % 60;
    std::string out = h ? std::to_string(h) + " h" : "";
    out += m ? std::string(out.empty() ? "" : " ") + std::to_string(m) + " min" : "";
    out += (s || out.empty()) ? std::string(out.empty() ? "" : " ") + std::to_string(s) + " s" : "";
    return out;
}

/// Onset of session `k` of a day, from the course's interval and its anchor.
Rational session_onset(const CourseSummary& c, const Rational& session_length, std::int64_t k) {
    if (!c.between_sessions) {
        return Rational(0);
    }
    const bool start_to_start = c.anchor == ast::CourseClause::Anchor::StartToStart;
    const Rational step = start_to_start ? *c.between_sessions : session_length + *c.between_sessions;
    return step * Rational(k);
}

} // namespace

std::string render_course(const PlotInput& in) {
    const Schedule& schedule = *in.schedule;
    const CourseSummary& c = in.summary->course;
    const Rational length = in.summary->session.nominal_without_trailing_gap;
    const Rational day_end = std::max(c.day_span, length);
    std::string totals = std::to_string(c.sessions_per_day) + " session(s) per day, " +
                         std::to_string(c.pulses_per_day) + " pulses per day; " + std::to_string(c.days) +
                         " day(s), " + std::to_string(c.sessions) + " sessions, " +
                         std::to_string(c.total_pulses) + " pulses in the course; day span " +
                         clock(c.day_span);
    std::vector<std::string> caption = caption_lines(in, totals);
    if (!c.declared) {
        caption.insert(caption.begin() + 1, "The protocol declares no course: one session is shown.");
    }
    Frame frame;
    SvgWriter svg(frame.width, frame.height(caption.size()), schedule.protocol_name + " - course day");
    draw_title(svg, frame, schedule.protocol_name, "Course: the sessions of one day");
    TimeAxis axis{0, day_end.to_double() * 1.04, frame.left, frame.right};
    const double band_top = frame.top + 60;
    const double band_bottom = frame.bottom - 40;
    for (std::int64_t k = 0; k < c.sessions_per_day; ++k) {
        const Rational start = session_onset(c, length, k);
        const double x0 = axis.x(start.to_double());
        const double w = std::max(axis.x((start + length).to_double()) - x0, 1.5);
        svg.rect(x0, band_top, w, band_bottom - band_top, "#1b3a5c");
        if (k == 0 || c.sessions_per_day <= 12) {
            svg.text(x0 + w / 2, band_bottom + 16, std::to_string(k + 1), 11, "middle");
        }
    }
    if (c.sessions_per_day > 1 && c.between_sessions) {
        const bool start_to_start = c.anchor == ast::CourseClause::Anchor::StartToStart;
        const double from = start_to_start ? 0 : length.to_double();
        const double to = session_onset(c, length, 1).to_double();
        svg.line(axis.x(from), band_top - 14, axis.x(to), band_top - 14, "#333333", 1);
        svg.text((axis.x(from) + axis.x(to)) / 2, band_top - 20,
                 clock(*c.between_sessions) + (start_to_start ? " start to start" : " end to start"),
                 11, "middle");
    }
    svg.text(frame.left, band_top - 40,
             "Each bar is one session of " + clock(length) + " (its start to the end of its last train).",
             11, "start", "#444444");
    draw_time_axis(svg, frame, axis, "the day's first session start");
    draw_caption(svg, frame, caption);
    return svg.finish();
}

std::string render_plot(const PlotInput& input, PlotView view) {
    switch (view) {
    case PlotView::Session: return render_session(input);
    case PlotView::Train: return render_train(input);
    case PlotView::Course: return render_course(input);
    }
    return render_session(input);
}

} // namespace tmsc::plot
