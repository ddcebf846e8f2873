#include "safety/verify.hpp"

#include "safety/describe.hpp"
#include "safety/device_check.hpp"
#include "safety/model.hpp"
#include "safety/obligations.hpp"
#include "safety/recheck.hpp"
#include "safety/smt/bounds.hpp"
#include "safety/timeline/timeline_check.hpp"
#include "safety/waivers.hpp"

#include <map>
#include <set>

namespace tmsc::safety {

Verifier::Verifier(std::shared_ptr<const RuleSet> rules, unsigned timeout_ms)
    : rules_(std::move(rules)), session_(std::make_unique<smt::Session>(timeout_ms)) {}

Verifier::~Verifier() = default;

namespace {

/// Letters, digits and '_' only, so the text can be an SMT-LIB symbol.
std::string symbol_safe(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return out;
}

std::string at(const SourceRange& range) {
    return "L" + std::to_string(range.begin.line) + "_C" + std::to_string(range.begin.column);
}

/// The query for one obligation: each variable within its declared range (tracked at its
/// declaration), and the violation (tracked at the subject).
smt::Query make_query(const SafetyModel& model, const Obligation& o) {
    const std::string what = o.rule ? o.rule->id : o.code;
    // Drop the table rows and columns the ranges cannot reach; the ranges are asserted too.
    return smt::ranged_query(what + " on " + o.key + " (line " + std::to_string(o.range.begin.line) + ")",
                             simplify(o.violation, model.variables), model.variables,
                             "violates_" + symbol_safe(what) + "_" + at(o.range), o.range,
                             (o.rule ? "violation of " : "not covered: ") + what);
}

/// The worst answer per rule and subject: a counterexample beats "not proved" beats a proof.
struct Answer {
    const Obligation* obligation = nullptr;
    smt::Query query;
    smt::Outcome outcome;
};

int rank(smt::Verdict verdict) {
    switch (verdict) {
    case smt::Verdict::Counterexample: return 3;
    case smt::Verdict::Timeout:
    case smt::Verdict::Unknown: return 2;
    case smt::Verdict::Proved: return 0;
    }
    return 2;
}

const char* answer_text(smt::Verdict verdict) {
    return verdict == smt::Verdict::Proved ? "unsat"
           : verdict == smt::Verdict::Counterexample ? "sat"
                                                    : "unknown";
}

class Run {
  public:
    Run(Verifier& verifier, const ResolvedProtocol& protocol, const VerifyOptions& options)
        : verifier_(verifier), protocol_(protocol), options_(options),
          model_(build_model(protocol)) {}

    SafetyReport go();

  private:
    void ask(const Obligation& o);
    void report_answer(const Answer& a);
    void not_proved(const Answer& a);
    void device_obligations();
    bool subsumed(const Obligation& o) const;
    void timeline(const timeline::TimelineOutcome& outcome, bool joins_found);
    bool join_questions();

