// The magstim-rapid2-console back end: Train and Burst lines, merged groups, rounding of waits
// and the limits of the console's fields.

#include "targets/backend/backend.hpp"
#include "targets/magstim/magstim_console_format.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets {
namespace {

using namespace testing;

TargetResult compile(const TargetSession& s, const char* device_name = "magstim-rapid2-240v") {
    return compile_for_target(*find_backend("magstim-rapid2-console"), s, device(device_name));
}

TEST(TargetConsole, FdaIsOneTrainLine) {
    const TargetResult r = compile(fda_10hz());
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    EXPECT_EQ(r.program->files[0].contents, "Train,66,10,40,40,260,75\r");
}

TEST(TargetConsole, ItbsAndCtbsAreBurstLines) {
    const TargetResult i = compile(itbs());
    ASSERT_TRUE(i.program.has_value()) << dump(i.diagnostics);
    EXPECT_EQ(i.program->files[0].contents, "Burst,30,50,3,5,10,100,20\r");
    const TargetResult c = compile(session_of({burst_train(0, 200, 5, 3, 50, 30)}, 40));
    ASSERT_TRUE(c.program.has_value()) << dump(c.diagnostics);
    EXPECT_EQ(c.program->files[0].contents, "Burst,30,50,3,5,200,400,1\r");
}

TEST(TargetConsole, WaitsRoundUpAndTheDriftIsReported) {
    // 4 s trains every 30.05 s: the 26.05 s wait becomes 26.1 s; each later train 0.05 s late.
    const TargetResult r = compile(repeated(plain_train(0, 40, 10, 60), 3, Rational(601, 20)));
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    EXPECT_EQ(r.program->files[0].contents, "Train,60,10,40,40,261,3\r");
    EXPECT_TRUE(
        has(r.diagnostics, "T0103",
            "wait 26.05 s -> 26.1 s; every later train starts 0.05 s later (2 occurrences)"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0199", "span 64 s -> 64.1 s; session end 90.15 s -> 90.3 s"))
        << dump(r.diagnostics);
}

TEST(TargetConsole, JitteredWaitsGroupIntoOneWarning) {
    std::vector<TargetTrain> pulses;
    for (const Rational& onset : {Rational(0), Rational(425, 100), Rational(935, 100),
                                  Rational(1502, 100)}) {
        pulses.push_back(single_pulse(onset, 55));
    }
    const TargetResult r = compile(session_of(pulses, 20));
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    // Waits after each 0.1 s single-pulse train: 4.15 -> 4.2, 5 (kept), 5.57 -> 5.6.
    EXPECT_TRUE(has(r.diagnostics, "T0103",
                    "wait rounded to the device grid at 2 occurrences, by at most 0.05 s; the "
                    "first: wait 4.15 s -> 4.2 s"))
        << dump(r.diagnostics);
    EXPECT_TRUE(has(r.diagnostics, "T0103", "wait 4.88 s -> 4.9 s; only the session's end moves"))
        << dump(r.diagnostics);
}

TEST(TargetConsole, TrailingWaitOutsideTheFieldOnlyMovesTheEnd) {
    const TargetResult r = compile(session_of({plain_train(0, 40, 10, 60)}, 4));
    ASSERT_TRUE(r.program.has_value()) << dump(r.diagnostics);
    EXPECT_EQ(r.program->files[0].contents, "Train,60,10,40,40,10,1\r");
    EXPECT_TRUE(has(r.diagnostics, "T0106", "no pulse moves")) << dump(r.diagnostics);
}

TEST(TargetConsole, RefusesWhatTheFieldsCannotHold) {
    // 1 Hz for 180 s: longer than the 10 s a console train may last.
    EXPECT_TRUE(has(compile(session_of({plain_train(0, 180, 1, 60)}, 200)).diagnostics, "T0204",
                    "180 pulses at 1 Hz last 180 s"));
    // 40 pulses at 18 Hz last 2.222 s: not a whole number of tenths.
    EXPECT_TRUE(has(compile(session_of({plain_train(0, 40, 18, 60)}, 20)).diagnostics, "T0204",
                    "pulses = frequency x duration"));
    // A 65 s gap between trains is above the 60 s wait.
    EXPECT_TRUE(
        has(compile(session_of({plain_train(0, 40, 10, 60), plain_train(69, 40, 10, 60)}, 80))
                .diagnostics,
            "T0204", "wait 65 s is outside"));
    EXPECT_TRUE(has(compile(session_of({paired(0, Rational(1, 500), 40, 60)}, 5)).diagnostics,
                    "T0202", "no paired pulses"));
}

TEST(TargetConsole, LinesRoundTripThroughTheReader) {
    const std::vector<console::Line> lines = {console::TrainLine{66, 10, 40, 40, 260, 75},
                                              console::BurstLine{30, 50, 3, 5, 10, 100, 20}};
    std::string error;
    const auto read = console::read_lines(console::write_lines(lines), error);
    ASSERT_TRUE(read.has_value()) << error;
    EXPECT_EQ(*read, lines);
    EXPECT_EQ(console::end_of(lines), Rational(2250 + 200));
    EXPECT_FALSE(console::read_lines("Train,66,10,40,40,260\r", error).has_value());
    EXPECT_FALSE(console::read_lines("Train,66,0,40,40,260,1\r", error).has_value());
    EXPECT_FALSE(console::read_lines("Train,66,10,40,40,260,1", error).has_value());
}

} // namespace
} // namespace tmsc::targets
