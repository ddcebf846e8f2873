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

/// True when `--target name` is a stimulator back end (not json or csv).
bool is_device_target(std::string_view name);

/// Every stimulator back end's name, for the --target check and help text.
std::vector<std::string> device_target_names();

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

/// Where each file of a program goes: `output` "-" means standard output (one file only);
/// otherwise `output` is a stem (a trailing file suffix such as ".rapid2.txt" is dropped)
/// and each file is stem + its suffix. Empty with `error` set when that cannot be done.
std::vector<std::string> output_paths(const TargetProgram& program, const std::string& output,
                                      std::string& error);

/// Writes every file: all to temporary files first, then each renamed into place. False with
/// `error` set on any failure, after which no temporary file is left.
bool write_target_files(const TargetProgram& program, const std::string& output,
                        std::string& error);

/// Options of `tmsc compile --target <back end>`.
struct DeviceTargetOptions {
    std::string target;
    std::string device;
    std::string output = "-";
    /// Called on an accepted program before anything is written, with the back end's
    /// warnings: appends each file's seal (targets/attest/seal.hpp). Empty: files are written bare.
    std::function<void(TargetProgram&, const std::vector<Diagnostic>&)> seal;
};

/// The whole device-target branch of `tmsc compile` after lowering: runs the back end, prints
/// diagnostics to `err` with carets in `source`, writes the files. Returns the exit code:
/// 0 written, 1 refused (nothing written), 2 usage or I/O error.
int compile_to_device(const Schedule& schedule, const SourceFile& source,
                      const DeviceTargetOptions& options, std::ostream& err);

} // namespace tmsc::targets
