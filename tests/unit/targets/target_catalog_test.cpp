// `tmsc targets` and `tmsc devices` text: every back end listed with the devices it accepts,
// and every limit of a profile shown with its source and confidence.

#include "targets/catalog.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tmsc::targets {
namespace {

TEST(TargetCatalog, BackEndsListTheirDevices) {
    const std::string text = describe_backends();
    for (const char* name : {"magstim-rapid2\n", "magstim-rapid2-console\n", "magventure\n",
                             "ttl\n", "ttl-c-header\n"}) {
        EXPECT_NE(text.find(name), std::string::npos) << name;
    }
    EXPECT_NE(text.find("devices: magventure-r30 magventure-x100 magventure-x100-magoption\n"),
              std::string::npos)
        << text;
}

TEST(TargetCatalog, TargetsAreListedOneLineEach) {
    const std::string text = list_backends();
    std::vector<std::string> names;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        ASSERT_FALSE(line.empty() || line[0] == ' ') << "not one line each:\n" << text;
        names.push_back(line.substr(0, line.find(' ')));
    }
    const std::vector<std::string> expected = {"json", "csv", "magstim-rapid2",
                                               "magstim-rapid2-console", "magventure", "ttl",
                                               "ttl-c-header", "bids-nibs"};
    EXPECT_EQ(names, expected);
}

TEST(TargetCatalog, ProfileShowsSourcesAndConfidence) {
    const std::string text = describe_profile(testing::device("magstim-rapid2-240v"));
    EXPECT_NE(text.find("power: 0..100 %MSO in steps of 1 (TDb087 [DOC])"), std::string::npos)
        << text;
    EXPECT_NE(text.find("0..30 %: 50 Hz, 31 %: 46 Hz"), std::string::npos) << text;
    EXPECT_NE(text.find("command_spacing_s: 0.05 (tmsc [assumed])"), std::string::npos) << text;
    EXPECT_NE(text.find("magpy [1x]: MagPy"), std::string::npos) << text;
    EXPECT_NE(list_devices().find("magventure-x100-magoption       MagVenture MagPro X100 with "
                                  "MagOption\n"),
              std::string::npos);
}

} // namespace
} // namespace tmsc::targets
