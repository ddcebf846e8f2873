#include "targets/magventure/magventure_frames.hpp"

namespace tmsc::targets::magventure {

Bytes frame(const Bytes& body) {
    Bytes out;
    out.reserve(body.size() + 4);
    out.push_back(0xFE);
    out.push_back(static_cast<std::uint8_t>(body.size()));
    for (std::uint8_t b : body) {
        out.push_back(b);
    }
    out.push_back(crc8_maxim(body));
    out.push_back(0xFF);
    return out;
}

std::optional<Bytes> unframe(const Bytes& f) {
    if (f.size() < 4 || f.front() != 0xFE || f.back() != 0xFF || f[1] + 4u != f.size()) {
        return std::nullopt;
    }
    Bytes body(f.begin() + 2, f.end() - 2);
    if (body.empty() || crc8_maxim(body) != f[f.size() - 2]) {
        return std::nullopt;
    }
    return body;
}

Bytes status() {
    return frame({0x00});
}
Bytes amplitude(std::uint8_t percent) {
    return frame({0x01, percent});
}
Bytes enable(bool on) {
    return frame({0x02, static_cast<std::uint8_t>(on ? 1 : 0)});
}
Bytes start() {
    return frame({0x04});
}
Bytes page(std::uint8_t number) {
    return frame({0x07, number, 0x00});
}

Bytes timing(std::uint16_t rate_tenths, std::uint16_t pulses, std::uint16_t trains,
             std::uint16_t iti_tenths) {
    Bytes body{0x06};
    put_be16(body, rate_tenths);
    put_be16(body, pulses);
    put_be16(body, trains);
    put_be16(body, iti_tenths);
    return frame(body);
}

const char* wave_name(std::uint8_t code) {
    switch (code) {
    case 0:
        return "monophasic";
    case 1:
        return "biphasic";
    case 2:
        return "half_sine";
    case 3:
        return "biphasic_burst";
    default:
        return "unknown";
    }
}

Bytes waveform(const Waveform& w) {
    Bytes body{0x09,
               0x01,
               w.model,
               w.mode,
               w.direction,
               w.wave,
               static_cast<std::uint8_t>(5 - w.burst_pulses)};
    put_be16(body, w.ipi_tenths_ms);
    put_be16(body, w.ba_ratio_hundredths);
    return frame(body);
}

std::optional<Waveform> parse_waveform(const Bytes& body) {
    if (body.size() != 11 || body[0] != 0x09 || body[1] != 0x01 || body[6] > 3) {
        return std::nullopt;
    }
    Waveform w;
    w.model = body[2];
    w.mode = body[3];
    w.direction = body[4];
    w.wave = body[5];
    w.burst_pulses = static_cast<std::uint8_t>(5 - body[6]);
    w.ipi_tenths_ms = *get_be16(body, 7);
    w.ba_ratio_hundredths = *get_be16(body, 9);
    return w;
}

} // namespace tmsc::targets::magventure
