#include "targets/attest/statement.hpp"

#include "support/sha256.hpp"
#include "support/version.hpp"
#include "targets/attest/strict_json.hpp"
#include "targets/tables/emit.hpp"

#include <set>

namespace tmsc {

namespace {

using Json = nlohmann::ordered_json;

/// A warning as the predicate lists it (the same members as the JSON table's warnings).
Json finding_json(const Diagnostic& d) {
    return Json{{"code", d.code},
                {"message", d.message},
                {"line", d.range.begin.line},
                {"column", d.range.begin.column}};
}

/// The rule set: id, whether every file's transcription was reviewed, and each file.
Json rule_set_json(const CheckResult& check) {
    if (!check.rules) {
        return Json{{"id", nullptr}, {"transcription_reviewed", false}, {"files", Json::array()}};
    }
    Json files = Json::array();
    for (const safety::RuleFile& f : check.rules->files) {
        files.push_back(Json{{"id", f.id},
                             {"path", f.path},
                             {"sha256", f.sha256},
                             {"transcription_reviewed", f.transcription_reviewed}});
    }
    return Json{{"id", check.rules->id},
                {"transcription_reviewed", check.rules->transcription_reviewed},
                {"files", std::move(files)}};
}

bool is_sha256(const Json& v) {
    return v.is_string() && v.get_ref<const std::string&>().size() == 64 &&
           v.get_ref<const std::string&>().find_first_not_of("0123456789abcdef") ==
               std::string::npos;
}

bool is_string_or_null(const Json& v) {
    return v.is_string() || v.is_null();
}

/// `object` has member `name` and `ok` holds for it.
template <typename Check> bool has(const Json& object, const char* name, Check ok) {
    return object.is_object() && object.contains(name) && ok(object.at(name));
}

bool is_rule_file(const Json& f) {
    return has(f, "id", [](const Json& v) { return v.is_string(); }) &&
           has(f, "path", [](const Json& v) { return v.is_string(); }) &&
           has(f, "sha256", is_sha256) &&
           has(f, "transcription_reviewed", [](const Json& v) { return v.is_boolean(); });
}

bool is_rule_set(const Json& r) {
    const auto files_ok = [](const Json& files) {
        if (!files.is_array()) {
            return false;
        }
        for (const Json& f : files) {
            if (!is_rule_file(f)) {
                return false;
            }
        }
        return true;
    };
    return has(r, "id", is_string_or_null) &&
           has(r, "transcription_reviewed", [](const Json& v) { return v.is_boolean(); }) &&
           has(r, "files", files_ok);
}

/// The first member of the predicate that is missing or of the wrong type; "" when none.
std::string predicate_problem(const Json& p) {
    const auto is_string = [](const Json& v) { return v.is_string(); };
    const auto is_object = [](const Json& v) { return v.is_object(); };
    const auto is_array = [](const Json& v) { return v.is_array(); };
    const auto is_tool = [&](const Json& v) {
        return has(v, "name", is_string) && has(v, "version", is_string);
    };
    const auto is_source = [&](const Json& v) {
        return has(v, "path", is_string) && has(v, "sha256", is_sha256);
    };
    const std::pair<const char*, bool> members[] = {
        {"tool", has(p, "tool", is_tool)},
        {"target", has(p, "target", is_string)},
        {"device", has(p, "device", is_string_or_null)},
        {"options", has(p, "options", is_object)},
        {"source", has(p, "source", is_source)},
        {"rule_set", has(p, "rule_set", is_rule_set)},
        {"verdict", has(p, "verdict", is_string)},
        {"findings", has(p, "findings", is_array)},
        {"waivers", has(p, "waivers", is_array)},
    };
    for (const auto& [name, ok] : members) {
        if (!ok) {
            return std::string("the predicate's \"") + name + "\" is missing or malformed";
        }
    }
    return "";
}

AttestProblem malformed(const std::string& what) {
    return AttestProblem{"V0602", "the statement is malformed: " + what, ""};
}

/// The subjects of a statement, or the problem with them.
std::variant<std::vector<Subject>, AttestProblem> subjects_of(const Json& statement) {
    if (!has(statement, "subject", [](const Json& v) { return v.is_array() && !v.empty(); })) {
        return malformed("no \"subject\" list");
    }
    std::vector<Subject> out;
    std::set<std::string> names;
    for (const Json& s : statement.at("subject")) {
        if (!has(s, "name", [](const Json& v) { return v.is_string(); }) ||
            !has(s, "digest", [](const Json& d) { return has(d, "sha256", is_sha256); })) {
            return malformed("a subject has no name or no SHA-256 digest");
        }
        Subject subject{s.at("name").get<std::string>(),
                        s.at("digest").at("sha256").get<std::string>()};
        if (!is_subject_name(subject.name)) {
            return malformed("the subject name \"" + subject.name + "\" is not a file name");
        }
        if (!names.insert(subject.name).second) {
            return malformed("two subjects are named \"" + subject.name + "\"");
        }
        out.push_back(std::move(subject));
    }
    return out;
}

} // namespace

Json compile_predicate(const CompileFacts& f) {
    const Json verdict = verdict_json(&f.check);
    Json findings = verdict.at("warnings");
    for (const Diagnostic& d : f.more_warnings) {
        findings.push_back(finding_json(d));
    }
    return Json{
        {"tool", Json{{"name", "tmsc"}, {"version", TMSC_VERSION}}},
        {"target", f.target},
        {"device", f.device.empty() ? Json(nullptr) : Json(f.device)},
        {"options", f.options},
        {"source", Json{{"path", f.source.path()}, {"sha256", sha256_hex(f.source.text())}}},
        {"rule_set", rule_set_json(f.check)},
        {"verdict", verdict.at("verdict")},
        {"findings", std::move(findings)},
        {"waivers", verdict.at("waivers")}};
}

std::string statement_text(const CompileStatement& statement) {
    Json subjects = Json::array();
    for (const Subject& s : statement.subjects) {
        subjects.push_back(Json{{"name", s.name}, {"digest", Json{{"sha256", s.sha256}}}});
    }
    const Json out{{"_type", std::string(kStatementType)},
                   {"subject", std::move(subjects)},
                   {"predicateType", std::string(kCompilePredicateType)},
                   {"predicate", statement.predicate}};
    // Invalid UTF-8 (a path) becomes U+FFFD rather than an exception.
    return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::variant<CompileStatement, AttestProblem> parse_statement(std::string_view text) {
    std::string why;
    const std::optional<Json> json = parse_strict_json(text, why);
    if (!json) {
        return malformed(why);
    }
    if (!has(*json, "_type", [](const Json& v) { return v == std::string(kStatementType); })) {
        return malformed("not an in-toto Statement v1 (\"_type\")");
    }
    if (!has(*json, "predicateType",
             [](const Json& v) { return v == std::string(kCompilePredicateType); })) {
        return malformed("the predicate type is not " + std::string(kCompilePredicateType));
    }
    auto subjects = subjects_of(*json);
    if (auto* problem = std::get_if<AttestProblem>(&subjects)) {
        return *problem;
    }
    if (!json->contains("predicate")) {
        return malformed("no \"predicate\"");
    }
    if (const std::string problem = predicate_problem(json->at("predicate")); !problem.empty()) {
        return malformed(problem);
    }
    return CompileStatement{std::get<std::vector<Subject>>(std::move(subjects)),
                            json->at("predicate")};
}

bool is_subject_name(std::string_view name) {
    return !name.empty() && name != "." && name != ".." &&
           name.find_first_of(std::string_view("/\0", 2)) == std::string_view::npos;
}

} // namespace tmsc
