#include "targets/ttl/ttl_format.hpp"

namespace tmsc::targets::ttl {

namespace {

constexpr std::uint16_t kVersion = 1;
constexpr std::size_t kHeaderSize = 24;

Bytes header_without_crc(const TriggerTable& t) {
    Bytes out = ascii("TMST");
    put_le16(out, kVersion);
    put_le16(out, 0);
    put_le32(out, static_cast<std::uint32_t>(t.onsets_us.size()));
    put_le32(out, t.pulse_width_us);
    put_le16(out, t.power_mso);
    put_le16(out, 0);
    return out;
}

Bytes onset_bytes(const std::vector<std::uint64_t>& onsets) {
    Bytes out;
    for (std::uint64_t o : onsets) {
        put_le64(out, o);
    }
    return out;
}

} // namespace

Bytes write_binary(const TriggerTable& table) {
    Bytes out = header_without_crc(table);
    const Bytes onsets = onset_bytes(table.onsets_us);
    Bytes covered = out;
    append(covered, onsets);
    put_le32(out, crc32_ieee(covered));
    append(out, onsets);
    return out;
}

std::optional<TriggerTable> read_binary(const Bytes& bytes, std::string& error) {
    if (bytes.size() < kHeaderSize ||
        to_string(Bytes(bytes.begin(), bytes.begin() + 4)) != "TMST") {
        error = "not a tmsc TTL table (magic TMST missing)";
        return std::nullopt;
    }
    if (*get_le16(bytes, 4) != kVersion) {
        error = "unsupported format version";
        return std::nullopt;
    }
    const std::uint32_t count = *get_le32(bytes, 8);
    if (bytes.size() != kHeaderSize + 8ull * count) {
        error = "the file length does not match the pulse count";
        return std::nullopt;
    }
    Bytes covered(bytes.begin(), bytes.begin() + 20);
    append(covered, Bytes(bytes.begin() + kHeaderSize, bytes.end()));
    if (crc32_ieee(covered) != *get_le32(bytes, 20)) {
        error = "CRC-32 mismatch: the file is damaged";
        return std::nullopt;
    }
    TriggerTable t;
    t.pulse_width_us = *get_le32(bytes, 12);
    t.power_mso = *get_le16(bytes, 16);
    for (std::uint32_t i = 0; i < count; ++i) {
        t.onsets_us.push_back(*get_le64(bytes, kHeaderSize + 8ull * i));
    }
    return t;
}

} // namespace tmsc::targets::ttl
