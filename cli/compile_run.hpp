#pragma once
// What `tmsc compile` produces, shared with `tmsc verify-table --source`: the options that
// make a table (recorded in its seal, so the table can be made again), and the runs that
// write a sealed table or device files, or re-derive their seals without writing anything.

#include "cli/lower_cli.hpp"
#include "support/source.hpp"
#include "targets/attest/seal.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tmsc {
class Ed25519Key;
}

namespace tmsc::cli {

/// Options of `tmsc compile`.
struct CompileOptions {
    std::string file;
    std::string target;
    std::string output = "-";
    std::string device;   ///< device profile for a stimulator target
    std::string sign_key; ///< --sign: Ed25519 private key (PEM); empty: unsigned
    LoweringFlags flags;
};

/// The options a seal records: everything that changes the output, nothing about where it
/// goes (file, -o) or who signs it.
nlohmann::ordered_json recorded_options(const CompileOptions& options);

/// Options from a seal's record; false with `error` set when the record is not one tmsc wrote.
bool options_from_record(const nlohmann::ordered_json& record, CompileOptions& out,
                         std::string& error);

/// Runs `tmsc compile` with parsed options; returns the exit code.
int run_compile(const CompileOptions& options);

/// The seals `tmsc compile` would write for `options` on `source` (one per file), computed
/// without writing anything and unsigned; nullopt with `why` set when the protocol is not
/// compiled (its diagnostics, or the usage error, in `why`).
std::optional<std::vector<Seal>> rederive_seals(const CompileOptions& options, SourceFile source,
                                                std::string& why);

} // namespace tmsc::cli
