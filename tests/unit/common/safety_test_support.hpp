#pragma once
// Helpers shared by the safety_*_test.cpp suites: check a protocol given as text, look at its
// diagnostics, run the tmsc binary.

#include "cli/driver/driver.hpp"
#include "support/source.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace tmsc::testing {

/// The contents of a file of the source tree ("examples/fda-10hz.tms").
inline std::string source_file(const std::string& relative) {
    std::ifstream in(std::string(TMSC_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A checked protocol and the source its diagnostics point into.
struct Checked {
    SourceFile source;
    CheckResult result;

    /// Whether some diagnostic has this code.
    bool has(const std::string& code) const {
        return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                           [&](const Diagnostic& d) { return d.code == code; });
    }
    /// The first diagnostic with this code (the test fails first if there is none).
    const Diagnostic& first(const std::string& code) const {
        return *std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                             [&](const Diagnostic& d) { return d.code == code; });
    }
    /// Every diagnostic rendered as the user sees it.
    std::string text() const { return render_all(result.diagnostics, source); }
    /// Diagnostics of one severity.
    std::size_t count(Severity severity) const {
        return static_cast<std::size_t>(std::count_if(
            result.diagnostics.begin(), result.diagnostics.end(),
            [&](const Diagnostic& d) { return d.severity == severity; }));
    }
};

/// Checks protocol text under `options` (default rule set when options.rules is null).
inline Checked check_text(const std::string& text, const CheckOptions& options = {},
                          const std::string& path = "test.tms") {
    SourceFile source(path, text);
    CheckResult result = check_source(source, options);
    return Checked{std::move(source), std::move(result)};
}

/// What running the tmsc binary produced.
struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the tmsc binary with `args` (shell words) from the source directory.
inline Run run_tmsc(const std::string& args) {
    namespace fs = std::filesystem;
    std::string pattern = (fs::temp_directory_path() / "tmsc-safety-XXXXXX").string();
    const fs::path dir = mkdtemp(pattern.data());
    const fs::path out = dir / "stdout";
    const fs::path err = dir / "stderr";
    const std::string command = std::string("cd '") + TMSC_SOURCE_DIR + "' && '" + TMSC_BINARY +
                                "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    };
    Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
    fs::remove_all(dir);
    return run;
}

/// A minimal figure-8 protocol around a session body.
inline std::string protocol(const std::string& header, const std::string& session) {
    return "protocol \"t\" {\n  coil figure8\n" + header + "  session {\n" + session + "  }\n}\n";
}

} // namespace tmsc::testing
