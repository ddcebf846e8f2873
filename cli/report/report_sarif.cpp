#include "cli/report/report_sarif.hpp"

#include "safety/table.hpp"
#include "support/version.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

namespace tmsc {

using nlohmann::json;

namespace {

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kDocs = "docs/diagnostics.md";

/// A path as an RFC 3986 relative reference: every byte but unreserved ones and '/' is
/// percent-encoded (a space, '%', or a ':' that would read as a scheme make a bad URI).
std::string uri_reference(const std::string& path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

json artifact_location(const std::string& path) {
    return json{{"uri", uri_reference(path)}, {"uriBaseId", "%SRCROOT%"}};
}

/// SARIF counts columns in code points here (declared on the run); our columns are bytes.
std::size_t code_point_column(const SourceFile& source, const SourceLocation& at) {
    const std::string_view line = source.line_text(at.line);
    std::size_t column = 1;
    for (std::size_t i = 0; i + 1 < at.column && i < line.size(); ++i) {
        // Count every byte that does not continue a UTF-8 sequence.
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return column + (at.column > line.size() + 1 ? at.column - line.size() - 1 : 0);
}

json region(const SourceFile& source, const SourceRange& range) {
    json r{{"startLine", range.begin.line}, {"startColumn", code_point_column(source, range.begin)}};
    if (range.end.line >= range.begin.line && range.end.offset > range.begin.offset) {
        r["endLine"] = range.end.line;
        r["endColumn"] = code_point_column(source, range.end);
    }
    return r;
}

json physical_location(const SourceFile& source, const SourceRange& range) {
    return json{{"artifactLocation", artifact_location(source.path())},
                {"region", region(source, range)}};
}

const char* level(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    default: return "note";
    }
}

/// The safety rule behind a diagnostic: the counterexample with its message and position.
const safety::Rule* safety_rule(const FileReport& file, const Diagnostic& d) {
    if (!file.result.safety || !file.result.rules) {
        return nullptr;
    }
    for (const safety::Counterexample& cx : file.result.safety->counterexamples) {
        if (cx.range == d.range && cx.summary == d.message) {
            return file.result.rules->find(cx.rule);
        }
    }
    return nullptr;
}

/// Help for a diagnostic code: where its section is in the documentation that ships with tmsc.
std::string code_help(const std::string& code) {
    return "tmsc diagnostic " + code + ". Its section '" + code + "' in " + kDocs +
           " (in tmsc's source and installed documentation) says what it means, with an "
           "example and how to fix it.";
}

/// Collects the rule descriptors the results refer to, in first-use order.
class RuleTable {
  public:
    /// The index of the descriptor for a finding, adding it on first use.
    std::size_t index(const Diagnostic& d, const safety::Rule* rule) {
        const std::string id = rule ? rule->id : d.code;
        if (auto it = indices_.find(id); it != indices_.end()) {
            return it->second;
        }
        json descriptor{{"id", id}};
        if (rule) {
            descriptor["shortDescription"] = {{"text", rule->id}};
            descriptor["fullDescription"] = {{"text", rule->text}};
            descriptor["help"] = {{"text", rule->text + " Source: " + rule->citation}};
            descriptor["properties"] = {{"diagnosticCode", d.code}, {"citation", rule->citation}};
        } else {
            descriptor["shortDescription"] = {{"text", "tmsc " + d.code}};
            descriptor["fullDescription"] = {{"text", code_help(d.code)}};
            descriptor["help"] = {{"text", code_help(d.code)}};
        }
        indices_.emplace(id, rules_.size());
        rules_.push_back(std::move(descriptor));
        return rules_.size() - 1;
    }
    const json& rules() const { return rules_; }

  private:
    std::map<std::string, std::size_t> indices_;
    json rules_ = json::array();
};

json result(const FileReport& file, const Diagnostic& d, RuleTable& table) {
    const safety::Rule* rule = safety_rule(file, d);
    const std::size_t index = table.index(d, rule);
    json related = json::array();
    std::string text = d.message;
    bool unverified_row = false;
    for (const DiagnosticNote& n : d.notes) {
        unverified_row = unverified_row || safety::is_unverified_row_note(n.message);
        if (n.range) {
            related.push_back(json{{"id", related.size()},
                                   {"physicalLocation", physical_location(file.source, *n.range)},
                                   {"message", {{"text", n.message}}}});
        } else {
            text += "\nnote: " + n.message;
        }
    }
    json out{{"ruleId", rule ? rule->id : d.code},
             {"ruleIndex", index},
             {"level", level(d.severity)},
             {"message", {{"text", text}}},
             {"locations", json::array({json{{"physicalLocation",
                                              physical_location(file.source, d.range)}}})},
             {"properties", {{"diagnosticCode", d.code}}}};
    if (!related.empty()) {
        out["relatedLocations"] = related;
    }
    if (unverified_row) {
        out["properties"]["unverifiedTableRow"] = true; // the limit came from an unverified row
    }
    return out;
}

/// `invocations[0]`: an error notification per input that could not be read at all.
json invocation(const CheckInvocation& how) {
    json notifications = json::array();
    for (const UnreadableInput& input : how.unreadable) {
        notifications.push_back(
            json{{"level", "error"},
                 {"message", {{"text", input.message}}},
                 {"locations", json::array({json{{"physicalLocation",
                                                  {{"artifactLocation",
                                                    artifact_location(input.path)}}}}})}});
    }
    json out{{"executionSuccessful", how.unreadable.empty()}, {"exitCode", how.exit_code}};
    if (!notifications.empty()) {
        out["toolExecutionNotifications"] = notifications;
    }
    return out;
}

} // namespace

std::string render_check_sarif(const std::vector<FileReport>& files,
                               const CheckInvocation& how) {
    RuleTable table;
    json results = json::array();
    json artifacts = json::array();
    json verdicts = json::object();
    for (const FileReport& f : files) {
        artifacts.push_back(json{{"location", artifact_location(f.source.path())}});
        verdicts[f.source.path()] = verdict_name(f.result.verdict);
        for (const Diagnostic& d : f.result.diagnostics) {
            results.push_back(result(f, d, table));
        }
    }
    json driver{{"name", "tmsc"},
                {"version", TMSC_VERSION},
                {"informationUri", kInformationUri},
                {"rules", table.rules()}};
    json run{{"tool", {{"driver", driver}}},
             {"invocations", json::array({invocation(how)})},
             {"columnKind", "unicodeCodePoints"},
             {"artifacts", artifacts},
             {"results", results},
             {"properties", {{"verdicts", verdicts}}}};
    for (const FileReport& f : files) {
        if (f.result.rules) {
            run["properties"]["ruleSet"] = {
                {"id", f.result.rules->id},
                {"transcriptionReviewed", f.result.rules->transcription_reviewed},
                {"unverifiedRows", safety::unverified_row_notes(*f.result.rules)}};
            break;
        }
    }
    json log{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
    return log.dump(2) + '\n';
}

} // namespace tmsc
