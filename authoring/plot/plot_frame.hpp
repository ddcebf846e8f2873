#pragma once
// Layout and parts shared by every view: the plot area, a time axis with units chosen for
// its span, the intensity scale, the title and the caption with verdict and findings.

#include "authoring/plot/plot.hpp"
#include "authoring/plot/svg_writer.hpp"

#include <string>

namespace tmsc::plot {

/// Page and plot-area geometry in SVG user units.
struct Frame {
    double width = 1000;
    double left = 80;
    double right = 960;
    double top = 80;
    double bottom = 330;
    /// Height of the page for `caption_lines` lines of caption under the axis.
    double height(std::size_t caption_lines) const {
        return bottom + 70 + 16.0 * static_cast<double>(caption_lines);
    }
};

/// A time axis over [t0, t1] seconds, displayed in ms, s, min or h as the span suits.
struct TimeAxis {
    double t0 = 0;
    double t1 = 1;
    double left = 0;
    double right = 1;
    double x(double seconds) const { return left + (seconds - t0) / (t1 - t0) * (right - left); }
};

/// The display unit for a span ("ms", "s", "min", "h") and seconds per unit.
std::pair<const char*, double> time_unit(double span_seconds);

/// Draws the axis line, ticks and labels at the frame's bottom; `origin` names time zero.
void draw_time_axis(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
                    const std::string& origin = "session start");

/// Draws the intensity axis from 0 to `max_value` with its unit label.
void draw_intensity_axis(SvgWriter& svg, const Frame& frame, double max_value,
                         const std::string& unit);

/// Title (protocol name) and subtitle (the view).
void draw_title(SvgWriter& svg, const Frame& frame, const std::string& title,
                const std::string& subtitle);

/// Caption lines under the axis: verdict first, then totals, every distinct intensity
/// (relative, and %MSO when known) and findings, wrapped to the page.
std::vector<std::string> caption_lines(const PlotInput& input, const std::string& totals);
void draw_caption(SvgWriter& svg, const Frame& frame, const std::vector<std::string>& lines);

/// The value a pulse's height shows: %MSO when known for every stimulus, else the written
/// percentage; `unit` receives the axis label.
double displayed_intensity(const ScheduledIntensity& intensity, bool use_mso);
/// Whether every stimulus has a %MSO value, and the axis label that follows.
std::pair<bool, std::string> intensity_scale(const Schedule& schedule);

/// "26 s", "100 ms", "1.944 s": a duration for a label, at most 4 significant decimals.
std::string short_duration(const Rational& seconds);

} // namespace tmsc::plot
