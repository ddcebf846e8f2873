// The binary form of a Rapid² command script. Every integer is little-endian:
//   "TMR2" | u16 version 1 | u16 flags 0 | u32 keep-alive period in us | u8 n | n bytes
//   keep-alive frame | u8 m | m bytes device name | u32 record count | records | u32 CRC-32
// record: u8 phase | u8 action | u16 frame length | u64 time in us | frame | [expectation]
// expectation (read-back only): u8 flags (1 frequency, 2 pulses, 4 duration approximate) |
//   u8 power | u16 frequency tenths | u32 pulses | u16 duration tenths

#include "targets/magstim/magstim_script.hpp"

namespace tmsc::targets::magstim {

namespace {

constexpr std::uint16_t kVersion = 1;
constexpr std::size_t kExpectationSize = 11;

void put_expectation(Bytes& out, const Expectation& e) {
    const auto flags = static_cast<std::uint8_t>(
        (e.frequency_tenths ? 1u : 0u) | (e.pulses ? 2u : 0u) | (e.duration_approximate ? 4u : 0u));
    out.push_back(flags);
    out.push_back(static_cast<std::uint8_t>(e.power));
    put_le16(out, static_cast<std::uint16_t>(e.frequency_tenths.value_or(0)));
    put_le32(out, static_cast<std::uint32_t>(e.pulses.value_or(0)));
    put_le16(out, static_cast<std::uint16_t>(e.duration_tenths));
}

void put_short_bytes(Bytes& out, const Bytes& bytes) {
    out.push_back(static_cast<std::uint8_t>(bytes.size()));
    append(out, bytes);
}

} // namespace

Bytes write_binary(const Script& script) {
    Bytes out = ascii("TMR2");
    put_le16(out, kVersion);
    put_le16(out, 0);
    put_le32(out, static_cast<std::uint32_t>(script.keepalive_us));
    put_short_bytes(out, script.keepalive_frame);
    put_short_bytes(out, ascii(script.device.substr(0, 255)));
    put_le32(out, static_cast<std::uint32_t>(script.steps.size()));
    for (const Step& s : script.steps) {
        out.push_back(static_cast<std::uint8_t>(s.phase));
        out.push_back(static_cast<std::uint8_t>(s.action));
        put_le16(out, static_cast<std::uint16_t>(s.frame.size()));
        put_le64(out, static_cast<std::uint64_t>(s.time_us));
        append(out, s.frame);
        if (s.expect) {
            put_expectation(out, *s.expect);
        }
    }
    put_le32(out, crc32_ieee(out));
    return out;
}

namespace {

/// A cursor over the binary form that records the first problem.
class Reader {
  public:
    explicit Reader(const Bytes& bytes) : bytes_(bytes) {}
    std::uint8_t u8() { return take(1) ? bytes_[pos_ - 1] : 0; }
    std::uint16_t u16() { return take(2) ? *get_le16(bytes_, pos_ - 2) : 0; }
    std::uint32_t u32() { return take(4) ? *get_le32(bytes_, pos_ - 4) : 0; }
    std::uint64_t u64() { return take(8) ? *get_le64(bytes_, pos_ - 8) : 0; }
    Bytes bytes(std::size_t n) {
        if (!take(n)) {
            return {};
        }
        return Bytes(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ - n),
                     bytes_.begin() + static_cast<std::ptrdiff_t>(pos_));
    }
    bool ok() const { return ok_; }
    std::size_t pos() const { return pos_; }

  private:
    bool take(std::size_t n) {
        if (!ok_ || bytes_.size() - pos_ < n) {
            ok_ = false;
            return false;
        }
        pos_ += n;
        return true;
    }
    const Bytes& bytes_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

Expectation read_expectation(Reader& r) {
    Expectation e;
    const std::uint8_t flags = r.u8();
    e.power = r.u8();
    const std::uint16_t freq = r.u16();
    const std::uint32_t pulses = r.u32();
    e.duration_tenths = r.u16();
    e.frequency_tenths = (flags & 1u) ? std::optional<std::int64_t>(freq) : std::nullopt;
    e.pulses = (flags & 2u) ? std::optional<std::int64_t>(pulses) : std::nullopt;
    e.duration_approximate = (flags & 4u) != 0;
    return e;
}

bool read_step(Reader& r, Step& s) {
    const std::uint8_t phase = r.u8();
    const std::uint8_t action = r.u8();
    const std::uint16_t length = r.u16();
    const std::uint64_t time = r.u64();
    if (phase > 2 || action < 1 || action > 8 || time > (1ull << 62)) {
        return false;
    }
    s.phase = static_cast<Phase>(phase);
    s.action = static_cast<Action>(action);
    s.time_us = static_cast<std::int64_t>(time);
    s.frame = r.bytes(length);
    if (s.action == Action::ReadBack) {
        s.expect = read_expectation(r);
    }
    return r.ok();
}

} // namespace

std::optional<Script> read_binary(const Bytes& bytes, std::string& error) {
    if (bytes.size() < 4 + kExpectationSize ||
        to_string(Bytes(bytes.begin(), bytes.begin() + 4)) != "TMR2") {
        error = "not a tmsc Rapid2 binary script (magic TMR2 missing)";
        return std::nullopt;
    }
    const Bytes body(bytes.begin(), bytes.end() - 4);
    if (crc32_ieee(body) != *get_le32(bytes, bytes.size() - 4)) {
        error = "CRC-32 mismatch: the file is damaged";
        return std::nullopt;
    }
    Reader r(body);
    r.bytes(4);
    Script script;
    if (r.u16() != kVersion) {
        error = "unsupported format version";
        return std::nullopt;
    }
    r.u16();
    script.keepalive_us = r.u32();
    script.keepalive_frame = r.bytes(r.u8());
    script.device = to_string(r.bytes(r.u8()));
    const std::uint32_t count = r.u32();
    for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
        Step s;
        if (!read_step(r, s)) {
            error = "record " + std::to_string(i) + " is malformed";
            return std::nullopt;
        }
        script.steps.push_back(std::move(s));
    }
    if (!r.ok() || r.pos() != body.size()) {
        error = "the records do not fill the file exactly";
        return std::nullopt;
    }
    return script;
}

} // namespace tmsc::targets::magstim
