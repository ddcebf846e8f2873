// `tmsc verify-table FILE [--source PROTOCOL] [--pubkey KEY] [--extract PATH]`: what a device
// loader runs before it uses a table. Checks the seal and the payload's hash (any changed byte
// fails), optionally the Ed25519 signature, and with --source compiles the protocol again with
// the options the seal records and requires the same table. Only then does --extract write the
// bare payload. Exit 0 verified, 1 rejected, 2 usage or I/O error.

#include "cli/command.hpp"
#include "cli/compile_run.hpp"
#include "support/source_loader.hpp"
#include "support/text_output.hpp"
#include "targets/attest/seal.hpp"
#include "targets/attest/signing.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tmsc::cli {

namespace {

/// Options of `tmsc verify-table`.
struct VerifyOptions {
    std::string file;
    std::string source;
    std::string pubkey;
    std::string extract;
};

/// A whole file mapped read-only: tables can be hundreds of megabytes.
class MappedFile {
  public:
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() {
        if (data_ && size_ > 0) {
            ::munmap(data_, size_);
        }
    }
    /// Maps `path`; nullptr with `error` set when it cannot be read.
    static std::unique_ptr<MappedFile> open(const std::string& path, std::string& error) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            error = "cannot read '" + path + "'" +
                    (fd < 0 ? std::string(": ") + std::strerror(errno) : ": not a regular file");
            if (fd >= 0) {
                ::close(fd);
            }
            return nullptr;
        }
        std::unique_ptr<MappedFile> file(new MappedFile);
        file->size_ = static_cast<std::size_t>(st.st_size);
        if (file->size_ > 0) {
            file->data_ = ::mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
        }
        ::close(fd);
        if (file->data_ == MAP_FAILED) {
            file->data_ = nullptr;
            error = "cannot read '" + path + "'";
            return nullptr;
        }
        return file;
    }
    std::string_view bytes() const {
        return data_ ? std::string_view(static_cast<const char*>(data_), size_) : "";
    }

  private:
    MappedFile() = default;
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

/// Prints a rejection and returns exit code 1.
int reject(const std::string& file, const SealProblem& p) {
    std::cerr << file << ": error[" << p.code << "]: " << p.message << '\n';
    std::cerr << "tmsc: error: " << file << ": rejected; do not load this table\n";
    return kExitProtocol;
}

/// --source: the table the protocol compiles to now must be this one. Empty when identical.
std::optional<SealProblem> compare_rederived(const Seal& seal, const std::string& protocol) {
    CompileOptions options;
    std::string why;
    if (!options_from_record(seal.facts.at("compile"), options, why)) {
        return SealProblem{"V0609", why};
    }
    LoadResult loaded = load_source(protocol);
    if (!loaded.source) {
        return SealProblem{"V0609", loaded.io_error};
    }
    // Compiled under the recorded path, so that a table that quotes it (JSON) compares equal.
    const std::string recorded_path = seal.facts.at("source").at("path").get<std::string>();
    auto seals = rederive_seals(options, SourceFile(recorded_path, loaded.source->text()), why);
    if (!seals) {
        return SealProblem{"V0609", "cannot compile " + protocol + " again: " + why};
    }
    for (const Seal& again : *seals) {
        if (again.facts.at("file") != seal.facts.at("file")) {
            continue;
        }
        for (const auto& [name, value] : seal.facts.items()) {
            if (again.facts.at(name) != value) {
                return SealProblem{"V0608", "compiling " + protocol + " again gives another " +
                                                name + " than the table records"};
            }
        }
        if (again.payload_sha256 != seal.payload_sha256) {
            return SealProblem{"V0608", "compiling " + protocol +
                                            " again gives another table (payload SHA-256 " +
                                            again.payload_sha256 + ")"};
        }
        return std::nullopt;
    }
    return SealProblem{"V0608", "compiling " + protocol + " again gives no " +
                                    seal.facts.at("file").get<std::string>() + " file"};
}

/// One line saying what was verified.
std::string summary(const VerifyOptions& o, const Seal& seal) {
    const auto& f = seal.facts;
    std::string line = o.file + ": verified: " + f.at("target").get<std::string>();
    if (!f.at("device").is_null()) {
        line += " on " + f.at("device").get<std::string>();
    }
    line += " (" + f.at("file").get<std::string>() + ") of " +
            f.at("source").at("path").get<std::string>() + ", rule set " +
            (f.at("rule_set").at("id").is_string() ? f.at("rule_set").at("id").get<std::string>()
                                                  : std::string("(none)")) + ", verdict pass, " +
            std::to_string(f.at("warnings").size()) + " warning(s), " +
            std::to_string(f.at("waivers").size()) + " waiver(s); payload " +
            std::to_string(seal.payload_bytes) + " bytes, SHA-256 " + seal.payload_sha256;
    if (seal.signature.empty()) {
        line += "; unsigned";
    } else {
        line += std::string("; signed by key ") + seal.key_fingerprint +
                (o.pubkey.empty() ? " (not checked: no --pubkey)" : " (checked)");
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
    const std::unique_ptr<MappedFile> file = MappedFile::open(o.file, error);
    if (!file) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    auto opened = open_sealed(file->bytes());
    if (const auto* p = std::get_if<SealProblem>(&opened)) {
        return reject(o.file, *p);
    }
    const OpenedTable& table = std::get<OpenedTable>(opened);
    if (key) {
        if (auto p = check_signature(table.seal, *key)) {
            return reject(o.file, *p);
        }
    }
    if (!o.source.empty()) {
        if (auto p = compare_rederived(table.seal, o.source)) {
            return reject(o.file, *p);
        }
    }
    if (!o.extract.empty() && !write_text_output(o.extract, extracted_payload(table), error)) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    (o.extract == "-" ? std::cerr : std::cout) << summary(o, table.seal) << '\n';
    return kExitOk;
}

} // namespace

Command add_verify_command(CLI::App& app) {
    auto options = std::make_shared<VerifyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "verify-table",
        "Check a compiled table or device file: its seal, payload hash, signature.\n"
        "  example: tmsc verify-table itbs.csv --source examples/itbs-600.tms");
    cmd->add_option("file", options->file, "A file 'tmsc compile' wrote")->required();
    cmd->add_option("--source", options->source,
                    "Compile this protocol again with the recorded options; require the "
                    "same table");
    cmd->add_option("--pubkey", options->pubkey,
                    "Require an Ed25519 signature by this public key (PEM)");
    cmd->add_option("--extract", options->extract,
                    "After verifying, write the table without its seal to this file ('-': "
                    "standard output)");
    return Command{cmd, [options] { return run_verify(*options); }};
}

} // namespace tmsc::cli
