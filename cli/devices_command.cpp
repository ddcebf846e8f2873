// `tmsc devices [NAME]`: the built-in device profiles, or every limit of one profile (a
// built-in name or a .json file) with its source and confidence.

#include "cli/command.hpp"
#include "targets/catalog.hpp"
#include "targets/devices/device_registry.hpp"

#include <iostream>

namespace tmsc::cli {

Command add_devices_command(CLI::App& app) {
    auto name = std::make_shared<std::string>();
    CLI::App* cmd =
        app.add_subcommand("devices", "List device profiles, or show every limit of one.\n"
                                      "  example: tmsc devices magstim-rapid2-240v");
    cmd->add_option("device", *name, "A built-in device name or a profile file (.json)");
    return Command{cmd, [name] {
                       if (name->empty()) {
                           std::cout << targets::list_devices();
                           return kExitOk;
                       }
                       const targets::ProfileLoadResult r = targets::load_device(*name);
                       if (!r.profile) {
                           std::cerr << "tmsc: error: " << r.error << '\n';
                           return kExitUsage;
                       }
                       std::cout << targets::describe_profile(*r.profile);
                       return kExitOk;
                   }};
}

} // namespace tmsc::cli
