// Plays an avr-ttl image in simavr and checks the trigger pin against the schedule tmsc
// compiled for the same protocol (tmsc compile --target json, exact times in "t_s") and the
// pulse width its header declares (TMSC_PULSE_WIDTH_US of the table.ttl.h it was built from):
//   avr_ttl_sim ELF HEADER SCHEDULE.json play [--serial-start] [--first N]
//   avr_ttl_sim ELF HEADER SCHEDULE.json abort K [--serial]  (abort opens, or 'X', in pulse K)
//   avr_ttl_sim ELF HEADER SCHEDULE.json refuse      (a damaged table: no edge, "REFUSED digest")
//   avr_ttl_sim ELF HEADER SCHEDULE.json open-abort  (abort line open at the start: no edge)
// Prints what it measured; exit 0 when every check holds, 1 otherwise, 2 on usage errors.

#include "tests/firmware/simulated_board.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

namespace tmsc::firmware_test {
namespace {

__extension__ typedef __int128 Wide;

/// An exact time: num / den seconds.
struct Exact {
    Wide num;
    Wide den;
};

constexpr std::uint64_t kTickCycles = 8; // Timer1 prescaler 8: 0.5 us
constexpr int kStartPin = 3;             // PD3, Arduino D3
constexpr int kAbortPin = 2;             // PD2, Arduino D2
/// The documented abort bound: the pin is low within 32 ticks (16 us) of the abort edge.
constexpr std::uint64_t kAbortBoundCycles = 32 * kTickCycles;
/// The documented start latency: time 0 of the table lies within 2 ms of the start request.
constexpr std::uint64_t kStartBoundCycles = 2 * SimulatedBoard::kHz / 1000;

/// "12", "0.02" or "1/18".
Exact parse_time(const std::string& text) {
    Exact e{0, 1};
    bool after_point = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '/') {
            e.den *= std::stoll(text.substr(i + 1));
            return e;
        }
        if (c == '.') {
            after_point = true;
        } else if (c >= '0' && c <= '9') {
            e.num = e.num * 10 + (c - '0');
            e.den *= after_point ? 10 : 1;
        } else {
            throw std::runtime_error("not a time: " + text);
        }
    }
    return e;
}

struct Schedule {
    std::vector<Exact> onsets;
    std::uint64_t width_cycles = 0;
};

/// TMSC_PULSE_WIDTH_US of a ttl-c-header output.
std::uint64_t declared_width_us(const std::string& header) {
    std::ifstream in(header);
    const std::string key = "#define TMSC_PULSE_WIDTH_US ";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(key, 0) == 0) {
            return std::stoull(line.substr(key.size()));
        }
    }
    throw std::runtime_error(header + " declares no TMSC_PULSE_WIDTH_US");
}

Schedule read_schedule(const std::string& path, std::uint64_t width_us) {
    std::ifstream in(path);
    const nlohmann::json j = nlohmann::json::parse(in);
    Schedule s;
    for (const auto& p : j.at("pulses")) {
        s.onsets.push_back(parse_time(p.at("t_s").get<std::string>()));
    }
    s.width_cycles = width_us * SimulatedBoard::kHz / 1000000;
    return s;
}

/// Counts failed checks and prints each.
struct Verdict {
    int failures = 0;
    void check(bool ok, const std::string& what) {
        if (!ok) {
            ++failures;
            std::cout << "FAIL: " << what << '\n';
        }
    }
};

/// Waits for READY, closes the abort line (unless `abort_open`), releases start, then
/// requests a start.
std::uint64_t boot_and_start(SimulatedBoard& board, bool serial_start, Verdict& v,
                             bool abort_open = false) {
    const bool booted = board.run(SimulatedBoard::kHz, [&] {
        return board.serial().find("\r\n") != std::string::npos;
    });
    std::cout << "boot: " << board.serial().substr(0, board.serial().find('\r')) << " after "
              << board.cycle() << " cycles\n";
    v.check(booted, "the firmware reports within 1 s of reset");
    board.drive_d(kAbortPin, abort_open);
    board.drive_d(kStartPin, true);
    board.run(board.cycle() + 1000, [] { return false; });
    const std::uint64_t pressed = board.cycle();
    if (serial_start) {
        board.send('S');
    } else {
        board.drive_d(kStartPin, false);
    }
    return pressed;
}

