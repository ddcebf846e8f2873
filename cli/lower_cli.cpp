#include "cli/lower_cli.hpp"

namespace tmsc::cli {

namespace {

std::optional<Rational> threshold_flag(const std::string& text, const char* name,
                                       std::string& error) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::optional<Rational> v = Rational::parse_decimal(text);
    if (!v || v->is_zero() || *v > Rational(100)) {
        error = std::string("--") + name + " expects a threshold in %MSO above 0 and at most " +
                "100, found '" + text + "'";
        return std::nullopt;
    }
    return v;
}

} // namespace

void add_lowering_flags(CLI::App& app, LoweringFlags& flags) {
    app.add_option("--set", flags.settings,
                   "Parameter value NAME=VALUE (repeatable); must lie in the declared range\n"
                   "  example: --set test=125%rMT");
    app.add_option("--rmt", flags.rmt, "Subject's resting motor threshold in %MSO");
    app.add_option("--amt", flags.amt, "Subject's active motor threshold in %MSO");
    app.add_option("--seed", flags.seed,
                   "Seed for jittered intervals that have no 'seed' of their own");
    app.add_option("--max-pulses", flags.max_pulses,
                   "Refuse sessions with more pulses than this (default 10000000)")
        ->check(CLI::PositiveNumber);
    app.add_option("--rules", flags.rules,
                   "Safety rule set, as for 'tmsc check' (default rossi2009)");
    app.add_flag("--strict", flags.strict, "Refuse a protocol that has any warning or waived finding");
    app.add_flag("--allow-waived-errors", flags.allow_waived_errors,
                 "Let a 'waive' item accept an error (a broken limit), not only a warning");
}

bool check_options(const LoweringFlags& flags, CheckOptions& out, std::string& error) {
    const safety::LoadRulesResult rules = safety::load_rules(flags.rules);
    if (!rules.rules) {
        error = rules.error;
        return false;
    }
    out.rules = rules.rules;
    out.strict = flags.strict;
    out.allow_waived_errors = flags.allow_waived_errors;
    return true;
}

bool lower_options(const LoweringFlags& flags, LowerOptions& out, std::string& error) {
    for (const std::string& s : flags.settings) {
        std::optional<ParamSetting> setting = parse_param_setting(s, error);
        if (!setting) {
            return false;
        }
        out.settings.push_back(std::move(*setting));
    }
    out.rmt_mso = threshold_flag(flags.rmt, "rmt", error);
    out.amt_mso = threshold_flag(flags.amt, "amt", error);
    out.seed = flags.seed;
    out.max_pulses = flags.max_pulses;
    return error.empty();
}

} // namespace tmsc::cli
