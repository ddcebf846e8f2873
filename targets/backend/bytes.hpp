#pragma once
// Bytes on the wire and in files: checksums, explicit-endian integer writers and readers, and
// hex text. Byte order is always written out at the call site (put_be16, put_le32, ...), never
// taken from the host.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc::targets {

/// A byte string.
using Bytes = std::vector<std::uint8_t>;

/// Magstim checksum: bitwise NOT of the low 8 bits of the sum of all bytes.
std::uint8_t magstim_checksum(const Bytes& bytes);

/// CRC-8 Dallas/Maxim: polynomial x^8+x^5+x^4+1, reflected (0x8C), initial 0, no final XOR.
/// Check value of "123456789" is 0xA1.
std::uint8_t crc8_maxim(const Bytes& bytes);

/// CRC-32 (IEEE 802.3, reflected 0xEDB88320, initial and final XOR 0xFFFFFFFF), as zlib.
/// Check value of "123456789" is 0xCBF43926.
std::uint32_t crc32_ieee(const Bytes& bytes);

/// Appends an unsigned integer most significant byte first.
void put_be16(Bytes& out, std::uint16_t value);
/// Appends an unsigned integer least significant byte first.
void put_le16(Bytes& out, std::uint16_t value);
void put_le32(Bytes& out, std::uint32_t value);
void put_le64(Bytes& out, std::uint64_t value);

/// Reads least-significant-first integers at `offset`; nullopt when the bytes run out.
std::optional<std::uint16_t> get_le16(const Bytes& in, std::size_t offset);
std::optional<std::uint32_t> get_le32(const Bytes& in, std::size_t offset);
std::optional<std::uint64_t> get_le64(const Bytes& in, std::size_t offset);
/// Reads a most-significant-first 16-bit integer.
std::optional<std::uint16_t> get_be16(const Bytes& in, std::size_t offset);

/// Appends `more` to `out` (reserving first, which also keeps GCC 12's -Warray-bounds quiet
/// about vector::insert on short vectors).
void append(Bytes& out, const Bytes& more);

/// The bytes of an ASCII string.
Bytes ascii(std::string_view text);

/// "40 30 35 30 2A": upper-case hex pairs separated by single spaces.
std::string to_hex(const Bytes& bytes);

/// Parses hex pairs separated by spaces; nullopt on anything else.
std::optional<Bytes> from_hex(std::string_view text);

/// The bytes of a string (file contents) and back.
Bytes to_bytes(std::string_view text);
std::string to_string(const Bytes& bytes);

} // namespace tmsc::targets
