#include "safety/waivers.hpp"

#include "support/edit_distance.hpp"

namespace tmsc::safety {

const char* waiver_status_name(WaiverRecord::Status status) {
    switch (status) {
    case WaiverRecord::Status::Applied: return "applied";
    case WaiverRecord::Status::Unused: return "unused";
    case WaiverRecord::Status::UnknownRule: return "unknown-rule";
    case WaiverRecord::Status::NeedsFlag: return "needs --allow-waived-errors";
    }
    return "unused";
}

namespace {

std::string position(const SourceRange& range) {
    return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

void unknown_rule(const ast::Waiver& waiver, const RuleSet& rules, DiagnosticList& out) {
    Diagnostic& d = out.error("S0301",
                              "waiver names rule '" + waiver.rule.text + "', which rule set '" +
                                  rules.id + "' does not have",
                              waiver.rule.range);
    std::vector<std::string> ids;
    for (const Rule& r : rules.rules) {
        ids.push_back(r.id);
    }
    if (auto best = closest_match(waiver.rule.text, ids)) {
        d.notes.push_back({"did you mean '" + *best + "'?", std::nullopt});
    }
}

/// Turns a finding the waiver accepts into a recorded note.
void accept(Finding& finding, const ast::Waiver& waiver) {
    Diagnostic& d = finding.diagnostic;
    d.message = "waived " + std::string(severity_name(d.severity)) + ": " + d.message;
    d.severity = Severity::Note;
    d.notes.insert(d.notes.begin(),
                   {"waived at " + position(waiver.range) + ": \"" + waiver.reason.value + "\"",
                    waiver.range});
}

} // namespace

void apply_waivers(const ast::Protocol& protocol, const RuleSet& rules, bool allow_waived_errors,
                   std::vector<Finding> findings, DiagnosticList& out,
                   std::vector<WaiverRecord>& records) {
    for (const ast::Waiver& waiver : protocol.waivers) {
        WaiverRecord record{waiver.rule.text, waiver.reason.value, waiver.range,
                            WaiverRecord::Status::Unused, 0};
        if (!rules.find(waiver.rule.text)) {
            record.status = WaiverRecord::Status::UnknownRule;
            unknown_rule(waiver, rules, out);
            records.push_back(record);
            continue;
        }
        for (Finding& f : findings) {
            if (!f.rule || f.rule->id != waiver.rule.text || f.diagnostic.severity == Severity::Note) {
                continue;
            }
            ++record.findings;
            if (f.diagnostic.severity == Severity::Error && !allow_waived_errors) {
                record.status = WaiverRecord::Status::NeedsFlag;
                f.diagnostic.notes.push_back(
                    {"the waiver at " + position(waiver.range) +
                         " does not apply: waiving an error needs --allow-waived-errors",
                     waiver.range});
                continue;
            }
            record.status = WaiverRecord::Status::Applied;
            accept(f, waiver);
        }
        if (record.findings == 0) {
            out.warning("S0302",
                        "waiver for '" + waiver.rule.text + "' has no effect: the rule holds for this protocol",
                        waiver.range);
        }
        records.push_back(record);
    }
    for (Finding& f : findings) {
        out.add(f.diagnostic.severity, f.diagnostic.code, f.diagnostic.message, f.diagnostic.range)
            .notes = f.diagnostic.notes;
    }
}

} // namespace tmsc::safety
