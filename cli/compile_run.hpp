#pragma once
// What `tmsc compile` produces, shared with `tmsc verify-table --source`: the options that
// make the files (recorded in the attestation, so that they can be made again), the run that
// writes the bare files and their attestation, and the re-derivation that computes what the
// attestation would say without writing anything.

#include "cli/lower_cli.hpp"
#include "support/source.hpp"
#include "targets/attest/statement.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::cli {

/// Options of `tmsc compile`.
struct CompileOptions {
    std::string file;
    std::string target;
    std::string output = "-";
    std::string device;      ///< device profile for a stimulator target
    std::string sign_key;    ///< --sign: Ed25519 private key (PEM); empty: unsigned
    std::string attest_path; ///< --attest: where the attestation goes; empty: beside the files
    LoweringFlags flags;
};

/// The options the predicate records besides target and device: everything that changes the
/// files, nothing about where they go (file, -o, --attest) or who signs them.
nlohmann::ordered_json recorded_options(const CompileOptions& options);

/// Target, device and options from a predicate; false with `error` set when the record is not
/// one tmsc wrote.
bool options_from_predicate(const nlohmann::ordered_json& predicate, CompileOptions& out,
                            std::string& error);

/// Runs `tmsc compile` with parsed options; returns the exit code.
int run_compile(const CompileOptions& options);

/// What compiling again gives: the predicate and each file's SHA-256, in the order of the
/// statement's subjects.
struct Rederived {
    nlohmann::ordered_json predicate;
    std::vector<std::string> sha256s;
};

/// The predicate and digests `tmsc compile` would give for `options` on `source`, computed
/// without writing anything; nullopt with `why` set when the protocol is not compiled (its
/// diagnostics, or the usage error, in `why`).
std::optional<Rederived> rederive(const CompileOptions& options, SourceFile source,
                                  std::string& why);

} // namespace tmsc::cli
