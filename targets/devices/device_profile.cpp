#include "targets/devices/device_profile.hpp"

#include <algorithm>

namespace tmsc::targets {

std::string_view confidence_tag(Confidence confidence) {
    switch (confidence) {
    case Confidence::Doc:
        return "[DOC]";
    case Confidence::ThreeImpl:
        return "[3x]";
    case Confidence::OneImpl:
        return "[1x]";
    case Confidence::Assumed:
        return "[assumed]";
    }
    return "[assumed]";
}

namespace {

/// Number of whole steps from the segment start to the last grid point not above `value`.
std::int64_t steps_below(const GridSegment& s, const Rational& value) {
    return ((value - s.lo) / s.step).floor();
}

} // namespace

bool ValueGrid::contains(const Rational& value) const {
    return std::any_of(segments.begin(), segments.end(), [&](const GridSegment& s) {
        return value >= s.lo && value <= s.hi && ((value - s.lo) / s.step).is_integer();
    });
}

std::optional<Rational> ValueGrid::at_or_below(const Rational& value) const {
    std::optional<Rational> best;
    for (const GridSegment& s : segments) {
        if (value < s.lo) {
            continue;
        }
        const Rational candidate =
            value >= s.hi ? s.hi : s.lo + s.step * Rational(steps_below(s, value));
        if (!best || candidate > *best) {
            best = candidate;
        }
    }
    return best;
}

std::optional<Rational> ValueGrid::at_or_above(const Rational& value) const {
    std::optional<Rational> best;
    for (const GridSegment& s : segments) {
        if (value > s.hi) {
            continue;
        }
        Rational candidate = s.lo;
        if (value > s.lo) {
            const std::int64_t k = steps_below(s, value);
            candidate = s.lo + s.step * Rational(k);
            if (candidate < value) {
                candidate = candidate + s.step;
            }
        }
        if (!best || candidate < *best) {
            best = candidate;
        }
    }
    return best;
}

std::string ValueGrid::describe(std::string_view unit) const {
    std::string out;
    for (const GridSegment& s : segments) {
        if (!out.empty()) {
            out += ", ";
        }
        out += s.lo == s.hi ? s.lo.to_string() : s.lo.to_string() + ".." + s.hi.to_string();
        out += unit.empty() ? "" : ' ' + std::string(unit);
        if (s.lo != s.hi) {
            out += " in steps of " + s.step.to_string();
        }
    }
    return out;
}

const Rational& PowerTable::at(const Rational& power_mso) const {
    std::int64_t index = power_mso.ceil();
    index = std::clamp<std::int64_t>(index, 0, static_cast<std::int64_t>(values.size()) - 1);
    return values[static_cast<std::size_t>(index)];
}

const WaveformSpec* DeviceProfile::waveform(std::string_view waveform_name) const {
    for (const WaveformSpec& w : waveforms) {
        if (w.name == waveform_name) {
            return &w;
        }
    }
    return nullptr;
}

const FormatLimits* DeviceProfile::format(std::string_view backend) const {
    const auto it = formats.find(std::string(backend));
    return it == formats.end() ? nullptr : &it->second;
}

} // namespace tmsc::targets
