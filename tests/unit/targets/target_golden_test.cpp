// One checked-in golden file per back end (tests/golden-targets/): the exact bytes each back
// end writes for a small session, plus its diagnostics. Refresh for review with
//   TMSC_UPDATE_GOLDEN=1 ./tmsc_tests --gtest_filter='TargetGolden*'
// (or tests/golden-targets/refresh.sh) and read the diff before committing it.

#include "targets/backend/backend.hpp"
#include "tests/unit/common/lower_test_support.hpp"
#include "tests/unit/common/target_fixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace tmsc::targets {
namespace {

using namespace testing;

const std::string kDir = std::string(TMSC_SOURCE_DIR) + "/tests/golden-targets/";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Diagnostics as "severity[CODE] line L: message" and indented notes.
std::string render_plain(const DiagnosticList& list) {
    std::string out;
    for (const Diagnostic& d : list.sorted()) {
        out += std::string(severity_name(d.severity)) + '[' + d.code + "] line " +
               std::to_string(d.range.begin.line) + ": " + d.message + '\n';
        for (const DiagnosticNote& n : d.notes) {
            out += "  note: " + n.message + '\n';
        }
    }
    return out;
}

/// Compares (or, with TMSC_UPDATE_GOLDEN set, writes) one golden file.
void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = kDir + name;
    if (std::getenv("TMSC_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    EXPECT_EQ(read_file(path), actual)
        << "golden file " << path << " differs; refresh with TMSC_UPDATE_GOLDEN=1";
}

void golden(const std::string& stem, const char* backend, const char* device_name,
            const TargetSession& session) {
    const DeviceProfile profile = device(device_name);
    const TargetResult r = compile_for_target(*find_backend(backend), session, profile);
    check_golden(stem + ".diagnostics", render_plain(r.diagnostics));
    ASSERT_TRUE(r.program.has_value());
    for (const TargetFile& f : r.program->files) {
        check_golden(stem + f.suffix, f.contents);
    }
}

/// Three 10 Hz trains, then two 18 Hz trains at an intensity off the 1 % grid.
TargetSession mixed_trains() {
    std::vector<TargetTrain> trains;
    for (int i = 0; i < 3; ++i) {
        trains.push_back(plain_train(Rational(30 * i), 40, 10, Rational(66)));
    }
    for (int i = 0; i < 2; ++i) {
        trains.push_back(plain_train(Rational(90 + 22 * i), 36, 18, Rational(704, 10)));
    }
    return session_of(std::move(trains), Rational(134), "golden mixed trains");
}

/// Two iTBS cycles and one 10 Hz train.
TargetSession bursts_then_train() {
    std::vector<TargetTrain> trains = {burst_train(0, 10, 5, 3, 50, Rational(30)),
                                       burst_train(10, 10, 5, 3, 50, Rational(30)),
                                       plain_train(20, 40, 10, Rational(30))};
    return session_of(std::move(trains), Rational(34), "golden bursts then train");
}

TEST(TargetGolden, MagstimRapid2) {
    golden("magstim-rapid2", "magstim-rapid2", "magstim-super-rapid2-240v", mixed_trains());
}

TEST(TargetGolden, MagstimRapid2Console) {
    golden("magstim-rapid2-console", "magstim-rapid2-console", "magstim-rapid2-240v",
           bursts_then_train());
}

TEST(TargetGolden, Magventure) {
    golden("magventure", "magventure", "magventure-x100-magoption", bursts_then_train());
}

TEST(TargetGolden, Ttl) {
    golden("ttl", "ttl", "magstim-rapid2-240v", bursts_then_train());
}

TEST(TargetGolden, TtlCHeader) {
    golden("ttl-c-header", "ttl-c-header", "magstim-rapid2-240v", bursts_then_train());
}

TEST(TargetGolden, RefusalOfThetaBurstOnTheSerialStream) {
    const DeviceProfile profile = device("magstim-rapid2-240v");
    const TargetResult r = compile_for_target(*find_backend("magstim-rapid2"), itbs(), profile);
    EXPECT_FALSE(r.program.has_value());
    check_golden("magstim-rapid2-itbs-refused.diagnostics", render_plain(r.diagnostics));
}

/// One scenario per diagnostic code of the back ends, in one golden file: the place where
/// every T code is shown (the project's code-coverage test looks for it in tests/golden-*).
TEST(TargetGolden, EveryCodeInOneCatalogue) {
    struct Scenario {
        const char* title;
        const char* backend;
        const char* device;
        TargetSession session;
    };
    const Scenario scenarios[] = {
        {"T0101 T0102 T0103: 18.75 Hz at 60.5 %MSO on the MagPro", "magventure", "magventure-x100",
         repeated(plain_train(0, 30, Rational(75, 4), Rational(605, 10)), 3, 10)},
        {"T0104: bursts at 49 Hz need a 20.41 ms interval the MagPro cannot set", "magventure",
         "magventure-x100", repeated(burst_train(0, 10, 5, 3, 49, 50), 2, 10)},
        {"T0105: 18 Hz onsets in whole microseconds", "ttl", "magstim-super-rapid2-240v",
         session_of({plain_train(0, 36, 18, 50)}, 5)},
        {"T0106: no room for the trailing wait in a console file", "magstim-rapid2-console",
         "magstim-rapid2-240v", session_of({plain_train(0, 40, 10, 60)}, 4)},
        {"T0201: a train shorter than the serial minimum", "magstim-rapid2", "magstim-rapid2-240v",
         session_of({plain_train(0, 2, 50, 30)}, 5)},
        {"T0202: paired pulses on one Rapid2", "magstim-rapid2", "magstim-rapid2-240v",
         session_of({paired(0, Rational(1, 500), 40, 60)}, 5)},
        {"T0203: 50 Hz bursts at 35 %MSO on a Rapid2", "ttl", "magstim-rapid2-240v",
         itbs(Rational(35))},
        {"T0204: a 180 s train in a console file", "magstim-rapid2-console", "magstim-rapid2-240v",
         session_of({plain_train(0, 180, 1, 60)}, 200)},
        {"T0205: 20 s at 25 Hz and 73 %MSO", "magstim-rapid2", "magstim-super-rapid2-240v",
         session_of({plain_train(0, 500, 25, 73)}, 60)},
        {"T0206: the vendor example with 15 s of rest instead of 21.95 s", "magstim-rapid2",
         "magstim-super-rapid2-240v", repeated(plain_train(0, 250, 25, 73), 2, 25)},
        {"T0207: different trains 0.1 s apart on the MagPro", "magventure", "magventure-x100",
         session_of({plain_train(0, 10, 10, 50), plain_train(Rational(11, 10), 10, 20, 50)}, 10)},
    };
    std::string text;
    for (const Scenario& s : scenarios) {
        const TargetResult r =
            compile_for_target(*find_backend(s.backend), s.session, device(s.device));
        text += std::string("== ") + s.title + " (" + s.backend + " on " + s.device + ")\n" +
                render_plain(r.diagnostics) + '\n';
    }
    // T0001 comes from building the session out of a lowered protocol.
    const auto lowered = tmsc::testing::lower_text(
        read_file(std::string(TMSC_SOURCE_DIR) + "/examples/fda-10hz.tms"));
    ASSERT_TRUE(lowered->schedule.has_value());
    const SessionBuild build = session_from_schedule(*lowered->schedule);
    text += "== T0001: examples/fda-10hz.tms without a motor threshold\n" +
            render_plain(build.diagnostics);
    check_golden("diagnostics-catalogue.txt", text);
}

} // namespace
} // namespace tmsc::targets
