#include "cli/compile_run.hpp"

#include "cli/command.hpp"
#include "cli/driver/lower_pipeline.hpp"
#include "support/atomic_file.hpp"
#include "support/sha256.hpp"
#include "support/source_loader.hpp"
#include "support/version.hpp"
#include "targets/attest/signing.hpp"
#include "targets/tables/emit.hpp"
#include "targets/target_driver.hpp"

#include <iostream>
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

/// The seal of a payload of `bytes` with hash `sha256`, signed when `key` is given.
Seal make_seal(const CompileOptions& o, const LoweredProtocol& p, const std::string& file,
               std::vector<Diagnostic> more_warnings, std::uint64_t bytes, std::string sha256,
               const Ed25519Key* key) {
    std::vector<Diagnostic> warnings = warnings_in(p.lowering);
    warnings.insert(warnings.end(), more_warnings.begin(), more_warnings.end());
    Seal seal;
    seal.facts = seal_facts(SealSubject{o.target, o.device, file, p.source, p.check,
                                        std::move(warnings), recorded_options(o)});
    seal.payload_bytes = bytes;
    seal.payload_sha256 = std::move(sha256);
    if (key) {
        sign_seal(seal, *key);
    }
    return seal;
}

/// Streams the JSON or CSV table into `sink`, hashing it, then its seal. Returns the seal;
/// `warnings` receives emission's (W0901).
Seal write_sealed_table(const CompileOptions& o, const LoweredProtocol& p, OutputSink& sink,
                        const Ed25519Key* key, DiagnosticList& warnings) {
    const bool json = o.target == "json";
    EmitInput input{*p.schedule, *p.summary, p.source, "tmsc " TMSC_VERSION, &p.check};
    input.close_document = false; // the seal is the last member
    Sha256 digest;
    sink.hash_into(&digest);
    warnings = emit_schedule(json ? EmitFormat::Json : EmitFormat::Csv, input, sink);
    sink.hash_into(nullptr);
    const std::string file = json ? ".json" : ".csv";
    const Seal seal = make_seal(o, p, file, warnings_in(warnings.sorted()), sink.bytes(),
                                digest.finish_hex(), key);
    sink.write(seal_trailer(seal, placement_for(file)));
    sink.flush();
    return seal;
}

/// Appends its seal to every file of a device program.
std::vector<Seal> seal_program(const CompileOptions& o, const LoweredProtocol& p,
                               targets::TargetProgram& program,
                               const std::vector<Diagnostic>& backend, const Ed25519Key* key) {
    std::vector<Seal> seals;
    for (targets::TargetFile& f : program.files) {
        seals.push_back(make_seal(o, p, f.suffix, warnings_in(backend), f.contents.size(),
                                  sha256_hex(f.contents), key));
        f.contents += seal_trailer(seals.back(), placement_for(f.suffix));
    }
    return seals;
}

/// Writes the table to standard output or atomically to a file; returns the exit code.
int write_table(const CompileOptions& o, const LoweredProtocol& p, const Ed25519Key* key,
                DiagnosticList& warnings) {
    std::string error;
    try {
        if (o.output == "-") {
            OutputSink sink(STDOUT_FILENO);
            write_sealed_table(o, p, sink, key, warnings);
            return kExitOk;
        }
        std::optional<AtomicFile> file = AtomicFile::create(o.output, error);
        if (file) {
            OutputSink sink(file->fd());
            write_sealed_table(o, p, sink, key, warnings);
            if (file->commit(error)) {
                return kExitOk;
            }
        }
    } catch (const OutputError& e) {
        error = e.what();
    }
    std::cerr << "tmsc: error: " << error << '\n';
    return kExitUsage;
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

} // namespace

Json recorded_options(const CompileOptions& o) {
    return Json{{"target", o.target},
                {"device", text_or_null(o.device)},
                {"set", o.flags.settings},
                {"rmt", text_or_null(o.flags.rmt)},
                {"amt", text_or_null(o.flags.amt)},
                {"seed", o.flags.seed ? Json(*o.flags.seed) : Json(nullptr)},
                {"max_pulses", o.flags.max_pulses},
                {"rules", o.flags.rules},
                {"strict", o.flags.strict},
                {"allow_waived_errors", o.flags.allow_waived_errors}};
}

bool options_from_record(const Json& record, CompileOptions& out, std::string& error) {
    try {
        out.target = record.at("target").get<std::string>();
        out.device = text_of(record, "device");
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
        error = "the seal's compile options are not ones tmsc records";
        return false;
    }
}

int run_compile(const CompileOptions& o) {
    std::string error;
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
        targets::DeviceTargetOptions device{o.target, o.device, o.output, {}};
        device.seal = [&](targets::TargetProgram& program, const std::vector<Diagnostic>& d) {
            seal_program(o, *p, program, d, signer);
        };
        return targets::compile_to_device(*p->schedule, p->source, device, std::cerr);
    }
    DiagnosticList warnings;
    const int code = write_table(o, *p, signer, warnings);
    std::cerr << render_all(warnings.sorted(), p->source);
    return code;
}

std::optional<std::vector<Seal>> rederive_seals(const CompileOptions& o, SourceFile source,
                                                std::string& why) {
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
        return std::vector<Seal>{write_sealed_table(o, *p, discard, nullptr, warnings)};
    }
    targets::TargetCompile r = targets::compile_target(*p->schedule, o.target, o.device);
    if (!r.program) {
        why = !r.usage_error.empty() ? r.usage_error
                                     : "the " + o.target + " back end now refuses the protocol:\n" +
                                           render_all(r.diagnostics, p->source);
        return std::nullopt;
    }
    return seal_program(o, *p, *r.program, r.diagnostics, nullptr);
}

} // namespace tmsc::cli
