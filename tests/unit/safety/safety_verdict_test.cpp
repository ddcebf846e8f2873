// The verdict policy (docs/safety.md, "Verdicts"): a rule's warning (beyond the published
// evidence) fails unless waived; an error fails unless waived and --allow-waived-errors;
// unknown stays unknown; --strict also fails on any warning and on any waived finding;
// warnings that are not safety findings do not fail.

#include "tests/unit/common/safety_test_support.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

using testing::check_text;
using testing::Checked;
using testing::protocol;

/// 600 s at 1 Hz and 120 %rMT: longer than the 50 s tested (S0102, a warning only).
const char* const kBeyondEvidence = "    train 600 pulses at 1 Hz\n";
/// 2 s at 20 Hz and 120 %rMT: over the 1.0 s plain cell (S0101, an error only).
const char* const kOverLimit = "    train 40 pulses at 20 Hz\n";
/// 30 Hz is above the table's last row: no rule covers it (S0202, unknown).
const char* const kOffTable = "    train 10 pulses at 30 Hz\n";

std::string at_120(const std::string& waivers, const std::string& body) {
    return protocol("  intensity 120 %rMT\n" + waivers, body);
}

CheckOptions strict() {
    CheckOptions o;
    o.strict = true;
    return o;
}

CheckOptions allowing_waived_errors(bool strict_too = false) {
    CheckOptions o;
    o.allow_waived_errors = true;
    o.strict = strict_too;
    return o;
}

const std::string kWaiveEvidence = "  waive rossi2009.train-duration-evidence \"cited trial\"\n";
const std::string kWaiveLimit = "  waive rossi2009.train-duration \"accepted\"\n";

TEST(SafetyVerdict, UnwaivedWarningFailsAndSaysHowToWaive) {
    const Checked c = check_text(at_120("", kBeyondEvidence));
    EXPECT_EQ(c.result.verdict, Verdict::Fail) << c.text();
    EXPECT_EQ(c.count(Severity::Error), 0u);
    ASSERT_TRUE(c.has("S0102"));
    const Diagnostic& d = c.first("S0102");
    EXPECT_EQ(d.severity, Severity::Warning);
    EXPECT_EQ(d.notes.back().message,
              "beyond the published evidence, not a demonstrated hazard, so it fails the "
              "protocol unless waived; where a source supports it, record why: waive "
              "rossi2009.train-duration-evidence \"reason with the citation\"");
}

TEST(SafetyVerdict, WaivedWarningPasses) {
    const Checked c = check_text(at_120(kWaiveEvidence, kBeyondEvidence));
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    EXPECT_EQ(c.first("S0102").severity, Severity::Note);
}

TEST(SafetyVerdict, StrictFailsOnAWaivedWarning) {
    const Checked c = check_text(at_120(kWaiveEvidence, kBeyondEvidence), strict());
    EXPECT_EQ(c.result.verdict, Verdict::Fail) << c.text();
    EXPECT_EQ(c.count(Severity::Warning), 0u); // nothing but the waiver makes it fail
}

TEST(SafetyVerdict, StrictPassesAProtocolWithNoFinding) {
    const Checked c = check_text(at_120("", "    train 10 pulses at 10 Hz\n"), strict());
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
}

TEST(SafetyVerdict, WaivedErrorFailsWithoutTheFlag) {
    const Checked c = check_text(at_120(kWaiveLimit, kOverLimit));
    EXPECT_EQ(c.result.verdict, Verdict::Fail) << c.text();
    EXPECT_EQ(c.first("S0101").severity, Severity::Error);
}

TEST(SafetyVerdict, WaivedErrorPassesWithTheFlag) {
    const Checked c = check_text(at_120(kWaiveLimit, kOverLimit), allowing_waived_errors());
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    EXPECT_EQ(c.first("S0101").severity, Severity::Note);
}

