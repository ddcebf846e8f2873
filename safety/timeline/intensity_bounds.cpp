#include "safety/timeline/intensity_bounds.hpp"

#include "safety/describe.hpp"

namespace tmsc::safety::timeline {

namespace {

/// The threshold a reference is a percentage of, in %MSO.
std::optional<PercentRange> threshold(const ResolvedProtocol& p, IntensityRef ref) {
    if (ref == IntensityRef::Mso) {
        return PercentRange{Rational(100), Rational(100)};
    }
    const auto& spec = ref == IntensityRef::Rmt ? p.rmt : p.amt;
    if (!spec) {
        return std::nullopt;
    }
    return PercentRange{spec->lo, spec->hi};
}

} // namespace

std::optional<PercentRange> bounds_in(const ResolvedProtocol& protocol, const WrittenIntensity& w,
                                      IntensityRef target) {
    PercentRange written{w.value.percent, w.value.percent};
    if (!w.param.empty()) {
        if (const auto it = protocol.params.find(w.param); it != protocol.params.end()) {
            written = PercentRange{it->second.lo, it->second.hi};
        }
    }
    if (w.value.ref == target) {
        return written;
    }
    const auto from = threshold(protocol, w.value.ref);
    const auto to = threshold(protocol, target);
    if (!from || !to || to->lo <= Rational(0)) {
        return std::nullopt;
    }
    return PercentRange{written.lo * from->lo / to->hi, written.hi * from->hi / to->lo};
}

namespace {

ValueNote value_note(const std::string& name, const Rational& lo, const Rational& hi, bool upper,
                     IntensityRef unit, SourceRange where) {
    const Rational value = upper ? hi : lo;
    const std::string shown = format_quantity(Quantity::Intensity, value, unit);
    return {{"when " + name + " = " + shown + " (the " + (upper ? "upper" : "lower") +
                 " end of its range " + format_quantity(Quantity::Intensity, lo, unit) + ".." +
                 format_quantity(Quantity::Intensity, hi, unit) + ")",
             where},
            name, shown};
}

} // namespace

std::vector<ValueNote> extreme_values(const ResolvedProtocol& protocol, const WrittenIntensity& w,
                                      IntensityRef target, bool high) {
    std::vector<ValueNote> out;
    if (!w.param.empty()) {
        if (const auto it = protocol.params.find(w.param); it != protocol.params.end() && it->second.lo != it->second.hi) {
            out.push_back(value_note(w.param, it->second.lo, it->second.hi, high, it->second.reference,
                                     it->second.decl ? it->second.decl->range : SourceRange{}));
        }
    }
    if (w.value.ref == target) {
        return out;
    }
    // p·A/B grows with the threshold it is written against (A) and falls with the target's (B).
    auto threshold = [&](IntensityRef ref, bool upper) {
        const auto& spec = ref == IntensityRef::Rmt ? protocol.rmt : protocol.amt;
        if (ref != IntensityRef::Mso && spec && spec->lo != spec->hi) {
            out.push_back(value_note(std::string("subject ") + (ref == IntensityRef::Rmt ? "rmt" : "amt"),
                                     spec->lo, spec->hi, upper, IntensityRef::Mso, spec->range));
        }
    };
    threshold(target, !high);
    threshold(w.value.ref, high);
    return out;
}

std::string show(const PercentRange& range, IntensityRef ref) {
    const std::string hi = format_quantity(Quantity::Intensity, range.hi, ref);
    if (range.lo == range.hi) {
        return hi;
    }
    return format_quantity(Quantity::Intensity, range.lo, ref) + " to " + hi;
}

} // namespace tmsc::safety::timeline
