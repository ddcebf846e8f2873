#pragma once
// Moving values onto a device's grid, and reporting every such move. Directions are chosen so
// a quantised protocol never stimulates more than the verified one: intensities and rates
// round down, rests and intervals round up. Counts are never rounded: a back end that cannot
// keep a count refuses instead.

#include "support/diagnostic.hpp"
#include "targets/devices/device_profile.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc::targets {

/// Which way to move a value that is not on the grid.
enum class Rounding { Down, Up };

/// `value` moved onto `grid` in the given direction; nullopt when no grid value lies that way
/// (the value is outside the device's range).
std::optional<Rational> snap(const ValueGrid& grid, const Rational& value, Rounding rounding);

/// Collects the roundings of one back-end run. Identical roundings of one statement (every
/// repetition of a train) become one warning that says how many occurrences it covers; when
/// they differ (jittered waits), one warning gives the count, the largest change and the
/// first occurrence.
class QuantisationReport {
  public:
    explicit QuantisationReport(std::string backend) : backend_(std::move(backend)) {}

    /// Records that `what` went from `before` to `after` for the statement at `range`;
    /// `effect` says which totals that changes ("changes no total", or the new on-time).
    void add(std::string_view code, std::string_view what, const Rational& before,
             const Rational& after, std::string_view unit, std::string effect,
             const SourceRange& range);

    /// True when nothing was rounded.
    bool empty() const { return entries_.empty(); }

    /// Appends one warning per distinct rounding.
    void emit(DiagnosticList& out) const;

  private:
    struct Entry {
        std::string code;
        std::string what;
        std::string unit;
        std::string effect_kind; ///< the effect without its numbers
        std::string message;     ///< of the first occurrence
        SourceRange range;
        std::size_t count = 0;
        bool varied = false;  ///< occurrences differ in their values
        Rational largest;     ///< largest |after - before|
    };
    std::string backend_;
    std::vector<Entry> entries_;
};

/// Session totals a user compares: pulses, span (first to last pulse), session end.
struct SessionTotals {
    std::int64_t pulses = 0;
    Rational span_s;
    Rational end_s;
};

/// Adds the T0199 note comparing what the device will deliver with the schedule, each total
/// "unchanged" or "before -> after".
void add_totals_note(DiagnosticList& out, std::string_view backend, const SessionTotals& before,
                     const SessionTotals& after, const SourceRange& range);

} // namespace tmsc::targets
