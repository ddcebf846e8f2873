#include "safety/rules/rules.hpp"

#include "safety/rules/rules_reader.hpp"
#include "safety/rules/shipped_rules.hpp"
#include "support/sha256.hpp"
#include "support/source.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tmsc::safety {

using detail::ObjectReader;
using detail::SchemaError;
using nlohmann::json;

const char* confidence_name(Confidence confidence) {
    switch (confidence) {
    case Confidence::A: return "A";
    case Confidence::B: return "B";
    case Confidence::T: return "T";
    case Confidence::P: return "P";
    }
    return "P";
}

const char* pattern_name(PatternKind pattern) {
    switch (pattern) {
    case PatternKind::Conventional: return "conventional";
    case PatternKind::Patterned: return "patterned";
    case PatternKind::SinglePulse: return "single_pulse";
    }
    return "conventional";
}

const Rule* RuleSet::find(const std::string& rule_id) const {
    for (const Rule& rule : rules) {
        if (rule.id == rule_id) {
            return &rule;
        }
    }
    return nullptr;
}

namespace {

/// A set may extend another, which may extend another; deeper chains are a mistake.
constexpr int kMaxExtendsDepth = 4;

LoadRulesResult load_at_depth(const std::string& name_or_path, const std::string& base_dir,
                              int depth);
LoadRulesResult parse_at_depth(const std::string& text, const std::string& path, int depth);

/// `{"min": A, "max": B}` with 0 < A <= B.
ClosedRange read_range(ObjectReader& parent, const std::string& key) {
    ObjectReader r(parent.at(key), parent.child(key));
    ClosedRange range{r.positive("min"), r.positive("max")};
    if (range.max < range.min) {
        throw SchemaError(r.pointer(), "\"max\" is below \"min\"");
    }
    r.finish();
    return range;
}

void read_theta_burst(ObjectReader& params, RuleSet& set) {
    ObjectReader tb(params.at("theta_burst"), params.child("theta_burst"));
    ThetaBurstEnvelope& e = set.theta_burst;
    e.burst_pulses = read_range(tb, "burst_pulses");
    if (!e.burst_pulses.min.is_integer() || !e.burst_pulses.max.is_integer() ||
        e.burst_pulses.min < Rational(2)) {
        throw SchemaError(tb.child("burst_pulses"), "expected whole numbers of at least 2");
    }
    e.burst_frequency_hz = read_range(tb, "burst_frequency_hz");
    e.burst_rate_hz = read_range(tb, "burst_rate_hz");
    e.gap_ratio = tb.positive("gap_ratio");
    e.text = tb.string("text");
    e.citation = tb.string("citation");
    e.confidence = tb.confidence("confidence");
    tb.finish();
}

void read_parameters(ObjectReader& in, RuleSet& set) {
    ObjectReader params(in.at("parameters"), in.child("parameters"));
    ObjectReader sp(params.at("single_pulse_spacing_s"), params.child("single_pulse_spacing_s"));
    set.single_pulse.spacing_s = sp.positive("value");
    set.single_pulse.text = sp.string("text");
    set.single_pulse.citation = sp.string("citation");
    set.single_pulse.confidence = sp.confidence("confidence");
    sp.finish();
    ObjectReader tj(params.at("train_join_s"), params.child("train_join_s"));
    set.train_join.join_s = tj.positive("value");
    set.train_join.text = tj.string("text");
    set.train_join.citation = tj.string("citation");
    set.train_join.confidence = tj.confidence("confidence");
    tj.finish();
    read_theta_burst(params, set);
    params.finish();
}

void apply_override(ObjectReader& o, RuleSet& set) {
    const std::string id = o.string("id");
    Rule* rule = nullptr;
    for (Rule& r : set.rules) {
        rule = r.id == id ? &r : rule;
    }
    if (!rule) {
        throw SchemaError(o.child("id"), "overrides rule \"" + id + "\", which the extended set lacks");
    }
    if (o.has("scale")) rule->scale = o.positive("scale");
    if (o.has("max")) rule->max = o.positive("max");
    if (o.has("min_s")) rule->min_gap_s = o.positive("min_s");
    if (o.has("text")) rule->text = o.string("text");
    if (o.has("citation")) rule->citation = o.string("citation");
    if (o.has("confidence")) rule->confidence = o.confidence("confidence");
    if (o.has("severity")) {
        const std::string s = o.string("severity");
        if (s != "error" && s != "warning") {
            throw SchemaError(o.child("severity"), "expected \"error\" or \"warning\"");
        }
        rule->severity = s == "error" ? RuleSeverity::Error : RuleSeverity::Warning;
    }
    o.finish();
}

void read_own_content(ObjectReader& in, RuleSet& set, bool extending) {
    if (in.has("sources")) {
        for (std::size_t i = 0; i < in.at("sources").size(); ++i) {
            ObjectReader s(in.at("sources")[i], in.child("sources") + "/" + std::to_string(i));
            set.sources.push_back({s.string("key"), s.string("reference")});
            s.finish();
        }
    }
    if (in.has("parameters") || !extending) {
        read_parameters(in, set);
    }
    if (in.has("tables")) {
        for (const auto& item : in.at("tables").items()) {
            set.tables[item.key()] =
                detail::read_table(item.key(), item.value(), in.child("tables") + "/" + item.key());
        }
    }
    if (in.has("overrides")) {
        if (!extending) {
            throw SchemaError(in.child("overrides"), "overrides need \"extends\"");
        }
        for (std::size_t i = 0; i < in.at("overrides").size(); ++i) {
            ObjectReader o(in.at("overrides")[i], in.child("overrides") + "/" + std::to_string(i));
            apply_override(o, set);
        }
    }
    if (in.has("rules")) {
        for (std::size_t i = 0; i < in.at("rules").size(); ++i) {
            const std::string pointer = in.child("rules") + "/" + std::to_string(i);
            Rule rule = detail::read_rule(in.at("rules")[i], pointer);
            if (set.find(rule.id)) {
                throw SchemaError(pointer + "/id", "rule \"" + rule.id + "\" is defined twice");
            }
            set.rules.push_back(std::move(rule));
        }
    }
}

/// Cross-references: tables named by rules exist, subsumed_by names a rule of the set.
void check_references(const RuleSet& set) {
    for (std::size_t i = 0; i < set.rules.size(); ++i) {
        const Rule& rule = set.rules[i];
        const std::string pointer = "/rules (\"" + rule.id + "\")";
        if (rule.kind == RuleKind::TrainDurationTable && !set.tables.count(rule.table)) {
            throw SchemaError(pointer, "names table \"" + rule.table + "\", which is not defined");
        }
        if (!rule.subsumed_by.empty() && !set.find(rule.subsumed_by)) {
            throw SchemaError(pointer, "subsumed_by names unknown rule \"" + rule.subsumed_by + "\"");
        }
    }
}

RuleSet read_set(const json& document, const std::string& path, const std::string& sha256,
                 int depth) {
    ObjectReader in(document, "");
    if (in.string("schema") != "tmsc-rules/1") {
        throw SchemaError("/schema", "expected \"tmsc-rules/1\"");
    }
    RuleSet set;
    const bool extending = in.has("extends");
    if (extending) {
        const std::string base_dir = std::filesystem::path(path).parent_path().string();
        LoadRulesResult parent = load_at_depth(in.string("extends"), base_dir, depth + 1);
        if (!parent.rules) {
            throw SchemaError("/extends", parent.error);
        }
        set = *parent.rules;
    }
    const RuleFile file{in.string("id"), path, sha256, in.boolean("transcription_reviewed"),
                        in.string("review_note")};
    set.id = file.id;
    set.title = in.string("title");
    set.review_note = file.review_note;
    set.transcription_reviewed = file.transcription_reviewed && (!extending || set.transcription_reviewed);
    set.files.insert(set.files.begin(), file);
    read_own_content(in, set, extending);
    in.finish();
    check_references(set);
    return set;
}

LoadRulesResult parse_at_depth(const std::string& text, const std::string& path, int depth) {
    if (depth > kMaxExtendsDepth) {
        return {nullptr, path + ": error[S0002]: \"extends\" chain deeper than " +
                             std::to_string(kMaxExtendsDepth) + " (a cycle?)"};
    }
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& e) {
        const SourceFile source(path, text);
        const SourceLocation at = source.location(e.byte > 0 ? e.byte - 1 : 0);
        return {nullptr, path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                             ": error[S0001]: the rule set is not valid JSON"};
    }
    try {
        auto set = std::make_shared<RuleSet>(read_set(document, path, sha256_hex(text), depth));
        return {std::move(set), ""};
    } catch (const SchemaError& e) {
        return {nullptr, path + ": error[S0002]: " + e.what()};
    }
}

