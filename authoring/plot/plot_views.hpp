#pragma once
// The three views, each in its own file; render_plot dispatches.

#include "authoring/plot/plot_frame.hpp"

namespace tmsc::plot {

/// The whole session on one time axis.
std::string render_session(const PlotInput& input);
/// The first train (or burst group), pulse by pulse.
std::string render_train(const PlotInput& input);
/// One course day: sessions, the intervals between them, pulses per day.
std::string render_course(const PlotInput& input);

} // namespace tmsc::plot
