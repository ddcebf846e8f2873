// `tmsc check --device`: the device's limits (output range, maximum rate at each power, the
// Rapid2 energy rules) proved for every parameter and threshold value, with counterexamples;
// and consistency with the back ends: a protocol a back end compiles for a device with a given
// threshold passes `check --device` with that threshold.

#include "cli/driver/driver.hpp"
#include "targets/devices/device_limits.hpp"
#include "targets/devices/device_registry.hpp"
#include "targets/target_driver.hpp"
#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace tmsc {
namespace {

namespace fs = std::filesystem;
using testing_support::read_file;
using testing_support::run_tmsc;

const fs::path kFixtures = fs::path(TMSC_SOURCE_DIR) / "tests" / "device-check";

/// Checks a protocol text against a device (thresholds as --rmt / --amt; "" for none).
CheckResult check_on(const std::string& text, const std::string& device,
                     const std::string& threshold = "") {
    std::string error;
    CheckOptions options;
    options.device = targets::load_device_target(device, threshold, threshold, error);
    EXPECT_TRUE(options.device) << error;
    return check_source(SourceFile("test.tms", text), options);
}

/// The diagnostics with a code, joined for messages.
std::vector<Diagnostic> with_code(const CheckResult& r, const std::string& code) {
    std::vector<Diagnostic> out;
    std::copy_if(r.diagnostics.begin(), r.diagnostics.end(), std::back_inserter(out),
                 [&](const Diagnostic& d) { return d.code == code; });
    return out;
}

std::string all_text(const CheckResult& r) {
    std::string out;
    for (const Diagnostic& d : r.diagnostics) {
        out += d.code + " " + d.message + "\n";
        for (const DiagnosticNote& n : d.notes) {
            out += "  note: " + n.message + "\n";
        }
    }
    return out;
}

std::string fixture(const std::string& name) { return read_file(kFixtures / name); }

TEST(DeviceCheck, BurstsTooFastForTheRapid2AtThatPowerFail) {
    const auto r = run_tmsc({"check", "--device", "magstim-rapid2-240v",
                             (kFixtures / "ctbs-60-mso.tms").string()});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("ctbs-60-mso.tms:7:5: error[S0502]: device.rate-at-power:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pulses inside a burst 0.02 s apart (50 Hz) at 60 %MSO are faster than the "
                         "25 Hz the Magstim Rapid2 (one power supply), 240 V mains allows at 60 %MSO"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("note: limit from magpy [1x]"), std::string::npos) << r.out;
}

TEST(DeviceCheck, TheSameBurstsPassOnTheSuperRapid2Plus) {
    const auto r = run_tmsc({"check", "--device", "magstim-super-rapid2-plus-240v",
                             (kFixtures / "ctbs-60-mso.tms").string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    // Without --device the protocol passes as well: the failure above is the device's alone.
    EXPECT_EQ(run_tmsc({"check", (kFixtures / "ctbs-60-mso.tms").string()}).exit_code, 0);
}

TEST(DeviceCheck, AParameterRangeAcrossTheRateStepFailsAtItsEnd) {
    const CheckResult wide = check_on(fixture("level-30-75-mso.tms"), "magstim-rapid2-240v");
    EXPECT_EQ(wide.verdict, Verdict::Fail);
    const auto found = with_code(wide, "S0502");
    ASSERT_EQ(found.size(), 1u) << all_text(wide);
    EXPECT_NE(found[0].message.find("20 Hz) at 75 %MSO are faster than the 19 Hz"), std::string::npos)
        << found[0].message;
    ASSERT_FALSE(found[0].notes.empty());
    EXPECT_EQ(found[0].notes[0].message, "when level = 75 %MSO (the upper end of its range 30 %MSO..75 %MSO)");
    ASSERT_TRUE(wide.safety.has_value());
    ASSERT_FALSE(wide.safety->counterexamples.empty());
    EXPECT_EQ(wide.safety->counterexamples.back().rule, "device.rate-at-power");
    EXPECT_EQ(wide.safety->counterexamples.back().actual, "20 Hz");
    EXPECT_EQ(wide.safety->counterexamples.back().limit, "19 Hz");

    const CheckResult narrow = check_on(fixture("level-30-73-mso.tms"), "magstim-rapid2-240v");
    EXPECT_EQ(narrow.verdict, Verdict::Pass) << all_text(narrow);
}

TEST(DeviceCheck, ASubjectRangeAcrossTheRateStepFailsAtItsEnd) {
    const std::string text = fixture("rmt-40-62.tms");
    const CheckResult wide = check_on(text, "magstim-rapid2-240v");
    const auto found = with_code(wide, "S0502");
    ASSERT_EQ(found.size(), 1u) << all_text(wide);
    EXPECT_NE(found[0].message.find("at 74.4 %MSO are faster than the 19 Hz"), std::string::npos)
        << found[0].message;
    EXPECT_EQ(found[0].notes[0].message,
              "when subject rmt = 62 %MSO (the upper end of its range 40 %MSO..62 %MSO)");
    std::string narrowed = text;
    narrowed.replace(narrowed.find("40..62"), 6, "40..60");
    EXPECT_EQ(check_on(narrowed, "magstim-rapid2-240v").verdict, Verdict::Pass);
}

TEST(DeviceCheck, AThresholdGivenAsRmtIsUsedForTheDevice) {
    // fda-10hz is written in %rMT with no subject line: the device needs a threshold.
    const std::string fda = read_file(fs::path(TMSC_SOURCE_DIR) / "examples" / "fda-10hz.tms");
    const CheckResult without = check_on(fda, "magstim-rapid2-240v");
    EXPECT_EQ(without.verdict, Verdict::Fail);
    EXPECT_FALSE(with_code(without, "S0505").empty()) << all_text(without);
    EXPECT_EQ(check_on(fda, "magstim-rapid2-240v", "55").verdict, Verdict::Pass);
}

TEST(DeviceCheck, AnRmtOutsideTheDeclaredSubjectRangeIsAnError) {
    // As compile does (E0907): the protocol was proved only for thresholds in 40..62 %MSO.
    const std::string text = fixture("rmt-40-62.tms");
    const CheckResult outside = check_on(text, "magstim-rapid2-240v", "70");
    EXPECT_EQ(outside.verdict, Verdict::Fail);
    const auto found = with_code(outside, "E0907");
    ASSERT_EQ(found.size(), 1u) << all_text(outside);
    EXPECT_EQ(found[0].message,
              "--rmt 70 %MSO is outside the subject's declared rmt range 40..62 %MSO");
    EXPECT_EQ(check_on(text, "magstim-rapid2-240v", "50").verdict, Verdict::Pass);
}

TEST(DeviceCheck, EnergyRulesBreakWithTheNumbers) {
    const CheckResult rest = check_on(fixture("short-rest-full-power.tms"), "magstim-rapid2-240v");
    const auto r = with_code(rest, "S0504");
    ASSERT_EQ(r.size(), 1u) << all_text(rest);
    EXPECT_NE(r[0].message.find("needs 5.6 s of rest; its next repetition starts 1.1 s after the last pulse"),
              std::string::npos)
        << r[0].message;
    EXPECT_NE(r[0].notes.back().message.find("TDb087 [DOC]"), std::string::npos);

    const CheckResult on_time = check_on(fixture("one-minute-full-power.tms"), "magstim-rapid2-240v");
    const auto e = with_code(on_time, "S0503");
    ASSERT_EQ(e.size(), 1u) << all_text(on_time);
    EXPECT_NE(e[0].message.find("may last at most 50 s"), std::string::npos) << e[0].message;
    // The MagPro profiles have no energy rules: the same train is deliverable there.
    EXPECT_TRUE(with_code(check_on(fixture("one-minute-full-power.tms"), "magventure-x100"), "S0503").empty());
}

TEST(DeviceCheck, UnknownDeviceIsAUsageErrorListingTheDevices) {
    const auto r = run_tmsc({"check", "--device", "magstim-rapid9",
                             (kFixtures / "ctbs-60-mso.tms").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown device \"magstim-rapid9\"; known devices: magstim-rapid2-115v"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(run_tmsc({"check", "--rmt", "50", (kFixtures / "ctbs-60-mso.tms").string()}).exit_code, 2);
}

std::vector<fs::path> examples() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(fs::path(TMSC_SOURCE_DIR) / "examples")) {
        if (entry.path().extension() == ".tms") {
            out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool has_device_error(const CheckResult& r) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                       [](const Diagnostic& d) { return d.code.rfind("S05", 0) == 0; });
}

// Whatever a back end compiles for a device with a concrete threshold, the verifier must prove
// deliverable on that device with that threshold; and every example passes `check --device`
// on some device a back end accepts it for. Only the paired-pulse example has no back end: a
// pair 2 ms apart needs a BiStim (T0202), and `check --device` finds 500 Hz too fast on each.
TEST(DeviceCheck, AgreesWithTheBackEndsOnEveryExample) {
    std::set<std::string> compiled_nowhere;
    for (const fs::path& path : examples()) {
        SCOPED_TRACE(path.filename().string());
        const std::string text = read_file(path);
        bool passed_somewhere = false;
        bool compiled_somewhere = false;
        for (const int threshold : {40, 55}) {
            LowerOptions lower;
            lower.rmt_mso = Rational(threshold);
            lower.amt_mso = Rational(threshold);
            const auto lowered = testing::lower_text(text, lower);
            ASSERT_TRUE(lowered->schedule.has_value());
            for (const std::string& device : targets::builtin_device_names()) {
                std::set<std::string> accepting;
                for (const std::string& backend : targets::device_target_names()) {
                    if (targets::compile_target(*lowered->schedule, backend, device).program) {
                        accepting.insert(backend);
                    }
                }
                if (accepting.empty()) {
                    continue;
                }
                compiled_somewhere = true;
                const CheckResult r = check_on(text, device, std::to_string(threshold));
                EXPECT_FALSE(has_device_error(r))
                    << device << " at " << threshold << " %MSO, compiled by " << *accepting.begin()
                    << ":\n" << all_text(r);
                passed_somewhere = passed_somewhere || r.verdict == Verdict::Pass;
            }
        }
        EXPECT_EQ(passed_somewhere, compiled_somewhere);
        if (!compiled_somewhere) {
            compiled_nowhere.insert(path.filename().string());
        }
    }
    EXPECT_EQ(compiled_nowhere, std::set<std::string>{"sici-paired-pulse.tms"});
    const CheckResult sici = check_on(
        read_file(fs::path(TMSC_SOURCE_DIR) / "examples" / "sici-paired-pulse.tms"), "magventure-x100", "40");
    const auto fast = with_code(sici, "S0502");
    ASSERT_FALSE(fast.empty()) << all_text(sici);
    EXPECT_NE(fast[0].message.find("pulses of the pair 0.002 s apart (500 Hz)"), std::string::npos)
        << fast[0].message;
}

} // namespace
} // namespace tmsc
