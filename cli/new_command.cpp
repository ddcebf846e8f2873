// `tmsc new --from NAME`: print a bundled example to start a protocol from.

#include "authoring/bundled_examples.hpp"
#include "cli/command.hpp"

#include <iostream>

namespace tmsc::cli {

namespace {

struct NewOptions {
    std::string from;
    bool list = false;
};

void list_examples(std::ostream& out) {
    for (const BundledExample& e : bundled_examples()) {
        out << "  " << e.name << '\n';
    }
}

int run_new(const NewOptions& options) {
    if (options.list || options.from.empty()) {
        (options.list ? std::cout : std::cerr)
            << (options.list ? "" : "tmsc: error: say which example to start from with --from NAME\n")
            << "bundled examples:\n";
        list_examples(options.list ? std::cout : std::cerr);
        return options.list ? kExitOk : kExitUsage;
    }
    for (const BundledExample& e : bundled_examples()) {
        if (e.name == options.from) {
            std::cout << e.text;
            return kExitOk;
        }
    }
    std::cerr << "tmsc: error: no bundled example named '" << options.from
              << "' (run 'tmsc new --list')\n";
    return kExitUsage;
}

} // namespace

Command add_new_command(CLI::App& app) {
    auto options = std::make_shared<NewOptions>();
    CLI::App* cmd = app.add_subcommand(
        "new", "Print a bundled example protocol to start from.\n"
               "  example: tmsc new --from itbs-600 > my.tms\n"
               "  example: tmsc new --list");
    cmd->add_option("--from", options->from, "Name of the bundled example (see --list)");
    cmd->add_flag("--list", options->list, "List the bundled examples");
    return Command{cmd, [options] { return run_new(*options); }};
}

} // namespace tmsc::cli
