#pragma once
// One interface for every stimulator back end. A back end takes a verified session and a
// device profile, moves every value onto the device's grid (reporting each move), refuses what
// the device cannot do (saying why), and encodes the rest. Each back end can also decode its
// own output, so tests check decode(encode(session)) against the session.

#include "support/diagnostic.hpp"
#include "targets/backend/target_session.hpp"
#include "targets/devices/device_profile.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc::targets {

/// A file a back end writes: the suffix added to the output stem, and its contents.
struct TargetFile {
    std::string suffix;   ///< ".rapid2.txt", ".ttl.bin", ...
    std::string contents; ///< bytes (text files end in a newline)
    bool binary = false;
    /// False for a file that cannot be read back into pulses on its own (a BIDS table that
    /// needs its companions); round-trip tests decode only the others.
    bool decodable = true;
};

/// One pulse as the device will deliver it.
struct DevicePulse {
    Rational time_s;
    Rational power_mso;

    friend bool operator==(const DevicePulse&, const DevicePulse&) = default;
};

/// What a back end settled on: the trains as the device runs them (every value on its grid)
/// and the files that program it.
struct TargetProgram {
    std::vector<TargetTrain> trains;
    Rational end_s;
    std::vector<TargetFile> files;
};

/// A program, or the diagnostics of a refusal. Warnings (roundings) come with a program.
struct TargetResult {
    std::optional<TargetProgram> program;
    DiagnosticList diagnostics;
};

/// Pulses read back from a back end's file, or why the file could not be read.
struct DecodeResult {
    std::optional<std::vector<DevicePulse>> pulses;
    std::string error;
};

/// A way to program a stimulator.
class TargetBackend {
  public:
    virtual ~TargetBackend() = default;
    /// What --target takes: "magstim-rapid2", "ttl", ...
    virtual std::string_view name() const = 0;
    /// One line for `tmsc targets`.
    virtual std::string_view summary() const = 0;
    /// Whether the back end can program devices of this profile family.
    virtual bool accepts(const DeviceProfile& profile) const = 0;
    /// Quantises, checks and encodes. With errors in the diagnostics there is no program.
    virtual TargetResult compile(const TargetSession& session,
                                 const DeviceProfile& profile) const = 0;
    /// Reads this back end's main file (files[0] of a program) back into pulses.
    virtual DecodeResult decode(const TargetFile& file, const DeviceProfile& profile) const = 0;
};

/// Every stimulator back end, in the order `tmsc targets` lists them: the ways a session can
/// be delivered (refusal notes and `tmsc check --device` count only these).
const std::vector<const TargetBackend*>& all_backends();

/// Back ends that program no stimulator (bids-nibs): compiled, written and attested like the
/// others, listed after them, but never offered as a way to deliver a session.
const std::vector<const TargetBackend*>& export_backends();

/// The back end (stimulator or export) called `name`, or nullptr.
const TargetBackend* find_backend(std::string_view name);

/// Runs `backend`; when it refuses, every error gains a note naming the back ends that accept
/// the same session on the same device (or saying that none does).
TargetResult compile_for_target(const TargetBackend& backend, const TargetSession& session,
                                const DeviceProfile& profile);

/// Every pulse of a list of trains, in time order.
std::vector<DevicePulse> expand_pulses(const std::vector<TargetTrain>& trains);

} // namespace tmsc::targets
