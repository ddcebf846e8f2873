#include "safety/check_result.hpp"

#include <algorithm>

namespace tmsc {

const char* verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Unknown: return "unknown";
    }
    return "fail";
}

namespace {

bool any_of_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [&](const Diagnostic& d) { return d.severity == severity; });
}

/// Whether some waiver accepted a finding (the finding is then a note in the report).
bool any_waiver_applied(const safety::SafetyReport& report) {
    return std::any_of(report.waivers.begin(), report.waivers.end(), [](const auto& w) {
        return w.status == safety::WaiverRecord::Status::Applied;
    });
}

} // namespace

bool is_unwaived_safety_warning(const Diagnostic& diagnostic) {
    const std::string& code = diagnostic.code;
    return diagnostic.severity == Severity::Warning && code.starts_with("S") &&
           !code.starts_with("S02") && code != "S0302";
}

Verdict verdict_of(const std::vector<Diagnostic>& diagnostics,
                   const std::optional<safety::SafetyReport>& safety, const CheckOptions& options) {
    if (any_of_severity(diagnostics, Severity::Error) || !safety) {
        return Verdict::Fail; // without verification nothing was proved
    }
    // Beyond the published evidence is not "shown safe": it needs the protocol's waiver.
    if (std::any_of(diagnostics.begin(), diagnostics.end(), is_unwaived_safety_warning)) {
        return Verdict::Fail;
    }
    if (safety->unknown) {
        return Verdict::Unknown;
    }
    if (options.strict &&
        (any_of_severity(diagnostics, Severity::Warning) || any_waiver_applied(*safety))) {
        return Verdict::Fail;
    }
    return Verdict::Pass;
}

} // namespace tmsc
