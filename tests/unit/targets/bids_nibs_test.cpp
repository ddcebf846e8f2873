// bids-nibs (draft NIBS-BIDS v6.3): the parameter-set rows of the worked mapping in the project
// reference (iTBS 3 x 20 ms in 10 x 200 ms; SICI's two intensities '|'-delimited), intensities
// relative and in %MSO, one event per train, and an export that programs no stimulator.

#include "targets/backend/backend.hpp"
#include "targets/target_driver.hpp"
#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tmsc::targets {
namespace {

std::string example(const std::string& name) {
    std::ifstream in(std::string(TMSC_SOURCE_DIR) + "/examples/" + name + ".tms");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The three files of the export of an example with rMT 50 and aMT 40 %MSO.
std::vector<TargetFile> export_of(const std::string& name) {
    LowerOptions options;
    options.rmt_mso = Rational(50);
    options.amt_mso = Rational(40);
    const auto lowered = tmsc::testing::lower_text(example(name), options);
    EXPECT_TRUE(lowered->schedule.has_value());
    const TargetCompile r = compile_target(*lowered->schedule, "bids-nibs", "magventure-x100");
    EXPECT_TRUE(r.program.has_value()) << r.usage_error;
    return r.program ? r.program->files : std::vector<TargetFile>{};
}

/// The lines of a TSV file.
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

TEST(BidsNibs, ThetaBurstIsThreePulsesIn20MsInTenBurstsIn200Ms) {
    const std::vector<TargetFile> files = export_of("itbs-600");
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].suffix, "_nibs.tsv");
    EXPECT_EQ(files[1].suffix, "_nibs.json");
    EXPECT_EQ(files[2].suffix, "_events.tsv");
    const std::vector<std::string> nibs = lines(files[0].contents);
    ASSERT_EQ(nibs.size(), 2u) << "one distinct parameter set";
    EXPECT_EQ(nibs[1], "stim1\tTMS\tstimulator1\tcoil1\tBiphasic\t60\trMT\t1.2\t3\t0.02\t0.06\tn/a"
                       "\t10\t0.2\t2\t1.84");
    const std::vector<std::string> events = lines(files[2].contents);
    ASSERT_EQ(events.size(), 21u);
    EXPECT_EQ(events[0], "onset\tduration\tnibs_event_id");
    EXPECT_EQ(events[1], "0\t2\tstim1");
    EXPECT_EQ(events[2], "10\t2\tstim1");
}

TEST(BidsNibs, APairHasOneIntensityAndOneReferencePerPulse) {
    const std::vector<TargetFile> files = export_of("sici-paired-pulse");
    const std::vector<std::string> nibs = lines(files[0].contents);
    ASSERT_EQ(nibs.size(), 2u);
    EXPECT_EQ(nibs[1], "stim1\tTMS\tstimulator1\tcoil1\tMonophasic\tn/a\taMT|rMT\t0.8|1.2\t2\t0.002"
                       "\t0.004\t32|60\tn/a\tn/a\tn/a\t0.002");
    const auto sidecar = nlohmann::json::parse(files[1].contents);
    ASSERT_EQ(sidecar["IntensitySet"].size(), 2u);
    EXPECT_EQ(sidecar["IntensitySet"][0]["IntensityID"], "aMT");
    EXPECT_EQ(sidecar["IntensitySet"][0]["Value"], 40);
    EXPECT_EQ(sidecar["IntensitySet"][1]["IntensityID"], "rMT");
    EXPECT_EQ(sidecar["IntensitySet"][1]["Value"], 50);
    EXPECT_EQ(sidecar["pattern1_intensity"]["Delimiter"], "|");
}

TEST(BidsNibs, TheSidecarNamesTheStimulatorAndTheUnitOfEveryTimeAndIntensity) {
    const auto sidecar = nlohmann::json::parse(export_of("fda-10hz")[1].contents);
    EXPECT_EQ(sidecar["StimulatorSet"][0]["Manufacturer"], "MagVenture");
    EXPECT_EQ(sidecar["ConcurrentModalities"], nlohmann::json::array({"none"}));
    for (const char* column : {"pattern1_interval", "pattern1_duration", "pattern2_interval",
                               "pattern2_duration", "tmsc_first_to_last"}) {
        EXPECT_EQ(sidecar[column]["Units"], "s") << column;
    }
    EXPECT_EQ(sidecar["stimulus_intensity"]["Units"], "% Maximum Stimulator Output");
}

TEST(BidsNibs, IsAnExportNotAWayToDeliverASession) {
    const auto& stimulators = all_backends();
    EXPECT_TRUE(std::none_of(stimulators.begin(), stimulators.end(),
                             [](const TargetBackend* b) { return b->name() == "bids-nibs"; }));
    ASSERT_NE(find_backend("bids-nibs"), nullptr);
    EXPECT_TRUE(is_device_target("bids-nibs")) << "compiled with --device like a back end";
    for (const TargetFile& f : export_of("fda-10hz")) {
        EXPECT_FALSE(f.decodable) << f.suffix;
    }
}

TEST(BidsNibs, AnIntensityWrittenInMsoIsAbsolute) {
    const TargetSession session = testing::fda_10hz(Rational(66));
    const TargetResult r = find_backend("bids-nibs")->compile(session, testing::device("magventure-x100"));
    ASSERT_TRUE(r.program.has_value());
    const std::vector<std::string> nibs = lines(r.program->files[0].contents);
    ASSERT_EQ(nibs.size(), 2u);
    EXPECT_NE(nibs[1].find("\t66\tabsolute\tabsolute\t40\t0.1\t4\t"), std::string::npos) << nibs[1];
}

} // namespace
} // namespace tmsc::targets
