#pragma once
// Translation validation (docs/safety.md): before compile writes a byte, the schedule it is
// about to write — with that compile's --set/--rmt/--amt/--seed — is judged again on its own
// pulses by the timeline judge, independently of the Z3 encoding that proved the protocol. Any
// violation or uncovered stimulus the proof did not report is an internal error (S0406):
// compile refuses and writes nothing.

#include "compiler/check/resolve.hpp"
#include "compiler/lower/schedule.hpp"
#include "safety/verify.hpp"
#include "support/diagnostic.hpp"

#include <optional>

namespace tmsc::safety::timeline {

/// nullopt when the schedule's own judgment agrees with the proof `proved`; otherwise the S0406
/// diagnostic naming both verdicts.
std::optional<Diagnostic> validate_translation(const Schedule& schedule,
                                               const ResolvedProtocol& protocol,
                                               const RuleSet& rules, const SafetyReport& proved);

} // namespace tmsc::safety::timeline
