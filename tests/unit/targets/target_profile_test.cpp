// Device profiles: every built-in file loads, the tables match the reference CSV rows, and a
// bad profile gives one clear error naming the file and field.

#include "targets/devices/device_registry.hpp"
#include "targets/devices/profile_loader.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

using testing::device;

TEST(TargetProfile, EveryBuiltinDeviceLoads) {
    const std::vector<std::string> names = builtin_device_names();
    EXPECT_EQ(names.size(), 9u);
    for (const std::string& name : names) {
        const ProfileLoadResult r = load_device(name);
        EXPECT_TRUE(r.profile.has_value()) << name << ": " << r.error;
        if (r.profile) {
            EXPECT_EQ(r.profile->name, name);
        }
    }
}

TEST(TargetProfile, FamilyFilesAreNotDevices) {
    const ProfileLoadResult r = load_device("magstim-rapid2-family");
    EXPECT_FALSE(r.profile.has_value());
    EXPECT_NE(r.error.find("unknown device"), std::string::npos) << r.error;
}

TEST(TargetProfile, UnknownDeviceListsKnownOnes) {
    const ProfileLoadResult r = load_device("magstim-rapid3");
    EXPECT_FALSE(r.profile.has_value());
    EXPECT_NE(r.error.find("magstim-rapid2-240v"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("magventure-x100"), std::string::npos) << r.error;
}

// Rows of the reference table (magstim-rapid2-power-table.csv), spot-checked where the rows
// are not linear.
TEST(TargetProfile, RapidTablesMatchTheReferenceRows) {
    const DeviceProfile rapid = device("magstim-rapid2-240v");
    const DeviceProfile super = device("magstim-super-rapid2-240v");
    const DeviceProfile plus = device("magstim-super-rapid2-plus-240v");
    const DeviceProfile rapid115 = device("magstim-rapid2-115v");
    const DeviceProfile plus115 = device("magstim-super-rapid2-plus-115v");
    EXPECT_EQ(rapid.max_rate_hz->at(30), Rational(50));
    EXPECT_EQ(rapid.max_rate_hz->at(50), Rational(30));
    EXPECT_EQ(rapid.max_rate_hz->at(80), Rational(18));
    EXPECT_EQ(rapid.max_rate_hz->at(100), Rational(15));
    EXPECT_EQ(super.max_rate_hz->at(40), Rational(75));
    EXPECT_EQ(super.max_rate_hz->at(73), Rational(39));
    EXPECT_EQ(plus.max_rate_hz->at(50), Rational(97));
    EXPECT_EQ(plus.max_rate_hz->at(63), Rational(74));
    EXPECT_EQ(rapid115.max_rate_hz->at(45), Rational(25));
    EXPECT_EQ(plus115.max_rate_hz->at(100), Rational(25));
    EXPECT_EQ(rapid.energy->joules_per_pulse.at(73), Rational(1342, 10));
    EXPECT_EQ(rapid.energy->joules_per_pulse.at(100), Rational(252));
    EXPECT_EQ(plus.energy->joules_per_pulse.at(50), Rational(63));
}

TEST(TargetProfile, FractionalPowerUsesTheRoundedUpRow) {
    const DeviceProfile rapid = device("magstim-rapid2-240v");
    EXPECT_EQ(rapid.max_rate_hz->at(Rational(301, 10)), Rational(46)); // 30.1 % -> row 31
    EXPECT_EQ(rapid.max_rate_hz->at(Rational(31)), Rational(46));
}

TEST(TargetProfile, ModelSpecificValuesOverrideTheFamily) {
    EXPECT_EQ(device("magstim-rapid2-115v").format("magstim-rapid2")->grids.at("rate_hz").max(),
              Rational(60));
    EXPECT_EQ(device("magstim-rapid2-240v").format("magstim-rapid2")->grids.at("rate_hz").max(),
              Rational(100));
    EXPECT_EQ(device("magventure-x100").model_code, 1);
    EXPECT_EQ(device("magventure-x100-magoption").model_code, 3);
    EXPECT_EQ(device("magventure-r30").waveform("biphasic")->rate_hz.max(), Rational(30));
    EXPECT_EQ(device("magventure-r30").waveform("biphasic_burst"), nullptr);
}

TEST(TargetProfile, EveryLimitCarriesASourceAndConfidence) {
    const DeviceProfile rapid = device("magstim-rapid2-240v");
    EXPECT_EQ(rapid.energy->provenance.source, "TDb087");
    EXPECT_EQ(rapid.energy->provenance.confidence, Confidence::Doc);
    EXPECT_EQ(rapid.max_rate_hz->provenance.confidence, Confidence::OneImpl);
    const auto& spacing = rapid.format("magstim-rapid2")->grids.at("command_spacing_s");
    EXPECT_EQ(spacing.provenance.confidence, Confidence::Assumed);
    const DeviceProfile x100 = device("magventure-x100");
    EXPECT_EQ(x100.format("magventure")->grids.at("iti_s").provenance.confidence,
              Confidence::ThreeImpl);
}

TEST(TargetProfile, MagproRateGridsStepByTenthsThenWholeNumbers) {
    const DeviceProfile x100 = device("magventure-x100");
    const ValueGrid& g = x100.waveform("biphasic")->rate_hz;
    EXPECT_TRUE(g.contains(Rational(3, 10)));
    EXPECT_TRUE(g.contains(Rational(1)));
    EXPECT_TRUE(g.contains(Rational(18)));
    EXPECT_FALSE(g.contains(Rational(15, 10)));
    EXPECT_EQ(g.at_or_below(Rational(15, 10)), Rational(1));
    EXPECT_EQ(g.at_or_above(Rational(15, 10)), Rational(2));
    EXPECT_EQ(g.at_or_below(Rational(1875, 100)), Rational(18));
    EXPECT_FALSE(g.at_or_below(Rational(1, 20)).has_value());
    EXPECT_FALSE(g.at_or_above(Rational(101)).has_value());
}

/// Loads a profile text that extends the built-in Rapid² family.
ProfileLoadResult load_child(const std::string& body) {
    const std::string text =
        R"({"schema": "tmsc-device-profile/1", "extends": "magstim-rapid2-family",
        "name": "my-rapid", "display_name": "test", )" +
        body + "}";
    return load_profile_text("my.json", text, [](std::string_view name) {
        for (const EmbeddedProfile& p : embedded_profiles()) {
            if (p.name == name) {
                return std::optional<std::string>(p.json);
            }
        }
        return std::optional<std::string>();
    });
}