TEST(SafetyVerdict, WaivedErrorFailsWithTheFlagUnderStrict) {
    const Checked c =
        check_text(at_120(kWaiveLimit, kOverLimit), allowing_waived_errors(/*strict_too=*/true));
    EXPECT_EQ(c.result.verdict, Verdict::Fail) << c.text();
    EXPECT_EQ(c.count(Severity::Error), 0u);
}

TEST(SafetyVerdict, UnwaivedErrorFailsEvenWithTheFlag) {
    const Checked c = check_text(at_120("", kOverLimit), allowing_waived_errors());
    EXPECT_EQ(c.result.verdict, Verdict::Fail) << c.text();
}

TEST(SafetyVerdict, AWaiverCoversItsRuleOnly) {
    // The error is waived (with the flag), the 1 Hz train's warning is not: fail.
    const Checked c = check_text(
        at_120(kWaiveLimit, std::string(kBeyondEvidence) + "    wait 30 s\n" + kOverLimit),
        allowing_waived_errors());
    EXPECT_EQ(c.result.verdict, Verdict::Fail) << c.text();
    EXPECT_EQ(c.first("S0102").severity, Severity::Warning);
}

TEST(SafetyVerdict, UnusedWaiverDoesNotFail) {
    const Checked c = check_text(at_120(kWaiveEvidence, "    train 10 pulses at 10 Hz\n"));
    ASSERT_TRUE(c.has("S0302"));
    EXPECT_EQ(c.first("S0302").severity, Severity::Warning);
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    EXPECT_EQ(check_text(at_120(kWaiveEvidence, "    train 10 pulses at 10 Hz\n"), strict())
                  .result.verdict,
              Verdict::Fail);
}

TEST(SafetyVerdict, LoweringWarningDoesNotFail) {
    const std::string text =
        at_120("", "    repeat 2 every 10 s seed 3 {\n      train 10 pulses at 10 Hz\n    }\n");
    const Checked c = check_text(text);
    ASSERT_TRUE(c.has("W0301")) << c.text();
    EXPECT_EQ(c.result.verdict, Verdict::Pass) << c.text();
    EXPECT_EQ(check_text(text, strict()).result.verdict, Verdict::Fail);
}

TEST(SafetyVerdict, UnknownStaysUnknown) {
    const Checked c = check_text(at_120("", kOffTable));
    ASSERT_TRUE(c.has("S0202")) << c.text();
    EXPECT_EQ(c.result.verdict, Verdict::Unknown);
    EXPECT_EQ(check_text(at_120("", kOffTable), strict()).result.verdict, Verdict::Unknown);
}

TEST(SafetyVerdict, UnwaivedWarningBesideAnUnknownFails) {
    // A shown finding is a fail; that something else is undecided does not soften it.
    const Checked c =
        check_text(at_120("", std::string(kBeyondEvidence) + "    wait 30 s\n" + kOffTable));
    ASSERT_TRUE(c.has("S0202")) << c.text();
    ASSERT_TRUE(c.has("S0102")) << c.text();
    EXPECT_EQ(c.result.verdict, Verdict::Fail);
}

TEST(SafetyVerdict, WhichWarningsAreSafetyFindings) {
    auto warning = [](const char* code) { return Diagnostic{Severity::Warning, code, "", {}, {}}; };
    EXPECT_TRUE(is_unwaived_safety_warning(warning("S0102")));
    EXPECT_TRUE(is_unwaived_safety_warning(warning("S0104")));
    EXPECT_TRUE(is_unwaived_safety_warning(warning("S0106")));
    EXPECT_TRUE(is_unwaived_safety_warning(warning("S0199")));  // a new kind fails closed
    EXPECT_FALSE(is_unwaived_safety_warning(warning("S0202"))); // coverage: unknown instead
    EXPECT_FALSE(is_unwaived_safety_warning(warning("S0302")));
    EXPECT_FALSE(is_unwaived_safety_warning(warning("W0301")));
    EXPECT_FALSE(is_unwaived_safety_warning(Diagnostic{Severity::Note, "S0102", "", {}, {}}));
}

} // namespace
} // namespace tmsc
