#pragma once
// `tmsc check --device`: proves that a device can deliver every stimulus of a protocol for
// every allowed parameter and threshold value, or reports a counterexample in the protocol's
// terms (S0501..S0504), after the safety rules and in the same solver session.

#include "safety/device_limits.hpp"
#include "safety/model.hpp"
#include "safety/smt/smt.hpp"
#include "safety/verify.hpp"

#include <vector>

namespace tmsc::safety {

/// What the device obligations found, ready to join a SafetyReport.
struct DeviceFindings {
    std::vector<Diagnostic> diagnostics;
    std::vector<CheckRecord> checks;
    std::vector<Counterexample> counterexamples;
    std::vector<QueryText> queries; ///< only with `keep_queries`
};

/// Asks every device obligation of `model` on `target` in `session`.
DeviceFindings check_device(smt::Session& session, const SafetyModel& model,
                            const DeviceTarget& target, bool keep_queries);

} // namespace tmsc::safety
