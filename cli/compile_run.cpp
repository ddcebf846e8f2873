#include "cli/compile_run.hpp"

#include "cli/command.hpp"
#include "cli/driver/lower_pipeline.hpp"
#include "support/atomic_file.hpp"
#include "support/sha256.hpp"
#include "support/source_loader.hpp"
#include "support/version.hpp"
#include "targets/attest/attestation.hpp"
#include "targets/attest/signing.hpp"
#include "targets/tables/emit.hpp"
#include "targets/target_driver.hpp"

#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace tmsc::cli {

namespace {

using Json = nlohmann::ordered_json;

/// JSON null for an empty option, else its text.
Json text_or_null(const std::string& text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

/// The text of an optional string member ("" for null); throws on another type.
std::string text_of(const Json& record, const char* name) {
    const Json& v = record.at(name);
    return v.is_null() ? std::string() : v.get<std::string>();
}

/// The warnings among `diagnostics`.
std::vector<Diagnostic> warnings_in(const std::vector<Diagnostic>& diagnostics) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::Warning) {
            out.push_back(d);
        }
    }
    return out;
}

/// The file suffix of a table target.
std::string table_suffix(const std::string& target) {
    return target == "json" ? ".json" : ".csv";
}

/// The path without its folder.
std::string base_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// `text` without `suffix` when it ends with it (and is longer).
std::string drop_suffix(const std::string& text, const std::string& suffix) {
    return text.size() > suffix.size() && text.ends_with(suffix)
               ? text.substr(0, text.size() - suffix.size())
               : text;
}

/// The stem an --attest path stands for: without ".intoto.json" and then without ".TARGET".
std::string stem_of_attestation(const CompileOptions& o) {
    return drop_suffix(drop_suffix(o.attest_path, std::string(kAttestationSuffix)), "." + o.target);
}

