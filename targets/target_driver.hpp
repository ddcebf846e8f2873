#pragma once
// The part of `tmsc compile` that programs a stimulator: after the compiler has checked and
// lowered a protocol, build the back ends' session, load the device profile, run the back end
// and write its files. Fail closed: files are written only when the back end refused nothing,
// and each appears complete or not at all.

#include "support/diagnostic.hpp"
#include "support/source.hpp"
#include "targets/backend/backend.hpp"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {
struct Schedule;
}

namespace tmsc::targets {

/// What running a back end on a schedule produced.
struct TargetCompile {
    std::optional<TargetProgram> program; ///< only when nothing was refused
    std::vector<Diagnostic> diagnostics;  ///< sorted; render with the protocol's source
    std::string usage_error;              ///< unknown back end or device, bad profile (exit 2)
};

/// True when `--target name` is a back end (a stimulator's, or an export such as bids-nibs),
/// not json or csv.
bool is_device_target(std::string_view name);

/// Every stimulator back end's name, for the --target check and help text.
std::vector<std::string> device_target_names();

/// Every export back end's name (bids-nibs): compiled like a stimulator target, with
/// --device, but programming no stimulator.
std::vector<std::string> export_target_names();

/// Builds the session from `schedule`, loads `device` (a built-in name or a .json path) and
/// runs the back end `backend`; refusals name the back ends that could run the session.
TargetCompile compile_target(const Schedule& schedule, std::string_view backend,
                             std::string_view device);

/// Same, from a session already built (tests, and `tmsc check --device`).
TargetCompile compile_session(const TargetSession& session, std::string_view backend,
                              std::string_view device);

/// What `tmsc check --device NAME` adds: every device rule (power range, rate range, maximum
/// rate at power, energy on-time, rest after trains) checked on the exact schedule, whatever
/// the back end; breaks are T0203..T0206 errors. `usage_error` for an unknown device.
struct DeviceCheck {
    std::vector<Diagnostic> diagnostics;
    std::string usage_error;
    bool deliverable = false;
};

/// Checks the session of `schedule` against the device rules of `device`.
DeviceCheck check_deliverable(const Schedule& schedule, std::string_view device);

/// The stem of `output` for `program`: `output` without a trailing file suffix of the program
/// (".rapid2.txt", ...), so that `-o fda` and `-o fda.magventure.txt` name the same files.
std::string output_stem(const TargetProgram& program, const std::string& output);

/// Where each file of a program goes: `output` "-" means standard output (one file only);
/// otherwise each file is output_stem + its suffix. Empty with `error` set when that cannot be
/// done.
std::vector<std::string> output_paths(const TargetProgram& program, const std::string& output,
                                      std::string& error);

/// A file written after every file of a program, in the same all-or-nothing step: the
/// attestation (targets/attest/attestation.hpp), which must not appear unless every file it
/// vouches for was written.
struct TrailingFile {
    std::string path;
    std::string contents;
};

/// Writes every file: all to temporary files first, then each renamed into place, `last`
/// (when given) after all the others. With output "-" the one file goes to standard output
/// and `last` is then written atomically. False with `error` set on any failure, after which
/// no temporary file is left.
bool write_target_files(const TargetProgram& program, const std::string& output,
                        const TrailingFile* last, std::string& error);

/// Options of `tmsc compile --target <back end>`.
struct DeviceTargetOptions {
    std::string target;
    std::string device;
    std::string output = "-";
    /// Called on an accepted program before anything is written, with the paths its files go
    /// to (output_paths) and the back end's warnings: returns the attestation to write after
    /// them, or nullopt for none.
    std::function<std::optional<TrailingFile>(const TargetProgram&,
                                              const std::vector<std::string>& paths,
                                              const std::vector<Diagnostic>&)>
        attest;
};

/// The whole device-target branch of `tmsc compile` after lowering: runs the back end, prints
/// diagnostics to `err` with carets in `source`, writes the files. Returns the exit code:
/// 0 written, 1 refused (nothing written), 2 usage or I/O error.
int compile_to_device(const Schedule& schedule, const SourceFile& source,
                      const DeviceTargetOptions& options, std::ostream& err);

} // namespace tmsc::targets
