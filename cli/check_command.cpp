// `tmsc check`: parse, resolve and verify each file against a safety rule set; report per file.

#include "cli/command.hpp"
#include "cli/driver/driver.hpp"
#include "cli/driver/lower_pipeline.hpp"
#include "cli/report/report.hpp"
#include "cli/report/report_sarif.hpp"
#include "grammar/ast_json.hpp"
#include "support/source_loader.hpp"
#include "targets/devices/device_limits.hpp"

#include <algorithm>
#include <iostream>

namespace tmsc::cli {

namespace {

/// Options of `tmsc check`.
struct CheckArgs {
    std::vector<std::string> files;
    std::string format = "text";
    std::string emit;
    std::string rules = safety::kDefaultRuleSet;
    bool strict = false;
    bool allow_waived_errors = false;
    unsigned timeout_ms = safety::Verifier::kDefaultTimeoutMs;
    std::string device; ///< --device: also prove the protocol deliverable on it
    std::string rmt;    ///< --rmt / --amt: thresholds for the device obligations
    std::string amt;
};

/// Every solver query of every file as SMT-LIB 2, each a standalone script ending in (reset),
/// with the answer tmsc got in a comment, so any SMT solver can re-check them.
void print_smt2(const std::vector<FileReport>& reports) {
    std::cout << "; tmsc safety queries; each is (set-logic ALL) ... (check-sat) (reset)\n";
    for (const FileReport& r : reports) {
        if (!r.result.safety) {
            continue;
        }
        std::cout << "; file: " << r.source.path() << "\n";
        for (const safety::QueryText& q : r.result.safety->queries) {
            std::cout << "; tmsc answer: " << q.answer << "\n" << q.smt2 << "(reset)\n";
        }
    }
}

void print_report(const CheckArgs& args, const std::vector<FileReport>& reports,
                  const CheckInvocation& invocation) {
    if (args.emit == "ast") {
        for (const FileReport& r : reports) {
            if (r.result.protocol) {
                std::cout << emit_ast_json(*r.result.protocol);
            }
        }
    } else if (args.emit == "smt2") {
        print_smt2(reports);
    }
    if (args.format == "json") {
        std::cout << render_check_json(reports);
    } else if (args.format == "sarif") {
        std::cout << render_check_sarif(reports, invocation);
    } else if (args.emit.empty()) {
        std::cout << render_check_text(reports);
    } else {
        // With --emit the stage dump owns standard output; the report goes to standard error.
        std::cerr << render_check_text(reports);
    }
}

/// Loads and checks every file. An unreadable file stops the run (false), except with SARIF:
/// a code-scanning upload needs a whole log, so the rest are checked and the file is named in
/// the log's invocation (the exit code is still 2).
bool check_files(const CheckArgs& args, const CheckOptions& options,
                 std::vector<FileReport>& reports, CheckInvocation& invocation) {
    for (const std::string& path : args.files) {
        LoadResult loaded = load_source(path);
        if (!loaded.source) {
            std::cerr << "tmsc: error: " << loaded.io_error << '\n';
            if (args.format != "sarif") {
                return false;
            }
            invocation.unreadable.push_back({path, loaded.io_error});
            continue;
        }
        // check_with_lowering: check also rejects what lowering rejects (E0911, E0914, ...).
        CheckResult result = check_with_lowering(*loaded.source, options);
        reports.push_back({std::move(*loaded.source), std::move(result)});
    }
    return true;
}

int run_check(const CheckArgs& args) {
    const safety::LoadRulesResult rules = safety::load_rules(args.rules);
    if (!rules.rules) {
        std::cerr << "tmsc: error: " << rules.error << '\n';
        return kExitUsage;
    }
    // One solver session (one Z3 context) for the whole run.
    safety::Verifier verifier(rules.rules, args.timeout_ms);
    CheckOptions options;
    options.rules = rules.rules;
    options.verifier = &verifier;
    options.strict = args.strict;
    options.allow_waived_errors = args.allow_waived_errors;
    options.keep_queries = args.emit == "smt2";
    options.timeout_ms = args.timeout_ms;
    if (!args.device.empty() || !args.rmt.empty() || !args.amt.empty()) {
        std::string error;
        if (args.device.empty()) {
            error = "--rmt and --amt need --device NAME (run 'tmsc devices' for the list)";
        } else {
            options.device = targets::load_device_target(args.device, args.rmt, args.amt, error);
        }
        if (!options.device) {
            std::cerr << "tmsc: error: " << error << '\n';
            return kExitUsage;
        }
    }
    std::vector<FileReport> reports;
    CheckInvocation invocation;
    if (!check_files(args, options, reports, invocation)) {
        return kExitUsage;
    }
    const bool all_pass = std::all_of(reports.begin(), reports.end(), [](const FileReport& r) {
        return r.result.verdict == Verdict::Pass;
    });
    invocation.exit_code = !invocation.unreadable.empty() ? kExitUsage
                           : all_pass                    ? kExitOk
                                                         : kExitProtocol;
    print_report(args, reports, invocation);
    return invocation.exit_code;
}

} // namespace

Command add_check_command(CLI::App& app) {
    auto args = std::make_shared<CheckArgs>();
    CLI::App* check = app.add_subcommand(
        "check", "Parse, check and verify protocols against a safety rule set; print a verdict per\n"
                 "file (pass, fail, or unknown when no rule covers a stimulus).\n"
                 "  example: tmsc check examples/*.tms");
    check->add_option("files", args->files, "Protocol files (.tms); '-' reads standard input")
        ->required();
    check->add_option("--format", args->format,
                      "Report format: text, json, or sarif (SARIF 2.1.0 for code-scanning\n"
                      "tools; see docs/ci.md) (default text)\n"
                      "  example: tmsc check --format sarif examples/*.tms > tmsc.sarif")
        ->check(CLI::IsMember({"text", "json", "sarif"}));
    check->add_option("--emit", args->emit,
                      "Also dump a pipeline stage to standard output: ast, or smt2 (every\n"
                      "solver query as SMT-LIB 2)\n"
                      "  example: tmsc check --emit=smt2 examples/fda-10hz.tms")
        ->check(CLI::IsMember({"ast", "smt2"}));
    check->add_option("--rules", args->rules,
                      "Safety rule set: a built-in name (rossi2009, rossi2009-conservative) or\n"
                      "the path of a JSON rule file (default rossi2009)\n"
                      "  example: tmsc check --rules safety/rules/examples/site-90min.json x.tms");
    check->add_flag("--strict", args->strict, "Fail a protocol that has any warning or waived finding");
    check->add_option("--device", args->device,
                      "Also prove the protocol deliverable on a stimulator: a device profile\n"
                      "name (tmsc devices) or a .json path; see docs/safety.md\n"
                      "  example: tmsc check --device magstim-rapid2-240v --rmt 55 x.tms");
    check->add_option("--rmt", args->rmt, "With --device: the subject's rMT in %MSO");
    check->add_option("--amt", args->amt, "With --device: the subject's aMT in %MSO");
    check->add_flag("--allow-waived-errors", args->allow_waived_errors,
                    "Let a 'waive' item accept an error (a broken limit), not only a warning");
    check->add_option("--timeout", args->timeout_ms,
                      "Milliseconds each solver query may take; a query not answered in time\n"
                      "fails the protocol (default 10000)")
        ->check(CLI::Range(1u, 3600000u));
    return Command{check, [args] { return run_check(*args); }};
}

} // namespace tmsc::cli
