#include "targets/devices/profile_schema.hpp"

namespace tmsc::targets {

const std::vector<FormatSchema>& format_schemas() {
    static const std::vector<FormatSchema> schemas = {
        {"magstim-rapid2",
         {"rate_hz", "duration_s", "keepalive_s", "command_spacing_s", "reprogram_margin_s"},
         {"pulses"}},
        {"magstim-rapid2-console",
         {"frequency_hz", "duration_s", "wait_s", "burst_frequency_hz", "cycle_time_s"},
         {"pulses", "trains", "pulses_per_burst", "bursts", "cycles"}},
        {"magventure", {"iti_s", "command_spacing_s", "reprogram_margin_s"}, {"pulses", "trains"}},
        {"ttl", {"width_s", "default_width_s"}, {}},
    };
    return schemas;
}

const FormatSchema* find_format_schema(std::string_view backend) {
    for (const FormatSchema& schema : format_schemas()) {
        if (schema.backend == backend) {
            return &schema;
        }
    }
    return nullptr;
}

const std::vector<std::string_view>& known_profile_waveforms() {
    static const std::vector<std::string_view> names = {"monophasic", "biphasic", "half_sine",
                                                        "biphasic_burst"};
    return names;
}

} // namespace tmsc::targets
