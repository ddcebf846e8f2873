// Issue 6, "outputs a loader can trust": every file `tmsc compile` writes carries a seal;
// `tmsc verify-table` rejects any changed byte, accepts a signed table only with the matching
// public key, and with --source requires the table the protocol compiles to again.

#include "targets/attest/seal.hpp"
#include "targets/attest/signing.hpp"
#include "tests/unit/common/run_process.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <regex>
#include <set>

namespace tmsc {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

/// A small protocol: every file of it is checked byte by byte.
constexpr const char* kProtocol = R"(protocol "seal test" {
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

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// Writes a fresh Ed25519 key pair as PEM files `stem`.pem (private) and `stem`.pub.
void make_key_pair(const fs::path& stem) {
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

/// A scratch folder with the protocol and two key pairs ("ci" and "other").
class SealTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = scratch_dir("seal");
        write_text(dir_ / "p.tms", kProtocol);
        make_key_pair(dir_ / "ci");
        make_key_pair(dir_ / "other");
    }
    void TearDown() override { fs::remove_all(dir_); }

    /// `tmsc compile p.tms` with `args`; the test fails unless it exits 0.
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

    fs::path dir_;
};

/// Every position of `bytes` changed in two ways (lowest bit, all bits): each must be
/// rejected by open_sealed, or (for a signed table) by the signature check.
void expect_every_flip_rejected(const std::string& bytes, const Ed25519Key* key) {
    ASSERT_TRUE(std::holds_alternative<OpenedTable>(open_sealed(bytes)));
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (const int mask : {0x01, 0xff}) {
            std::string changed = bytes;
            changed[i] = static_cast<char>(changed[i] ^ mask);
            auto opened = open_sealed(changed);
            const auto* table = std::get_if<OpenedTable>(&opened);
            if (table && !(key && check_signature(table->seal, *key))) {
                ++accepted;
                ADD_FAILURE() << "byte " << i << " ^ " << int(mask) << " accepted";
            }
        }
        if (accepted > 3) {
            return;
        }
    }
}

TEST_F(SealTest, FlippingAnyByteOfATableOrDeviceFileIsRejected) {
    compile({"--target", "csv", "-o", "t.csv"});
    compile({"--target", "json", "-o", "t.json"});
    compile({"--target", "ttl", "--device", "magstim-rapid2-240v", "-o", "t"});
    compile({"--target", "ttl-c-header", "--device", "magstim-rapid2-240v", "-o", "h"});
    for (const char* name : {"t.csv", "t.json", "t.ttl.bin", "h.ttl.h"}) {
        SCOPED_TRACE(name);
        expect_every_flip_rejected(file(name), nullptr);
    }
}

TEST_F(SealTest, FlippingAnyByteOfASignedTableIsRejected) {
    compile({"--target", "csv", "--sign", "ci.pem", "-o", "s.csv"});
    std::string error;
    const auto key = Ed25519Key::load_public((dir_ / "ci.pub").string(), error);
    ASSERT_TRUE(key) << error;
    expect_every_flip_rejected(file("s.csv"), &*key);
}