/// Whether the firmware has sent a whole line starting with `word`.
bool reported(const SimulatedBoard& board, const std::string& word) {
    const std::size_t at = board.serial().find(word);
    return at != std::string::npos && board.serial().find("\r\n", at) != std::string::npos;
}

/// (a - b) seconds in cycles, exactly, as num / den.
Exact cycles_between(const Exact& a, const Exact& b) {
    return {Wide(SimulatedBoard::kHz) * (a.num * b.den - b.num * a.den), a.den * b.den};
}

/// Rising edges against the schedule, one tick at most; widths exact to one tick.
void check_edges(const std::vector<Edge>& edges, const Schedule& s, std::size_t pulses,
                 Verdict& v) {
    v.check(edges.size() >= 2 * pulses, "at least " + std::to_string(2 * pulses) + " edges");
    Wide worst = 0;
    std::uint64_t worst_width = 0;
    for (std::size_t i = 0; i < pulses && 2 * i + 1 < edges.size(); ++i) {
        const Edge& rise = edges[2 * i];
        const Edge& fall = edges[2 * i + 1];
        v.check(rise.high && !fall.high, "edges alternate at pulse " + std::to_string(i));
        const Exact expected = cycles_between(s.onsets[i], s.onsets[0]);
        const Wide off = Wide(rise.cycle - edges[0].cycle) * expected.den - expected.num;
        const Wide error = off < 0 ? -off : off; // in 1/den cycles
        if (error * 1 > worst * expected.den) {
            worst = error / expected.den;
        }
        v.check(error <= Wide(kTickCycles) * expected.den,
                "pulse " + std::to_string(i) + " rises within one tick of its time");
        const std::uint64_t width = fall.cycle - rise.cycle;
        const std::uint64_t dw = width > s.width_cycles ? width - s.width_cycles
                                                        : s.width_cycles - width;
        worst_width = std::max(worst_width, dw);
        v.check(dw <= kTickCycles, "pulse " + std::to_string(i) + " is as wide as declared");
    }
    std::cout << "pulses checked: " << pulses << "; largest rise error " << std::int64_t(worst)
              << " cycles (tick " << kTickCycles << "); largest width error " << worst_width
              << " cycles\n";
}

std::uint64_t end_cycle(const Schedule& s, std::size_t pulses, std::uint64_t from) {
    const Exact last = s.onsets[pulses - 1];
    return from + std::uint64_t(Wide(SimulatedBoard::kHz) * last.num / last.den) +
           SimulatedBoard::kHz;
}

int play(SimulatedBoard& board, const Schedule& s, bool serial_start, std::size_t first) {
    Verdict v;
    const std::size_t pulses = first ? std::min(first, s.onsets.size()) : s.onsets.size();
    const std::uint64_t pressed = boot_and_start(board, serial_start, v);
    const bool whole = pulses == s.onsets.size();
    board.run(end_cycle(s, pulses, pressed), [&] {
        return whole ? reported(board, "END") : board.edges().size() >= 2 * pulses;
    });
    if (whole) {
        v.check(board.serial().find("END " + std::to_string(pulses) + "\r\n") !=
                    std::string::npos,
                "the firmware reports END " + std::to_string(pulses));
        board.run(board.cycle() + SimulatedBoard::kHz / 4, [] { return false; });
        v.check(board.edges().size() == 2 * pulses, "no edge but the pulses' (" +
                                                        std::to_string(board.edges().size()) +
                                                        " edges)");
    }
    if (!board.edges().empty()) {
        const Exact t0 = s.onsets[0];
        const Wide zero = Wide(board.edges()[0].cycle - pressed) * t0.den -
                          Wide(SimulatedBoard::kHz) * t0.num;
        v.check(zero >= 0 && zero <= Wide(kStartBoundCycles) * t0.den,
                "time 0 of the table within 2 ms of the start request");
    }
    check_edges(board.edges(), s, pulses, v);
    if (std::getenv("AVR_TTL_SIM_EDGES")) { // for debugging: every edge
        for (const Edge& e : board.edges()) {
            std::cout << (e.high ? "rise " : "fall ") << e.cycle << '\n';
        }
    }
    std::cout << "serial: " << board.serial() << "simulated " << board.cycle() << " cycles\n";
    return v.failures ? 1 : 0;
}

