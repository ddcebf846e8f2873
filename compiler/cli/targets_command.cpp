// `tmsc targets`: the stimulator back ends, what each writes, and which devices it programs.

#include "compiler/cli/command.hpp"
#include "targets/catalog.hpp"

#include <iostream>

namespace tmsc::cli {

Command add_targets_command(CLI::App& app) {
    CLI::App* cmd =
        app.add_subcommand("targets", "List the stimulator back ends for 'tmsc compile --target'.\n"
                                      "  example: tmsc targets");
    return Command{cmd, [] {
                       std::cout << "json, csv\n  the pulse table (no device)\n\n"
                                 << targets::describe_backends();
                       return kExitOk;
                   }};
}

} // namespace tmsc::cli
