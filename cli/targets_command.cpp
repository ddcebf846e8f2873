// `tmsc targets`: the stimulator back ends, what each writes, and which devices it programs.

#include "cli/command.hpp"
#include "targets/catalog.hpp"

#include <iostream>
#include <memory>

namespace tmsc::cli {

Command add_targets_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "targets", "List what 'tmsc compile --target' can write, one line each.\n"
                   "  example: tmsc targets");
    auto long_form = std::make_shared<bool>(false);
    cmd->add_flag("-l,--long", *long_form,
                  "Also show the devices each back end programs\n  example: tmsc targets --long");
    return Command{cmd, [long_form] {
                       std::cout << targets::list_backends();
                       if (*long_form) {
                           std::cout << '\n' << targets::describe_backends();
                       }
                       return kExitOk;
                   }};
}

} // namespace tmsc::cli
