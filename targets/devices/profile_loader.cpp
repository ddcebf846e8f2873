#include "targets/devices/profile_loader.hpp"

#include "targets/devices/profile_fields.hpp"
#include "targets/devices/profile_schema.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tmsc::targets {

namespace {

using detail::FieldReader;
using detail::ProfileFieldError;
using nlohmann::json;

/// How deep "extends" may chain; deeper is a cycle or a mistake.
constexpr int kMaxExtendsDepth = 4;

json parse_json(std::string_view origin, std::string_view text) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throw ProfileFieldError(std::string(origin) + ": not valid JSON (" + e.what() + ")");
    }
}

/// The profile with every "extends" applied, parents first.
json flatten(std::string_view origin, json document, const ProfileTextLookup& parents, int depth) {
    const auto it = document.find("extends");
    if (it == document.end()) {
        return document;
    }
    if (!it->is_string()) {
        throw ProfileFieldError(std::string(origin) + ": /extends: expected a profile name");
    }
    const std::string parent_name = it->get<std::string>();
    if (depth >= kMaxExtendsDepth) {
        throw ProfileFieldError(std::string(origin) + ": /extends: \"" + parent_name +
                                "\" chains too deep (a cycle?)");
    }
    const std::optional<std::string> parent_text = parents ? parents(parent_name) : std::nullopt;
    if (!parent_text) {
        throw ProfileFieldError(std::string(origin) + ": /extends: no profile named \"" +
                                parent_name + '"');
    }
    json parent = flatten(parent_name, parse_json(parent_name, *parent_text), parents, depth + 1);
    parent.erase("abstract"); // being shared is not inherited
    document.erase("extends");
    parent.merge_patch(document);
    return parent;
}

std::map<std::string, SourceInfo> read_sources(const FieldReader& r, const json& doc) {
    std::map<std::string, SourceInfo> sources;
    const json& object = r.member(doc, "", "sources");
    if (!object.is_object() || object.empty()) {
        r.fail("/sources", "expected an object naming at least one source");
    }
    for (const auto& item : object.items()) {
        const std::string path = "/sources/" + item.key();
        r.only_keys(item.value(), path, {"citation", "confidence"});
        SourceInfo info;
        info.citation = r.text(r.member(item.value(), path, "citation"), path + "/citation");
        const std::string tag =
            r.text(r.member(item.value(), path, "confidence"), path + "/confidence");
        const auto confidence = detail::parse_confidence(tag);
        if (!confidence) {
            r.fail(path + "/confidence", "expected DOC, 3x, 1x or assumed");
        }
        info.confidence = *confidence;
        sources.emplace(item.key(), std::move(info));
    }
    return sources;
}

EnergyRules read_energy(const FieldReader& r, const json& doc) {
    const json& e = r.member(doc, "", "energy");
    r.only_keys(e, "/energy",
                {"train_energy_j", "continuous_above_s", "continuous_max_pulses", "dissipation_w",
                 "min_wait_s", "source", "confidence"});
    EnergyRules rules;
    rules.joules_per_pulse =
        r.table(r.member(doc, "", "joules_per_pulse"), "/joules_per_pulse", true);
    rules.train_energy_j =
        r.decimal(r.member(e, "/energy", "train_energy_j"), "/energy/train_energy_j");
    rules.continuous_above_s =
        r.decimal(r.member(e, "/energy", "continuous_above_s"), "/energy/continuous_above_s");
    rules.continuous_max_pulses =
        r.integer(r.member(e, "/energy", "continuous_max_pulses"), "/energy/continuous_max_pulses");
    rules.dissipation_w =
        r.decimal(r.member(e, "/energy", "dissipation_w"), "/energy/dissipation_w");
    rules.min_wait_s = r.decimal(r.member(e, "/energy", "min_wait_s"), "/energy/min_wait_s");
    if (rules.train_energy_j.is_zero() || rules.dissipation_w.is_zero() ||
        rules.continuous_max_pulses <= 0) {
        r.fail("/energy", "train_energy_j, dissipation_w and continuous_max_pulses must be "
                          "positive");
    }
    rules.provenance = r.provenance(e, "/energy");
    return rules;
}