/// A 101-entry JSON table of `value`, with entry `bump_at` set to `bump`.
std::string table_of(int value, int bump_at = -1, int bump = 0) {
    std::string out = "[";
    for (int i = 0; i <= 100; ++i) {
        out += (i ? "," : "") + std::to_string(i == bump_at ? bump : value);
    }
    return out + "]";
}

TEST(TargetProfile, AChildProfileLoads) {
    const ProfileLoadResult r =
        load_child(R"("max_rate_hz": {"values": )" + table_of(10) + R"(, "source": "magpy"})");
    ASSERT_TRUE(r.profile.has_value()) << r.error;
    EXPECT_EQ(r.profile->max_rate_hz->at(55), Rational(10));
}

TEST(TargetProfile, BadProfilesNameTheFileAndField) {
    struct Case {
        std::string body;
        const char* expected;
    };
    const std::string table =
        R"("max_rate_hz": {"values": )" + table_of(10) + R"(, "source": "magpy"})";
    const Case cases[] = {
        {R"("max_rate_hz": {"values": [1, 2], "source": "magpy"})",
         "my.json: /max_rate_hz/values: expected 101 entries"},
        {R"("max_rate_hz": {"values": )" + table_of(10) + R"(, "source": "nobody"})",
         "my.json: /max_rate_hz/source: \"nobody\" is not listed"},
        {table + R"(, "power_mso": {"grid": [[0, 100, 0.5]], "source": "TDb087"})",
         "my.json: /power_mso/grid/0/2: write decimals as strings"},
        {table + R"(, "power_mso": {"grid": [["0", "100", "3"]], "source": "TDb087"})",
         "hi - lo is not a whole number of steps"},
        {table + R"(, "colour": "red")", "my.json: /: unknown field \"colour\""},
        {table +
             R"(, "formats": {"magstim-rapid2": {"grids": {"rate": {"value": 1, "source": "tmsc"}}}})",
         "unknown field \"rate\""},
        {table + R"(, "formats": {"fax": {}})", "no back end reads a format called \"fax\""},
        {table + R"(, "model_code": {"value": 1, "source": "tmsc"})", "unexpected \"model_code\""},
        {R"("max_rate_hz": {"values": )" + table_of(10, 2, 99) + R"(, "source": "magpy"})",
         "must not rise as power rises"},
        {table + R"(, "schema": "tmsc-device-profile/2")", "/schema: expected"},
        {table +
             R"(, "waveforms": [{"name": "square", "code": 1, "rate_hz": {"value": 1, "source": "tmsc"}}])",
         "unknown waveform \"square\""},
    };
    for (const Case& c : cases) {
        const ProfileLoadResult r = load_child(c.body);
        EXPECT_FALSE(r.profile.has_value()) << c.body;
        EXPECT_NE(r.error.find(c.expected), std::string::npos) << r.error;
    }
}

TEST(TargetProfile, InvalidJsonAndMissingParent) {
    auto r = load_profile_text("x.json", "{", nullptr);
    EXPECT_NE(r.error.find("x.json: not valid JSON"), std::string::npos) << r.error;
    r = load_profile_text("x.json", R"({"extends": "nowhere"})",
                          [](std::string_view) { return std::optional<std::string>(); });
    EXPECT_NE(r.error.find("x.json: /extends: no profile named \"nowhere\""), std::string::npos)
        << r.error;
}

TEST(TargetProfile, LoadsAUserFileBesideItsParent) {
    const std::string dir = ::testing::TempDir();
    std::ofstream(dir + "/lab-rapid.json")
        << R"({"schema": "tmsc-device-profile/1", "extends": "magstim-rapid2-240v",
              "name": "lab-rapid", "display_name": "Our Rapid2"})";
    const ProfileLoadResult r = load_device(dir + "/lab-rapid.json");
    ASSERT_TRUE(r.profile.has_value()) << r.error;
    EXPECT_EQ(r.profile->display_name, "Our Rapid2");
    EXPECT_EQ(r.profile->max_rate_hz->at(50), Rational(30));
    EXPECT_FALSE(load_device(dir + "/missing.json").profile.has_value());
}

} // namespace
} // namespace tmsc::targets
