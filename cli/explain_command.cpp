// `tmsc explain FILE`: per train, gap and session total, the limits that apply and the margin
// to each in the worst case over the protocol's ranges; then the verdict `tmsc check` gives.

#include "cli/command.hpp"
#include "cli/driver/driver.hpp"
#include "compiler/check/resolve.hpp"
#include "safety/explain.hpp"
#include "safety/table.hpp"
#include "support/source_loader.hpp"

#include <iostream>

namespace tmsc::cli {

namespace {

/// Options of `tmsc explain`.
struct ExplainArgs {
    std::string file;
    std::string rules = safety::kDefaultRuleSet;
    unsigned timeout_ms = safety::Verifier::kDefaultTimeoutMs;
};

std::string rules_line(const safety::RuleSet& rules) {
    std::string out = "rules: " + rules.id;
    for (const safety::RuleFile& f : rules.files) {
        out += "; " + f.path + " sha256 " + f.sha256;
    }
    out += std::string("; transcription reviewed: ") +
           (rules.transcription_reviewed ? "yes" : "no") + "\n";
    for (const std::string& note : safety::unverified_row_notes(rules)) {
        out += "  " + note + "\n";
    }
    return out;
}

int run_explain(const ExplainArgs& args) {
    const safety::LoadRulesResult rules = safety::load_rules(args.rules);
    if (!rules.rules) {
        std::cerr << "tmsc: error: " << rules.error << '\n';
        return kExitUsage;
    }
    LoadResult loaded = load_source(args.file);
    if (!loaded.source) {
        std::cerr << "tmsc: error: " << loaded.io_error << '\n';
        return kExitUsage;
    }
    safety::Verifier verifier(rules.rules, args.timeout_ms);
    CheckOptions options;
    options.verifier = &verifier;
    const CheckResult result = check_source(*loaded.source, options);
    std::cout << loaded.source->path() << "\n" << rules_line(*rules.rules);
    std::optional<ResolveResult> resolved;
    if (result.protocol) {
        resolved = resolve(*result.protocol);
    }
    if (!resolved || !resolved->protocol) {
        // Nothing to explain: show why, exactly as `tmsc check` would.
        std::cerr << render_all(result.diagnostics, *loaded.source);
    } else {
        try {
            std::cout << safety::explain_protocol(*resolved->protocol, verifier);
        } catch (const std::exception& e) {
            // The margins are a view; the verdict below still comes from the full check.
            std::cout << "could not compute the margins: " << e.what() << "\n";
        }
    }
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const Diagnostic& d : result.diagnostics) {
        errors += d.severity == Severity::Error;
        warnings += d.severity == Severity::Warning;
    }
    std::cout << "verdict: " << verdict_name(result.verdict) << " (" << errors << " errors, " << warnings
              << " warnings; 'tmsc check' lists them)\n";
    return result.verdict == Verdict::Pass ? kExitOk : kExitProtocol;
}

} // namespace

Command add_explain_command(CLI::App& app) {
    auto args = std::make_shared<ExplainArgs>();
    CLI::App* explain = app.add_subcommand(
        "explain", "Show, for each train, gap and session total, the safety limits that apply and\n"
                   "the worst-case margin to each over the protocol's ranges.\n"
                   "  example: tmsc explain examples/fda-10hz.tms");
    explain->add_option("file", args->file, "Protocol file (.tms); '-' reads standard input")->required();
    explain->add_option("--rules", args->rules,
                        "Safety rule set: built-in name or JSON path (default rossi2009)");
    explain->add_option("--timeout", args->timeout_ms, "Milliseconds each solver query may take")
        ->check(CLI::Range(1u, 3600000u));
    return Command{explain, [args] { return run_explain(*args); }};
}

} // namespace tmsc::cli
