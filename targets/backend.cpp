#include "targets/backend/backend.hpp"

#include "targets/backends.hpp"
#include "targets/devices/device_registry.hpp"

#include <algorithm>

namespace tmsc::targets {

const std::vector<const TargetBackend*>& all_backends() {
    static const std::vector<const TargetBackend*> backends = {
        &magstim_rapid2_backend(), &magstim_rapid2_console_backend(), &magventure_backend(),
        &ttl_backend(), &ttl_c_header_backend()};
    return backends;
}

const std::vector<const TargetBackend*>& export_backends() {
    static const std::vector<const TargetBackend*> backends = {&bids_nibs_backend()};
    return backends;
}

const TargetBackend* find_backend(std::string_view name) {
    for (const auto* list : {&all_backends(), &export_backends()}) {
        for (const TargetBackend* b : *list) {
            if (b->name() == name) {
                return b;
            }
        }
    }
    return nullptr;
}

namespace {

/// Back ends other than `refused` that accept the session on the same device.
std::vector<std::string> alternatives(const TargetBackend& refused, const TargetSession& session,
                                      const DeviceProfile& profile) {
    std::vector<std::string> names;
    for (const TargetBackend* other : all_backends()) {
        if (other == &refused || !other->accepts(profile)) {
            continue;
        }
        if (!other->compile(session, profile).diagnostics.has_errors()) {
            names.emplace_back(other->name());
        }
    }
    return names;
}

/// Other built-in devices on which some back end runs the session, each as
/// "device (back end, ...)"; for a refusal where nothing fits the chosen device.
std::vector<std::string> other_devices(const TargetSession& session, const DeviceProfile& chosen) {
    std::vector<std::string> out;
    for (const std::string& name : builtin_device_names()) {
        if (name == chosen.name) {
            continue;
        }
        const ProfileLoadResult loaded = load_device(name);
        if (!loaded.profile) {
            continue;
        }
        std::string runs;
        for (const TargetBackend* backend : all_backends()) {
            if (backend->accepts(*loaded.profile) &&
                !backend->compile(session, *loaded.profile).diagnostics.has_errors()) {
                runs += (runs.empty() ? "" : ", ") + std::string(backend->name());
            }
        }
        if (!runs.empty()) {
            out.push_back(name + " (" + runs + ")");
        }
    }
    return out;
}

/// The note a refusal carries: what else could run the session.
std::string refusal_note(const TargetBackend& refused, const TargetSession& session,
                         const DeviceProfile& profile) {
    const std::vector<std::string> names = alternatives(refused, session, profile);
    std::string note;
    if (!names.empty()) {
        note = "back ends that can run this session on the " + profile.name + ": ";
        for (std::size_t i = 0; i < names.size(); ++i) {
            note += (i ? ", " : "") + names[i];
        }
        return note;
    }
    const std::vector<std::string> devices = other_devices(session, profile);
    if (devices.empty()) {
        return "no back end can run this session on any built-in device; change the protocol";
    }
    note = "no other back end can run this session on the " + profile.name +
           "; devices that can: ";
    for (std::size_t i = 0; i < devices.size(); ++i) {
        note += (i ? "; " : "") + devices[i];
    }
    return note;
}

} // namespace

TargetResult compile_for_target(const TargetBackend& backend, const TargetSession& session,
                                const DeviceProfile& profile) {
    TargetResult result = backend.compile(session, profile);
    if (!result.diagnostics.has_errors()) {
        return result;
    }
    result.program.reset(); // fail closed: a refusal never comes with files
    const std::string note = refusal_note(backend, session, profile);
    DiagnosticList with_notes;
    for (Diagnostic d : result.diagnostics.items()) {
        if (d.severity == Severity::Error) {
            d.notes.push_back({note, std::nullopt});
        }
        with_notes.add(d.severity, d.code, d.message, d.range).notes = d.notes;
    }
    result.diagnostics = std::move(with_notes);
    return result;
}

std::vector<DevicePulse> expand_pulses(const std::vector<TargetTrain>& trains) {
    std::vector<DevicePulse> pulses;
    for (const TargetTrain& t : trains) {
        for (std::int64_t u = 0; u < t.units; ++u) {
            for (std::int64_t p = 0; p < t.pulses_per_unit; ++p) {
                pulses.push_back({t.pulse_time_s(u, p), t.power_of(p)});
            }
        }
    }
    return pulses;
}

} // namespace tmsc::targets
