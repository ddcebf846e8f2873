#pragma once
// The range an intensity as written can take in another reference, over every allowed value of
// the parameter that gives it and of the subject thresholds: converting p % of threshold A to
// % of threshold B is p·A/B, monotone in each of p, A and B, so its extremes are at the ends of
// the ranges, and every value between them is reached (the ranges are intervals).

#include "compiler/check/resolve.hpp"
#include "safety/timeline/facts.hpp"
#include "support/diagnostic.hpp"

#include <optional>
#include <vector>

namespace tmsc::safety::timeline {

/// A closed interval of percentages.
struct PercentRange {
    Rational lo;
    Rational hi;
};

/// nullopt when the conversion needs a subject threshold the protocol does not declare.
std::optional<PercentRange> bounds_in(const ResolvedProtocol& protocol, const WrittenIntensity& w,
                                      IntensityRef target);

/// The allowed values that take the intensity to the top (`high`) or the bottom of its range in
/// `target`: "when subject rmt = 40 %MSO (the lower end of its range 40 %MSO..70 %MSO)", with
/// the name and value for reports. Only values that have a range are named.
struct ValueNote {
    DiagnosticNote note;
    std::string name;
    std::string value;
};
std::vector<ValueNote> extreme_values(const ResolvedProtocol& protocol, const WrittenIntensity& w,
                                      IntensityRef target, bool high);

/// The percentage as "120 %rMT" or "110-130 %rMT".
std::string show(const PercentRange& range, IntensityRef ref);

} // namespace tmsc::safety::timeline