WaveformSpec read_waveform(const FieldReader& r, const json& w, const std::string& path) {
    r.only_keys(w, path, {"name", "code", "rate_hz", "burst_pulses", "burst_interval_s"});
    WaveformSpec spec;
    spec.name = r.text(r.member(w, path, "name"), path + "/name");
    const auto& known = known_profile_waveforms();
    if (std::find(known.begin(), known.end(), spec.name) == known.end()) {
        r.fail(path + "/name", "unknown waveform \"" + spec.name + '"');
    }
    spec.code = r.integer(r.member(w, path, "code"), path + "/code");
    if (spec.code < 0 || spec.code > 255) {
        r.fail(path + "/code", "expected a byte, 0..255");
    }
    spec.rate_hz = r.grid(r.member(w, path, "rate_hz"), path + "/rate_hz");
    if (spec.rate_hz.min().is_zero()) {
        r.fail(path + "/rate_hz", "rates must be above 0 Hz");
    }
    const bool burst = spec.name == "biphasic_burst";
    if (burst != w.contains("burst_pulses") || burst != w.contains("burst_interval_s")) {
        r.fail(path, burst ? "biphasic_burst needs burst_pulses and burst_interval_s"
                           : "only biphasic_burst has burst fields");
    }
    if (burst) {
        spec.burst_pulses = r.counts(w["burst_pulses"], path + "/burst_pulses");
        spec.burst_interval_s = r.grid(w["burst_interval_s"], path + "/burst_interval_s");
    }
    return spec;
}

std::vector<WaveformSpec> read_waveforms(const FieldReader& r, const json& doc) {
    const json& list = r.member(doc, "", "waveforms");
    if (!list.is_array() || list.empty()) {
        r.fail("/waveforms", "expected a non-empty list");
    }
    std::vector<WaveformSpec> waveforms;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = "/waveforms/" + std::to_string(i);
        waveforms.push_back(read_waveform(r, list[i], path));
        for (std::size_t j = 0; j + 1 < waveforms.size(); ++j) {
            if (waveforms[j].name == waveforms.back().name) {
                r.fail(path + "/name",
                       "waveform \"" + waveforms.back().name + "\" is listed twice");
            }
        }
    }
    return waveforms;
}

FormatLimits read_format(const FieldReader& r, const json& f, const std::string& path,
                         const FormatSchema& schema) {
    r.only_keys(f, path, {"grids", "counts"});
    FormatLimits limits;
    const json& grids = r.member(f, path, "grids");
    r.only_keys(grids, path + "/grids", schema.grids);
    for (std::string_view key : schema.grids) {
        const std::string at = path + "/grids/" + std::string(key);
        limits.grids.emplace(key, r.grid(r.member(grids, path + "/grids", key.data()), at));
    }
    if (!schema.counts.empty() || f.contains("counts")) {
        const json& counts = r.member(f, path, "counts");
        r.only_keys(counts, path + "/counts", schema.counts);
        for (std::string_view key : schema.counts) {
            const std::string at = path + "/counts/" + std::string(key);
            limits.counts.emplace(key,
                                  r.counts(r.member(counts, path + "/counts", key.data()), at));
        }
    }
    return limits;
}

std::map<std::string, FormatLimits> read_formats(const FieldReader& r, const json& doc) {
    std::map<std::string, FormatLimits> formats;
    const json& object = r.member(doc, "", "formats");
    if (!object.is_object()) {
        r.fail("/formats", "expected an object keyed by back end");
    }
    for (const auto& item : object.items()) {
        const FormatSchema* schema = find_format_schema(item.key());
        if (!schema) {
            r.fail("/formats", "no back end reads a format called \"" + item.key() + '"');
        }
        formats.emplace(item.key(),
                        read_format(r, item.value(), "/formats/" + item.key(), *schema));
    }
    return formats;
}

