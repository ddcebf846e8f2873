#include "cli/command.hpp"

namespace tmsc::cli {

std::vector<Command> add_all_commands(CLI::App& app) {
    std::vector<Command> commands;
    commands.push_back(add_check_command(app));
    commands.push_back(add_explain_command(app));
    commands.push_back(add_compile_command(app));
    commands.push_back(add_verify_command(app));
    commands.push_back(add_stats_command(app));
    commands.push_back(add_targets_command(app));
    commands.push_back(add_devices_command(app));
    commands.push_back(add_fmt_command(app));
    commands.push_back(add_new_command(app));
    commands.push_back(add_plot_command(app));
    return commands;
}

} // namespace tmsc::cli