/// True for standard output ("-") and an existing device or pipe (/dev/null): a stream, not a
/// file that an attestation could sit beside.
bool is_stream(const std::string& path) {
    struct stat st {};
    return path == "-" ||
           (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

/// Where the attestation goes: --attest; else STEM.TARGET.intoto.json beside the files; for a
/// stream without --attest, nowhere ("").
std::string attestation_path(const CompileOptions& o, const std::string& stem) {
    if (!o.attest_path.empty()) {
        return o.attest_path;
    }
    return is_stream(o.output) ? "" : stem + "." + o.target + std::string(kAttestationSuffix);
}

/// The subject name of a file written to `path` with `suffix`; a stream is named as the file
/// would be beside the attestation.
std::string subject_name(const CompileOptions& o, const std::string& path,
                         const std::string& suffix) {
    return is_stream(path) ? base_name(stem_of_attestation(o)) + suffix : base_name(path);
}

/// The statement of a compile whose files have these subjects.
CompileStatement make_statement(const CompileOptions& o, const LoweredProtocol& p,
                                const std::vector<Diagnostic>& more_warnings,
                                std::vector<Subject> subjects) {
    std::vector<Diagnostic> warnings = warnings_in(p.lowering);
    warnings.insert(warnings.end(), more_warnings.begin(), more_warnings.end());
    CompileFacts facts{o.target,           o.device, p.source, p.check, std::move(warnings),
                       recorded_options(o)};
    return CompileStatement{std::move(subjects), compile_predicate(facts)};
}

/// Streams the JSON or CSV table into `sink` and returns its SHA-256; `warnings` receives
/// emission's (W0901).
std::string stream_table(const CompileOptions& o, const LoweredProtocol& p, OutputSink& sink,
                         DiagnosticList& warnings) {
    EmitInput input{*p.schedule, *p.summary, p.source, "tmsc " TMSC_VERSION, &p.check};
    Sha256 digest;
    sink.hash_into(&digest);
    warnings = emit_schedule(o.target == "json" ? EmitFormat::Json : EmitFormat::Csv, input, sink);
    sink.hash_into(nullptr);
    return digest.finish_hex();
}

/// Writes `text` through a new temporary file for `path` (committed by the caller).
std::optional<AtomicFile> stage_text(const std::string& path, const std::string& text,
                                     std::string& error) {
    std::optional<AtomicFile> file = AtomicFile::create(path, error);
    if (file) {
        OutputSink sink(file->fd());
        sink.write(text);
        sink.flush();
    }
    return file;
}

/// Stages the attestation `text` at `path` (none when `path` is ""), then commits `table`
/// (when given) and the attestation, in that order. False with `error` set on failure.
bool commit_with_attestation(AtomicFile* table, const std::string& path, const std::string& text,
                             std::string& error) {
    if (path.empty()) {
        return !table || table->commit(error);
    }
    std::optional<AtomicFile> file = stage_text(path, text, error);
    return file && (!table || table->commit(error)) && file->commit(error);
}

/// Writes the table (standard output or atomically to a file), then its attestation;
/// returns the exit code.
int write_table(const CompileOptions& o, const LoweredProtocol& p, const Ed25519Key* key,
                DiagnosticList& warnings) {
    const std::string suffix = table_suffix(o.target);
    const std::string attest = attestation_path(o, drop_suffix(o.output, suffix));
    const auto attestation = [&](const std::string& sha256) {
        return attestation_text(
            make_statement(o, p, warnings_in(warnings.sorted()),
                           {Subject{subject_name(o, o.output, suffix), sha256}}),
            key);
    };
    std::string error;
    try {
        if (o.output == "-") {
            OutputSink sink(STDOUT_FILENO);
            const std::string sha256 = stream_table(o, p, sink, warnings);
            if (commit_with_attestation(nullptr, attest, attestation(sha256), error)) {
                return kExitOk;
            }
        } else if (std::optional<AtomicFile> table = AtomicFile::create(o.output, error)) {
            OutputSink sink(table->fd());
            const std::string sha256 = stream_table(o, p, sink, warnings);
            if (commit_with_attestation(&*table, attest, attestation(sha256), error)) {
                return kExitOk;
            }
        }
    } catch (const OutputError& e) {
        error = e.what();
    }
    std::cerr << "tmsc: error: " << error << '\n';
    return kExitUsage;
}

/// The attestation of a device program whose files go to `paths`.
targets::TrailingFile attest_program(const CompileOptions& o, const LoweredProtocol& p,
                                     const targets::TargetProgram& program,
                                     const std::vector<std::string>& paths,
                                     const std::vector<Diagnostic>& backend,
                                     const Ed25519Key* key) {
    std::vector<Subject> subjects;
    for (std::size_t i = 0; i < program.files.size(); ++i) {
        const targets::TargetFile& f = program.files[i];
        subjects.push_back(Subject{subject_name(o, paths[i], f.suffix), sha256_hex(f.contents)});
    }
    const std::string stem = targets::output_stem(program, o.output);
    return targets::TrailingFile{
        attestation_path(o, stem),
        attestation_text(make_statement(o, p, warnings_in(backend), std::move(subjects)), key)};
}

/// Checks and lowers `source`; null with `error` set on a usage error.
std::unique_ptr<LoweredProtocol> lower(const CompileOptions& o, SourceFile source,
                                       std::string& error) {
    LowerOptions lowering;
    CheckOptions checking;
    if (!lower_options(o.flags, lowering, error) || !check_options(o.flags, checking, error)) {
        return nullptr;
    }
    if (!o.device.empty() && !targets::is_device_target(o.target)) {
        error = "--device applies to stimulator targets, not to '" + o.target +
                "' (run 'tmsc targets')";
        return nullptr;
    }
    return lower_source(std::move(source), lowering, VerdictPolicy::RequirePass, checking);
}

/// Usage errors of --attest and -o that can be found before compiling; "" when none.
std::string output_problem(const CompileOptions& o) {
    if (o.attest_path.empty()) {
        return "";
    }
    if (!o.attest_path.ends_with(kAttestationSuffix) ||
        base_name(o.attest_path).size() <= kAttestationSuffix.size()) {
        return "--attest: the attestation's name must end in " + std::string(kAttestationSuffix) +
               " (e.g. run." + o.target + ".intoto.json)";
    }
    if (o.attest_path == o.output) {
        return "--attest names the output file itself";
    }
    return "";
}

/// Writes the files of a stimulator back end and their attestation; returns the exit code.
/// (No file of a program ends in .intoto.json, so the attestation never replaces one.)
int write_device_files(const CompileOptions& o, const LoweredProtocol& p, const Ed25519Key* key) {
    targets::DeviceTargetOptions device{o.target, o.device, o.output, {}};
    device.attest = [&](const targets::TargetProgram& program,
                        const std::vector<std::string>& paths,
                        const std::vector<Diagnostic>& d) -> std::optional<targets::TrailingFile> {
        targets::TrailingFile file = attest_program(o, p, program, paths, d, key);
        if (file.path.empty()) {
            return std::nullopt;
        }
        return file;
    };
    return targets::compile_to_device(*p.schedule, p.source, device, std::cerr);
}

} // namespace

Json recorded_options(const CompileOptions& o) {
    return Json{{"set", o.flags.settings},
                {"rmt", text_or_null(o.flags.rmt)},
                {"amt", text_or_null(o.flags.amt)},
                {"seed", o.flags.seed ? Json(*o.flags.seed) : Json(nullptr)},
                {"max_pulses", o.flags.max_pulses},
                {"rules", o.flags.rules},
                {"strict", o.flags.strict},
                {"allow_waived_errors", o.flags.allow_waived_errors}};
}

bool options_from_predicate(const Json& predicate, CompileOptions& out, std::string& error) {
    try {
        out.target = predicate.at("target").get<std::string>();
        out.device = text_of(predicate, "device");
        const Json& record = predicate.at("options");
        out.flags.settings = record.at("set").get<std::vector<std::string>>();
        out.flags.rmt = text_of(record, "rmt");
        out.flags.amt = text_of(record, "amt");
        if (!record.at("seed").is_null()) {
            out.flags.seed = record.at("seed").get<std::uint64_t>();
        }
        out.flags.max_pulses = record.at("max_pulses").get<std::int64_t>();
        out.flags.rules = record.at("rules").get<std::string>();
        out.flags.strict = record.at("strict").get<bool>();
        out.flags.allow_waived_errors = record.at("allow_waived_errors").get<bool>();
        return true;
    } catch (const nlohmann::json::exception&) {
        error = "the attestation's compile options are not ones tmsc records";
        return false;
    }
}

int run_compile(const CompileOptions& o) {
    std::string error = output_problem(o);
    if (!error.empty()) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    std::optional<Ed25519Key> key;
    if (!o.sign_key.empty() && !(key = Ed25519Key::load_private(o.sign_key, error))) {
        std::cerr << "tmsc: error: --sign: " << error << '\n';
        return kExitUsage;
    }
    LoadResult loaded = load_source(o.file);
    if (!loaded.source) {
        std::cerr << "tmsc: error: " << loaded.io_error << '\n';
        return kExitUsage;
    }
    auto p = lower(o, std::move(*loaded.source), error);
    if (!p) {
        std::cerr << "tmsc: error: " << error << '\n';
        return kExitUsage;
    }
    std::cerr << render_all(p->diagnostics, p->source);
    if (!p->ok()) {
        std::cerr << "tmsc: error: " << p->source.path() << ": verdict "
                  << verdict_name(p->check.verdict == Verdict::Pass ? Verdict::Fail
                                                                    : p->check.verdict)
                  << "; nothing was written\n";
        return kExitProtocol;
    }
    const Ed25519Key* signer = key ? &*key : nullptr;
    if (targets::is_device_target(o.target)) {
        return write_device_files(o, *p, signer);
    }
    DiagnosticList warnings;
    const int code = write_table(o, *p, signer, warnings);
    std::cerr << render_all(warnings.sorted(), p->source);
    return code;
}

std::optional<Rederived> rederive(const CompileOptions& o, SourceFile source, std::string& why) {
    auto p = lower(o, std::move(source), why);
    if (!p) {
        return std::nullopt;
    }
    if (!p->ok()) {
        why = "the protocol does not compile with the recorded options:\n" +
              render_all(p->diagnostics, p->source);
        return std::nullopt;
    }
    if (!targets::is_device_target(o.target)) {
        OutputSink discard(-1);
        DiagnosticList warnings;
        const std::string sha256 = stream_table(o, *p, discard, warnings);
        return Rederived{make_statement(o, *p, warnings_in(warnings.sorted()), {}).predicate,
                         {sha256}};
    }
    targets::TargetCompile r = targets::compile_target(*p->schedule, o.target, o.device);
    if (!r.program) {
        why = !r.usage_error.empty() ? r.usage_error
                                     : "the " + o.target + " back end now refuses the protocol:\n" +
                                           render_all(r.diagnostics, p->source);
        return std::nullopt;
    }
    Rederived out{make_statement(o, *p, warnings_in(r.diagnostics), {}).predicate, {}};
    for (const targets::TargetFile& f : r.program->files) {
        out.sha256s.push_back(sha256_hex(f.contents));
    }
    return out;
}

} // namespace tmsc::cli
