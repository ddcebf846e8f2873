#include "targets/devices/profile_fields.hpp"

#include <algorithm>

namespace tmsc::targets::detail {

using nlohmann::json;

std::optional<Confidence> parse_confidence(std::string_view tag) {
    if (tag == "DOC") {
        return Confidence::Doc;
    }
    if (tag == "3x") {
        return Confidence::ThreeImpl;
    }
    if (tag == "1x") {
        return Confidence::OneImpl;
    }
    if (tag == "assumed") {
        return Confidence::Assumed;
    }
    return std::nullopt;
}

void FieldReader::fail(const std::string& path, const std::string& what) const {
    throw ProfileFieldError(origin_ + ": " + (path.empty() ? "/" : path) + ": " + what);
}

const json& FieldReader::member(const json& object, const std::string& path,
                                const char* key) const {
    if (!object.is_object()) {
        fail(path, "expected an object");
    }
    const auto it = object.find(key);
    if (it == object.end()) {
        fail(path, std::string("missing \"") + key + '"');
    }
    return *it;
}

void FieldReader::only_keys(const json& object, const std::string& path,
                            const std::vector<std::string_view>& allowed) const {
    if (!object.is_object()) {
        fail(path, "expected an object");
    }
    for (const auto& item : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
            fail(path, "unknown field \"" + item.key() + '"');
        }
    }
}

std::string FieldReader::text(const json& value, const std::string& path) const {
    if (!value.is_string() || value.get<std::string>().empty()) {
        fail(path, "expected a non-empty string");
    }
    return value.get<std::string>();
}

std::int64_t FieldReader::integer(const json& value, const std::string& path) const {
    if (!value.is_number_integer()) {
        fail(path, "expected a whole number");
    }
    return value.get<std::int64_t>();
}

Rational FieldReader::decimal(const json& value, const std::string& path) const {
    if (value.is_number_integer()) {
        return Rational(value.get<std::int64_t>());
    }
    if (value.is_number_float()) {
        fail(path, "write decimals as strings (\"0.1\") so they stay exact");
    }
    if (!value.is_string()) {
        fail(path, "expected a decimal number as a string, such as \"0.1\"");
    }
    const auto parsed = Rational::parse_decimal(value.get<std::string>());
    if (!parsed) {
        fail(path, "\"" + value.get<std::string>() + "\" is not a decimal number");
    }
    return *parsed;
}

Provenance FieldReader::provenance(const json& limit, const std::string& path) const {
    Provenance p;
    p.source = text(member(limit, path, "source"), path + "/source");
    const auto source = sources_.find(p.source);
    if (source == sources_.end()) {
        fail(path + "/source", "\"" + p.source + "\" is not listed under \"sources\"");
    }
    p.confidence = source->second.confidence;
    if (const auto it = limit.find("confidence"); it != limit.end()) {
        const auto tag = parse_confidence(text(*it, path + "/confidence"));
        if (!tag) {
            fail(path + "/confidence", "expected DOC, 3x, 1x or assumed");
        }
        p.confidence = *tag;
    }
    return p;
}

GridSegment FieldReader::segment(const json& triple, const std::string& path) const {
    if (!triple.is_array() || triple.size() != 3) {
        fail(path, "expected [lo, hi, step]");
    }
    GridSegment s{decimal(triple[0], path + "/0"), decimal(triple[1], path + "/1"),
                  decimal(triple[2], path + "/2")};
    if (s.step <= Rational(0)) {
        fail(path, "step must be positive");
    }
    if (s.lo > s.hi) {
        fail(path, "lo " + s.lo.to_string() + " is above hi " + s.hi.to_string());
    }
    if (!((s.hi - s.lo) / s.step).is_integer()) {
        fail(path, "hi - lo is not a whole number of steps");
    }
    return s;
}

ValueGrid FieldReader::grid(const json& limit, const std::string& path) const {
    only_keys(limit, path, {"grid", "value", "source", "confidence"});
    ValueGrid g;
    g.provenance = provenance(limit, path);
    if (const auto it = limit.find("value"); it != limit.end()) {
        const Rational v = decimal(*it, path + "/value");
        g.segments.push_back({v, v, Rational(1)});
        return g;
    }
    const json& segments = member(limit, path, "grid");
    if (!segments.is_array() || segments.empty()) {
        fail(path + "/grid", "expected a non-empty list of [lo, hi, step]");
    }
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string at = path + "/grid/" + std::to_string(i);
        g.segments.push_back(segment(segments[i], at));
        if (i > 0 && g.segments[i].lo <= g.segments[i - 1].hi) {
            fail(at, "segments must be sorted and must not overlap");
        }
    }
    if (g.min() < Rational(0)) {
        fail(path, "values must not be negative");
    }
    return g;
}

CountRange FieldReader::counts(const json& limit, const std::string& path) const {
    only_keys(limit, path, {"min", "max", "source", "confidence"});
    CountRange c;
    c.provenance = provenance(limit, path);
    c.min = integer(member(limit, path, "min"), path + "/min");
    c.max = integer(member(limit, path, "max"), path + "/max");
    if (c.min < 0 || c.min > c.max) {
        fail(path, "expected 0 <= min <= max");
    }
    return c;
}

PowerTable FieldReader::table(const json& limit, const std::string& path, bool rising) const {
    only_keys(limit, path, {"values", "source", "confidence"});
    PowerTable t;
    t.provenance = provenance(limit, path);
    const json& values = member(limit, path, "values");
    if (!values.is_array() || values.size() != 101) {
        fail(path + "/values", "expected 101 entries, one per percent from 0 to 100");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string at = path + "/values/" + std::to_string(i);
        t.values.push_back(decimal(values[i], at));
        if (t.values.back() < Rational(0)) {
            fail(at, "must not be negative");
        }
        if (i > 0 && (rising ? t.values[i] < t.values[i - 1] : t.values[i] > t.values[i - 1])) {
            fail(at, rising ? "the table must not fall as power rises"
                            : "the table must not rise as power rises");
        }
    }
    return t;
}

} // namespace tmsc::targets::detail
