#pragma once
// Ed25519 signatures on attestations (`tmsc compile --sign KEY`, `tmsc verify-table --pubkey
// KEY`), through OpenSSL's libcrypto. Keys are PEM files as `openssl genpkey -algorithm
// ed25519` writes them. Ed25519 is deterministic (RFC 8032): the same key and message give the
// same signature, so signed output stays byte-identical across runs.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tmsc {

/// An Ed25519 key read from a PEM file: private (signs) or public (verifies).
class Ed25519Key {
  public:
    /// Reads a private key (PKCS#8 PEM); nullopt with `error` set when the file cannot be read
    /// or holds another kind of key.
    static std::optional<Ed25519Key> load_private(const std::string& path, std::string& error);
    /// Reads a public key (SubjectPublicKeyInfo PEM), or the public half of a private key file.
    static std::optional<Ed25519Key> load_public(const std::string& path, std::string& error);
    /// A public key from its 32 raw bytes (RFC 8032 encoding); nullopt when not a valid key.
    static std::optional<Ed25519Key> from_raw_public(std::string_view raw);

    /// The 64-byte signature of `message` (private keys only).
    std::string sign(std::string_view message) const;
    /// Whether `signature` is this key's signature of `message`.
    bool verify(std::string_view message, std::string_view signature) const;
    /// Lower-case hex SHA-256 of the 32-byte raw public key: the keyid of its signatures.
    std::string fingerprint() const;

  private:
    struct Handle;
    explicit Ed25519Key(std::shared_ptr<Handle> handle);
    std::shared_ptr<Handle> handle_;
};

} // namespace tmsc
