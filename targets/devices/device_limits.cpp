#include "targets/devices/device_limits.hpp"

#include "targets/devices/device_registry.hpp"

namespace tmsc::targets {

namespace {

safety::LimitSource source_of(const DeviceProfile& profile, const Provenance& provenance) {
    const auto it = profile.sources.find(provenance.source);
    if (it == profile.sources.end()) {
        return {"the device profile " + profile.name};
    }
    return {provenance.source + " " + std::string(confidence_tag(provenance.confidence)) + ": " +
            it->second.citation};
}

safety::PowerSteps steps_of(const DeviceProfile& profile, const PowerTable& table) {
    return {table.values, source_of(profile, table.provenance)};
}

} // namespace

std::shared_ptr<const safety::DeviceLimits> device_limits(const DeviceProfile& profile) {
    auto out = std::make_shared<safety::DeviceLimits>();
    out->name = profile.name;
    out->display_name = profile.display_name;
    out->min_power_mso = profile.power_mso.min();
    out->max_power_mso = profile.power_mso.max();
    out->power_source = source_of(profile, profile.power_mso.provenance);
    if (profile.max_rate_hz) {
        out->max_rate_hz = steps_of(profile, *profile.max_rate_hz);
    }
    if (profile.energy) {
        const EnergyRules& e = *profile.energy;
        out->energy = safety::EnergyLimits{steps_of(profile, e.joules_per_pulse), e.train_energy_j,
                                           e.continuous_above_s, e.continuous_max_pulses,
                                           e.dissipation_w, e.min_wait_s, source_of(profile, e.provenance)};
    }
    for (const WaveformSpec& w : profile.waveforms) {
        out->waveforms.push_back(
            {w.name, w.rate_hz.min(), w.rate_hz.max(), source_of(profile, w.rate_hz.provenance)});
    }
    return out;
}

std::shared_ptr<const safety::DeviceLimits> load_device_limits(std::string_view device,
                                                               std::string& error) {
    ProfileLoadResult loaded = load_device(device);
    if (!loaded.profile) {
        error = loaded.error;
        return nullptr;
    }
    return device_limits(*loaded.profile);
}

namespace {

/// A threshold flag's value; false with `error` set when it is not a %MSO value in (0, 100].
bool threshold(const std::string& text, const char* name, std::optional<Rational>& out,
               std::string& error) {
    if (text.empty()) {
        return true;
    }
    out = Rational::parse_decimal(text);
    if (!out || *out <= Rational(0) || *out > Rational(100)) {
        error = std::string("--") + name + " expects a threshold in %MSO above 0 and at most 100, found '" +
                text + "'";
        return false;
    }
    return true;
}

} // namespace

std::shared_ptr<const safety::DeviceTarget> load_device_target(std::string_view device,
                                                               const std::string& rmt,
                                                               const std::string& amt,
                                                               std::string& error) {
    auto target = std::make_shared<safety::DeviceTarget>();
    if (!threshold(rmt, "rmt", target->rmt_mso, error) || !threshold(amt, "amt", target->amt_mso, error)) {
        return nullptr;
    }
    target->limits = load_device_limits(device, error);
    if (!target->limits) {
        return nullptr;
    }
    return target;
}

} // namespace tmsc::targets
