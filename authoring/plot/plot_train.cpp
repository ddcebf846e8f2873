// The train view: the first train (or burst group, or pair) pulse by pulse, with burst slots
// shaded and the intervals labelled, so the pattern can be checked against the paper.

#include "authoring/plot/plot_intensity.hpp"
#include "authoring/plot/plot_views.hpp"

#include <algorithm>
#include <optional>

namespace tmsc::plot {

namespace {

/// At most this many units (pulses, or bursts) of the first train are drawn.
constexpr std::int64_t kMaxUnits = 10;

std::optional<TrainInstance> first_train(const Schedule& schedule) {
    std::optional<TrainInstance> first;
    walk_trains(schedule, [&](const TrainInstance& t) {
        if (!first) {
            first = t;
        }
    });
    return first;
}

/// A labelled interval drawn as a bracket between two times.
void bracket(SvgWriter& svg, const TimeAxis& axis, double t0, double t1, double y,
             const std::string& label) {
    const double x0 = axis.x(t0);
    const double x1 = axis.x(t1);
    svg.line(x0, y, x1, y, "#333333", 1);
    svg.line(x0, y - 4, x0, y + 4, "#333333", 1);
    svg.line(x1, y - 4, x1, y + 4, "#333333", 1);
    // Narrow brackets get their label beside them, wide ones above the middle.
    if (x1 - x0 < 160) {
        svg.text(x1 + 6, y + 4, label, 11, "start");
    } else {
        svg.text((x0 + x1) / 2, y - 6, label, 11, "middle");
    }
}

/// A pulse as drawn: its time, height, and the intensity label when it is the first pulse or
/// its intensity differs from the pulse before it.
struct DrawnPulse {
    double time = 0;
    double height = 0;
    std::string label;      ///< "" when the pulse before has the same intensity
    std::string last_label; ///< this pulse's intensity, to compare with the next
};

/// Each label beside its pulse, past the pulses close behind it with the same intensity (a
/// burst), so the text crosses no pulse line; near the right edge it goes to the left.
void draw_pulse_labels(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
                       const std::vector<DrawnPulse>& pulses, double scale) {
    for (std::size_t i = 0; i < pulses.size(); ++i) {
        if (pulses[i].label.empty()) {
            continue;
        }
        const double x = axis.x(pulses[i].time);
        double after = x;
        for (std::size_t j = i + 1; j < pulses.size() && pulses[j].label.empty() &&
                                    axis.x(pulses[j].time) - x < 40;
             ++j) {
            after = axis.x(pulses[j].time);
        }
        const bool left = after > frame.right - 150;
        const double at = left ? x - 5 : after + 5;
        const double y = frame.bottom - pulses[i].height * scale + 10;
        // A light box under the text, so later pulses it crosses do not strike it through.
        const double width = 6.2 * static_cast<double>(pulses[i].label.size()) + 4;
        svg.rect(left ? at - width + 2 : at - 2, y - 10, width, 13, "#ffffff", "none",
                 "fill-opacity=\"0.85\"");
        svg.text(at, y, pulses[i].label, 11, left ? "end" : "start", "#8c1d18");
    }
}

std::string rate_label(const Rational& period, const Rational& rate) {
    return short_duration(period) + (rate.is_zero() ? "" : " (" + format_frequency(rate) + ")");
}

} // namespace

std::string render_train(const PlotInput& in) {
    const Schedule& schedule = *in.schedule;
    const auto [use_mso, unit] = intensity_scale(schedule);
    const std::optional<TrainInstance> train = first_train(schedule);
    Frame frame;
    if (!train) {
        SvgWriter svg(frame.width, frame.height(1), schedule.protocol_name + " - train");
        draw_title(svg, frame, schedule.protocol_name, "The session has no pulses");
        return svg.finish();
    }
    const StimulusPlan& plan = *train->plan;
    const std::int64_t shown = std::min(plan.units, kMaxUnits);
    const double onset = train->onset.to_double();
    const double window = plan.kind == StimulusPlan::Kind::Train
                              ? (plan.unit_period * Rational(shown)).to_double()
                              : std::max(plan.on_time.to_double(), plan.pulse_period.to_double());
    TimeAxis axis{onset - window * 0.05, onset + window * 1.05, frame.left, frame.right};

    double max_height = 1;
    std::vector<DrawnPulse> pulses;
    PulseCursor cursor(*train);
    for (ScheduledPulse p; cursor.next(p) && p.unit < shown;) {
        std::string label = intensity_label(*p.intensity);
        // Only the first pulse and each change of intensity are labelled.
        if (!pulses.empty() && pulses.back().last_label == label) {
            pulses.push_back({p.time.seconds().to_double(),
                              displayed_intensity(*p.intensity, use_mso), "", label});
        } else {
            pulses.push_back({p.time.seconds().to_double(),
                              displayed_intensity(*p.intensity, use_mso), label, label});
        }
        max_height = std::max(max_height, pulses.back().height);
    }
    max_height *= 1.3;

    std::string subtitle =
        "First train, " + (shown < plan.units ? "first " + std::to_string(shown) + " of " : std::string()) +
        std::to_string(plan.units) + (plan.has_bursts ? " bursts" : " pulses");
    if (plan.kind != StimulusPlan::Kind::Train) {
        subtitle = plan.kind == StimulusPlan::Kind::Paired ? "First paired pulse" : "First single pulse";
    }
    std::vector<std::string> caption = caption_lines(
        in, std::to_string(plan.pulses()) + " pulses in this train; on-time " +
                short_duration(plan.on_time) + ", first to last pulse " + short_duration(plan.first_to_last));
    SvgWriter svg(frame.width, frame.height(caption.size()), schedule.protocol_name + " - train");
    draw_title(svg, frame, schedule.protocol_name, subtitle);
    if (plan.has_bursts) {
        for (std::int64_t k = 0; k < shown; ++k) {
            const double t = onset + (plan.unit_period * Rational(k)).to_double();
            svg.rect(axis.x(t), frame.top, axis.x(t + plan.unit_period.to_double()) - axis.x(t) - 1,
                     frame.bottom - frame.top, k % 2 ? "#f2f2f2" : "#e3e3e3");
        }
    }
    const double scale = (frame.bottom - frame.top) / max_height;
    for (const DrawnPulse& p : pulses) {
        svg.line(axis.x(p.time), frame.bottom, axis.x(p.time), frame.bottom - p.height * scale,
                 "#8c1d18", 2.5);
    }
    draw_pulse_labels(svg, frame, axis, pulses, scale);
    const double y = frame.top + 14;
    if (plan.has_bursts && plan.pulses_per_unit > 1) {
        bracket(svg, axis, onset, onset + plan.pulse_period.to_double(), y + 28,
                rate_label(plan.pulse_period, plan.pulse_rate) + " in a burst");
    }
    if (plan.units > 1 || plan.kind == StimulusPlan::Kind::Paired) {
        const Rational& step = plan.kind == StimulusPlan::Kind::Paired ? plan.pulse_period : plan.unit_period;
        bracket(svg, axis, onset, onset + step.to_double(), y,
                rate_label(step, plan.kind == StimulusPlan::Kind::Paired ? Rational(0) : plan.unit_rate) +
                    (plan.has_bursts ? " burst slot" : ""));
    }
    draw_time_axis(svg, frame, axis);
    draw_intensity_axis(svg, frame, max_height, unit);
    draw_caption(svg, frame, caption);
    return svg.finish();
}

} // namespace tmsc::plot
