#include "safety/rules/rules_reader.hpp"

#include "compiler/check/resolve.hpp"

#include <regex>

namespace tmsc::safety::detail {

using nlohmann::json;

ObjectReader::ObjectReader(const json& value, std::string pointer)
    : json_(value), pointer_(std::move(pointer)) {
    if (!json_.is_object()) {
        throw SchemaError(pointer_.empty() ? "/" : pointer_, "expected an object");
    }
}

const json& ObjectReader::at(const std::string& key) {
    if (!json_.contains(key)) {
        throw SchemaError(pointer_.empty() ? "/" : pointer_, "missing field \"" + key + "\"");
    }
    read_.insert(key);
    return json_.at(key);
}

std::string ObjectReader::string(const std::string& key) {
    const json& value = at(key);
    if (!value.is_string() || value.get<std::string>().empty()) {
        throw SchemaError(child(key), "expected a non-empty string");
    }
    return value.get<std::string>();
}

std::string ObjectReader::optional_string(const std::string& key, const std::string& fallback) {
    return has(key) ? string(key) : fallback;
}

bool ObjectReader::boolean(const std::string& key) {
    const json& value = at(key);
    if (!value.is_boolean()) {
        throw SchemaError(child(key), "expected true or false");
    }
    return value.get<bool>();
}

Rational json_number(const json& value, const std::string& pointer) {
    std::optional<Rational> parsed;
    if (value.is_number()) {
        // dump() prints the shortest text that reads back as the same double: "0.55".
        parsed = Rational::parse_decimal(value.dump());
    } else if (value.is_string()) {
        parsed = Rational::parse_decimal(value.get<std::string>());
    }
    if (!parsed) {
        throw SchemaError(pointer, "expected a decimal number");
    }
    return *parsed;
}

Rational ObjectReader::number(const std::string& key) { return json_number(at(key), child(key)); }

Rational ObjectReader::positive(const std::string& key) {
    const Rational value = number(key);
    if (value <= Rational(0)) {
        throw SchemaError(child(key), "must be above zero");
    }
    return value;
}

Confidence ObjectReader::confidence(const std::string& key) {
    const std::string tag = string(key);
    if (tag == "A") return Confidence::A;
    if (tag == "B") return Confidence::B;
    if (tag == "T") return Confidence::T;
    if (tag == "P") return Confidence::P;
    throw SchemaError(child(key), "expected \"A\", \"B\", \"T\" or \"P\"");
}

namespace {

IntensityRef reference_from(const std::string& text, const std::string& pointer) {
    if (text == "rmt") return IntensityRef::Rmt;
    if (text == "amt") return IntensityRef::Amt;
    if (text == "mso") return IntensityRef::Mso;
    throw SchemaError(pointer, "expected \"rmt\", \"amt\" or \"mso\"");
}

} // namespace

IntensityRef ObjectReader::reference(const std::string& key) {
    return reference_from(string(key), child(key));
}

void ObjectReader::finish() const {
    for (const auto& item : json_.items()) {
        if (!read_.count(item.key())) {
            throw SchemaError(child(item.key()), "unknown field (misspelt?)");
        }
    }
}

namespace {

RuleKind kind_from(const std::string& text, const std::string& pointer) {
    if (text == "train_duration_table") return RuleKind::TrainDurationTable;
    if (text == "train_max") return RuleKind::TrainMax;
    if (text == "gap_min") return RuleKind::GapMin;
    if (text == "session_max") return RuleKind::SessionMax;
    if (text == "day_max") return RuleKind::DayMax;
    throw SchemaError(pointer, "unknown rule kind \"" + text +
                                   "\" (known: train_duration_table, train_max, gap_min, "
                                   "session_max, day_max)");
}

Quantity quantity_from(RuleKind kind, const std::string& text, const std::string& pointer) {
    if (kind == RuleKind::TrainMax) {
        if (text == "rate") return Quantity::Rate;
        if (text == "duration") return Quantity::Duration;
        if (text == "pulses") return Quantity::Pulses;
        if (text == "intensity") return Quantity::Intensity;
        if (text == "burst_pulses") return Quantity::BurstPulses;
        if (text == "burst_frequency") return Quantity::BurstFrequency;
        throw SchemaError(pointer, "a train_max quantity is rate, duration, pulses, intensity, "
                                   "burst_pulses or burst_frequency");
    }
    if (text == "pulses") return Quantity::Pulses;
    if (text == "duration" && kind == RuleKind::SessionMax) return Quantity::Duration;
    throw SchemaError(pointer, kind == RuleKind::SessionMax
                                   ? "a session_max quantity is pulses or duration"
                                   : "a day_max quantity is pulses");
}

bool known_coil_word(const std::string& word) {
    if (word == "h_coil") {
        return true;
    }
    for (const CoilSpec& coil : known_coils()) {
        if (coil.name == word) {
            return true;
        }
    }
    return false;
}

AppliesTo read_applies_to(const json& value, const std::string& pointer) {
    ObjectReader in(value, pointer);
    AppliesTo out;
    const json& coils = in.at("coils");
    if (coils.is_string() && coils.get<std::string>() == "any") {
        out.any_coil = true;
    } else if (coils.is_array() && !coils.empty()) {
        for (const json& c : coils) {
            if (!c.is_string() || !known_coil_word(c.get<std::string>())) {
                throw SchemaError(in.child("coils"),
                                  "coils are \"any\" or a list of coil names or families "
                                  "(figure8, round, double_cone, h_coil, h1, h4, h7)");
            }
            out.coils.insert(c.get<std::string>());
        }
    } else {
        throw SchemaError(in.child("coils"), "expected \"any\" or a non-empty list");
    }
    const json& patterns = in.at("patterns");
    if (!patterns.is_array() || patterns.empty()) {
        throw SchemaError(in.child("patterns"), "expected a non-empty list");
    }
    for (const json& p : patterns) {
        const std::string name = p.is_string() ? p.get<std::string>() : "";
        if (name == "conventional") out.patterns.insert(PatternKind::Conventional);
        else if (name == "patterned") out.patterns.insert(PatternKind::Patterned);
        else if (name == "single_pulse") out.patterns.insert(PatternKind::SinglePulse);
        else throw SchemaError(in.child("patterns"),
                               "patterns are conventional, patterned or single_pulse");
    }
    in.finish();
    return out;
}

void read_gap_condition(ObjectReader& in, Rule& rule) {
    if (!in.has("when")) {
        return;
    }
    ObjectReader when(in.at("when"), in.child("when"));
    if (when.has("min_frequency_hz")) {
        rule.when.min_frequency_hz = when.positive("min_frequency_hz");
    }
    if (when.has("above_percent")) {
        rule.when.above_percent = when.positive("above_percent");
        rule.when.reference = when.reference("reference");
    }
    when.finish();
}

void read_kind_fields(ObjectReader& in, Rule& rule) {
    switch (rule.kind) {
    case RuleKind::TrainDurationTable: {
        rule.table = in.string("table");
        const std::string cells = in.string("cells");
        if (cells != "limits" && cells != "all") {
            throw SchemaError(in.child("cells"), "expected \"limits\" or \"all\"");
        }
        rule.limits_only = cells == "limits";
        if (in.has("scale")) {
            rule.scale = in.positive("scale");
        }
        break;
    }
    case RuleKind::TrainMax:
    case RuleKind::SessionMax:
    case RuleKind::DayMax:
        rule.quantity = quantity_from(rule.kind, in.string("quantity"), in.child("quantity"));
        rule.max = in.positive("max");
        if (rule.quantity == Quantity::Intensity) {
            rule.reference = in.reference("reference");
            if (in.has("written_in")) {
                for (const json& r : in.at("written_in")) {
                    rule.written_in.insert(reference_from(r.is_string() ? r.get<std::string>() : "",
                                                          in.child("written_in")));
                }
            }
        }
        break;
    case RuleKind::GapMin:
        rule.min_gap_s = in.positive("min_s");
        rule.strict = in.boolean("strict");
        read_gap_condition(in, rule);
        break;
    }
}

} // namespace

Rule read_rule(const json& value, const std::string& pointer) {
    ObjectReader in(value, pointer);
    Rule rule;
    rule.id = in.string("id");
    static const std::regex id_pattern("[A-Za-z_][A-Za-z0-9_.\\-/]*");
    if (!std::regex_match(rule.id, id_pattern)) {
        throw SchemaError(in.child("id"), "a rule id is a letter or _, then letters, digits, "
                                          "'_', '.', '-' or '/'");
    }
    rule.kind = kind_from(in.string("kind"), in.child("kind"));
    const std::string severity = in.string("severity");
    if (severity != "error" && severity != "warning") {
        throw SchemaError(in.child("severity"), "expected \"error\" or \"warning\"");
    }
    rule.severity = severity == "error" ? RuleSeverity::Error : RuleSeverity::Warning;
    rule.text = in.string("text");
    rule.citation = in.string("citation");
    rule.confidence = in.confidence("confidence");
    rule.applies_to = read_applies_to(in.at("applies_to"), in.child("applies_to"));
    rule.subsumed_by = in.optional_string("subsumed_by", "");
    read_kind_fields(in, rule);
    in.finish();
    return rule;
}

} // namespace tmsc::safety::detail
