#pragma once
// Command-line flags that feed lowering, shared by `tmsc compile` and `tmsc stats`.

#include "cli/driver/driver.hpp"
#include "compiler/lower/lower.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tmsc::cli {

/// --set, --rmt, --amt, --seed and --max-pulses as typed.
struct LoweringFlags {
    std::vector<std::string> settings;
    std::string rmt;
    std::string amt;
    std::optional<std::uint64_t> seed;
    std::int64_t max_pulses = kDefaultMaxPulses;
    std::string rules = safety::kDefaultRuleSet; ///< --rules, as for `tmsc check`
    bool strict = false;              ///< --strict
    bool allow_waived_errors = false; ///< --allow-waived-errors
};

/// Registers the flags on a subcommand.
void add_lowering_flags(CLI::App& app, LoweringFlags& flags);

/// LowerOptions from the flags; false with `error` set on a usage error (exit 2).
bool lower_options(const LoweringFlags& flags, LowerOptions& out, std::string& error);

/// CheckOptions from the flags (loads the rule set); false with `error` set when the rule set
/// cannot be loaded (exit 2).
bool check_options(const LoweringFlags& flags, CheckOptions& out, std::string& error);

} // namespace tmsc::cli
