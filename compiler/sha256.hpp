#pragma once
// SHA-256 (FIPS 180-4) of a protocol's text, so that a compiled schedule names exactly the
// source it came from. Small and dependency-free; tested against the FIPS 180-2 vectors.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tmsc {

/// Incremental SHA-256.
class Sha256 {
  public:
    Sha256();
    /// Hashes more bytes.
    void update(std::string_view bytes);
    /// The digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 32> finish();

  private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> block_{};
    std::size_t used_ = 0;
    std::uint64_t length_ = 0; ///< bytes hashed so far
};

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

} // namespace tmsc
