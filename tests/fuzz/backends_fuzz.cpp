// libFuzzer target: a protocol that parses and resolves is lowered (threshold 50 %MSO, as
// `--rmt 50`) and run through every stimulator back end on every built-in device it accepts;
// each program it writes is decoded again. The solver is skipped on purpose: back ends must
// not crash on any schedule, verified or not, and skipping Z3 keeps executions fast.

#include "compiler/check/resolve.hpp"
#include "compiler/lower/lower.hpp"
#include "grammar/parser.hpp"
#include "support/source_loader.hpp"
#include "targets/backend/backend.hpp"
#include "targets/backend/target_session.hpp"
#include "targets/devices/device_registry.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

/// Every built-in device profile, loaded once.
const std::vector<tmsc::targets::DeviceProfile>& devices() {
    static const std::vector<tmsc::targets::DeviceProfile> loaded = [] {
        std::vector<tmsc::targets::DeviceProfile> out;
        for (const std::string& name : tmsc::targets::builtin_device_names()) {
            auto result = tmsc::targets::load_device(name);
            if (result.profile) {
                out.push_back(std::move(*result.profile));
            }
        }
        return out;
    }();
    return loaded;
}

void run_backends(const tmsc::targets::TargetSession& session) {
    for (const tmsc::targets::TargetBackend* backend : tmsc::targets::all_backends()) {
        for (const tmsc::targets::DeviceProfile& device : devices()) {
            if (!backend->accepts(device)) {
                continue;
            }
            const auto result = tmsc::targets::compile_for_target(*backend, session, device);
            if (result.program && !result.program->files.empty()) {
                (void)backend->decode(result.program->files.front(), device);
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tmsc::SourceFile source("fuzz.tms", std::string(reinterpret_cast<const char*>(data), size));
    if (!tmsc::check_encoding(source).empty()) {
        return 0;
    }
    const tmsc::ParseResult parsed = tmsc::parse_protocol(source);
    if (!parsed.protocol) {
        return 0;
    }
    const tmsc::ResolveResult resolved = tmsc::resolve(*parsed.protocol);
    if (!resolved.protocol) {
        return 0;
    }
    tmsc::LowerOptions options;
    options.rmt_mso = tmsc::Rational(50);
    options.seed = 1;
    options.max_pulses = 100'000; // keeps one execution short; the limit itself is tested
    const tmsc::LowerResult lowered = tmsc::lower(*resolved.protocol, options);
    if (!lowered.schedule) {
        return 0;
    }
    const auto built = tmsc::targets::session_from_schedule(*lowered.schedule);
    if (built.session) {
        run_backends(*built.session);
    }
    return 0;
}
