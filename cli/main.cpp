// The tmsc command line: one binary, one subcommand per job (see cli/). Exit codes:
// 0 every protocol passed, 1 a protocol failed (or was not proved), 2 usage or I/O error.

#include "cli/command.hpp"
#include "support/version.hpp"

#include <iostream>

int main(int argc, char** argv) {
    using namespace tmsc::cli;
    CLI::App app{"tmsc " TMSC_VERSION " - compiler and verifier for TMS protocols", "tmsc"};
    app.set_version_flag("--version", "tmsc " TMSC_VERSION);
    app.require_subcommand(1);
    const std::vector<Command> commands = add_all_commands(app);
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
        for (const Command& command : commands) {
            if (command.app->parsed()) {
                return command.run();
            }
        }
    } catch (const std::exception& e) {
        // An internal failure is one line, never a stack trace; no output file exists yet.
        std::cerr << "tmsc: internal error: " << e.what() << '\n';
        return kExitUsage;
    }
    return kExitUsage;
}
