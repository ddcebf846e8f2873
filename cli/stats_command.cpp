// `tmsc stats`: the session and course totals of a protocol in every timing convention, for
// comparing with a paper or a stimulator console. Writes no file; a protocol whose verdict is
// not pass still gets its figures (they help find why) but the command exits 1.

#include "cli/command.hpp"
#include "cli/driver/lower_pipeline.hpp"
#include "cli/lower_cli.hpp"
#include "support/source_loader.hpp"

#include <iostream>

namespace tmsc::cli {

namespace {

/// Options of `tmsc stats`.
struct StatsOptions {
    std::string file;
    LoweringFlags flags;
};

int run_stats(const StatsOptions& options) {
    LowerOptions lowering;
    std::string error;
    CheckOptions checking;
    if (!lower_options(options.flags, lowering, error) ||
        !check_options(options.flags, checking, error)) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    LoadResult loaded = load_source(options.file);
    if (!loaded.source) {
        std::cerr << "tmsc: error: " << loaded.io_error << '\n';
        return kExitUsage;
    }
    auto p = lower_source(std::move(*loaded.source), lowering, VerdictPolicy::RequireResolved,
                             checking);
    std::cerr << render_all(p->diagnostics, p->source);
    if (!p->schedule_ok()) {
        return kExitProtocol;
    }
    std::cout << render_stats_text(*p->schedule, *p->summary, p->source.path());
    std::cout << "\nverdict: " << verdict_name(p->check.verdict) << '\n';
    return p->ok() && p->check.verdict == Verdict::Pass ? kExitOk : kExitProtocol;
}

} // namespace

Command add_stats_command(CLI::App& app) {
    auto options = std::make_shared<StatsOptions>();
    CLI::App* cmd = app.add_subcommand(
        "stats", "Print session and course totals in every timing convention.\n"
                 "  example: tmsc stats examples/fda-10hz.tms");
    cmd->add_option("file", options->file, "Protocol file (.tms); '-' reads standard input")
        ->required();
    add_lowering_flags(*cmd, options->flags);
    return Command{cmd, [options] { return run_stats(*options); }};
}

} // namespace tmsc::cli
