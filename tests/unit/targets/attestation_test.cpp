// Issue 14, "payloads exactly in their consumer's format, and a detached attestation": `tmsc
// compile` writes its files bare and one attestation beside them (an in-toto Statement in a
// DSSE envelope, Ed25519-signed with --sign); `tmsc verify-table` checks the files against it,
// the signature with --pubkey, and with --source what the protocol compiles to again.

#include "support/sha256.hpp"
#include "targets/attest/attestation.hpp"
#include "tests/unit/common/attestation_fixture.hpp"

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace tmsc {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;
using Json = nlohmann::json;

class Attestation : public AttestationFixture {
  protected:
    /// The statement inside an attestation file, parsed.
    Json statement(const std::string& name) const {
        const auto e = std::get<dsse::Envelope>(dsse::parse_envelope(file(name)));
        return Json::parse(e.payload);
    }
    /// Expects `verify-table args` to reject with `code`, naming `who`.
    void expect_rejected(const std::vector<std::string>& args, const std::string& who,
                         const std::string& code) {
        const ProcessResult r = verify(args);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.err.find(who + ": error[" + code + "]"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("rejected; do not load these files"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
};

TEST_F(Attestation, CompileWritesTheBareFilesAndOneAttestationBesideThem) {
    compile({"--target", "csv", "-o", "t.csv"});
    compile({"--target", "json", "-o", "t.json"});
    compile({"--target", "ttl", "--device", "magstim-rapid2-240v", "-o", "t"});
    EXPECT_EQ(outputs(),
              (std::vector<std::string>{"t.csv", "t.csv.intoto.json", "t.json",
                                        "t.json.intoto.json", "t.ttl.bin", "t.ttl.intoto.json"}));
    // No seal, no comment: the CSV is the header and one CRLF-ended row per pulse.
    const std::string csv = file("t.csv");
    EXPECT_EQ(csv.find("tmsc-seal"), std::string::npos);
    EXPECT_EQ(csv.find('#'), std::string::npos);
    EXPECT_EQ(count_lines(csv), 9u);
    EXPECT_TRUE(csv.ends_with(",0,\r\n"));
    EXPECT_FALSE(Json::parse(file("t.json")).contains("tmsc_seal"));
    const Json s = statement("t.ttl.intoto.json");
    EXPECT_EQ(s["_type"], "https://in-toto.io/Statement/v1");
    EXPECT_EQ(s["predicateType"], "https://tmsc.dev/attestation/compile/v1");
    ASSERT_EQ(s["subject"].size(), 1u);
    EXPECT_EQ(s["subject"][0]["name"], "t.ttl.bin");
    EXPECT_EQ(s["subject"][0]["digest"]["sha256"], sha256_hex(file("t.ttl.bin")));
    const Json& p = s["predicate"];
    EXPECT_EQ(p["target"], "ttl");
    EXPECT_EQ(p["device"], "magstim-rapid2-240v");
    EXPECT_EQ(p["options"]["rmt"], "50");
    EXPECT_EQ(p["source"]["sha256"], sha256_hex(kAttestedProtocol));
    EXPECT_EQ(p["rule_set"]["id"], "rossi2009");
    ASSERT_FALSE(p["rule_set"]["files"].empty());
    EXPECT_EQ(p["rule_set"]["files"][0]["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(p["verdict"], "pass");
    const Json envelope = Json::parse(file("t.ttl.intoto.json"));
    EXPECT_EQ(envelope["payloadType"], "application/vnd.in-toto+json");
    EXPECT_TRUE(envelope["signatures"].empty()); // unsigned without --sign
}

TEST_F(Attestation, VerifyTableAcceptsTheUntouchedSetAndNamesEachRejection) {
    compile({"--target", "magstim-rapid2", "--device", "magstim-rapid2-240v", "-o", "r"});
    const ProcessResult ok = verify({"r.magstim-rapid2.intoto.json"});
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("verified 2 of 2 attested file(s) (r.rapid2.txt, r.rapid2.bin): "
                          "magstim-rapid2 on magstim-rapid2-240v of p.tms"),
              std::string::npos)
        << ok.out;
    EXPECT_NE(ok.out.find("; unsigned"), std::string::npos);
    const std::string txt = file("r.rapid2.txt");
    write_text(dir_ / "r.rapid2.txt", txt + "\n");
    expect_rejected({"r.magstim-rapid2.intoto.json"}, "r.rapid2.txt", "V0604");
    fs::remove(dir_ / "r.rapid2.txt");
    expect_rejected({"r.magstim-rapid2.intoto.json"}, "r.rapid2.txt", "V0610");
    write_text(dir_ / "r.rapid2.txt", txt);
    // A file named on the command line must be a subject; one named so is checked alone.
    write_text(dir_ / "extra.txt", txt);
    expect_rejected({"r.magstim-rapid2.intoto.json", "r.rapid2.bin", "extra.txt"}, "extra.txt",
                    "V0611");
    const ProcessResult one = verify({"r.magstim-rapid2.intoto.json", "r.rapid2.bin"});
    EXPECT_EQ(one.exit_code, 0) << one.err;
    EXPECT_NE(one.out.find("verified 1 of 2"), std::string::npos) << one.out;
    // Moved elsewhere, files are found by the names given.
    fs::create_directories(dir_ / "elsewhere");
    fs::copy_file(dir_ / "r.rapid2.bin", dir_ / "elsewhere" / "r.rapid2.bin");
    EXPECT_EQ(verify({"r.magstim-rapid2.intoto.json", "elsewhere/r.rapid2.bin"}).exit_code, 0);
    // An attestation that is not one.
    const std::string att = file("r.magstim-rapid2.intoto.json");
    write_text(dir_ / "cut.intoto.json", att.substr(0, att.size() / 2));
    expect_rejected({"cut.intoto.json"}, "cut.intoto.json", "V0601");
    write_text(dir_ / "t.csv", txt);
    expect_rejected({"t.csv"}, "t.csv", "V0601"); // a table is not an attestation
    EXPECT_EQ(verify({"absent.intoto.json"}).exit_code, 2);
}

TEST_F(Attestation, AStatementThatIsNotATmscCompileIsMalformed) {
    compile({"--target", "csv", "-o", "t.csv"});
    auto e = std::get<dsse::Envelope>(dsse::parse_envelope(file("t.csv.intoto.json")));
    const auto rewrite = [&](const std::string& from, const std::string& to) {
        dsse::Envelope changed = e;
        const std::size_t at = changed.payload.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        changed.payload.replace(at, from.size(), to);
        write_text(dir_ / "x.intoto.json", dsse::write_envelope(changed));
    };
    const std::pair<std::string, std::string> edits[] = {
        {"Statement/v1", "Statement/v0"},
        {"compile/v1", "compile/v2"},
        {"\"name\":\"t.csv\"", "\"name\":\"../t.csv\""},
        {"\"verdict\":\"pass\"", "\"verdict\":7"},
        {"\"subject\":[", "\"subject\":[{\"name\":\"t.csv\",\"digest\":{\"sha256\":\"" +
                              std::string(64, '0') + "\"}},"},
    };
    for (const auto& [from, to] : edits) {
        rewrite(from, to);
        expect_rejected({"x.intoto.json"}, "x.intoto.json", "V0602");
    }
    rewrite("\"verdict\":\"pass\"", "\"verdict\":\"fail\"");
    expect_rejected({"x.intoto.json"}, "x.intoto.json", "V0605");
    dsse::Envelope other_type = e;
    other_type.payload_type = "application/json";
    write_text(dir_ / "x.intoto.json", dsse::write_envelope(other_type));
    expect_rejected({"x.intoto.json"}, "x.intoto.json", "V0601");
}

TEST_F(Attestation, PubkeyRequiresAValidSignatureByThatKey) {
    compile({"--target", "json", "--sign", "ci.pem", "-o", "s.json"});
    compile({"--target", "json", "-o", "u.json"});
    const ProcessResult ok = verify({"s.json.intoto.json", "--pubkey", "ci.pub"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find(") and checked"), std::string::npos) << ok.out;
    // The private key file holds the public key too.
    EXPECT_EQ(verify({"s.json.intoto.json", "--pubkey", "ci.pem"}).exit_code, 0);
    const ProcessResult other = verify({"s.json.intoto.json", "--pubkey", "other.pub"});
    EXPECT_EQ(other.exit_code, 1);
    EXPECT_NE(other.err.find("error[V0607]: the attestation was signed by another key"),
              std::string::npos)
        << other.err;
    expect_rejected({"u.json.intoto.json", "--pubkey", "ci.pub"}, "u.json.intoto.json", "V0606");
    // Without --pubkey a signed attestation verifies, and says its signature was not checked.
    const ProcessResult unchecked = verify({"s.json.intoto.json"});
    EXPECT_EQ(unchecked.exit_code, 0);
    EXPECT_NE(unchecked.out.find("not checked: no --pubkey"), std::string::npos);
    // The keyid is the SHA-256 of the raw public key.
    const Json envelope = Json::parse(file("s.json.intoto.json"));
    ASSERT_EQ(envelope["signatures"].size(), 1u);
    EXPECT_EQ(envelope["signatures"][0]["keyid"].get<std::string>().size(), 64u);
}

TEST_F(Attestation, ASignatureMovedFromAnotherAttestationDoesNotVerify) {
    compile({"--target", "csv", "--sign", "ci.pem", "-o", "a.csv"});
    compile({"--target", "csv", "--sign", "ci.pem", "--seed", "7", "-o", "b.csv"});
    auto a = std::get<dsse::Envelope>(dsse::parse_envelope(file("a.csv.intoto.json")));
    auto b = std::get<dsse::Envelope>(dsse::parse_envelope(file("b.csv.intoto.json")));
    ASSERT_NE(a.payload, b.payload); // another seed is another compile
    b.signatures = a.signatures;
    write_text(dir_ / "b.csv.intoto.json", dsse::write_envelope(b));
    expect_rejected({"b.csv.intoto.json", "--pubkey", "ci.pub"}, "b.csv.intoto.json", "V0607");
    const ProcessResult r = verify({"b.csv.intoto.json", "--pubkey", "ci.pub"});
    EXPECT_NE(r.err.find("the signature does not match the attestation"), std::string::npos);
}

TEST_F(Attestation, KeysThatAreNotEd25519KeysAreUsageErrors) {
    const ProcessResult pub =
        run_tmsc({"compile", "p.tms", "--target", "csv", "--sign", "ci.pub", "-o", "t.csv"}, dir_);
    EXPECT_EQ(pub.exit_code, 2);
    EXPECT_NE(pub.err.find("--sign: 'ci.pub' is not a PEM private key"), std::string::npos)
        << pub.err;
    EXPECT_EQ(outputs(), std::vector<std::string>{});
    compile({"--target", "csv", "-o", "t.csv"});
    EXPECT_EQ(verify({"t.csv.intoto.json", "--pubkey", "absent.pub"}).exit_code, 2);
    EXPECT_EQ(verify({"t.csv.intoto.json", "--pubkey", "p.tms"}).exit_code, 2);
}

TEST_F(Attestation, OutputIsByteIdenticalAcrossRunsSignedOrNot) {
    for (const char* target : {"csv", "json"}) {
        for (const bool sign : {false, true}) {
            std::vector<std::string> args = {"--target", target, "-o", "one"};
            if (sign) {
                args.insert(args.end(), {"--sign", "ci.pem"});
            }
            compile(args);
            const std::string first = file("one." + std::string(target) + ".intoto.json");
            compile(args);
            EXPECT_EQ(file("one." + std::string(target) + ".intoto.json"), first) << target;
        }
    }
    compile(
        {"--target", "magventure", "--device", "magventure-x100", "--sign", "ci.pem", "-o", "m1"});
    compile(
        {"--target", "magventure", "--device", "magventure-x100", "--sign", "ci.pem", "-o", "m2"});
    EXPECT_EQ(file("m1.magventure.txt"), file("m2.magventure.txt"));
    // The subjects' names differ (m1, m2); the signed predicate does not.
    EXPECT_EQ(statement("m1.magventure.intoto.json")["predicate"],
              statement("m2.magventure.intoto.json")["predicate"]);
}

TEST_F(Attestation, SourceRederivesEveryFileAndRequiresIdentity) {
    compile({"--target", "json", "-o", "t.json"});
    compile({"--target", "magstim-rapid2", "--device", "magstim-rapid2-240v", "-o", "m"});
    for (const char* name : {"t.json.intoto.json", "m.magstim-rapid2.intoto.json"}) {
        const ProcessResult same = verify({name, "--source", "p.tms"});
        EXPECT_EQ(same.exit_code, 0) << same.err;
        EXPECT_NE(same.out.find("identical to what p.tms compiles to"), std::string::npos);
    }
    // Another protocol text, even one that gives the same pulses, is another source.
    write_text(dir_ / "comment.tms", std::string(kAttestedProtocol) + "// reviewed\n");
    const ProcessResult comment = verify({"t.json.intoto.json", "--source", "comment.tms"});
    EXPECT_EQ(comment.exit_code, 1);
    EXPECT_NE(comment.err.find("error[V0608]: compiling comment.tms again gives another source"),
              std::string::npos)
        << comment.err;
    // A protocol that no longer compiles cannot vouch for the files.
    std::string unsafe = kAttestedProtocol;
    unsafe.replace(unsafe.find("100 %rMT"), 8, "300 %rMT"); // 150 %MSO at --rmt 50
    write_text(dir_ / "unsafe.tms", unsafe);
    expect_rejected({"t.json.intoto.json", "--source", "unsafe.tms"}, "t.json.intoto.json",
                    "V0609");
}

TEST_F(Attestation, AFileRebuiltWithAnotherDigestFailsTheSourceCheckToo) {
    // The attestation is edited consistently with a changed file (unsigned, anyone can): the
    // digests then agree, but the protocol does not compile to that file.
    compile({"--target", "csv", "-o", "t.csv"});
    std::string csv = file("t.csv");
    csv.replace(csv.rfind("100"), 3, "101");
    auto e = std::get<dsse::Envelope>(dsse::parse_envelope(file("t.csv.intoto.json")));
    const std::string old_digest = sha256_hex(file("t.csv"));
    e.payload.replace(e.payload.find(old_digest), 64, sha256_hex(csv));
    write_text(dir_ / "t.csv", csv);
    write_text(dir_ / "t.csv.intoto.json", dsse::write_envelope(e));
    EXPECT_EQ(verify({"t.csv.intoto.json"}).exit_code, 0);
    expect_rejected({"t.csv.intoto.json", "--source", "p.tms"}, "t.csv.intoto.json", "V0608");
}

TEST_F(Attestation, StandardOutputGetsAnAttestationOnlyWhenAttestAsks) {
    const ProcessResult bare = run_tmsc({"compile", "p.tms", "--target", "csv"}, dir_);
    ASSERT_EQ(bare.exit_code, 0) << bare.err;
    EXPECT_EQ(outputs(), std::vector<std::string>{});
    const ProcessResult attested =
        run_tmsc({"compile", "p.tms", "--target", "csv", "--attest", "run.csv.intoto.json"}, dir_);
    ASSERT_EQ(attested.exit_code, 0) << attested.err;
    EXPECT_EQ(attested.out, bare.out);
    EXPECT_EQ(outputs(), std::vector<std::string>{"run.csv.intoto.json"});
    // The subject is named as the file would be beside the attestation: run.csv.
    EXPECT_EQ(statement("run.csv.intoto.json")["subject"][0]["name"], "run.csv");
    write_text(dir_ / "run.csv", attested.out);
    EXPECT_EQ(verify({"run.csv.intoto.json"}).exit_code, 0);
    // --attest also moves the attestation of files written with -o.
    fs::create_directories(dir_ / "att");
    compile({"--target", "ttl", "--device", "magstim-rapid2-240v", "-o", "t", "--attest",
             "att/t.intoto.json"});
    EXPECT_FALSE(exists("t.ttl.intoto.json"));
    EXPECT_EQ(statement("att/t.intoto.json")["subject"][0]["name"], "t.ttl.bin");
    EXPECT_EQ(verify({"att/t.intoto.json", "t.ttl.bin"}).exit_code, 0);
}

TEST_F(Attestation, AttestPathsThatCannotBeAreUsageErrorsAndNothingIsWritten) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--attest", "run.json"},
          std::vector<std::string>{"--attest", ".intoto.json"},
          std::vector<std::string>{"-o", "x.intoto.json", "--attest", "x.intoto.json"}}) {
        std::vector<std::string> all = {"compile", "p.tms", "--target", "csv"};
        all.insert(all.end(), args.begin(), args.end());
        const ProcessResult r = run_tmsc(all, dir_);
        EXPECT_EQ(r.exit_code, 2) << args[1];
        EXPECT_NE(r.err.find("--attest"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
    // The attestation cannot be written (no such folder): neither is the table.
    const ProcessResult r = run_tmsc(
        {"compile", "p.tms", "--target", "csv", "-o", "t.csv", "--attest", "no/t.intoto.json"},
        dir_);
    EXPECT_EQ(r.exit_code, 2);
    const ProcessResult d =
        run_tmsc({"compile", "p.tms", "--rmt", "50", "--target", "ttl", "--device",
                  "magstim-rapid2-240v", "-o", "t", "--attest", "no/t.intoto.json"},
                 dir_);
    EXPECT_EQ(d.exit_code, 2);
    EXPECT_EQ(outputs(), std::vector<std::string>{});
}

TEST(AttestationCodes, EveryVerifyCodeIsDocumentedAndTheRetiredOneSaysSo) {
    const std::string doc = read_file(fs::path(TMSC_SOURCE_DIR) / "docs" / "diagnostics.md");
    std::set<std::string> codes;
    for (const char* file : {"targets/attest/attestation.cpp", "targets/attest/statement.cpp",
                             "cli/verify_command.cpp"}) {
        const std::string text = read_file(fs::path(TMSC_SOURCE_DIR) / file);
        const std::regex code("\"(V[0-9]{4})\"");
        for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
            codes.insert((*it)[1]);
        }
    }
    EXPECT_EQ(codes, (std::set<std::string>{"V0601", "V0602", "V0604", "V0605", "V0606", "V0607",
                                            "V0608", "V0609", "V0610", "V0611"}));
    for (const std::string& c : codes) {
        EXPECT_NE(doc.find("\n## " + c + " "), std::string::npos) << c << " has no section";
    }
    EXPECT_NE(doc.find("\n## V0603 — retired"), std::string::npos);
}

} // namespace
} // namespace tmsc
