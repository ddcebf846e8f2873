// The session view: every train as a block whose height is its intensity, on one time axis,
// with the gaps labelled in the clinician's convention (silence after the nominal on-time)
// and the device convention (silence after the last pulse, the MagVenture ITI).

#include "authoring/plot/plot_intensity.hpp"
#include "authoring/plot/plot_views.hpp"

#include <algorithm>
#include <cmath>

namespace tmsc::plot {

namespace {

/// Beyond this many trains the view draws one bar per pixel column instead of one per train.
constexpr std::size_t kMaxDrawnTrains = 2000;
/// At most this many distinct gaps are labelled; jittered gaps would otherwise cover the plot.
constexpr std::size_t kMaxGapLabels = 6;

struct TrainBox {
    double onset = 0;
    double nominal_end = 0;
    double height = 0;        ///< the (first) pulse's intensity
    double second_height = 0; ///< a pair's second pulse: its own bar beside the first
    bool paired = false;
    const StimulusPlan* plan = nullptr;
    std::size_t block = 0;
    Rational silence_nominal;
    Rational silence_last;
    bool is_last = false;
};

/// Fills per block; distinguishable in greyscale (dark, mid, light with outline).
const char* block_fill(std::size_t block) {
    static const char* fills[] = {"#1b3a5c", "#6b8fb8", "#c9d7e8"};
    return fills[block % 3];
}

std::vector<TrainBox> collect(const Schedule& schedule, bool use_mso, bool& too_many) {
    std::vector<TrainBox> boxes;
    too_many = false;
    walk_trains(schedule, [&](const TrainInstance& t) {
        if (boxes.size() >= kMaxDrawnTrains) {
            too_many = true;
            return;
        }
        const bool paired = t.plan->second.has_value();
        boxes.push_back({t.onset.to_double(), t.nominal_end.to_double(),
                         displayed_intensity(t.plan->intensity, use_mso),
                         paired ? displayed_intensity(*t.plan->second, use_mso) : 0, paired,
                         t.plan, t.plan->block, t.silence_after_nominal(),
                         t.silence_after_last_pulse(), t.is_last});
    });
    return boxes;
}

/// A silence between trains, in both conventions, and how often it occurs.
struct GapCount {
    Rational after_nominal;
    Rational after_last_pulse;
    std::int64_t count = 0;
};

/// Distinct gaps between consecutive trains, in order of first appearance.
std::vector<GapCount> count_gaps(const std::vector<TrainBox>& boxes) {
    std::vector<GapCount> gaps;
    for (std::size_t i = 0; i + 1 < boxes.size(); ++i) {
        auto it = std::find_if(gaps.begin(), gaps.end(), [&](const GapCount& g) {
            return g.after_nominal == boxes[i].silence_nominal &&
                   g.after_last_pulse == boxes[i].silence_last;
        });
        if (it == gaps.end()) {
            gaps.push_back({boxes[i].silence_nominal, boxes[i].silence_last, 1});
        } else {
            ++it->count;
        }
    }
    return gaps;
}

/// Caption lines describing the gaps (the plot is usually too dense to label each one).
std::vector<std::string> gap_lines(const std::vector<GapCount>& gaps) {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < gaps.size() && i < kMaxGapLabels; ++i) {
        lines.push_back("Gap " + short_duration(gaps[i].after_nominal) +
                        " after the nominal on-time = " + short_duration(gaps[i].after_last_pulse) +
                        " after the last pulse (MagVenture ITI), " + std::to_string(gaps[i].count) +
                        (gaps[i].count == 1 ? " time" : " times"));
    }
    if (gaps.size() > kMaxGapLabels) {
        lines.push_back("... and " + std::to_string(gaps.size() - kMaxGapLabels) +
                        " other gap lengths (jittered or varying)");
    }
    return lines;
}

/// Labels gaps wide enough to hold a label, once per distinct length.
void draw_gap_labels(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
                     const std::vector<TrainBox>& boxes) {
    std::vector<std::pair<Rational, Rational>> labelled;
    for (std::size_t i = 0; i + 1 < boxes.size() && labelled.size() < kMaxGapLabels; ++i) {
        const auto key = std::make_pair(boxes[i].silence_nominal, boxes[i].silence_last);
        const double x0 = axis.x(boxes[i].nominal_end);
        const double x1 = axis.x(boxes[i + 1].onset);
        if (x1 - x0 < 90 || std::find(labelled.begin(), labelled.end(), key) != labelled.end()) {
            continue;
        }
        labelled.push_back(key);
        const double mid = (x0 + x1) / 2;
        const double y = frame.top + 10;
        svg.line(x0, y + 4, x1, y + 4, "#555555", 1, "3,2");
        svg.text(mid, y - 12, "gap " + short_duration(key.first), 11, "middle", "#222222");
        svg.text(mid, y, "ITI " + short_duration(key.second), 10, "middle", "#555555");
    }
}

/// Names each block above its first train when the session has more than one.
void draw_block_names(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
                      const Schedule& schedule, const std::vector<TrainBox>& boxes) {
    std::size_t previous = static_cast<std::size_t>(-1);
    for (const TrainBox& b : boxes) {
        if (b.block == previous || schedule.blocks.size() <= 2) {
            previous = b.block;
            continue;
        }
        previous = b.block;
        const BlockInfo& info = schedule.blocks[b.block];
        std::string label = info.name.empty() ? "block " + std::to_string(b.block) : info.name;
        if (!info.target.empty()) {
            label += " (" + info.target + ")";
        }
        svg.text(axis.x(b.onset), frame.top - 8, label, 11, "start", "#222222", "bold");
    }
}

/// Second bars of pairs: amber with a dark outline, unlike any block shade.
constexpr const char* kSecondPulseFill = "#e8b04a";

void draw_bars(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
               const std::vector<TrainBox>& boxes, double max_height) {
    const double scale = (frame.bottom - frame.top) / max_height;
    for (const TrainBox& b : boxes) {
        const double x0 = axis.x(b.onset);
        double w = std::max(axis.x(b.nominal_end) - x0, 0.8);
        if (b.paired) {
            // One bar per pulse of the pair, so two references never share a bar.
            w = std::max(w / 2, 1.5); // wide enough to see two bars, not one

            const double h2 = b.second_height * scale;
            svg.rect(x0 + w, frame.bottom - h2, w, h2, kSecondPulseFill, "#1b3a5c",
                     "stroke-width=\"0.4\"");
        }
        const double h = b.height * scale;
        svg.rect(x0, frame.bottom - h, w, h, block_fill(b.block),
                 b.block % 3 == 2 ? "#1b3a5c" : "none", b.block % 3 == 2 ? "stroke-width=\"0.6\"" : "");
    }
}

/// Writes the intensity over the first train and wherever it changes, when there is room
/// (the caption lists every intensity in any case).
void draw_intensity_labels(SvgWriter& svg, const Frame& frame, const TimeAxis& axis,
                           const std::vector<TrainBox>& boxes, double max_height) {
    const double scale = (frame.bottom - frame.top) / max_height;
    std::string previous;
    double free_from = -1e9;
    for (const TrainBox& b : boxes) {
        const std::string label = stimulus_intensity_label(*b.plan);
        const double x = axis.x(b.onset);
        if (label == previous || x < free_from) {
            continue;
        }
        previous = label;
        const double top = std::max(b.height, b.second_height) * scale;
        svg.text(x, frame.bottom - top - 4, label, 10, "start", "#222222");
        free_from = x + 6.0 * static_cast<double>(label.size()) + 8;
    }
}

} // namespace

