#include "targets/catalog.hpp"

#include "support/show.hpp"
#include "targets/backend/backend.hpp"
#include "targets/devices/device_registry.hpp"

#include <sstream>

namespace tmsc::targets {

namespace {

/// "(TDb087 [DOC])".
std::string tag(const Provenance& p) {
    return "(" + p.source + " " + std::string(confidence_tag(p.confidence)) + ")";
}

/// Built-in profiles (those that load).
std::vector<DeviceProfile> builtin_profiles() {
    std::vector<DeviceProfile> out;
    for (const std::string& name : builtin_device_names()) {
        if (ProfileLoadResult r = load_device(name); r.profile) {
            out.push_back(std::move(*r.profile));
        }
    }
    return out;
}

/// "0..30 %: 50 Hz, 31 %: 46 Hz, ..." compressed into runs of equal values.
std::string table_runs(const PowerTable& t, std::string_view unit) {
    std::string out;
    std::size_t start = 0;
    int runs = 0;
    for (std::size_t i = 1; i <= t.values.size(); ++i) {
        if (i == t.values.size() || t.values[i] != t.values[start]) {
            out += out.empty() ? "" : ++runs % 8 == 0 ? ",\n      " : ", ";
            out += std::to_string(start) + (i - 1 > start ? ".." + std::to_string(i - 1) : "");
            out += " %: " + show(t.values[start], unit);
            start = i;
        }
    }
    return out;
}

void describe_formats(std::ostringstream& out, const DeviceProfile& p) {
    for (const auto& [format, limits] : p.formats) {
        out << "  format " << format << ":\n";
        for (const auto& [key, grid] : limits.grids) {
            out << "    " << key << ": " << grid.describe("") << ' ' << tag(grid.provenance)
                << '\n';
        }
        for (const auto& [key, range] : limits.counts) {
            out << "    " << key << ": " << range.min << ".." << range.max << ' '
                << tag(range.provenance) << '\n';
        }
    }
}

} // namespace

namespace {

/// `name` padded to a column, then `text`: one line of a listing.
std::string listing_line(const std::string& name, const std::string& text) {
    return name + std::string(name.size() < 24 ? 24 - name.size() : 1, ' ') + text + '\n';
}

} // namespace

std::string list_backends() {
    std::string out = listing_line("json", "the pulse table as JSON (no device; docs/output-formats.md)") +
                      listing_line("csv", "the pulse table as CSV, one row per pulse (no device)");
    for (const auto* list : {&all_backends(), &export_backends()}) {
        for (const TargetBackend* b : *list) {
            out += listing_line(std::string(b->name()), std::string(b->summary()));
        }
    }
    return out;
}

std::string describe_backends() {
    const std::vector<DeviceProfile> profiles = builtin_profiles();
    std::ostringstream out;
    for (const TargetBackend* b : all_backends()) {
        out << b->name() << "\n  " << b->summary() << "\n  devices:";
        for (const DeviceProfile& p : profiles) {
            if (b->accepts(p)) {
                out << ' ' << p.name;
            }
        }
        out << "\n\n";
    }
    out << "Any back end also takes a profile file: --device path/to/profile.json\n";
    return out.str();
}

std::string list_devices() {
    std::ostringstream out;
    for (const DeviceProfile& p : builtin_profiles()) {
        out << p.name << std::string(p.name.size() < 32 ? 32 - p.name.size() : 1, ' ')
            << p.display_name << '\n';
    }
    return out.str();
}

std::string describe_profile(const DeviceProfile& p) {
    std::ostringstream out;
    out << p.name << ": " << p.display_name << " (family " << p.family << ")\n";
    if (p.model_code) {
        out << "  model code: " << *p.model_code << " (the device must report it)\n";
    }
    out << "  power: " << p.power_mso.describe("%MSO") << ' ' << tag(p.power_mso.provenance)
        << '\n';
    for (const WaveformSpec& w : p.waveforms) {
        out << "  waveform " << w.name << " (code " << w.code << "): rate "
            << w.rate_hz.describe("Hz") << ' ' << tag(w.rate_hz.provenance) << '\n';
        if (w.burst_pulses) {
            out << "    pulses per burst: " << w.burst_pulses->min << ".." << w.burst_pulses->max
                << ' ' << tag(w.burst_pulses->provenance)
                << "\n    interval inside bursts: " << w.burst_interval_s->describe("s") << ' '
                << tag(w.burst_interval_s->provenance) << '\n';
        }
    }
    if (p.max_rate_hz) {
        out << "  maximum rate by power " << tag(p.max_rate_hz->provenance) << ":\n      "
            << table_runs(*p.max_rate_hz, "Hz") << '\n';
    }
    if (p.energy) {
        const EnergyRules& e = *p.energy;
        out << "  energy rules " << tag(e.provenance) << ": t_on_max = " << show(e.train_energy_j)
            << " / (E f) s; above " << show(e.continuous_above_s, "s") << " a train may run up to "
            << e.continuous_max_pulses << " pulses; wait = N (f E - " << show(e.dissipation_w)
            << ") / (" << show(e.dissipation_w) << " f), never below " << show(e.min_wait_s, "s")
            << "\n  joules per pulse " << tag(e.joules_per_pulse.provenance) << ":\n      "
            << table_runs(e.joules_per_pulse, "J") << '\n';
    }
    describe_formats(out, p);
    out << "  sources:\n";
    for (const auto& [key, source] : p.sources) {
        out << "    " << key << ' ' << confidence_tag(source.confidence) << ": " << source.citation
            << '\n';
    }
    for (const std::string& note : p.notes) {
        out << "  note: " << note << '\n';
    }
    return out.str();
}

} // namespace tmsc::targets