bool looks_like_path(const std::string& text) {
    return text.find('/') != std::string::npos ||
           (text.size() > 5 && text.compare(text.size() - 5, 5, ".json") == 0);
}

LoadRulesResult load_at_depth(const std::string& name_or_path, const std::string& base_dir,
                              int depth) {
    if (!looks_like_path(name_or_path)) {
        for (const ShippedRuleFile& file : shipped_rule_files()) {
            if (file.name == name_or_path) {
                return parse_at_depth(std::string(file.text), "(built in) " + std::string(file.path),
                                      depth);
            }
        }
        std::string names;
        for (const std::string& n : shipped_rule_sets()) {
            names += (names.empty() ? "" : ", ") + n;
        }
        return {nullptr, "unknown rule set '" + name_or_path + "' (built in: " + names +
                             "; a path must contain '/' or end in .json)"};
    }
    std::filesystem::path path(name_or_path);
    if (path.is_relative() && !base_dir.empty() && depth > 0) {
        path = std::filesystem::path(base_dir) / path;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {nullptr, "cannot read rule set '" + path.string() + "'"};
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_at_depth(text.str(), path.string(), depth);
}

} // namespace

LoadRulesResult parse_rules(const std::string& text, const std::string& path) {
    return parse_at_depth(text, path, 0);
}

LoadRulesResult load_rules(const std::string& name_or_path) {
    return load_at_depth(name_or_path, "", 0);
}

std::vector<std::string> shipped_rule_sets() {
    std::vector<std::string> names;
    for (const ShippedRuleFile& file : shipped_rule_files()) {
        names.emplace_back(file.name);
    }
    return names;
}

std::shared_ptr<const RuleSet> default_rules() {
    static const std::shared_ptr<const RuleSet> rules = [] {
        LoadRulesResult loaded = load_rules(kDefaultRuleSet);
        if (!loaded.rules) {
            throw std::logic_error("the built-in rule set is broken: " + loaded.error);
        }
        return loaded.rules;
    }();
    return rules;
}

} // namespace tmsc::safety
