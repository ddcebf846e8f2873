// The tmsc command line: one binary, one subcommand per job. Exit codes: 0 every protocol
// passed, 1 a protocol failed (or was not proved), 2 usage or I/O error.

#include "compiler/driver.hpp"
#include "compiler/report.hpp"
#include "compiler/source_loader.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace {

constexpr int kExitProtocol = 1;
constexpr int kExitUsage = 2;

/// Options of `tmsc check`.
struct CheckOptions {
    std::vector<std::string> files;
    std::string format = "text";
    std::string emit;
};

/// Runs `tmsc check`; returns the process exit code.
int run_check(const CheckOptions& options) {
    std::vector<tmsc::FileReport> reports;
    for (const std::string& path : options.files) {
        tmsc::LoadResult loaded = tmsc::load_source(path);
        if (!loaded.source) {
            std::cerr << "tmsc: error: " << loaded.io_error << '\n';
            return kExitUsage;
        }
        tmsc::CheckResult result = tmsc::check_source(*loaded.source);
        reports.push_back({std::move(*loaded.source), std::move(result)});
    }
    if (options.emit == "ast") {
        for (const tmsc::FileReport& r : reports) {
            if (r.result.protocol) {
                std::cout << tmsc::emit_ast_json(*r.result.protocol);
            }
        }
    }
    if (options.format == "json") {
        std::cout << tmsc::render_check_json(reports);
    } else if (options.emit.empty()) {
        std::cout << tmsc::render_check_text(reports);
    } else {
        for (const tmsc::FileReport& r : reports) {
            std::cerr << tmsc::render_all(r.result.diagnostics, r.source);
        }
    }
    const bool all_pass = std::all_of(reports.begin(), reports.end(), [](const auto& r) {
        return r.result.verdict == tmsc::Verdict::Pass;
    });
    return all_pass ? 0 : kExitProtocol;
}

void add_check(CLI::App& app, CheckOptions& options) {
    CLI::App* check = app.add_subcommand(
        "check", "Parse and check protocols; print a verdict per file.\n"
                 "  example: tmsc check examples/*.tms");
    check->add_option("files", options.files, "Protocol files (.tms); '-' reads standard input")
        ->required();
    check->add_option("--format", options.format, "Report format: text or json (default text)")
        ->check(CLI::IsMember({"text", "json"}));
    check->add_option("--emit", options.emit,
                      "Also dump a pipeline stage to standard output: ast\n"
                      "  example: tmsc check --emit=ast examples/itbs-600.tms")
        ->check(CLI::IsMember({"ast"}));
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"tmsc " TMSC_VERSION " - compiler and verifier for TMS protocols", "tmsc"};
    app.set_version_flag("--version", "tmsc " TMSC_VERSION);
    app.require_subcommand(1);
    CheckOptions check;
    add_check(app, check);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "tmsc: error: " << e.what() << " (run 'tmsc --help' for usage)\n";
        return kExitUsage;
    }
    try {
        if (app.got_subcommand("check")) {
            return run_check(check);
        }
    } catch (const std::exception& e) {
        // Internal failures are reported in one line; never a stack trace.
        std::cerr << "tmsc: internal error: " << e.what() << '\n';
        return kExitUsage;
    }
    return kExitUsage;
}
