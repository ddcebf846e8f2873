#pragma once
// Stage 3: lowering. A resolved protocol plus concrete parameter values, thresholds and seeds
// becomes a Schedule (compiler/lower/schedule.hpp) with exact time. Everything that can make a
// schedule wrong is found here, before any output exists: values from --set outside their
// range, counts that are no longer whole, jitter without a seed, pulses above 100 %MSO, and
// a session with more pulses than --max-pulses.

#include "compiler/check/resolve.hpp"
#include "compiler/lower/schedule.hpp"
#include "support/diagnostic.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {

/// Default for --max-pulses: far above any published session (SAINT's whole course is 90,000)
/// and small enough that a mistyped count is caught before gigabytes of output.
inline constexpr std::int64_t kDefaultMaxPulses = 10'000'000;

/// `--set NAME=VALUE` as parsed from the command line (VALUE still unchecked against the
/// parameter, which the protocol defines).
struct ParamSetting {
    std::string name;
    Rational number;
    std::string unit; ///< as written after the number ("", "%rMT", "ms", ...)
    std::string text; ///< the whole argument, for messages
};

/// Parses `NAME=VALUE` where VALUE is a decimal number with an optional unit ("125 %rMT",
/// "2.5s"). On failure returns nullopt and sets `error` to a one-line reason.
std::optional<ParamSetting> parse_param_setting(std::string_view text, std::string& error);

/// What the command line adds to a protocol.
struct LowerOptions {
    std::vector<ParamSetting> settings;     ///< --set, in order
    std::optional<Rational> rmt_mso;        ///< --rmt
    std::optional<Rational> amt_mso;        ///< --amt
    std::optional<std::uint64_t> seed;      ///< --seed, for jitter without its own seed
    std::int64_t max_pulses = kDefaultMaxPulses;
};

/// The schedule (when there were no errors) and every diagnostic.
struct LowerResult {
    std::optional<Schedule> schedule;
    DiagnosticList diagnostics;
};

/// Lowers one resolved protocol. The protocol (and its AST) must outlive the schedule.
LowerResult lower(const ResolvedProtocol& protocol, const LowerOptions& options);

} // namespace tmsc
