#include "targets/backend/bytes.hpp"

namespace tmsc::targets {

std::uint8_t magstim_checksum(const Bytes& bytes) {
    unsigned sum = 0;
    for (std::uint8_t b : bytes) {
        sum += b;
    }
    return static_cast<std::uint8_t>(~sum & 0xFFu);
}

std::uint8_t crc8_maxim(const Bytes& bytes) {
    std::uint8_t crc = 0;
    for (std::uint8_t b : bytes) {
        crc ^= b;
        for (int bit = 0; bit < 8; ++bit) {
            crc = static_cast<std::uint8_t>((crc & 1u) ? (crc >> 1) ^ 0x8Cu : crc >> 1);
        }
    }
    return crc;
}

std::uint32_t crc32_ieee(const Bytes& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::uint8_t b : bytes) {
        crc ^= b;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

void put_be16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xFFu));
}

void put_le16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xFFu));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
}

void put_le32(Bytes& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFFu));
    }
}

void put_le64(Bytes& out, std::uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFFu));
    }
}

namespace {

std::optional<std::uint64_t> get_le(const Bytes& in, std::size_t offset, std::size_t width) {
    if (offset > in.size() || in.size() - offset < width) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        value |= static_cast<std::uint64_t>(in[offset + i]) << (8 * i);
    }
    return value;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

} // namespace

std::optional<std::uint16_t> get_le16(const Bytes& in, std::size_t offset) {
    const auto v = get_le(in, offset, 2);
    return v ? std::optional<std::uint16_t>(static_cast<std::uint16_t>(*v)) : std::nullopt;
}

std::optional<std::uint32_t> get_le32(const Bytes& in, std::size_t offset) {
    const auto v = get_le(in, offset, 4);
    return v ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*v)) : std::nullopt;
}

std::optional<std::uint64_t> get_le64(const Bytes& in, std::size_t offset) {
    return get_le(in, offset, 8);
}

std::optional<std::uint16_t> get_be16(const Bytes& in, std::size_t offset) {
    if (offset > in.size() || in.size() - offset < 2) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>((in[offset] << 8) | in[offset + 1]);
}

void append(Bytes& out, const Bytes& more) {
    out.reserve(out.size() + more.size());
    for (std::uint8_t b : more) {
        out.push_back(b);
    }
}

Bytes ascii(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

std::string to_hex(const Bytes& bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (std::uint8_t b : bytes) {
        if (!out.empty()) {
            out += ' ';
        }
        out += kDigits[b >> 4];
        out += kDigits[b & 0xFu];
    }
    return out;
}

std::optional<Bytes> from_hex(std::string_view text) {
    Bytes out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        if (i + 1 >= text.size()) {
            return std::nullopt;
        }
        const int hi = hex_digit(text[i]);
        const int lo = hex_digit(text[i + 1]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

Bytes to_bytes(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

std::string to_string(const Bytes& bytes) {
    return std::string(bytes.begin(), bytes.end());
}

} // namespace tmsc::targets
