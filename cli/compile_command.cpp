// `tmsc compile`: check, lower and write the pulse table (JSON or CSV) or a stimulator's files,
// bare, and beside them their attestation (targets/attest/attestation.hpp). Fail closed: unless
// the check's verdict is pass and lowering reports no error, no output is written at all, and
// every file appears only complete (temporary file + fsync + rename), the attestation last.
// The run itself is in compile_run.cpp.

#include "cli/command.hpp"
#include "cli/compile_run.hpp"
#include "targets/target_driver.hpp"

namespace tmsc::cli {

Command add_compile_command(CLI::App& app) {
    auto options = std::make_shared<CompileOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compile", "Check a protocol and write its pulse table (JSON or CSV).\n"
                   "  example: tmsc compile examples/itbs-600.tms --target csv -o itbs.csv");
    cmd->add_option("file", options->file, "Protocol file (.tms); '-' reads standard input")
        ->required();
    std::vector<std::string> choices = {"json", "csv"};
    for (const std::string& name : targets::device_target_names()) {
        choices.push_back(name);
    }
    for (const std::string& name : targets::export_target_names()) {
        choices.push_back(name);
    }
    cmd->add_option("--target", options->target,
                    "Output: json or csv (pulse table), a stimulator back end, or bids-nibs "
                    "(draft NIBS-BIDS files; 'tmsc targets' lists them)")
        ->required()
        ->check(CLI::IsMember(choices));
    cmd->add_option("--device", options->device,
                    "Device profile for a stimulator target: a name from 'tmsc devices' or a "
                    "profile .json\n  example: tmsc compile examples/fda-10hz.tms --target "
                    "magventure --device magventure-x100 --rmt 55 -o fda");
    cmd->add_option("-o,--output", options->output,
                    "Output file, or stem of a stimulator's files (default '-', standard "
                    "output); written atomically, with the attestation STEM.TARGET.intoto.json "
                    "beside it");
    cmd->add_option("--attest", options->attest_path,
                    "Write the attestation to this path (must end in .intoto.json); with -o - "
                    "the only way to get one");
    cmd->add_option("--sign", options->sign_key,
                    "Sign the attestation with this Ed25519 private key (PEM); check with "
                    "'tmsc verify-table --pubkey'");
    add_lowering_flags(*cmd, options->flags);
    return Command{cmd, [options] { return run_compile(*options); }};
}

} // namespace tmsc::cli
