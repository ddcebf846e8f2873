#include "compiler/driver.hpp"

#include "grammar/parser.hpp"

namespace tmsc {

const char* verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Unknown: return "unknown";
    }
    return "fail";
}

CheckResult check_source(const SourceFile& source) {
    CheckResult result;
    ParseResult parsed = parse_protocol(source);
    DiagnosticList diagnostics = parsed.diagnostics;
    if (!diagnostics.has_errors()) {
        result.protocol = std::move(parsed.protocol);
    }
    result.diagnostics = diagnostics.sorted();
    result.verdict = diagnostics.has_errors() ? Verdict::Fail : Verdict::Pass;
    return result;
}

} // namespace tmsc
