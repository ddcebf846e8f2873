#pragma once
// Sessions for back-end tests, written out as TargetSession directly so each test states its
// trains exactly (the end-to-end tests go through the compiler instead).

#include "targets/backend/target_session.hpp"
#include "targets/devices/device_registry.hpp"

#include <gtest/gtest.h>

namespace tmsc::targets::testing {

/// `pulses` pulses at `rate` Hz starting at `onset` seconds.
inline TargetTrain plain_train(Rational onset, std::int64_t pulses, Rational rate, Rational power) {
    TargetTrain t;
    t.kind = StimulusKind::Train;
    t.onset_s = onset;
    t.units = pulses;
    t.unit_period_s = Rational(1) / rate;
    t.on_time_s = Rational(pulses) / rate;
    t.first_to_last_s = Rational(pulses - 1) / rate;
    t.power_mso = power;
    t.range.begin.line = 7;
    return t;
}

/// `bursts` bursts at `burst_rate` Hz, each `per_burst` pulses at `pulse_rate` Hz.
inline TargetTrain burst_train(Rational onset, std::int64_t bursts, Rational burst_rate,
                               std::int64_t per_burst, Rational pulse_rate, Rational power) {
    TargetTrain t = plain_train(onset, bursts, burst_rate, power);
    t.pulses_per_unit = per_burst;
    t.pulse_period_s = Rational(1) / pulse_rate;
    t.first_to_last_s = Rational(bursts - 1) / burst_rate + Rational(per_burst - 1) / pulse_rate;
    return t;
}

/// One single pulse.
inline TargetTrain single_pulse(Rational onset, Rational power) {
    TargetTrain t;
    t.kind = StimulusKind::Pulse;
    t.onset_s = onset;
    t.power_mso = power;
    t.range.begin.line = 9;
    return t;
}

/// A pair `isi` seconds apart.
inline TargetTrain paired(Rational onset, Rational isi, Rational first, Rational second) {
    TargetTrain t = single_pulse(onset, first);
    t.kind = StimulusKind::Paired;
    t.pulses_per_unit = 2;
    t.pulse_period_s = isi;
    t.on_time_s = isi;
    t.first_to_last_s = isi;
    t.second_power_mso = second;
    return t;
}

/// A session of the given trains ending at `end`, with indices and next onsets filled in.
inline TargetSession session_of(std::vector<TargetTrain> trains, Rational end,
                                std::string name = "test protocol") {
    TargetSession s;
    s.protocol_name = std::move(name);
    s.end_s = end;
    for (std::size_t i = 0; i < trains.size(); ++i) {
        trains[i].index = static_cast<std::int64_t>(i);
        trains[i].next_onset_s = i + 1 < trains.size() ? trains[i + 1].onset_s : end;
    }
    s.trains = std::move(trains);
    return s;
}

/// `count` copies of `train` every `period` seconds; the session ends `count` periods in.
inline TargetSession repeated(const TargetTrain& train, std::int64_t count, Rational period) {
    std::vector<TargetTrain> trains;
    for (std::int64_t i = 0; i < count; ++i) {
        TargetTrain t = train;
        t.onset_s = train.onset_s + period * Rational(i);
        trains.push_back(t);
    }
    return session_of(std::move(trains), train.onset_s + period * Rational(count));
}

/// FDA 10 Hz: 75 trains of 40 pulses at 10 Hz every 30 s (26 s wait).
inline TargetSession fda_10hz(Rational power = Rational(66)) {
    return repeated(plain_train(0, 40, 10, power), 75, 30);
}

/// iTBS: 20 trains every 10 s of 10 bursts at 5 Hz, each 3 pulses at 50 Hz.
inline TargetSession itbs(Rational power = Rational(30)) {
    return repeated(burst_train(0, 10, 5, 3, 50, power), 20, 10);
}

/// A built-in device profile; fails the test when it does not load.
inline DeviceProfile device(std::string_view name) {
    ProfileLoadResult r = load_device(name);
    EXPECT_TRUE(r.profile.has_value()) << r.error;
    return r.profile ? *r.profile : DeviceProfile{};
}

/// Codes of every diagnostic, in order.
inline std::vector<std::string> codes(const DiagnosticList& list) {
    std::vector<std::string> out;
    for (const Diagnostic& d : list.sorted()) {
        out.push_back(d.code);
    }
    return out;
}

/// True when some diagnostic has `code` and its message (or a note) contains `text`.
inline bool has(const DiagnosticList& list, std::string_view code, std::string_view text) {
    for (const Diagnostic& d : list.items()) {
        if (d.code != code) {
            continue;
        }
        if (d.message.find(text) != std::string::npos) {
            return true;
        }
        for (const DiagnosticNote& n : d.notes) {
            if (n.message.find(text) != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

/// Every diagnostic rendered as "CODE message | note | note", for failure output.
inline std::string dump(const DiagnosticList& list) {
    std::string out;
    for (const Diagnostic& d : list.sorted()) {
        out += d.code + ' ' + d.message;
        for (const DiagnosticNote& n : d.notes) {
            out += " | " + n.message;
        }
        out += '\n';
    }
    return out;
}

} // namespace tmsc::targets::testing