    Verifier& verifier_;
    const ResolvedProtocol& protocol_;
    const VerifyOptions& options_;
    SafetyModel model_;
    std::map<std::string, Answer> answers_; ///< by Obligation::result_key()
    std::vector<std::string> order_;
    std::vector<Finding> findings_;
    SafetyReport report_;
};

void Run::ask(const Obligation& o) {
    smt::Query query = make_query(model_, o);
    smt::Outcome outcome = verifier_.session().check(query, model_.variables);
    report_.checks.push_back({o.rule ? o.rule->id : o.code, o.key, o.range, outcome.verdict, outcome.core});
    if (options_.keep_queries) {
        report_.queries.push_back({query.name, verifier_.session().to_smt2(query, model_.variables),
                                   answer_text(outcome.verdict)});
    }
    const std::string key = o.result_key();
    auto it = answers_.find(key);
    if (it == answers_.end()) {
        order_.push_back(key);
        answers_.emplace(key, Answer{&o, std::move(query), std::move(outcome)});
    } else if (rank(outcome.verdict) > rank(it->second.outcome.verdict)) {
        it->second = Answer{&o, std::move(query), std::move(outcome)};
    }
}

bool Run::subsumed(const Obligation& o) const {
    if (!o.rule || o.rule->subsumed_by.empty()) {
        return false;
    }
    auto it = answers_.find(o.rule->subsumed_by + "|" + o.key);
    return it != answers_.end() && it->second.outcome.verdict == smt::Verdict::Counterexample;
}

void Run::not_proved(const Answer& a) {
    const Obligation& o = *a.obligation;
    const bool timeout = a.outcome.verdict == smt::Verdict::Timeout;
    Diagnostic d;
    d.code = timeout ? "S0401" : "S0402";
    d.range = o.range;
    d.message = std::string("could not prove ") + (o.rule ? "rule " + o.rule->id : "coverage (" + o.code + ")") +
                " here: " + (timeout ? "the solver ran out of time (" + std::to_string(verifier_.session().timeout_ms()) + " ms)"
                                     : "the solver gave up (" + a.outcome.reason + ")");
    d.notes.push_back({"what is not proved is not passed; simplify the ranges or raise --timeout", std::nullopt});
    findings_.push_back({d, nullptr});
}

void Run::report_answer(const Answer& a) {
    const Obligation& o = *a.obligation;
    if (a.outcome.verdict == smt::Verdict::Proved || subsumed(o)) {
        return;
    }
    if (a.outcome.verdict != smt::Verdict::Counterexample) {
        not_proved(a);
        return;
    }
    const smt::Outcome best = verifier_.session().minimise(a.query, model_.variables, a.outcome);
    if (o.is_coverage()) {
        report_.unknown = true;
        findings_.push_back({describe_uncovered(model_, o, best.model), nullptr});
        return;
    }
    Counterexample record;
    Diagnostic d = describe_violation(model_, verifier_.rules(), o, best.model, best.model_exact, record);
    if (best.model_exact) {
        // Trust but verify: the plain evaluator must see the same violation at these values.
        if (auto problem = recheck(protocol_, model_, verifier_.rules(), o, complete(model_, best.model))) {
            findings_.push_back({{Severity::Error, "S0403", "internal inconsistency: " + *problem, o.range, {}},
                                 nullptr});
        }
    }
    report_.counterexamples.push_back(record);
    findings_.push_back({d, o.rule});
}

void Run::device_obligations() {
    DeviceFindings found =
        check_device(verifier_.session(), model_, *options_.device, options_.keep_queries);
    for (Diagnostic& d : found.diagnostics) {
        findings_.push_back({std::move(d), nullptr}); // device limits cannot be waived
    }
    report_.checks.insert(report_.checks.end(), found.checks.begin(), found.checks.end());
    report_.counterexamples.insert(report_.counterexamples.end(), found.counterexamples.begin(),
                                   found.counterexamples.end());
    report_.queries.insert(report_.queries.end(), found.queries.begin(), found.queries.end());
}

void Run::timeline(const timeline::TimelineOutcome& outcome, bool joins_found) {
    for (const Diagnostic& d : outcome.problems.items()) {
        if (!(joins_found && d.code == "S0205")) { // the join question names the statement
            findings_.push_back({d, nullptr});
        }
    }
    std::set<std::string> proved_broken; // rule ids the encoding already reported
    for (const Counterexample& c : report_.counterexamples) {
        proved_broken.insert(c.rule);
    }
    for (const timeline::TimelineFinding& f : outcome.findings) {
        if (!outcome.exact && (f.finding.rule ? proved_broken.count(f.finding.rule->id) > 0 : report_.unknown)) {
            continue; // the same finding at the ends of the ranges: the encoding's is kept
        }
        findings_.push_back(f.finding);
        if (f.finding.rule) {
            report_.counterexamples.push_back({f.finding.rule->id, f.finding.rule->citation,
                                               f.finding.diagnostic.range, f.values, f.actual, f.limit,
                                               f.finding.diagnostic.message});
        }
    }
    report_.unknown = report_.unknown || outcome.unknown;
    if (outcome.exact) {
        for (const timeline::JudgedRule& j : outcome.judged) {
            report_.checks.push_back({j.rule, "timeline@" + j.key, j.range,
                                      j.broken ? smt::Verdict::Counterexample : smt::Verdict::Proved, {}});
        }
    }
}

bool Run::join_questions() {
    // Where a silence between two statements can close to the join threshold for some allowed
    // value, those trains are one train there: the statement encoding does not model that.
    const Rational join = verifier_.rules().train_join.join_s;
    std::vector<Obligation> questions;
    for (std::size_t i = 0; i < model_.gaps.size(); ++i) {
        const GapItem& g = model_.gaps[i];
        if (g.within_series) {
            continue;
        }
        Obligation o;
        o.code = "S0205";
        o.subject = Subject::Gap;
        o.index = i;
        o.key = "join@" + model_.key_of(g.before) + "->" + model_.key_of(g.after);
        o.range = g.range;
        o.violation = g.exists && (g.silence <= num(join));
        questions.push_back(std::move(o));
    }
    bool found = false;
    for (const Obligation& o : questions) {
        const smt::Outcome outcome = verifier_.session().check(make_query(model_, o), model_.variables);
        report_.checks.push_back({o.code, o.key, o.range, outcome.verdict, outcome.core});
        if (outcome.verdict != smt::Verdict::Proved) {
            found = true;
            report_.unknown = true;
            findings_.push_back({{Severity::Warning, "S0205",
                                  "cannot be verified (verdict unknown): for some allowed values the "
                                  "silence before this stimulus is at most " +
                                      format_quantity(Quantity::Duration, join, IntensityRef::Rmt) +
                                      ", so it joins the train before it; trains that join for part of "
                                      "a range are not proved",
                                  o.range, {}},
                                 nullptr});
        }
    }
    return found;
}

SafetyReport Run::go() {
    report_.rules = verifier_.rules_ptr();
    const timeline::TimelineOutcome line = options_.encoding_only
                                               ? timeline::TimelineOutcome{}
                                               : timeline::judge_protocol_timeline(protocol_, verifier_.rules());
    const ObligationSet set = build_obligations(model_, verifier_.rules());
    for (const Obligation& o : set.obligations) {
        // An exact timeline judges every train and gap itself; the encoding keeps the totals.
        if (line.exact && timeline::judged_on_timeline(o)) {
            continue;
        }
        ask(o);
    }
    for (const std::string& key : order_) {
        report_answer(answers_.at(key));
    }
    if (!options_.encoding_only) {
        const bool joins_found = line.lowered && !line.exact && join_questions();
        timeline(line, joins_found);
    }
    for (const Uncovered& u : line.exact ? std::vector<Uncovered>{} : set.uncovered) {
        report_.unknown = true;
        report_.unconvertible.push_back(u.code + "|" + u.key);
        findings_.push_back({{Severity::Warning, u.code, "cannot be verified (verdict unknown): " + u.message,
                              u.range, {}},
                             nullptr});
    }
    if (options_.device) {
        device_obligations();
    }
    apply_waivers(*protocol_.ast, verifier_.rules(), options_.allow_waived_errors, std::move(findings_),
                  report_.diagnostics, report_.waivers);
    return std::move(report_);
}

} // namespace

SafetyReport Verifier::verify(const ResolvedProtocol& protocol, const VerifyOptions& options) {
    try {
        return Run(*this, protocol, options).go();
    } catch (const std::exception& e) {
        // Exact arithmetic overflow or an internal failure: never a pass.
        SafetyReport report;
        report.rules = rules_;
        report.diagnostics.error("S0404", std::string("the protocol could not be verified: ") + e.what(),
                                 protocol.session ? protocol.session->range : protocol.ast->range);
        return report;
    }
}

} // namespace tmsc::safety
