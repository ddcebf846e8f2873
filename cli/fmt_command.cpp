// `tmsc fmt FILE...`: rewrite files in the canonical layout (atomically), or with --check
// report the files that are not formatted, with a diff, and exit 1.

#include "authoring/format.hpp"
#include "cli/command.hpp"
#include "support/source_loader.hpp"

#include "support/text_output.hpp"

#include <iostream>

namespace tmsc::cli {

namespace {

struct FmtOptions {
    std::vector<std::string> files;
    bool check = false;
};

/// Formats one file; returns 0 (already formatted or rewritten), 1 (not formatted / syntax
/// error) or 2 (I/O).
int format_one(const std::string& path, bool check) {
    LoadResult loaded = load_source(path);
    if (!loaded.source) {
        std::cerr << "tmsc: error: " << loaded.io_error << '\n';
        return kExitUsage;
    }
    FormatResult formatted = format_source(*loaded.source);
    if (!formatted.text) {
        std::cerr << render_all(formatted.diagnostics.sorted(), *loaded.source);
        return kExitProtocol;
    }
    if (path == "-" && !check) {
        std::cout << *formatted.text;
        return kExitOk;
    }
    if (*formatted.text == loaded.source->text()) {
        return kExitOk;
    }
    if (check) {
        std::cout << line_diff(path, loaded.source->text(), *formatted.text);
        return kExitProtocol;
    }
    std::string error;
    if (!write_text_output(path, *formatted.text, error)) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    return kExitOk;
}

int run_fmt(const FmtOptions& options) {
    int worst = kExitOk;
    for (const std::string& path : options.files) {
        worst = std::max(worst, format_one(path, options.check));
    }
    return worst;
}

} // namespace

Command add_fmt_command(CLI::App& app) {
    auto options = std::make_shared<FmtOptions>();
    CLI::App* fmt = app.add_subcommand(
        "fmt", "Rewrite protocols in the canonical layout (comments are kept).\n"
               "  example: tmsc fmt examples/*.tms\n"
               "  example: tmsc fmt --check examples/*.tms   # CI: exit 1 and a diff if unformatted");
    fmt->add_option("files", options->files, "Protocol files (.tms); '-' formats standard input to standard output")
        ->required();
    fmt->add_flag("--check", options->check, "Do not write; print a diff and exit 1 if a file is not formatted");
    return Command{fmt, [options] { return run_fmt(*options); }};
}

} // namespace tmsc::cli
