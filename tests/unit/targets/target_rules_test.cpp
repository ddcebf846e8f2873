// The device rules as plain functions over concrete values, against the vendor's worked
// example and the rate tables.

#include "targets/devices/device_rules.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

using testing::device;

TrainDemand train(Rational power, std::int64_t pulses, Rational rate,
                  std::optional<Rational> rest = std::nullopt) {
    TrainDemand d;
    d.power_mso = power;
    d.units = pulses;
    d.unit_rate_hz = rate;
    d.rest_after_s = rest;
    return d;
}

bool breaks(const std::vector<RuleBreach>& breaches, DeviceRule rule) {
    for (const RuleBreach& b : breaches) {
        if (b.rule == rule) {
            return true;
        }
    }
    return false;
}

// TDb087's worked example: 73 %, 25 Hz, 10 s -> wait 21.95 s.
TEST(TargetRules, VendorWorkedExampleWait) {
    // Keep the profile alive: `energy` points into it (found by the ASan suite).
    const DeviceProfile profile = device("magstim-super-rapid2-240v");
    const EnergyRules& e = *profile.energy;
    const Rational wait = required_rest_s(e, e.joules_per_pulse.at(73), 25, 250);
    EXPECT_EQ(wait, Rational(250 * 2305, 26250)); // 250 (25 * 134.2 - 1050) / (1050 * 25)
    EXPECT_EQ(wait.to_decimal(2), "21.95");
}

TEST(TargetRules, VendorExampleOnTheDevice) {
    const DeviceProfile super = device("magstim-super-rapid2-240v");
    // 10 s is within t_on_max = 63000 / (134.2 * 25) = 18.78 s; 21.95 s of rest is needed.
    EXPECT_TRUE(check_train(super, train(73, 250, 25, Rational(22))).empty());
    const auto short_rest = check_train(super, train(73, 250, 25, Rational(21)));
    ASSERT_EQ(short_rest.size(), 1u);
    EXPECT_EQ(short_rest[0].rule, DeviceRule::RestAfterTrain);
    EXPECT_NE(short_rest[0].message.find("needs about 21.952 s of rest"), std::string::npos)
        << short_rest[0].message;
    // The single-PSU Rapid² manages only 20 Hz at 73 %.
    EXPECT_TRUE(breaks(check_train(device("magstim-rapid2-240v"), train(73, 250, 25, Rational(22))),
                       DeviceRule::RateAtPower));
}

TEST(TargetRules, OnTimeLimit) {
    const DeviceProfile super = device("magstim-super-rapid2-240v");
    const EnergyRules& e = *super.energy;
    EXPECT_EQ(max_on_time_s(e, Rational(1342, 10), 25), Rational(63000 * 10, 1342 * 25));
    // 20 s at 25 Hz and 73 % is above 18.78 s.
    const auto breaches = check_train(super, train(73, 500, 25));
    ASSERT_TRUE(breaks(breaches, DeviceRule::TrainEnergy));
}

TEST(TargetRules, ContinuousTrainsCapAtSixThousandPulses) {
    const DeviceProfile rapid = device("magstim-rapid2-240v");
    // 1 Hz at 100 %: 252 W is below 1050 W, so t_on_max > 60 s and the train may run
    // continuously, up to 6000 pulses.
    EXPECT_TRUE(check_train(rapid, train(100, 6000, 1)).empty());
    EXPECT_TRUE(breaks(check_train(rapid, train(100, 6001, 1)), DeviceRule::TrainEnergy));
}

TEST(TargetRules, RestNeverBelowTheLockout) {
    const DeviceProfile rapid = device("magstim-rapid2-240v");
    EXPECT_EQ(required_rest_s(*rapid.energy, 1, 1, 10), Rational(1, 2));
    EXPECT_TRUE(
        breaks(check_train(rapid, train(30, 10, 10, Rational(4, 10))), DeviceRule::RestAfterTrain));
    EXPECT_TRUE(check_train(rapid, train(30, 10, 10, Rational(1, 2))).empty());
}

TEST(TargetRules, MaxRateAtTheRoundedUpPower) {
    const DeviceProfile rapid = device("magstim-rapid2-240v");
    EXPECT_TRUE(check_train(rapid, train(30, 10, 50)).empty());
    // 30.5 % uses the 31 % row: 46 Hz.
    const auto breaches = check_train(rapid, train(Rational(61, 2), 10, 50));
    ASSERT_TRUE(breaks(breaches, DeviceRule::RateAtPower));
    EXPECT_EQ(breaches[0].limit, Rational(46));
}

TEST(TargetRules, ThetaBurstUsesTheRateInsideTheBurst) {
    TrainDemand itbs = train(30, 10, 5, Rational(8));
    itbs.pulses_per_unit = 3;
    itbs.pulse_rate_hz = 50;
    EXPECT_EQ(demand_peak_rate_hz(itbs), Rational(50));
    EXPECT_EQ(demand_on_time_s(itbs), Rational(2));
    EXPECT_TRUE(check_train(device("magstim-rapid2-240v"), itbs).empty());
    itbs.power_mso = 40; // 37 Hz at 40 % on the Rapid²; 75 Hz on the Super Rapid²
    EXPECT_TRUE(breaks(check_train(device("magstim-rapid2-240v"), itbs), DeviceRule::RateAtPower));
    EXPECT_TRUE(check_train(device("magstim-super-rapid2-240v"), itbs).empty());
}

TEST(TargetRules, MagproBurstWaveformLimits) {
    const DeviceProfile x100 = device("magventure-x100");
    TrainDemand itbs = train(60, 10, 5, Rational(8));
    itbs.pulses_per_unit = 3;
    itbs.pulse_rate_hz = 50;
    itbs.waveform = "biphasic_burst";
    EXPECT_TRUE(check_train(x100, itbs).empty());
    itbs.unit_rate_hz = 25; // burst rate above 20 pps
    itbs.pulse_rate_hz = 200;
    EXPECT_TRUE(breaks(check_train(x100, itbs), DeviceRule::RateRange));
    itbs.unit_rate_hz = 5;
    itbs.pulses_per_unit = 6;
    itbs.pulse_rate_hz = 50;
    EXPECT_TRUE(breaks(check_train(x100, itbs), DeviceRule::RateRange));
    itbs.pulses_per_unit = 3;
    EXPECT_TRUE(breaks(check_train(device("magventure-r30"), itbs), DeviceRule::Waveform));
}

TEST(TargetRules, RateRangePerModel) {
    EXPECT_TRUE(check_train(device("magventure-x100"), train(50, 40, 50)).empty());
    EXPECT_TRUE(
        breaks(check_train(device("magventure-r30"), train(50, 40, 50)), DeviceRule::RateRange));
    // The gap to the next train counts as a pulse interval too.
    EXPECT_TRUE(breaks(check_train(device("magventure-r30"), train(50, 1, 1, Rational(1, 50))),
                       DeviceRule::RateRange));
}

TEST(TargetRules, PowerOutsideTheOutputRange) {
    const auto breaches = check_train(device("magventure-x100"), train(101, 10, 10));
    ASSERT_EQ(breaches.size(), 1u);
    EXPECT_EQ(breaches[0].rule, DeviceRule::PowerRange);
}

TEST(TargetRules, SimultaneousPulsesAreRefused) {
    EXPECT_TRUE(breaks(check_train(device("magventure-x100"), train(50, 1, 0, Rational(0))),
                       DeviceRule::RateRange));
}

} // namespace
} // namespace tmsc::targets
