// `tmsc compile`: check, lower and write the pulse table as JSON or CSV. Fail closed: unless
// the check's verdict is pass and lowering reports no error, no output is written at all,
// and a file given with -o appears only complete (temporary file + fsync + rename).

#include "compiler/atomic_file.hpp"
#include "compiler/cli/command.hpp"
#include "compiler/emit.hpp"
#include "compiler/lower_cli.hpp"
#include "compiler/lower_pipeline.hpp"
#include "compiler/source_loader.hpp"
#include "targets/target_driver.hpp"
#include "version.hpp"

#include <iostream>
#include <unistd.h>

namespace tmsc::cli {

namespace {

/// Options of `tmsc compile`.
struct CompileOptions {
    std::string file;
    std::string target;
    std::string output = "-";
    std::string device; ///< device profile for a stimulator target
    LoweringFlags flags;
};

/// Writes the schedule to standard output or atomically to a file; returns the exit code.
int write_output(const CompileOptions& options, const LoweredProtocol& p,
                 DiagnosticList& warnings) {
    const EmitFormat format = options.target == "json" ? EmitFormat::Json : EmitFormat::Csv;
    const EmitInput input{*p.schedule, *p.summary, p.source, "tmsc " TMSC_VERSION, &p.check};
    std::string error;
    try {
        if (options.output == "-") {
            OutputSink sink(STDOUT_FILENO);
            warnings = emit_schedule(format, input, sink);
            return kExitOk;
        }
        std::optional<AtomicFile> file = AtomicFile::create(options.output, error);
        if (file) {
            OutputSink sink(file->fd());
            warnings = emit_schedule(format, input, sink);
            if (file->commit(error)) {
                return kExitOk;
            }
        }
    } catch (const OutputError& e) {
        error = e.what();
    }
    std::cerr << "tmsc: error: " << error << '\n';
    return kExitUsage;
}

int run_compile(const CompileOptions& options) {
    LowerOptions lowering;
    std::string error;
    CheckOptions checking;
    if (!lower_options(options.flags, lowering, error) ||
        !check_options(options.flags, checking, error)) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    if (!options.device.empty() && !targets::is_device_target(options.target)) {
        std::cerr << "tmsc: error: --device applies to stimulator targets, not to '"
                  << options.target << "' (run 'tmsc targets')\n";
        return kExitUsage;
    }
    LoadResult loaded = load_source(options.file);
    if (!loaded.source) {
        std::cerr << "tmsc: error: " << loaded.io_error << '\n';
        return kExitUsage;
    }
    auto p = lower_source(std::move(*loaded.source), lowering, VerdictPolicy::RequirePass,
                             checking);
    std::cerr << render_all(p->diagnostics, p->source);
    if (!p->ok()) {
        std::cerr << "tmsc: error: " << p->source.path() << ": verdict "
                  << verdict_name(p->check.verdict == Verdict::Pass ? Verdict::Fail
                                                                    : p->check.verdict)
                  << "; nothing was written\n";
        return kExitProtocol;
    }
    if (targets::is_device_target(options.target)) {
        return targets::compile_to_device(*p->schedule, p->source,
                                          {options.target, options.device, options.output},
                                          std::cerr);
    }
    DiagnosticList warnings;
    const int code = write_output(options, *p, warnings);
    std::cerr << render_all(warnings.sorted(), p->source);
    return code;
}

} // namespace

Command add_compile_command(CLI::App& app) {
    auto options = std::make_shared<CompileOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compile", "Check a protocol and write its pulse table (JSON or CSV).\n"
                   "  example: tmsc compile examples/itbs-600.tms --target csv -o itbs.csv");
    cmd->add_option("file", options->file, "Protocol file (.tms); '-' reads standard input")
        ->required();
    std::vector<std::string> choices = {"json", "csv"};
    for (const std::string& name : targets::device_target_names()) {
        choices.push_back(name);
    }
    cmd->add_option("--target", options->target,
                    "Output: json or csv (pulse table), or a stimulator back end "
                    "('tmsc targets' lists them)")
        ->required()
        ->check(CLI::IsMember(choices));
    cmd->add_option("--device", options->device,
                    "Device profile for a stimulator target: a name from 'tmsc devices' or a "
                    "profile .json\n  example: tmsc compile examples/fda-10hz.tms --target "
                    "magventure --device magventure-x100 --rmt 55 -o fda");
    cmd->add_option("-o,--output", options->output,
                    "Output file (default '-', standard output); written atomically");
    add_lowering_flags(*cmd, options->flags);
    return Command{cmd, [options] { return run_compile(*options); }};
}

} // namespace tmsc::cli