std::string render_session(const PlotInput& in) {
    const Schedule& schedule = *in.schedule;
    const SessionSummary& s = in.summary->session;
    const auto [use_mso, unit] = intensity_scale(schedule);
    bool too_many = false;
    const std::vector<TrainBox> boxes = collect(schedule, use_mso, too_many);
    double max_height = 1;
    for (const TrainBox& b : boxes) {
        max_height = std::max({max_height, b.height, b.second_height});
    }
    max_height *= 1.15;

    std::string totals = std::to_string(s.pulses) + " pulses, " + std::to_string(s.trains) +
                         " trains; nominal " + short_duration(s.nominal) + ", span " +
                         short_duration(s.span) + ", device-style " + short_duration(s.device_style);
    std::vector<std::string> caption = caption_lines(in, totals);
    std::vector<std::string> legend{"Bars: trains (height = intensity; shade = block)."};
    if (std::any_of(boxes.begin(), boxes.end(), [](const TrainBox& b) { return b.paired; })) {
        legend.push_back("Paired pulses: two bars side by side, the first pulse's intensity "
                         "(dark) then the second's (amber outlined).");
    }
    for (const std::string& line : gap_lines(count_gaps(boxes))) {
        legend.push_back(line);
    }
    caption.insert(caption.begin() + 2, legend.begin(), legend.end());
    if (too_many) {
        caption.insert(caption.begin() + 1, "Only the first " + std::to_string(kMaxDrawnTrains) +
                                                " trains are drawn.");
    }
    Frame frame;
    SvgWriter svg(frame.width, frame.height(caption.size()), schedule.protocol_name + " - session");
    draw_title(svg, frame, schedule.protocol_name, "Session: every train on one time axis");
    TimeAxis axis{0, std::max(s.nominal.to_double(), 1e-6), frame.left, frame.right};
    draw_bars(svg, frame, axis, boxes, max_height);
    draw_intensity_labels(svg, frame, axis, boxes, max_height);
    draw_gap_labels(svg, frame, axis, boxes);
    draw_block_names(svg, frame, axis, schedule, boxes);
    draw_time_axis(svg, frame, axis);
    draw_intensity_axis(svg, frame, max_height, unit);
    draw_caption(svg, frame, caption);
    return svg.finish();
}

} // namespace tmsc::plot
