#include "cli/driver/driver.hpp"

#include "compiler/check/resolve.hpp"
#include "grammar/parser.hpp"
#include "support/source_loader.hpp"

namespace tmsc {

namespace {

safety::SafetyReport verify(const ResolvedProtocol& protocol, const CheckResult& result,
                            const CheckOptions& options) {
    const safety::VerifyOptions verify_options{options.allow_waived_errors, options.keep_queries,
                                               options.device.get(), false};
    if (options.verifier) {
        return options.verifier->verify(protocol, verify_options);
    }
    safety::Verifier own(result.rules, options.timeout_ms);
    return own.verify(protocol, verify_options);
}

} // namespace

CheckResult check_source(const SourceFile& source) { return check_source(source, CheckOptions{}); }

CheckResult check_source(const SourceFile& source, const CheckOptions& options) {
    CheckResult result;
    result.rules = options.verifier ? options.verifier->rules_ptr()
                   : options.rules  ? options.rules
                                    : safety::default_rules();
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
        if (resolved.protocol && options.device) {
            // check --device --rmt N: the device obligations use N, so it must be a threshold
            // the protocol was written for, as compile requires.
            if (options.device->rmt_mso) {
                threshold_in_subject(*options.device->rmt_mso, resolved.protocol->rmt, "rmt",
                                     diagnostics);
            }
            if (options.device->amt_mso) {
                threshold_in_subject(*options.device->amt_mso, resolved.protocol->amt, "amt",
                                     diagnostics);
            }
        }
        if (resolved.protocol) {
            result.safety = verify(*resolved.protocol, result, options);
            diagnostics.append(result.safety->diagnostics);
        }
    }
    result.diagnostics = diagnostics.sorted();
    result.verdict = verdict_of(result.diagnostics, result.safety, options);
    return result;
}

} // namespace tmsc