TEST_F(SealTest, CutShortOrLengthenedIsRejected) {
    compile({"--target", "csv", "-o", "t.csv"});
    const std::string bytes = file("t.csv");
    for (const std::string& changed :
         {bytes.substr(0, bytes.size() - 1), bytes.substr(0, bytes.size() / 2), bytes + "\n",
          "x" + bytes, std::string()}) {
        EXPECT_TRUE(std::holds_alternative<SealProblem>(open_sealed(changed)));
    }
    write_text(dir_ / "cut.csv", bytes.substr(0, bytes.size() / 2));
    const ProcessResult r = verify({"cut.csv"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cut.csv: error[V0601]: no tmsc seal"), std::string::npos) << r.err;
}

TEST_F(SealTest, VerifyTableNamesTheCodeOfEachRejection) {
    compile({"--target", "csv", "-o", "t.csv"});
    const std::string bytes = file("t.csv");
    std::string payload_changed = bytes;
    payload_changed[bytes.find("\n1,") + 1] = '7'; // a pulse index in the payload
    write_text(dir_ / "payload.csv", payload_changed);
    std::string seal_changed = bytes;
    seal_changed[bytes.find("\"tool\":\"tmsc ") + 13] = '9'; // the tool's version
    write_text(dir_ / "seal.csv", seal_changed);
    const std::pair<const char*, const char*> cases[] = {{"payload.csv", "V0604"},
                                                         {"seal.csv", "V0603"}};
    for (const auto& [name, code] : cases) {
        const ProcessResult r = verify({name});
        EXPECT_EQ(r.exit_code, 1) << name;
        EXPECT_NE(r.err.find(std::string(name) + ": error[" + code + "]"), std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find("rejected; do not load this table"), std::string::npos);
        EXPECT_EQ(r.out, "");
    }
    const ProcessResult ok = verify({"t.csv"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("t.csv: verified: csv (.csv) of p.tms"), std::string::npos) << ok.out;
}

TEST_F(SealTest, ASignedTableVerifiesOnlyWithTheMatchingPublicKey) {
    compile({"--target", "json", "--sign", "ci.pem", "-o", "s.json"});
    compile({"--target", "json", "-o", "u.json"});
    EXPECT_EQ(verify({"s.json", "--pubkey", "ci.pub"}).exit_code, 0);
    const ProcessResult other = verify({"s.json", "--pubkey", "other.pub"});
    EXPECT_EQ(other.exit_code, 1);
    EXPECT_NE(other.err.find("error[V0607]: the table was signed by another key"),
              std::string::npos)
        << other.err;
    const ProcessResult unsigned_table = verify({"u.json", "--pubkey", "ci.pub"});
    EXPECT_EQ(unsigned_table.exit_code, 1);
    EXPECT_NE(unsigned_table.err.find("error[V0606]"), std::string::npos) << unsigned_table.err;
    // Without --pubkey a signed table still verifies, and says the signature was not checked.
    const ProcessResult unchecked = verify({"s.json"});
    EXPECT_EQ(unchecked.exit_code, 0);
    EXPECT_NE(unchecked.out.find("(not checked: no --pubkey)"), std::string::npos);
}

TEST_F(SealTest, ASignatureMovedToAnotherTableDoesNotVerify) {
    compile({"--target", "csv", "--sign", "ci.pem", "-o", "a.csv"});
    compile({"--target", "csv", "--sign", "ci.pem", "--seed", "7", "-o", "b.csv"});
    std::string error;
    const auto key = Ed25519Key::load_public((dir_ / "ci.pub").string(), error);
    ASSERT_TRUE(key) << error;
    auto a = std::get<OpenedTable>(open_sealed(file("a.csv")));
    auto b = std::get<OpenedTable>(open_sealed(file("b.csv")));
    EXPECT_FALSE(check_signature(a.seal, *key));
    b.seal.signature = a.seal.signature; // re-sealing b around a's signature
    const auto problem = check_signature(b.seal, *key);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "V0607");
}

TEST_F(SealTest, KeysThatAreNotEd25519PrivateKeysAreUsageErrors) {
    const ProcessResult pub = run_tmsc({"compile", "p.tms", "--target", "csv", "--sign",
                                        "ci.pub"}, dir_);
    EXPECT_EQ(pub.exit_code, 2);
    EXPECT_NE(pub.err.find("--sign: 'ci.pub' is not a PEM private key"), std::string::npos)
        << pub.err;
    EXPECT_EQ(pub.out, "");
    const ProcessResult missing = verify({"p.tms", "--pubkey", "absent.pub"});
    EXPECT_EQ(missing.exit_code, 2);
}

TEST_F(SealTest, OutputIsByteIdenticalAcrossRunsSignedOrNot) {
    for (const char* target : {"csv", "json"}) {
        compile({"--target", target, "--sign", "ci.pem", "-o", "one"});
        compile({"--target", target, "--sign", "ci.pem", "-o", "two"});
        EXPECT_EQ(file("one"), file("two")) << target;
    }
    compile({"--target", "magventure", "--device", "magventure-x100", "-o", "m1"});
    compile({"--target", "magventure", "--device", "magventure-x100", "-o", "m2"});
    EXPECT_EQ(file("m1.magventure.txt"), file("m2.magventure.txt"));
}

TEST_F(SealTest, SourceRederivesTheTableAndRequiresIdentity) {
    compile({"--target", "json", "-o", "t.json"});
    compile({"--target", "magventure", "--device", "magventure-x100", "-o", "m"});
    for (const char* name : {"t.json", "m.magventure.txt"}) {
        const ProcessResult same = verify({name, "--source", "p.tms"});
        EXPECT_EQ(same.exit_code, 0) << same.err;
        EXPECT_NE(same.out.find("identical to what p.tms compiles to"), std::string::npos);
    }
    // Another protocol text, even one that gives the same pulses, is another source.
    write_text(dir_ / "comment.tms", std::string(kProtocol) + "// reviewed\n");
    const ProcessResult comment = verify({"t.json", "--source", "comment.tms"});
    EXPECT_EQ(comment.exit_code, 1);
    EXPECT_NE(comment.err.find("error[V0608]: compiling comment.tms again gives another source"),
              std::string::npos)
        << comment.err;
    // A protocol that no longer compiles cannot vouch for the table.
    std::string unsafe = kProtocol;
    unsafe.replace(unsafe.find("100 %rMT"), 8, "300 %rMT"); // 150 %MSO at --rmt 50
    write_text(dir_ / "unsafe.tms", unsafe);
    const ProcessResult refused = verify({"t.json", "--source", "unsafe.tms"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("error[V0609]: cannot compile unsafe.tms again"), std::string::npos)
        << refused.err;
}

TEST_F(SealTest, ExtractGivesTheUnsealedDocument) {
    compile({"--target", "json", "-o", "t.json"});
    const ProcessResult r = verify({"t.json", "--extract", "bare.json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string sealed = file("t.json");
    const std::string bare = file("bare.json");
    // The bare document is the sealed one without its last member, and still valid JSON.
    EXPECT_EQ(bare, sealed.substr(0, sealed.rfind(",\n  \"tmsc_seal\": ")) + "\n}\n");
    EXPECT_FALSE(nlohmann::json::parse(bare, nullptr, false).is_discarded());
    EXPECT_FALSE(nlohmann::json::parse(bare, nullptr, false).contains("tmsc_seal"));
    EXPECT_TRUE(nlohmann::json::parse(sealed)["tmsc_seal"]["verdict"] == "pass");
    // Nothing is extracted from a rejected table.
    write_text(dir_ / "bad.json", sealed.substr(1));
    EXPECT_EQ(verify({"bad.json", "--extract", "nothing.json"}).exit_code, 1);
    EXPECT_FALSE(fs::exists(dir_ / "nothing.json"));
}

TEST(SealCodes, EveryVerifyCodeIsDocumented) {
    const std::string doc = read_file(fs::path(TMSC_SOURCE_DIR) / "docs" / "diagnostics.md");
    std::set<std::string> codes;
    for (const char* file : {"targets/attest/seal.cpp", "cli/verify_command.cpp"}) {
        const std::string text = read_file(fs::path(TMSC_SOURCE_DIR) / file);
        const std::regex code("\"(V[0-9]{4})\"");
        for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
            codes.insert((*it)[1]);
        }
    }
    EXPECT_GE(codes.size(), 8u);
    for (const std::string& c : codes) {
        EXPECT_NE(doc.find("\n## " + c + " "), std::string::npos) << c << " has no section";
    }
}

} // namespace
} // namespace tmsc
