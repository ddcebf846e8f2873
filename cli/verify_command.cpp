// `tmsc verify-table ATTESTATION [FILE...] [--pubkey KEY] [--source PROTOCOL]`: what a device
// loader runs before it uses a file `tmsc compile` wrote. Reads the attestation (a DSSE
// envelope of an in-toto statement), with --pubkey requires a valid Ed25519 signature by that
// key, then checks every file (by default every subject, beside the attestation) against its
// SHA-256, and with --source compiles the protocol again with the recorded options and
// requires the same predicate and the same bytes. Exit 0 verified, 1 rejected, 2 usage or I/O
// error.

#include "cli/command.hpp"
#include "cli/compile_run.hpp"
#include "support/sha256.hpp"
#include "support/source_loader.hpp"
#include "targets/attest/attestation.hpp"
#include "targets/attest/signing.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace tmsc::cli {

namespace {

/// Options of `tmsc verify-table`.
struct VerifyOptions {
    std::string attestation;
    std::vector<std::string> files;
    std::string source;
    std::string pubkey;
};

/// Largest attestation read: one is a few kilobytes; anything near this is not one.
constexpr std::size_t kMaxAttestationBytes = std::size_t{16} << 20;

/// Reads a regular file whole, or hashes it in chunks (`digest` given: nothing is kept).
/// False with `error` set when it cannot be read.
bool read_regular(const std::string& path, std::string* text, Sha256* digest, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = fd < 0 ? std::string(std::strerror(errno)) : "not a regular file";
        if (fd >= 0) {
            ::close(fd);
        }
        return false;
    }
    std::string chunk(std::size_t{1} << 20, '\0');
    for (;;) {
        const ssize_t n = ::read(fd, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            error = n < 0 ? std::string(std::strerror(errno)) : "";
            return n == 0;
        }
        const std::string_view bytes(chunk.data(), static_cast<std::size_t>(n));
        if (digest) {
            digest->update(bytes);
        } else if (text->size() + bytes.size() > kMaxAttestationBytes) {
            ::close(fd);
            error = "larger than any attestation (" + std::to_string(kMaxAttestationBytes >> 20) +
                    " MiB)";
            return false;
        } else {
            text->append(bytes);
        }
    }
}

/// The path without its folder, and the folder with its slash ("" for none).
std::string base_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}
std::string folder_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

/// The files to check, hashed: those given, or every subject beside the attestation.
std::vector<FileDigest> hash_files(const VerifyOptions& o, const CompileStatement& statement) {
    std::vector<std::string> paths = o.files;
    if (paths.empty()) {
        for (const Subject& s : statement.subjects) {
            paths.push_back(folder_of(o.attestation) + s.name);
        }
    }
    std::vector<FileDigest> out;
    for (const std::string& path : paths) {
        FileDigest f{path, base_name(path), "", ""};
        Sha256 digest;
        if (read_regular(path, nullptr, &digest, f.unreadable)) {
            f.sha256 = digest.finish_hex();
        }
        out.push_back(std::move(f));
    }
    return out;
}

/// Prints each problem and the rejection; returns exit code 1.
int reject(const VerifyOptions& o, const std::vector<AttestProblem>& problems) {
    for (const AttestProblem& p : problems) {
        std::cerr << (p.file.empty() ? o.attestation : p.file) << ": error[" << p.code
                  << "]: " << p.message << '\n';
    }
    std::cerr << "tmsc: error: " << o.attestation << ": rejected; do not load these files\n";
    return kExitProtocol;
}

/// --source: what the protocol compiles to now must be what the attestation says.
std::optional<AttestProblem> compare_rederived(const CompileStatement& statement,
                                               const std::string& protocol) {
    CompileOptions options;
    std::string why;
    if (!options_from_predicate(statement.predicate, options, why)) {
        return AttestProblem{"V0609", why, ""};
    }
    LoadResult loaded = load_source(protocol);
    if (!loaded.source) {
        return AttestProblem{"V0609", loaded.io_error, ""};
    }
    // Compiled under the recorded path, so that a table that quotes it (JSON) compares equal.
    const std::string recorded_path = statement.predicate.at("source").at("path");
    auto again = rederive(options, SourceFile(recorded_path, loaded.source->text()), why);
    if (!again) {
        return AttestProblem{"V0609", "cannot compile " + protocol + " again: " + why, ""};
    }
    for (const auto& [name, value] : statement.predicate.items()) {
        if (!again->predicate.contains(name) || again->predicate.at(name) != value) {
            return AttestProblem{"V0608",
                                 "compiling " + protocol + " again gives another " + name +
                                     " than the attestation records",
                                 ""};
        }
    }
    if (again->predicate.size() != statement.predicate.size() ||
        again->sha256s.size() != statement.subjects.size()) {
        return AttestProblem{
            "V0608",
            "compiling " + protocol + " again gives " + std::to_string(again->sha256s.size()) +
                " file(s), " + "the attestation names " + std::to_string(statement.subjects.size()),
            ""};
    }
    for (std::size_t i = 0; i < again->sha256s.size(); ++i) {
        if (again->sha256s[i] != statement.subjects[i].sha256) {
            return AttestProblem{"V0608",
                                 "compiling " + protocol + " again gives another " +
                                     statement.subjects[i].name + " (SHA-256 " + again->sha256s[i] +
                                     ")",
                                 ""};
        }
    }
    return std::nullopt;
}