int abort_during(SimulatedBoard& board, const Schedule& s, std::size_t k, bool by_serial) {
    Verdict v;
    const std::uint64_t pressed = boot_and_start(board, false, v);
    board.run(end_cycle(s, k + 1, pressed), [&] { return board.edges().size() >= 2 * k + 1; });
    v.check(board.edges().size() == 2 * k + 1, "pulse " + std::to_string(k) + " rose");
    const std::uint64_t opened = board.cycle() + s.width_cycles / 2;
    board.at_cycle(opened, [&] {
        if (by_serial) {
            board.send('X');
        } else {
            board.drive_d(kAbortPin, true);
        }
    });
    board.run(opened + SimulatedBoard::kHz, [] { return false; });
    v.check(board.edges().size() == 2 * k + 2, "one edge after the abort, the fall");
    if (board.edges().size() >= 2 * k + 2) {
        const std::uint64_t fall = board.edges()[2 * k + 1].cycle;
        std::cout << "abort: pin low " << fall - opened << " cycles after the abort edge\n";
        // A serial byte is received only after its 10 bits at 115200 baud (1389 cycles).
        const std::uint64_t bound = kAbortBoundCycles + (by_serial ? 1389 : 0);
        v.check(fall >= opened && fall - opened <= bound, "pin low within 32 ticks of the abort");
    }
    v.check(board.serial().find("ABORT " + std::to_string(k) + "\r\n") != std::string::npos,
            "the firmware reports ABORT " + std::to_string(k));
    std::cout << "serial: " << board.serial();
    return v.failures ? 1 : 0;
}

/// No edge for 1 s after a start, and the report `why`.
int refuse(SimulatedBoard& board, bool abort_open, const std::string& why) {
    Verdict v;
    const std::uint64_t pressed = boot_and_start(board, false, v, abort_open);
    board.run(pressed + SimulatedBoard::kHz, [] { return false; });
    v.check(board.serial().find(why) != std::string::npos, "the firmware reports " + why);
    v.check(board.edges().empty(), "the trigger pin never moves");
    std::cout << "serial: " << board.serial() << "edges: " << board.edges().size() << '\n';
    return v.failures ? 1 : 0;
}

} // namespace
} // namespace tmsc::firmware_test

int main(int argc, char** argv) {
    using namespace tmsc::firmware_test;
    if (argc < 5) {
        std::cerr << "usage: avr_ttl_sim ELF HEADER SCHEDULE.json play|abort K|refuse|open-abort"
                     " [options]\n";
        return 2;
    }
    try {
        const std::string mode = argv[4];
        SimulatedBoard board(argv[1]);
        const Schedule s = read_schedule(argv[3], declared_width_us(argv[2]));
        if (mode == "refuse") {
            return refuse(board, false, "REFUSED digest\r\n");
        }
        if (mode == "open-abort") {
            return refuse(board, true, "REFUSED abort input high\r\n");
        }
        if (mode == "abort" && argc >= 6) {
            return abort_during(board, s, std::stoul(argv[5]),
                                argc == 7 && std::string(argv[6]) == "--serial");
        }
        bool serial_start = false;
        std::size_t first = 0;
        for (int i = 5; i < argc; ++i) {
            const std::string a = argv[i];
            serial_start |= a == "--serial-start";
            if (a == "--first" && i + 1 < argc) {
                first = std::stoul(argv[++i]);
            }
        }
        return mode == "play" ? play(board, s, serial_start, first) : 2;
    } catch (const std::exception& e) {
        std::cerr << "avr_ttl_sim: " << e.what() << '\n';
        return 2;
    }
}
