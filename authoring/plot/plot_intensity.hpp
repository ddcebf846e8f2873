#pragma once
// The intensity written on every picture: what each train or pulse was written as (relative,
// "120 %rMT") and, when the threshold is known (--rmt/--amt, or a fixed subject value), the
// %MSO it becomes, so the picture can be checked against the stimulator's display.

#include "compiler/lower/schedule.hpp"

#include <string>
#include <vector>

namespace tmsc::plot {

/// "120 %rMT = 66 %MSO", "120 %rMT" when the threshold is unknown, "60 %MSO" when written so.
std::string intensity_label(const ScheduledIntensity& intensity);

/// A stimulus's intensity: one label, or "80 %aMT, then 120 %rMT" for a pair.
std::string stimulus_intensity_label(const StimulusPlan& plan);

/// Caption lines naming every distinct intensity of the session once, with its block when the
/// session has named blocks ("Intensity: left (F3): 110 %rMT; right (F4): 120 %rMT").
std::vector<std::string> intensity_lines(const Schedule& schedule);

} // namespace tmsc::plot
