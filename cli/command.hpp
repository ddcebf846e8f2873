#pragma once
// Each tmsc subcommand lives in its own file and registers itself with the CLI11 app through
// one function; main() only dispatches. Exit codes are shared by every command.

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <vector>

namespace tmsc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProtocol = 1; ///< a protocol failed, or was not proved
inline constexpr int kExitUsage = 2;    ///< usage or I/O error

/// A registered subcommand and the function that runs it after parsing.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

/// `tmsc check FILE...`.
Command add_check_command(CLI::App& app);

/// `tmsc explain FILE`.
Command add_explain_command(CLI::App& app);

/// `tmsc fmt FILE...`.
Command add_fmt_command(CLI::App& app);

/// `tmsc compile FILE --target json|csv`.
Command add_compile_command(CLI::App& app);

/// `tmsc stats FILE`.
Command add_stats_command(CLI::App& app);

/// `tmsc new --from NAME`.
Command add_new_command(CLI::App& app);

/// `tmsc plot FILE -o out.svg`.
Command add_plot_command(CLI::App& app);

/// `tmsc targets`: the stimulator back ends.
Command add_targets_command(CLI::App& app);

/// `tmsc devices [NAME]`: device profiles and their limits.
Command add_devices_command(CLI::App& app);

/// `tmsc verify-table ATTESTATION [FILE...]`: check the files `tmsc compile` wrote against
/// their attestation.
Command add_verify_command(CLI::App& app);

/// Every subcommand, in the order `tmsc --help` lists them.
std::vector<Command> add_all_commands(CLI::App& app);

} // namespace tmsc::cli
