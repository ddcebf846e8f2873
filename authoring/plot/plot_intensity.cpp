#include "authoring/plot/plot_intensity.hpp"

#include <algorithm>

namespace tmsc::plot {

namespace {

/// An exact percentage for a label: at most 2 decimals, and never a fraction.
std::string percent_text(const Rational& value) {
    std::string text = value.to_string(2);
    return text.find('/') == std::string::npos ? text : value.to_decimal(2);
}

/// "left (F3): " when the session has named blocks, "" otherwise.
std::string block_prefix(const Schedule& schedule, std::size_t block) {
    if (schedule.blocks.size() <= 1 || block >= schedule.blocks.size()) {
        return "";
    }
    const BlockInfo& info = schedule.blocks[block];
    std::string name = info.name.empty() ? "block " + std::to_string(block) : info.name;
    if (!info.target.empty()) {
        name += " (" + info.target + ")";
    }
    return name + ": ";
}

} // namespace

std::string intensity_label(const ScheduledIntensity& intensity) {
    std::string label = percent_text(intensity.written.percent) + ' ' +
                        intensity_ref_spelling(intensity.written.ref);
    if (intensity.mso && intensity.written.ref != IntensityRef::Mso) {
        label += " = " + percent_text(*intensity.mso) + " %MSO";
    }
    return label;
}

std::string stimulus_intensity_label(const StimulusPlan& plan) {
    std::string label = intensity_label(plan.intensity);
    if (plan.second) {
        label += ", then " + intensity_label(*plan.second);
    }
    return label;
}

std::vector<std::string> intensity_lines(const Schedule& schedule) {
    std::vector<std::string> parts;
    for (const StimulusPlan& plan : schedule.stimuli) {
        std::string part = block_prefix(schedule, plan.block) + stimulus_intensity_label(plan);
        if (std::find(parts.begin(), parts.end(), part) == parts.end()) {
            parts.push_back(std::move(part));
        }
    }
    if (parts.empty()) {
        return {};
    }
    std::string line = "Intensity: ";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        line += (i ? "; " : "") + parts[i];
    }
    return {line};
}

} // namespace tmsc::plot
