#pragma once
// `tmsc plot`: pictures of a lowered protocol as self-contained SVG — the whole session on a
// time axis, a zoom of the first train, and a course day — for clinicians who check a
// protocol by looking at it rather than at 90,000 pulse times.

#include "compiler/stats.hpp"
#include "safety/check_result.hpp"

#include <string>
#include <vector>

namespace tmsc::plot {

/// Which picture to draw.
enum class PlotView { Session, Train, Course };

/// What a plot shows: the schedule, its totals, and the check's verdict and findings.
struct PlotInput {
    const Schedule* schedule = nullptr;
    const ScheduleSummary* summary = nullptr;
    Verdict verdict = Verdict::Fail;
    std::vector<std::string> findings; ///< warnings (and errors), one line each, for the caption
};

/// The SVG document for one view.
std::string render_plot(const PlotInput& input, PlotView view);

} // namespace tmsc::plot
