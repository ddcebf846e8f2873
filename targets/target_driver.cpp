#include "targets/target_driver.hpp"

#include "support/atomic_file.hpp"
#include "targets/backend/backend_support.hpp"
#include "targets/devices/device_registry.hpp"

#include <cerrno>
#include <ostream>
#include <unistd.h>

namespace tmsc::targets {

bool is_device_target(std::string_view name) {
    return find_backend(name) != nullptr;
}

std::vector<std::string> export_target_names() {
    std::vector<std::string> names;
    for (const TargetBackend* b : export_backends()) {
        names.emplace_back(b->name());
    }
    return names;
}

std::vector<std::string> device_target_names() {
    std::vector<std::string> names;
    for (const TargetBackend* b : all_backends()) {
        names.emplace_back(b->name());
    }
    return names;
}

TargetCompile compile_session(const TargetSession& session, std::string_view backend,
                              std::string_view device) {
    TargetCompile out;
    const TargetBackend* b = find_backend(backend);
    if (!b) {
        out.usage_error = "unknown target \"" + std::string(backend) + "\"";
        return out;
    }
    ProfileLoadResult loaded = load_device(device);
    if (!loaded.profile) {
        out.usage_error = loaded.error;
        return out;
    }
    if (!b->accepts(*loaded.profile)) {
        out.usage_error = "the " + std::string(backend) + " back end cannot program the " +
                          loaded.profile->name + " (" + loaded.profile->family +
                          " family); run 'tmsc targets' to see which back end fits";
        return out;
    }
    TargetResult r = compile_for_target(*b, session, *loaded.profile);
    out.diagnostics = r.diagnostics.sorted();
    out.program = std::move(r.program);
    return out;
}

TargetCompile compile_target(const Schedule& schedule, std::string_view backend,
                             std::string_view device) {
    SessionBuild build = session_from_schedule(schedule);
    if (!build.session) {
        TargetCompile out;
        out.diagnostics = build.diagnostics.sorted();
        return out;
    }
    return compile_session(*build.session, backend, device);
}

DeviceCheck check_deliverable(const Schedule& schedule, std::string_view device) {
    DeviceCheck out;
    ProfileLoadResult loaded = load_device(device);
    if (!loaded.profile) {
        out.usage_error = loaded.error;
        return out;
    }
    SessionBuild build = session_from_schedule(schedule);
    if (build.session) {
        // Pulses as the schedule has them: a back end may program bursts differently, but
        // the device must survive the pulses themselves.
        check_program(build.diagnostics, "device", *loaded.profile, build.session->trains,
                      build.session->waveform, false);
    }
    out.deliverable = build.session && !build.diagnostics.has_errors();
    out.diagnostics = build.diagnostics.sorted();
    return out;
}

std::string output_stem(const TargetProgram& program, const std::string& output) {
    for (const TargetFile& f : program.files) {
        if (output.size() > f.suffix.size() &&
            output.compare(output.size() - f.suffix.size(), f.suffix.size(), f.suffix) == 0) {
            return output.substr(0, output.size() - f.suffix.size());
        }
    }
    return output;
}

std::vector<std::string> output_paths(const TargetProgram& program, const std::string& output,
                                      std::string& error) {
    if (output == "-") {
        if (program.files.size() != 1) {
            error = "this target writes " + std::to_string(program.files.size()) +
                    " files; give -o STEM to write them beside each other";
            return {};
        }
        return {"-"};
    }
    const std::string stem = output_stem(program, output);
    std::vector<std::string> paths;
    for (const TargetFile& f : program.files) {
        paths.push_back(stem + f.suffix);
    }
    return paths;
}

namespace {

/// Writes all of `text` to `fd`; false with `error` set on failure.
bool write_all(int fd, const std::string& text, const std::string& name, std::string& error) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error = name + ": write failed";
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

bool write_target_files(const TargetProgram& program, const std::string& output,
                        const TrailingFile* last, std::string& error) {
    const std::vector<std::string> paths = output_paths(program, output, error);
    if (paths.empty()) {
        return false;
    }
    std::vector<AtomicFile> files;
    if (paths.front() == "-") {
        if (!write_all(STDOUT_FILENO, program.files.front().contents, "standard output", error)) {
            return false;
        }
    } else {
        for (std::size_t i = 0; i < paths.size(); ++i) {
            std::optional<AtomicFile> file = AtomicFile::create(paths[i], error);
            if (!file || !write_all(file->fd(), program.files[i].contents, paths[i], error)) {
                return false; // every temporary file so far is removed by its destructor
            }
            files.push_back(std::move(*file));
        }
    }
    if (last) {
        std::optional<AtomicFile> file = AtomicFile::create(last->path, error);
        if (!file || !write_all(file->fd(), last->contents, last->path, error)) {
            return false;
        }
        files.push_back(std::move(*file)); // committed after every other file
    }
    for (AtomicFile& file : files) {
        if (!file.commit(error)) {
            return false;
        }
    }
    return true;
}

int compile_to_device(const Schedule& schedule, const SourceFile& source,
                      const DeviceTargetOptions& options, std::ostream& err) {
    if (options.device.empty()) {
        err << "tmsc: error: --target " << options.target
            << " needs --device NAME (run 'tmsc devices' for the list)\n";
        return 2;
    }
    const TargetCompile r = compile_target(schedule, options.target, options.device);
    if (!r.usage_error.empty()) {
        err << "tmsc: error: " << r.usage_error << '\n';
        return 2;
    }
    err << render_all(r.diagnostics, source);
    if (!r.program) {
        err << "tmsc: error: " << source.path() << ": the " << options.target
            << " back end cannot run this protocol on the " << options.device
            << "; nothing was written\n";
        return 1;
    }
    const TargetProgram& program = *r.program;
    std::string error;
    std::optional<TrailingFile> attestation;
    if (options.attest) {
        const std::vector<std::string> paths = output_paths(program, options.output, error);
        if (paths.empty()) {
            err << "tmsc: error: " << error << '\n';
            return 2;
        }
        attestation = options.attest(program, paths, r.diagnostics);
    }
    if (!write_target_files(program, options.output, attestation ? &*attestation : nullptr,
                            error)) {
        err << "tmsc: error: " << error << '\n';
        return 2;
    }
    return 0;
}

} // namespace tmsc::targets