/// One line saying what was verified.
std::string summary(const VerifyOptions& o, const OpenedAttestation& a,
                    const std::vector<FileDigest>& files) {
    const nlohmann::ordered_json& p = a.statement.predicate;
    std::string names;
    for (const FileDigest& f : files) {
        names += (names.empty() ? "" : ", ") + f.path;
    }
    std::string line = o.attestation + ": verified " + std::to_string(files.size()) + " of " +
                       std::to_string(a.statement.subjects.size()) + " attested file(s) (" + names +
                       "): " + p.at("target").get<std::string>();
    if (p.at("device").is_string()) {
        line += " on " + p.at("device").get<std::string>();
    }
    const auto& rules = p.at("rule_set");
    line += " of " + p.at("source").at("path").get<std::string>() + ", rule set " +
            (rules.at("id").is_string() ? rules.at("id").get<std::string>() : "(none)") +
            (rules.at("transcription_reviewed").get<bool>() ? " (reviewed)" : " (not reviewed)") +
            ", verdict pass, " + std::to_string(p.at("findings").size()) + " finding(s), " +
            std::to_string(p.at("waivers").size()) + " waiver(s)";
    if (a.keyids.empty()) {
        line += "; unsigned";
    } else {
        line += "; signed (keyid " + a.keyids.front() + ")" +
                (a.signature_checked ? " and checked" : ", not checked: no --pubkey");
    }
    if (!o.source.empty()) {
        line += "; identical to what " + o.source + " compiles to";
    }
    return line;
}

int run_verify(const VerifyOptions& o) {
    std::string error;
    std::optional<Ed25519Key> key;
    if (!o.pubkey.empty() && !(key = Ed25519Key::load_public(o.pubkey, error))) {
        std::cerr << "tmsc: error: --pubkey: " << error << '\n';
        return kExitUsage;
    }
    std::string bytes;
    if (!read_regular(o.attestation, &bytes, nullptr, error)) {
        std::cerr << "tmsc: error: cannot read '" << o.attestation << "': " << error << '\n';
        return kExitUsage;
    }
    auto opened = open_attestation(bytes, key ? &*key : nullptr);
    if (const auto* p = std::get_if<AttestProblem>(&opened)) {
        return reject(o, {*p});
    }
    const OpenedAttestation& a = std::get<OpenedAttestation>(opened);
    const std::vector<FileDigest> files = hash_files(o, a.statement);
    if (const auto problems = check_files(a.statement, files); !problems.empty()) {
        return reject(o, problems);
    }
    if (!o.source.empty()) {
        if (auto p = compare_rederived(a.statement, o.source)) {
            return reject(o, {*p});
        }
    }
    std::cout << summary(o, a, files) << '\n';
    return kExitOk;
}

} // namespace

Command add_verify_command(CLI::App& app) {
    auto options = std::make_shared<VerifyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "verify-table",
        "Check files 'tmsc compile' wrote against their attestation: every SHA-256, the "
        "signature, the source.\n"
        "  example: tmsc verify-table itbs.csv.intoto.json --source examples/itbs-600.tms");
    cmd->add_option("attestation", options->attestation,
                    "The attestation 'tmsc compile' wrote (STEM.TARGET.intoto.json)")
        ->required();
    cmd->add_option("files", options->files,
                    "Files to check, matched to the attestation's subjects by name (default: "
                    "every subject, beside the attestation)");
    cmd->add_option("--source", options->source,
                    "Compile this protocol again with the recorded options; require the same "
                    "files");
    cmd->add_option("--pubkey", options->pubkey,
                    "Require an Ed25519 signature by this public key (PEM)");
    return Command{cmd, [options] { return run_verify(*options); }};
}

} // namespace tmsc::cli
