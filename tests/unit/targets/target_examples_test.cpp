// The bundled examples through the whole pipeline: parse, check, lower with a concrete motor
// threshold, then each back end on a device it can program. Each row states whether the back
// end accepts the protocol or which refusal it gives.

#include "targets/target_driver.hpp"
#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace tmsc::targets {
namespace {

std::string example(const std::string& name) {
    std::ifstream in(std::string(TMSC_SOURCE_DIR) + "/examples/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Lowers an example with rMT = aMT = `threshold` %MSO.
std::unique_ptr<LoweredProtocol> lowered(const std::string& name, int threshold) {
    LowerOptions options;
    options.rmt_mso = Rational(threshold);
    options.amt_mso = Rational(threshold);
    auto p = tmsc::testing::lower_text(example(name), options);
    EXPECT_TRUE(p->ok()) << name;
    return p;
}

/// "ok", or the codes of the errors joined by spaces.
std::string outcome(const TargetCompile& r) {
    if (!r.usage_error.empty()) {
        return "usage: " + r.usage_error;
    }
    std::string codes;
    for (const Diagnostic& d : r.diagnostics) {
        if (d.severity == Severity::Error && codes.find(d.code) == std::string::npos) {
            codes += (codes.empty() ? "" : " ") + d.code;
        }
    }
    return r.program ? "ok" : codes;
}

struct Row {
    const char* example;
    int threshold;
    const char* backend;
    const char* device;
    const char* expected;
};

TEST(TargetExamples, EachBackEndAcceptsOrRefusesWithAReason) {
    const Row rows[] = {
        {"fda-10hz.tms", 55, "magstim-rapid2", "magstim-rapid2-240v", "ok"},
        {"fda-10hz.tms", 55, "magstim-rapid2-console", "magstim-rapid2-240v", "ok"},
        {"fda-10hz.tms", 55, "magventure", "magventure-r30", "ok"},
        {"fda-10hz.tms", 55, "ttl", "magstim-rapid2-240v", "ok"},
        {"itbs-600.tms", 25, "magstim-rapid2", "magstim-rapid2-240v", "T0201"},
        {"itbs-600.tms", 25, "magstim-rapid2-console", "magstim-rapid2-240v", "ok"},
        {"itbs-600.tms", 25, "ttl-c-header", "magstim-rapid2-240v", "ok"},
        {"itbs-600.tms", 45, "magstim-rapid2-console", "magstim-rapid2-240v", "T0203"},
        // 120 % of 45 = 54 %MSO: the Super Rapid2 manages 48 Hz there, the Plus 88 Hz.
        {"itbs-600.tms", 45, "magstim-rapid2-console", "magstim-super-rapid2-240v", "T0203"},
        {"itbs-600.tms", 45, "magstim-rapid2-console", "magstim-super-rapid2-plus-240v", "ok"},
        {"itbs-600.tms", 45, "magventure", "magventure-x100-magoption", "ok"},
        {"itbs-600.tms", 45, "magventure", "magventure-r30", "T0204"},
        {"ctbs-600.tms", 40, "magventure", "magventure-x100", "ok"},
        {"deep-tms-h1-18hz.tms", 55, "magventure", "magventure-x100", "ok"},
        {"1hz-right-dlpfc.tms", 55, "magstim-rapid2", "magstim-rapid2-240v", "ok"},
        {"1hz-right-dlpfc.tms", 55, "magstim-rapid2-console", "magstim-rapid2-240v", "T0204"},
        {"sici-paired-pulse.tms", 50, "magstim-rapid2", "magstim-rapid2-240v", "T0202"},
        {"sici-paired-pulse.tms", 50, "ttl", "magstim-rapid2-240v", "T0202"},
        {"fda-10hz.tms", 55, "magventure", "magstim-rapid2-240v",
         "usage: the magventure back end cannot program the magstim-rapid2-240v (magstim-rapid2 "
         "family); run 'tmsc targets' to see which back end fits"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.example) + " -> " + row.backend + " on " + row.device);
        const auto p = lowered(row.example, row.threshold);
        ASSERT_TRUE(p->schedule.has_value());
        const TargetCompile r = compile_target(*p->schedule, row.backend, row.device);
        std::string all;
        for (const Diagnostic& d : r.diagnostics) {
            all += d.code + ' ' + d.message + '\n';
        }
        EXPECT_EQ(outcome(r), row.expected) << all;
    }
}

TEST(TargetExamples, RelativeIntensityWithoutThresholdIsRefused) {
    auto p = tmsc::testing::lower_text(example("fda-10hz.tms"));
    ASSERT_TRUE(p->schedule.has_value());
    const TargetCompile r = compile_target(*p->schedule, "ttl", "magstim-rapid2-240v");
    EXPECT_FALSE(r.program.has_value());
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics.front().code, "T0001");
}

TEST(TargetExamples, FdaOnTheMagproUsesTheLastPulseConvention) {
    const auto p = lowered("fda-10hz.tms", 55);
    const TargetCompile r = compile_target(*p->schedule, "magventure", "magventure-x100");
    ASSERT_TRUE(r.program.has_value());
    // 10 pps, 40 pulses, 75 trains, ITI 26.1 s (30 s onset to onset less 3.9 s to the last pulse).
    EXPECT_NE(r.program->files[0].contents.find("FE 09 06 00 64 00 28 00 4B 01 05"),
              std::string::npos)
        << r.program->files[0].contents;
}

TEST(TargetExamples, DeliverabilityCheckForTheVerifier) {
    const auto fda = lowered("fda-10hz.tms", 55);
    DeviceCheck ok = check_deliverable(*fda->schedule, "magstim-rapid2-240v");
    EXPECT_TRUE(ok.deliverable);
    EXPECT_TRUE(ok.diagnostics.empty());
    // iTBS at 120 % of 45 = 54 %MSO: 50 Hz inside bursts, above the Rapid2's 28 Hz there.
    const auto itbs = lowered("itbs-600.tms", 45);
    DeviceCheck bad = check_deliverable(*itbs->schedule, "magstim-rapid2-240v");
    EXPECT_FALSE(bad.deliverable);
    ASSERT_FALSE(bad.diagnostics.empty());
    EXPECT_EQ(bad.diagnostics.front().code, "T0203");
    EXPECT_NE(bad.diagnostics.front().message.find("faster than the 28 Hz"), std::string::npos)
        << bad.diagnostics.front().message;
    EXPECT_FALSE(check_deliverable(*fda->schedule, "nope").usage_error.empty());
}

TEST(TargetExamples, WritesAllFilesOrNone) {
    const auto p = lowered("fda-10hz.tms", 55);
    const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "tmsc-targets";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ostringstream err;
    DeviceTargetOptions options{"magstim-rapid2", "magstim-rapid2-240v", (dir / "fda").string(), {}};
    EXPECT_EQ(compile_to_device(*p->schedule, p->source, options, err), 0) << err.str();
    EXPECT_TRUE(std::filesystem::exists(dir / "fda.rapid2.txt"));
    EXPECT_TRUE(std::filesystem::exists(dir / "fda.rapid2.bin"));

    const auto itbs = lowered("itbs-600.tms", 25);
    std::ostringstream refused;
    options.output = (dir / "itbs.rapid2.txt").string();
    EXPECT_EQ(compile_to_device(*itbs->schedule, itbs->source, options, refused), 1);
    EXPECT_NE(refused.str().find("error[T0201]"), std::string::npos) << refused.str();
    EXPECT_NE(refused.str().find("nothing was written"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir / "itbs.rapid2.txt"));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 2);

    options.device = "";
    EXPECT_EQ(compile_to_device(*p->schedule, p->source, options, refused), 2);
    options.device = "magstim-rapid9";
    EXPECT_EQ(compile_to_device(*p->schedule, p->source, options, refused), 2);
    options = {"magstim-rapid2", "magstim-rapid2-240v", "-", {}};
    EXPECT_EQ(compile_to_device(*p->schedule, p->source, options, refused), 2); // two files
}

} // namespace
} // namespace tmsc::targets
