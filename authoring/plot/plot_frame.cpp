#include "authoring/plot/plot_frame.hpp"

#include "authoring/plot/plot_intensity.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace tmsc::plot {

std::pair<const char*, double> time_unit(double span) {
    if (span <= 2) {
        return {"ms", 0.001};
    }
    if (span <= 900) {
        return {"s", 1};
    }
    if (span <= 4 * 3600) {
        return {"min", 60};
    }
    return {"h", 3600};
}

namespace {

std::string tick_label(double value) {
    std::string text = number(value);
    while (!text.empty() && text.back() == '0') {
        text.pop_back();
    }
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    return text;
}

} // namespace

void draw_time_axis(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
                    const std::string& origin) {
    const auto [unit, scale] = time_unit(axis.t1 - axis.t0);
    svg.line(frame.left, frame.bottom, frame.right, frame.bottom, "#333333", 1.2);
    const double step = nice_step((axis.t1 - axis.t0) / scale, 8);
    const double first = std::ceil(axis.t0 / scale / step) * step;
    for (double v = first; v <= axis.t1 / scale + step * 1e-9; v += step) {
        const double x = axis.x(v * scale);
        svg.line(x, frame.bottom, x, frame.bottom + 5, "#333333");
        svg.text(x, frame.bottom + 18, tick_label(v), 11, "middle");
    }
    svg.text((frame.left + frame.right) / 2, frame.bottom + 36,
             "time from " + origin + " (" + unit + ")", 12, "middle");
}

void draw_intensity_axis(SvgWriter& svg, const Frame& frame, double max_value,
                         const std::string& unit) {
    svg.line(frame.left, frame.top, frame.left, frame.bottom, "#333333", 1.2);
    const double step = nice_step(max_value, 4);
    for (double v = 0; v <= max_value + step * 1e-9; v += step) {
        const double y = frame.bottom - v / max_value * (frame.bottom - frame.top);
        svg.line(frame.left - 5, y, frame.left, y, "#333333");
        svg.text(frame.left - 8, y + 4, tick_label(v), 11, "end");
    }
    svg.vertical_text(24, (frame.top + frame.bottom) / 2, "intensity (" + unit + ")", 12);
}

void draw_title(SvgWriter& svg, const Frame& frame, const std::string& title,
                const std::string& subtitle) {
    svg.text(frame.left, 30, title, 18, "start", "#111111", "bold");
    svg.text(frame.left, 52, subtitle, 13, "start", "#444444");
}

namespace {

/// Characters that fit on one caption line at 12 px.
constexpr std::size_t kCaptionWidth = 130;

/// Splits `text` at spaces into lines of at most kCaptionWidth characters.
void wrap_into(std::vector<std::string>& lines, const std::string& text) {
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        end = end == std::string::npos ? text.size() : end;
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && line.size() + 1 + word.size() > kCaptionWidth) {
            lines.push_back(line);
            line = "    " + word;
        } else {
            line += (line.empty() ? "" : " ") + word;
        }
        start = end + 1;
    }
    if (!line.empty()) {
        lines.push_back(line);
    }
}

} // namespace

std::vector<std::string> caption_lines(const PlotInput& input, const std::string& totals) {
    std::vector<std::string> lines{std::string("Verdict: ") + verdict_name(input.verdict)};
    wrap_into(lines, totals);
    if (input.schedule) {
        for (const std::string& line : intensity_lines(*input.schedule)) {
            wrap_into(lines, line);
        }
    }
    for (const std::string& f : input.findings) {
        wrap_into(lines, f);
    }
    return lines;
}

void draw_caption(SvgWriter& svg, const Frame& frame, const std::vector<std::string>& lines) {
    double y = frame.bottom + 62;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        svg.text(frame.left, y, lines[i], i == 0 ? 13 : 12, "start",
                 i == 0 ? "#111111" : "#444444", i == 0 ? "bold" : "normal");
        y += 16;
    }
}

double displayed_intensity(const ScheduledIntensity& intensity, bool use_mso) {
    return (use_mso && intensity.mso ? *intensity.mso : intensity.written.percent).to_double();
}

std::pair<bool, std::string> intensity_scale(const Schedule& schedule) {
    bool all_mso = !schedule.stimuli.empty();
    std::set<IntensityRef> refs;
    for (const StimulusPlan& s : schedule.stimuli) {
        all_mso = all_mso && s.intensity.mso && (!s.second || s.second->mso);
        refs.insert(s.intensity.written.ref);
        if (s.second) {
            refs.insert(s.second->written.ref);
        }
    }
    if (all_mso) {
        return {true, "%MSO"};
    }
    if (refs.size() == 1) {
        return {false, intensity_ref_spelling(*refs.begin())};
    }
    return {false, "% of each pulse's reference"};
}

std::string short_duration(const Rational& seconds) {
    const bool ms = seconds < Rational(1);
    const Rational shown = ms ? seconds * Rational(1000) : seconds;
    std::string text = shown.to_string(4);
    if (text.find('/') != std::string::npos) {
        text = shown.to_decimal(3);
    }
    return text + (ms ? " ms" : " s");
}

} // namespace tmsc::plot