/// The fields every profile has, whatever its family.
void read_common(const FieldReader& r, const json& doc, DeviceProfile& p) {
    p.name = r.text(r.member(doc, "", "name"), "/name");
    const bool valid_name = std::all_of(p.name.begin(), p.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!valid_name) {
        r.fail("/name", "use lower-case letters, digits and '-' only");
    }
    p.family = r.text(r.member(doc, "", "family"), "/family");
    if (p.family != kFamilyMagstimRapid2 && p.family != kFamilyMagventure) {
        r.fail("/family", "expected \"magstim-rapid2\" or \"magventure\"");
    }
    p.display_name = r.text(r.member(doc, "", "display_name"), "/display_name");
    p.power_mso = r.grid(r.member(doc, "", "power_mso"), "/power_mso");
    p.waveforms = read_waveforms(r, doc);
    p.formats = read_formats(r, doc);
    if (const auto it = doc.find("notes"); it != doc.end()) {
        if (!it->is_array()) {
            r.fail("/notes", "expected a list of strings");
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            p.notes.push_back(r.text((*it)[i], "/notes/" + std::to_string(i)));
        }
    }
}

/// The fields that only one family has, required there and refused elsewhere.
void read_family(const FieldReader& r, const json& doc, DeviceProfile& p) {
    const bool magstim = p.family == kFamilyMagstimRapid2;
    for (const char* key : {"joules_per_pulse", "max_rate_hz", "energy"}) {
        if (doc.contains(key) != magstim) {
            r.fail("/", std::string(magstim ? "missing \"" : "unexpected \"") + key +
                            "\" for family " + p.family);
        }
    }
    if (doc.contains("model_code") == magstim) {
        r.fail("/", std::string(magstim ? "unexpected" : "missing") +
                        " \"model_code\" for family " + p.family);
    }
    if (magstim) {
        p.max_rate_hz = r.table(doc["max_rate_hz"], "/max_rate_hz", false);
        p.energy = read_energy(r, doc);
        return;
    }
    const json& code = doc["model_code"];
    r.only_keys(code, "/model_code", {"value", "source", "confidence"});
    p.model_code = r.integer(r.member(code, "/model_code", "value"), "/model_code/value");
    (void)r.provenance(code, "/model_code");
}

DeviceProfile read_profile(std::string_view origin, const json& doc) {
    // Sources first: every other field's provenance refers to them.
    std::map<std::string, SourceInfo> sources;
    {
        const std::map<std::string, SourceInfo> none;
        const FieldReader bootstrap(std::string(origin), none);
        bootstrap.only_keys(doc, "",
                            {"schema", "name", "abstract", "family", "display_name", "model_code",
                             "sources", "power_mso", "joules_per_pulse", "max_rate_hz", "energy",
                             "waveforms", "formats", "notes"});
        if (bootstrap.text(bootstrap.member(doc, "", "schema"), "/schema") != kProfileSchema) {
            bootstrap.fail("/schema", "expected \"" + std::string(kProfileSchema) + '"');
        }
        if (doc.value("abstract", false)) {
            bootstrap.fail("/abstract", "this profile holds shared limits of a family and is not a "
                                        "device; choose a model that extends it");
        }
        sources = read_sources(bootstrap, doc);
    }
    const FieldReader r(std::string(origin), sources);
    DeviceProfile p;
    p.sources = sources;
    read_common(r, doc, p);
    read_family(r, doc, p);
    return p;
}

} // namespace

ProfileLoadResult load_profile_text(std::string_view origin, std::string_view text,
                                    const ProfileTextLookup& parents) {
    ProfileLoadResult result;
    try {
        const json doc = flatten(origin, parse_json(origin, text), parents, 0);
        result.profile = read_profile(origin, doc);
    } catch (const ProfileFieldError& e) {
        result.error = e.what();
    } catch (const RationalOverflow&) {
        result.error = std::string(origin) + ": a number is too large to be exact";
    }
    return result;
}

} // namespace tmsc::targets
