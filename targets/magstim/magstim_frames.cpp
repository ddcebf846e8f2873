#include "targets/magstim/magstim_frames.hpp"

#include <stdexcept>

namespace tmsc::targets::magstim {

Bytes frame(char command, std::string_view data) {
    Bytes out;
    out.push_back(static_cast<std::uint8_t>(command));
    for (char c : data.empty() ? std::string_view("@") : data) {
        out.push_back(static_cast<std::uint8_t>(c));
    }
    out.push_back(magstim_checksum(out));
    return out;
}

std::optional<std::string> unframe(const Bytes& bytes) {
    if (bytes.size() < 2) {
        return std::nullopt;
    }
    const Bytes body(bytes.begin(), bytes.end() - 1);
    if (magstim_checksum(body) != bytes.back()) {
        return std::nullopt;
    }
    return to_string(body);
}

std::optional<std::string> digits(std::int64_t n, int width) {
    if (n < 0) {
        return std::nullopt;
    }
    std::string text = std::to_string(n);
    if (text.size() > static_cast<std::size_t>(width)) {
        return std::nullopt;
    }
    return std::string(static_cast<std::size_t>(width) - text.size(), '0') + text;
}

namespace {

/// A numeric command; the planner has already checked the range, so a misfit is a bug.
Bytes numeric(char command, std::int64_t value, int width) {
    const auto text = digits(value, width);
    if (!text) {
        throw std::logic_error(std::string("Magstim field out of range for command ") + command);
    }
    return frame(command, *text);
}

} // namespace

Bytes set_power(std::int64_t percent) {
    return numeric('@', percent, 3);
}
Bytes set_frequency_tenths(std::int64_t tenths_hz) {
    return numeric('B', tenths_hz, 4);
}
Bytes set_pulses(std::int64_t pulses) {
    return numeric('D', pulses, 5);
}
Bytes set_duration_tenths(std::int64_t tenths_s) {
    return numeric('[', tenths_s, 4);
}
Bytes get_parameters() {
    return frame('\\', "@");
}
Bytes arm() {
    return frame('E', "B");
}
Bytes disarm() {
    return frame('E', "A");
}
Bytes fire() {
    return frame('E', "H");
}
Bytes keep_alive() {
    return frame('x', "@");
}
Bytes remote_off() {
    return frame('R', "@");
}

} // namespace tmsc::targets::magstim
