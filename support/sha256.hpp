#pragma once
// SHA-256 (FIPS 180-4): of a protocol's text, so that a compiled schedule names exactly the
// source it came from, and of every emitted table, so that a loader can check the bytes in its
// hands (docs/output-formats.md, "Seal"). Computed by OpenSSL's libcrypto, which uses the
// CPU's SHA extensions: a 10-million-pulse table is hashed while it is written.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tmsc {

/// Incremental SHA-256.
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    /// Hashes more bytes.
    void update(std::string_view bytes);
    /// The digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 32> finish();
    /// The digest as lower-case hex.
    std::string finish_hex();

  private:
    struct Context;
    std::unique_ptr<Context> context_;
};

/// Lower-case hex of bytes.
std::string to_hex(std::string_view bytes);

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

} // namespace tmsc
