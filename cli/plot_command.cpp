// `tmsc plot FILE -o out.svg [--view session|train|course]`: a self-contained SVG picture of
// the protocol. Like stats, a protocol that resolves is drawn even when its verdict is not
// pass (the caption says so, and the command exits 1), since the picture helps find why.

#include "authoring/plot/plot.hpp"
#include "cli/command.hpp"
#include "cli/driver/lower_pipeline.hpp"
#include "cli/lower_cli.hpp"
#include "support/source_loader.hpp"
#include "support/text_output.hpp"

#include <iostream>

namespace tmsc::cli {

namespace {

struct PlotOptions {
    std::string file;
    std::string output = "-";
    std::string view = "session";
    LoweringFlags flags;
};

plot::PlotView view_of(const std::string& name) {
    return name == "train" ? plot::PlotView::Train
           : name == "course" ? plot::PlotView::Course
                              : plot::PlotView::Session;
}

/// Warnings and errors as single caption lines ("12:7 warning[S0104]: ...").
std::vector<std::string> findings(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity != Severity::Note) {
            out.push_back("line " + std::to_string(d.range.begin.line) + ": " +
                          std::string(severity_name(d.severity)) + '[' + d.code + "] " + d.message);
        }
    }
    return out;
}

int run_plot(const PlotOptions& options) {
    LowerOptions lowering;
    std::string error;
    if (!lower_options(options.flags, lowering, error)) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    LoadResult loaded = load_source(options.file);
    if (!loaded.source) {
        std::cerr << "tmsc: error: " << loaded.io_error << '\n';
        return kExitUsage;
    }
    auto p = lower_source(std::move(*loaded.source), lowering, VerdictPolicy::RequireResolved);
    std::cerr << render_all(p->diagnostics, p->source);
    if (!p->schedule || !p->summary) {
        return kExitProtocol;
    }
    const plot::PlotInput input{&*p->schedule, &*p->summary, p->check.verdict,
                                findings(p->diagnostics)};
    if (!write_text_output(options.output, plot::render_plot(input, view_of(options.view)), error)) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    return p->ok() && p->check.verdict == Verdict::Pass ? kExitOk : kExitProtocol;
}

} // namespace

Command add_plot_command(CLI::App& app) {
    auto options = std::make_shared<PlotOptions>();
    CLI::App* cmd = app.add_subcommand(
        "plot", "Draw the protocol as a self-contained SVG picture.\n"
                "  example: tmsc plot examples/fda-10hz.tms -o fda.svg\n"
                "  example: tmsc plot examples/itbs-600.tms --view train -o itbs-train.svg");
    cmd->add_option("file", options->file, "Protocol file (.tms); '-' reads standard input")
        ->required();
    cmd->add_option("-o,--output", options->output, "Output SVG file ('-' for standard output, the default)");
    cmd->add_option("--view", options->view,
                    "session (every train on a time axis), train (the first train pulse by pulse) "
                    "or course (one day of sessions); default session")
        ->check(CLI::IsMember({"session", "train", "course"}));
    add_lowering_flags(*cmd, options->flags);
    return Command{cmd, [options] { return run_plot(*options); }};
}

} // namespace tmsc::cli
