// libFuzzer target: arbitrary bytes as a back end's own file, through every back end's decoder
// on every built-in device it accepts. Decoders read files back for the round-trip tests and
// must refuse anything malformed with an error, never crash.

#include "targets/backend/backend.hpp"
#include "targets/devices/device_registry.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<tmsc::targets::DeviceProfile> devices = [] {
        std::vector<tmsc::targets::DeviceProfile> out;
        for (const std::string& name : tmsc::targets::builtin_device_names()) {
            if (auto result = tmsc::targets::load_device(name); result.profile) {
                out.push_back(std::move(*result.profile));
            }
        }
        return out;
    }();
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    for (const tmsc::targets::TargetBackend* backend : tmsc::targets::all_backends()) {
        for (const tmsc::targets::DeviceProfile& device : devices) {
            if (backend->accepts(device)) {
                (void)backend->decode({".fuzz", bytes, true}, device);
                (void)backend->decode({".fuzz", bytes, false}, device);
            }
        }
    }
    return 0;
}
