#include "compiler/report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tmsc {

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
    return out;
}

std::string render_check_json(const std::vector<FileReport>& files) {
    using nlohmann::json;
    json list = json::array();
    for (const FileReport& f : files) {
        json diagnostics = json::array();
        for (const Diagnostic& d : f.result.diagnostics) {
            json notes = json::array();
            for (const DiagnosticNote& n : d.notes) {
                json note{{"message", n.message}};
                if (n.range) {
                    note["line"] = n.range->begin.line;
                    note["column"] = n.range->begin.column;
                }
                notes.push_back(note);
            }
            diagnostics.push_back(json{{"severity", severity_name(d.severity)},
                                       {"code", d.code},
                                       {"message", d.message},
                                       {"line", d.range.begin.line},
                                       {"column", d.range.begin.column},
                                       {"end_line", d.range.end.line},
                                       {"end_column", d.range.end.column},
                                       {"notes", notes}});
        }
        list.push_back(json{{"path", f.source.path()},
                            {"verdict", verdict_name(f.result.verdict)},
                            {"diagnostics", diagnostics}});
    }
    return json{{"files", list}}.dump(2) + '\n';
}

} // namespace tmsc
