#pragma once
// A scratch folder for the attestation tests: a small protocol every back end accepts, two
// Ed25519 key pairs ("ci" and "other", PEM), and `tmsc compile` / `tmsc verify-table` run in it.

#include "tests/unit/common/run_process.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace tmsc::testing_support {

/// Small enough that every byte of every file it compiles to can be changed in a test.
inline constexpr const char* kAttestedProtocol = R"(protocol "attestation test" {
  coil figure8
  waveform biphasic
  intensity 100 %rMT
  session {
    repeat 2 {
      train 4 pulses at 10 Hz
      wait 10 s
    }
  }
}
)";

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// Writes a fresh Ed25519 key pair as PEM files `stem`.pem (private) and `stem`.pub.
inline void make_key_pair(const std::filesystem::path& stem) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    ASSERT_NE(key, nullptr);
    std::FILE* priv = std::fopen((stem.string() + ".pem").c_str(), "w");
    std::FILE* pub = std::fopen((stem.string() + ".pub").c_str(), "w");
    ASSERT_TRUE(priv && pub);
    EXPECT_EQ(PEM_write_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr), 1);
    EXPECT_EQ(PEM_write_PUBKEY(pub, key), 1);
    std::fclose(priv);
    std::fclose(pub);
    EVP_PKEY_free(key);
}

/// The scratch folder with p.tms and the key pairs.
class AttestationFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        write_text(dir_ / "p.tms", kAttestedProtocol);
        make_key_pair(dir_ / "ci");
        make_key_pair(dir_ / "other");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    /// `tmsc compile p.tms --rmt 50` with `args`; the test fails unless it exits 0.
    void compile(std::vector<std::string> args) {
        args.insert(args.begin(), {"compile", "p.tms", "--rmt", "50"});
        const ProcessResult r = run_tmsc(args, dir_);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    ProcessResult verify(std::vector<std::string> args) {
        args.insert(args.begin(), "verify-table");
        return run_tmsc(args, dir_);
    }
    std::string file(const std::string& name) const { return read_file(dir_ / name); }
    bool exists(const std::string& name) const { return std::filesystem::exists(dir_ / name); }
    /// The names in the folder other than the protocol and the keys, sorted.
    std::vector<std::string> outputs() const {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(dir_)) {
            const std::string name = e.path().filename().string();
            if (name != "p.tms" && !name.ends_with(".pem") && !name.ends_with(".pub")) {
                names.push_back(name);
            }
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    std::filesystem::path dir_;
};

} // namespace tmsc::testing_support
