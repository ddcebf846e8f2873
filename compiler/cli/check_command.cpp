// `tmsc check`: parse, resolve (and, as stages land, verify) each file; report per file.

#include "compiler/cli/command.hpp"
#include "compiler/driver.hpp"
#include "compiler/report.hpp"
#include "compiler/source_loader.hpp"

#include <algorithm>
#include <iostream>

namespace tmsc::cli {

namespace {

/// Options of `tmsc check`.
struct CheckOptions {
    std::vector<std::string> files;
    std::string format = "text";
    std::string emit;
};

void print_report(const CheckOptions& options, const std::vector<FileReport>& reports) {
    if (options.emit == "ast") {
        for (const FileReport& r : reports) {
            if (r.result.protocol) {
                std::cout << emit_ast_json(*r.result.protocol);
            }
        }
    }
    if (options.format == "json") {
        std::cout << render_check_json(reports);
    } else if (options.emit.empty()) {
        std::cout << render_check_text(reports);
    } else {
        // With --emit the stage dump owns standard output; diagnostics go to standard error.
        for (const FileReport& r : reports) {
            std::cerr << render_all(r.result.diagnostics, r.source);
        }
    }
}

int run_check(const CheckOptions& options) {
    std::vector<FileReport> reports;
    for (const std::string& path : options.files) {
        LoadResult loaded = load_source(path);
        if (!loaded.source) {
            std::cerr << "tmsc: error: " << loaded.io_error << '\n';
            return kExitUsage;
        }
        CheckResult result = check_source(*loaded.source);
        reports.push_back({std::move(*loaded.source), std::move(result)});
    }
    print_report(options, reports);
    const bool all_pass = std::all_of(reports.begin(), reports.end(), [](const FileReport& r) {
        return r.result.verdict == Verdict::Pass;
    });
    return all_pass ? kExitOk : kExitProtocol;
}

} // namespace

Command add_check_command(CLI::App& app) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check = app.add_subcommand(
        "check", "Parse and check protocols; print a verdict per file.\n"
                 "  example: tmsc check examples/*.tms");
    check->add_option("files", options->files, "Protocol files (.tms); '-' reads standard input")
        ->required();
    check->add_option("--format", options->format, "Report format: text or json (default text)")
        ->check(CLI::IsMember({"text", "json"}));
    check->add_option("--emit", options->emit,
                      "Also dump a pipeline stage to standard output: ast\n"
                      "  example: tmsc check --emit=ast examples/itbs-600.tms")
        ->check(CLI::IsMember({"ast"}));
    return Command{check, [options] { return run_check(*options); }};
}

} // namespace tmsc::cli
