#include "cli/report/report.hpp"

#include "safety/table.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tmsc {

using nlohmann::json;

namespace {

std::size_t count(const CheckResult& r, Severity severity) {
    return static_cast<std::size_t>(std::count_if(
        r.diagnostics.begin(), r.diagnostics.end(),
        [&](const Diagnostic& d) { return d.severity == severity; }));
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

std::string position(const SourceFile& source, const SourceRange& range) {
    return source.path() + ":" + std::to_string(range.begin.line) + ":" +
           std::to_string(range.begin.column);
}

/// The rule set every file was judged by (the same for one run).
const safety::RuleSet* rules_of(const std::vector<FileReport>& files) {
    for (const FileReport& f : files) {
        if (f.result.rules) {
            return f.result.rules.get();
        }
    }
    return nullptr;
}

/// Which rule set, its files' SHA-256 and whether its transcription was reviewed.
std::string rules_text(const safety::RuleSet& rules) {
    std::string out = "rules: " + rules.id + " (" + rules.title + ")\n";
    for (const safety::RuleFile& f : rules.files) {
        out += "  sha256 " + f.sha256 + "  " + f.path + "\n";
    }
    out += std::string("  transcription reviewed: ") + (rules.transcription_reviewed ? "yes" : "no") +
           (rules.transcription_reviewed ? "" : " (" + rules.review_note + ")") + "\n";
    for (const std::string& note : safety::unverified_row_notes(rules)) {
        out += "  " + note + "\n";
    }
    return out;
}

std::string waivers_text(const std::vector<FileReport>& files) {
    std::string out;
    for (const FileReport& f : files) {
        if (!f.result.safety) {
            continue;
        }
        for (const safety::WaiverRecord& w : f.result.safety->waivers) {
            out += "  " + position(f.source, w.range) + ": " + w.rule + " \"" + w.reason + "\": " +
                   safety::waiver_status_name(w.status) + " (" + std::to_string(w.findings) +
                   (w.findings == 1 ? " finding)\n" : " findings)\n");
        }
    }
    return out.empty() ? "waivers: none\n" : "waivers:\n" + out;
}

} // namespace

std::string render_check_text(const std::vector<FileReport>& files) {
    std::string out;
    for (const FileReport& f : files) {
        out += render_all(f.result.diagnostics, f.source);
    }
    if (!out.empty()) {
        out += '\n';
    }
    out += "verdict  errors  warnings  file\n";
    std::size_t verdicts[3] = {0, 0, 0};
    for (const FileReport& f : files) {
        ++verdicts[static_cast<int>(f.result.verdict)];
        out += pad(verdict_name(f.result.verdict), 9) +
               pad(std::to_string(count(f.result, Severity::Error)), 8) +
               pad(std::to_string(count(f.result, Severity::Warning)), 10) + f.source.path() + '\n';
    }
    out += std::to_string(files.size()) + (files.size() == 1 ? " file: " : " files: ") +
           std::to_string(verdicts[0]) + " pass, " + std::to_string(verdicts[1]) + " fail, " +
           std::to_string(verdicts[2]) + " unknown\n";
    if (const safety::RuleSet* rules = rules_of(files)) {
        out += rules_text(*rules);
    }
    return out + waivers_text(files);
}

namespace {

json location(const SourceRange& range) {
    return json{{"line", range.begin.line}, {"column", range.begin.column}};
}

json rules_json(const safety::RuleSet& rules) {
    json files = json::array();
    for (const safety::RuleFile& f : rules.files) {
        files.push_back(json{{"id", f.id}, {"path", f.path}, {"sha256", f.sha256},
                             {"transcription_reviewed", f.transcription_reviewed},
                             {"review_note", f.review_note}});
    }
    return json{{"id", rules.id},
                {"title", rules.title},
                {"transcription_reviewed", rules.transcription_reviewed},
                {"review_note", rules.review_note},
                {"files", files},
                {"unverified_rows", safety::unverified_row_notes(rules)}};
}

json diagnostics_json(const std::vector<Diagnostic>& list) {
    json out = json::array();
    for (const Diagnostic& d : list) {
        json notes = json::array();
        for (const DiagnosticNote& n : d.notes) {
            json note{{"message", n.message}};
            if (n.range) {
                note["line"] = n.range->begin.line;
                note["column"] = n.range->begin.column;
            }
            notes.push_back(note);
        }
        out.push_back(json{{"severity", severity_name(d.severity)},
                           {"code", d.code},
                           {"message", d.message},
                           {"line", d.range.begin.line},
                           {"column", d.range.begin.column},
                           {"end_line", d.range.end.line},
                           {"end_column", d.range.end.column},
                           {"notes", notes}});
    }
    return out;
}

json safety_json(const safety::SafetyReport& report) {
    json checks = json::array();
    for (const safety::CheckRecord& c : report.checks) {
        json item = location(c.range);
        item.update(json{{"rule", c.rule}, {"subject", c.key},
                         {"result", safety::smt::verdict_name(c.verdict)}, {"used", c.used}});
        checks.push_back(item);
    }
    json counterexamples = json::array();
    for (const safety::Counterexample& cx : report.counterexamples) {
        json values = json::object();
        for (const auto& [name, value] : cx.values) {
            values[name] = value;
        }
        json item = location(cx.range);
        item.update(json{{"rule", cx.rule}, {"citation", cx.citation}, {"values", values},
                         {"actual", cx.actual}, {"limit", cx.limit}, {"message", cx.summary}});
        counterexamples.push_back(item);
    }
    return json{{"unknown", report.unknown}, {"checks", checks}, {"counterexamples", counterexamples}};
}

json waivers_json(const CheckResult& result) {
    json out = json::array();
    if (result.safety) {
        for (const safety::WaiverRecord& w : result.safety->waivers) {
            json item = location(w.range);
            item.update(json{{"rule", w.rule}, {"reason", w.reason},
                             {"status", safety::waiver_status_name(w.status)}, {"findings", w.findings}});
            out.push_back(item);
        }
    }
    return out;
}

} // namespace

std::string render_check_json(const std::vector<FileReport>& files) {
    json list = json::array();
    for (const FileReport& f : files) {
        json file{{"path", f.source.path()},
                  {"verdict", verdict_name(f.result.verdict)},
                  {"diagnostics", diagnostics_json(f.result.diagnostics)},
                  {"waivers", waivers_json(f.result)}};
        if (f.result.safety) {
            file["safety"] = safety_json(*f.result.safety);
        }
        list.push_back(file);
    }
    json out{{"files", list}};
    if (const safety::RuleSet* rules = rules_of(files)) {
        out["rules"] = rules_json(*rules);
    }
    return out.dump(2) + '\n';
}

} // namespace tmsc
