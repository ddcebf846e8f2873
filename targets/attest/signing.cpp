#include "targets/attest/signing.hpp"

#include "support/sha256.hpp"

#include <cstdio>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace tmsc {

struct Ed25519Key::Handle {
    EVP_PKEY* key = nullptr;
    ~Handle() { EVP_PKEY_free(key); }
};

Ed25519Key::Ed25519Key(std::shared_ptr<Handle> handle) : handle_(std::move(handle)) {}

namespace {

/// Reads one PEM key with `read` (PEM_read_PrivateKey or PEM_read_PUBKEY); checks its type.
template <typename Read>
EVP_PKEY* read_key(const std::string& path, Read read, const char* kind, std::string& error) {
    std::FILE* file = std::fopen(path.c_str(), "r");
    if (!file) {
        error = "cannot read " + std::string(kind) + " key '" + path + "'";
        return nullptr;
    }
    EVP_PKEY* key = read(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    if (!key) {
        error = "'" + path + "' is not a PEM " + kind + " key";
        return nullptr;
    }
    if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
        EVP_PKEY_free(key);
        error = "'" + path + "' is not an Ed25519 key (make one with: openssl genpkey " +
                "-algorithm ed25519 -out key.pem)";
        return nullptr;
    }
    return key;
}

/// One EVP_DigestSign/Verify context, freed on every path.
struct DigestContext {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~DigestContext() { EVP_MD_CTX_free(ctx); }
};

} // namespace

std::optional<Ed25519Key> Ed25519Key::load_private(const std::string& path, std::string& error) {
    auto handle = std::make_shared<Handle>();
    handle->key = read_key(path, PEM_read_PrivateKey, "private", error);
    if (!handle->key) {
        return std::nullopt;
    }
    return Ed25519Key(std::move(handle));
}

std::optional<Ed25519Key> Ed25519Key::load_public(const std::string& path, std::string& error) {
    auto handle = std::make_shared<Handle>();
    handle->key = read_key(path, PEM_read_PUBKEY, "public", error);
    if (!handle->key) {
        // A private key file also carries the public key.
        std::string ignored;
        handle->key = read_key(path, PEM_read_PrivateKey, "private", ignored);
        if (!handle->key) {
            return std::nullopt;
        }
        error.clear();
    }
    return Ed25519Key(std::move(handle));
}

std::optional<Ed25519Key> Ed25519Key::from_raw_public(std::string_view raw) {
    auto handle = std::make_shared<Handle>();
    handle->key = EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    if (!handle->key) {
        return std::nullopt;
    }
    return Ed25519Key(std::move(handle));
}

std::string Ed25519Key::sign(std::string_view message) const {
    DigestContext c;
    std::string signature(64, '\0');
    std::size_t length = signature.size();
    // Ed25519 hashes internally: no digest is named ("pure" EdDSA, RFC 8032).
    if (!c.ctx || EVP_DigestSignInit(c.ctx, nullptr, nullptr, nullptr, handle_->key) != 1 ||
        EVP_DigestSign(c.ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
        return {};
    }
    signature.resize(length);
    return signature;
}

bool Ed25519Key::verify(std::string_view message, std::string_view signature) const {
    DigestContext c;
    return c.ctx && EVP_DigestVerifyInit(c.ctx, nullptr, nullptr, nullptr, handle_->key) == 1 &&
           EVP_DigestVerify(c.ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

std::string Ed25519Key::fingerprint() const {
    unsigned char raw[32];
    std::size_t length = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(handle_->key, raw, &length) != 1) {
        return {};
    }
    return sha256_hex(std::string_view(reinterpret_cast<const char*>(raw), length));
}

} // namespace tmsc
