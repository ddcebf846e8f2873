#pragma once
// The pipeline driver: parse -> resolve -> verify (-> lower -> generate in compile).
// Each stage returns its product or diagnostics; the driver stops at the first stage with
// errors, so later stages only ever see well-formed input.

#include "safety/check_result.hpp"
#include "support/source.hpp"

namespace tmsc {

/// Runs every checking stage on one in-memory source with the default rule set. The verdict
/// is pass only when the protocol resolves, every applicable rule is proved, and every
/// finding beyond the published evidence is waived (verdict_of in safety/check_result.hpp).
CheckResult check_source(const SourceFile& source);

/// The same with explicit options.
CheckResult check_source(const SourceFile& source, const CheckOptions& options);

} // namespace tmsc
