// A model of the Rapid² that runs a command script: what the decoder uses to turn a script
// back into the pulses the device would deliver.

#include "targets/magstim/magstim_frames.hpp"
#include "targets/magstim/magstim_script.hpp"

namespace tmsc::targets::magstim {

namespace {

/// What the device holds after the commands so far.
struct DeviceState {
    std::optional<std::int64_t> power;
    std::optional<std::int64_t> frequency_tenths;
    std::optional<std::int64_t> pulses;
    std::optional<std::int64_t> duration_tenths;
    bool armed = false;
    std::int64_t last_time_us = 0;
};

std::optional<std::int64_t> field(const std::string& command, std::size_t width) {
    if (command.size() != width + 1 ||
        command.find_first_not_of("0123456789", 1) != std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(command.substr(1));
}

/// Applies a set command; "" or the problem.
std::string apply_send(const std::string& command, DeviceState& state) {
    const char c = command.empty() ? '\0' : command[0];
    const std::size_t width = c == '@' ? 3 : c == 'B' ? 4 : c == 'D' ? 5 : c == '[' ? 4 : 0;
    const auto value = width ? field(command, width) : std::nullopt;
    if (!value) {
        return "unknown or malformed command '" + command + "'";
    }
    if (c == '@') {
        state.power = value;
    } else if (c == 'B') {
        state.frequency_tenths = value;
    } else if (c == 'D') {
        state.pulses = value;
    } else {
        state.duration_tenths = value;
    }
    return "";
}

std::string check_read_back(const Expectation& e, const DeviceState& s) {
    const bool single = s.duration_tenths == 0;
    const bool ok = s.power == e.power && s.duration_tenths &&
                    (e.duration_approximate || *s.duration_tenths == e.duration_tenths) &&
                    (single || (s.frequency_tenths == e.frequency_tenths && s.pulses == e.pulses));
    return ok ? "" : "the read-back expectation does not match the parameters sent";
}

/// Appends the pulses of one fire; "" or the problem.
std::string apply_fire(const Step& step, DeviceState& s, std::vector<DevicePulse>& out) {
    if (!s.armed) {
        return "fire before arm";
    }
    if (!s.power || !s.duration_tenths) {
        return "fire before power and duration are set";
    }
    if (step.time_us < s.last_time_us) {
        return "timed steps out of order";
    }
    s.last_time_us = step.time_us;
    const Rational start(step.time_us, 1000000);
    const Rational power(*s.power);
    if (*s.duration_tenths == 0) {
        out.push_back({start, power});
        return "";
    }
    if (!s.frequency_tenths || !s.pulses || *s.frequency_tenths == 0) {
        return "fire in train mode before frequency and pulses are set";
    }
    const Rational period(10, *s.frequency_tenths);
    for (std::int64_t k = 0; k < *s.pulses; ++k) {
        out.push_back({start + period * Rational(k), power});
    }
    return "";
}

std::string run_step(const Step& step, DeviceState& state, std::vector<DevicePulse>& out) {
    if (step.action == Action::WaitReady || step.action == Action::RemoteOn) {
        return "";
    }
    const auto command = unframe(step.frame);
    if (!command) {
        return "checksum mismatch";
    }
    switch (step.action) {
    case Action::Send:
        return apply_send(*command, state);
    case Action::ReadBack:
        return *command != "\\@" ? "read-back frame is not \\@"
                                 : check_read_back(*step.expect, state);
    case Action::Arm:
        state.armed = *command == "EB";
        return state.armed ? "" : "arm is not EB";
    case Action::Fire:
        return *command != "EH" ? "fire is not EH" : apply_fire(step, state, out);
    case Action::Disarm:
        state.armed = false;
        return *command == "EA" ? "" : "disarm is not EA";
    case Action::RemoteOff:
        return *command == "R@" ? "" : "remote-off is not R@";
    default:
        return "";
    }
}

} // namespace

DecodeResult simulate(const Script& script) {
    DeviceState state;
    std::vector<DevicePulse> pulses;
    if (!unframe(script.keepalive_frame)) {
        return {std::nullopt, "keep-alive frame checksum mismatch"};
    }
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        const std::string problem = run_step(script.steps[i], state, pulses);
        if (!problem.empty()) {
            return {std::nullopt, "step " + std::to_string(i + 1) + ": " + problem};
        }
    }
    return {std::move(pulses), ""};
}

} // namespace tmsc::targets::magstim
