// Trust but verify: the solver and the plain evaluator must agree on generated protocols.
// Concrete protocols (every value fixed) must give exactly the same broken rules and coverage
// gaps; protocols with ranges must show the solver finding every violation the evaluator sees
// at a corner of the ranges. Fixed seed, so every run checks the same 10,000+ protocols.

#include "compiler/check/resolve.hpp"
#include "grammar/parser.hpp"
#include "safety/evaluator.hpp"
#include "safety/model.hpp"
#include "safety/recheck.hpp"
#include "safety/verify.hpp"
#include "tests/unit/common/safety_protocol_generator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace tmsc::safety {
namespace {

/// What the solver found: broken rules and coverage gaps as "RULE|SUBJECT" keys.
std::set<std::string> solver_findings(const SafetyReport& report) {
    std::set<std::string> out(report.unconvertible.begin(), report.unconvertible.end());
    for (const CheckRecord& c : report.checks) {
        if (c.verdict == smt::Verdict::Counterexample) {
            out.insert(c.rule + "|" + c.key);
        }
    }
    return out;
}

std::set<std::string> evaluator_findings(const EvalOutcome& outcome) {
    std::set<std::string> out = outcome.violated;
    out.insert(outcome.uncovered.begin(), outcome.uncovered.end());
    return out;
}

std::string show(const std::set<std::string>& keys) {
    std::string out;
    for (const std::string& k : keys) {
        out += "  " + k + "\n";
    }
    return out.empty() ? "  (none)\n" : out;
}

/// Every corner of the model's variable ranges (up to 64 of them).
std::vector<Assignment> corners(const SafetyModel& model) {
    std::vector<Assignment> out;
    const std::size_t n = std::min<std::size_t>(model.variables.size(), 6);
    for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
        Assignment a;
        for (std::size_t i = 0; i < model.variables.size(); ++i) {
            const Variable& v = model.variables[i];
            a[i] = i < n && ((mask >> i) & 1u) ? v.hi : v.lo;
        }
        out.push_back(a);
    }
    return out;
}

/// How many protocols broke each rule (or had each coverage gap), by rule id or code.
using Reached = std::map<std::string, std::size_t>;

void tally(const std::set<std::string>& findings, Reached& reached) {
    std::set<std::string> rules;
    for (const std::string& key : findings) {
        rules.insert(key.substr(0, key.find('|')));
    }
    for (const std::string& rule : rules) {
        ++reached[rule];
    }
}

/// Checks `count` generated protocols starting from `seed`, counting those verified (stops at
/// the first disagreement) and which rules they broke.
void run_shard(std::uint64_t seed, std::size_t count, bool ranged, std::size_t& verified,
               Reached& reached) {
    Random random(seed);
    Verifier verifier(default_rules(), 20000);
    std::size_t attempts = 0;
    while (verified < count && attempts < count * 4) {
        ++attempts;
        const std::string text = Generator(random, ranged).protocol();
        const SourceFile source("generated.tms", text);
        ParseResult parsed = parse_protocol(source);
        if (parsed.diagnostics.has_errors()) {
            ADD_FAILURE() << "the generator wrote a protocol that does not parse:\n" << text;
            continue;
        }
        const ResolveResult resolved = resolve(*parsed.protocol);
        if (!resolved.protocol) {
            continue; // e.g. a repeat body longer than its period: not a verifier question
        }
        ++verified;
        // The statement encoding against the evaluator of the same statement semantics; the
        // timeline that judges exact protocols has its own tests (timeline_*).
        VerifyOptions encoding;
        encoding.encoding_only = true;
        const SafetyReport report = verifier.verify(*resolved.protocol, encoding);
        for (const Diagnostic& d : report.diagnostics.items()) {
            // Timeouts, solver failures and counterexamples the evaluator rejects are bugs here.
            ASSERT_TRUE(d.code != "S0401" && d.code != "S0402" && d.code != "S0403" && d.code != "S0404")
                << d.code << ": " << d.message << "\n" << text;
        }
        const std::set<std::string> solver = solver_findings(report);
        tally(solver, reached);
        if (!ranged) {
            const std::set<std::string> plain = evaluator_findings(
                evaluate_protocol(*resolved.protocol, verifier.rules(), default_environment(*resolved.protocol)));
            ASSERT_EQ(solver, plain) << "solver:\n" << show(solver) << "evaluator:\n" << show(plain) << text;
            continue;
        }
        const SafetyModel model = build_model(*resolved.protocol);
        for (const Assignment& corner : corners(model)) {
            const std::set<std::string> plain = evaluator_findings(
                evaluate_protocol(*resolved.protocol, verifier.rules(), environment_from(model, corner)));
            for (const std::string& key : plain) {
                ASSERT_TRUE(solver.count(key)) << "the evaluator finds " << key
                                               << " at a corner; the solver missed it\n" << text;
            }
        }
    }
}

/// The generator must reach every kind of finding, or agreement would prove little.
void expect_variety(const Reached& reached) {
    std::string seen;
    for (const auto& [rule, protocols] : reached) {
        seen += "  " + rule + ": " + std::to_string(protocols) + "\n";
    }
    for (const char* rule : {"rossi2009.train-duration", "rossi2009.train-duration-evidence",
                             "chen1997.iti-hazard", "chen1997.iti-evidence", "tbs.intensity-rmt",
                             "tbs.burst-pulses", "tbs.burst-frequency", "tbs.train-duration",
                             "hcoil.h1.frequency", "hcoil.h7.iti", "envelope.conventional-day-pulses",
                             "envelope.conventional-session-pulses", "tbs.session-pulses",
                             "S0201", "S0202", "S0203", "S0204"}) {
        EXPECT_GT(reached.count(rule) ? reached.at(rule) : 0u, 0u) << rule << " never broken; reached:\n" << seen;
    }
    std::cout << "[ reached  ] protocols breaking each rule:\n" << seen;
}

// Four shards of 2,500 concrete protocols and one of 1,000 with ranges: 11,000 in all.
TEST(SafetyDifferential, ConcreteShard1) {
    std::size_t verified = 0;
    Reached reached;
    run_shard(1, 2500, false, verified, reached);
    EXPECT_EQ(verified, 2500u);
    expect_variety(reached);
}
TEST(SafetyDifferential, ConcreteShard2) {
    std::size_t verified = 0;
    Reached reached;
    run_shard(2, 2500, false, verified, reached);
    EXPECT_EQ(verified, 2500u);
    expect_variety(reached);
}
TEST(SafetyDifferential, ConcreteShard3) {
    std::size_t verified = 0;
    Reached reached;
    run_shard(3, 2500, false, verified, reached);
    EXPECT_EQ(verified, 2500u);
    expect_variety(reached);
}
TEST(SafetyDifferential, ConcreteShard4) {
    std::size_t verified = 0;
    Reached reached;
    run_shard(4, 2500, false, verified, reached);
    EXPECT_EQ(verified, 2500u);
    expect_variety(reached);
}
TEST(SafetyDifferential, RangedShard) {
    std::size_t verified = 0;
    Reached reached;
    run_shard(5, 1000, true, verified, reached);
    EXPECT_EQ(verified, 1000u);
    expect_variety(reached);
}

} // namespace
} // namespace tmsc::safety
