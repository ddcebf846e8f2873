#include "targets/backend/quantise.hpp"

#include "support/show.hpp"

namespace tmsc::targets {

std::optional<Rational> snap(const ValueGrid& grid, const Rational& value, Rounding rounding) {
    return rounding == Rounding::Down ? grid.at_or_below(value) : grid.at_or_above(value);
}

namespace {

/// The words of an effect without its numbers: occurrences with the same kind of effect group.
std::string kind_of(const std::string& effect) {
    std::string kind;
    for (char c : effect) {
        if ((c < '0' || c > '9') && c != '.' && c != '/') {
            kind += c;
        }
    }
    return kind;
}

} // namespace

void QuantisationReport::add(std::string_view code, std::string_view what,
                             const Rational& before, const Rational& after,
                             std::string_view unit, std::string effect,
                             const SourceRange& range) {
    std::string message = std::string(backend_) + ": " + std::string(what) + ' ' +
                          show(before, unit) + " -> " + show(after, unit) + "; " + effect;
    const Rational change = after > before ? after - before : before - after;
    const std::string kind = kind_of(effect);
    for (Entry& e : entries_) {
        if (e.code == code && e.what == what && e.range == range && e.effect_kind == kind) {
            e.varied = e.varied || e.message != message;
            e.largest = change > e.largest ? change : e.largest;
            ++e.count;
            return;
        }
    }
    entries_.push_back({std::string(code), std::string(what), std::string(unit), kind,
                        std::move(message), range, 1, false, change});
}

void QuantisationReport::emit(DiagnosticList& out) const {
    for (const Entry& e : entries_) {
        std::string message = e.message;
        if (e.varied) {
            message = backend_ + ": " + e.what + " rounded to the device grid at " +
                      std::to_string(e.count) + " occurrences, by at most " +
                      show(e.largest, e.unit) + "; the first: " +
                      e.message.substr(backend_.size() + 2);
        } else if (e.count > 1) {
            message += " (" + std::to_string(e.count) + " occurrences)";
        }
        out.warning(e.code, std::move(message), e.range);
    }
}

namespace {

std::string compare(const std::string& what, const std::string& before, const std::string& after) {
    return before == after ? what + ' ' + before + " (unchanged)"
                           : what + ' ' + before + " -> " + after;
}

} // namespace

void add_totals_note(DiagnosticList& out, std::string_view backend, const SessionTotals& before,
                     const SessionTotals& after, const SourceRange& range) {
    out.add(Severity::Note, "T0199",
            std::string(backend) + " delivers: " +
                compare("pulses", std::to_string(before.pulses), std::to_string(after.pulses)) +
                "; " + compare("span", show(before.span_s, "s"), show(after.span_s, "s")) + "; " +
                compare("session end", show(before.end_s, "s"), show(after.end_s, "s")),
            range);
}

} // namespace tmsc::targets
