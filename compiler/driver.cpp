#include "compiler/driver.hpp"

#include "compiler/resolve.hpp"
#include "compiler/source_loader.hpp"
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
    DiagnosticList diagnostics = check_encoding(source);
    if (diagnostics.has_errors()) {
        result.diagnostics = diagnostics.sorted();
        return result;
    }
    ParseResult parsed = parse_protocol(source);
    diagnostics.append(parsed.diagnostics);
    if (!diagnostics.has_errors()) {
        result.protocol = std::move(parsed.protocol);
        ResolveResult resolved = resolve(*result.protocol);
        diagnostics.append(resolved.diagnostics);
    }
    result.diagnostics = diagnostics.sorted();
    result.verdict = diagnostics.has_errors() ? Verdict::Fail : Verdict::Pass;
    return result;
}

} // namespace tmsc
