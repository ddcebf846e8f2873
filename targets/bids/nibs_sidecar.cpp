#include "targets/bids/nibs_sidecar.hpp"

#include "targets/bids/nibs_rows.hpp"

#include <nlohmann/json.hpp>

namespace tmsc::targets::bids {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kMso = "% Maximum Stimulator Output";

/// The maker, from the profile family ("magstim-rapid2" -> Magstim).
std::string manufacturer(const DeviceProfile& profile) {
    if (profile.family.rfind("magstim", 0) == 0) {
        return "Magstim";
    }
    return profile.family.rfind("magventure", 0) == 0 ? "MagVenture" : profile.family;
}

/// A number as JSON: an integer when whole, else a double (display only: the exact value is
/// in the TSV and in the tmsc pulse tables).
Json number(const Rational& value) {
    return value.is_integer() ? Json(value.num()) : Json(value.to_double());
}

/// One IntensitySet entry per reference used, with the threshold that gives the %MSO written
/// in the TSV (power = threshold x percent / 100).
Json intensity_set(const TargetSession& session) {
    Json set = Json::array();
    std::vector<std::string> seen;
    const auto add = [&](const std::string& reference, const Rational& percent,
                         const Rational& power) {
        if (reference == "MSO" || percent.is_zero() ||
            std::find(seen.begin(), seen.end(), reference) != seen.end()) {
            return;
        }
        seen.push_back(reference);
        set.push_back(Json{{"IntensityID", reference},
                           {"Value", number(power * Rational(100) / percent)},
                           {"Units", kMso},
                           {"Type", reference == "rMT" ? "resting_motor" : "active_motor"}});
    };
    for (const TargetTrain& t : session.trains) {
        add(t.written_reference, t.written_percent, t.power_mso);
        if (t.second_written_percent && t.second_power_mso) {
            add(t.second_written_reference, *t.second_written_percent, *t.second_power_mso);
        }
    }
    return set;
}

Json column(const char* long_name, const char* description, const char* units = nullptr) {
    Json c{{"LongName", long_name}, {"Description", description}};
    if (units) {
        c["Units"] = units;
    }
    return c;
}

/// A descriptor for every column of `_nibs.tsv`.
void add_columns(Json& sidecar) {
    sidecar["nibs_event_id"] = column("Parameter set", "Referred to by nibs_event_id in _events.tsv.");
    sidecar["nibs_type"] = column("Stimulation type", "Always TMS.");
    sidecar["stimulator_id"] = column("Stimulator", "StimulatorSet.StimulatorID.");
    sidecar["nibs_element_id"] = column("Coil", "ElementSet.ElementID.");
    sidecar["stimulus_shape"] = column("Pulse waveform", "From the protocol's waveform line.");
    sidecar["stimulus_intensity"] = column(
        "Intensity", "Delivered amplitude of every pulse; n/a for a pair (see pattern1_intensity).",
        kMso);
    sidecar["intensity_reference"] =
        column("Intensity reference", "IntensitySet.IntensityID the intensity was written "
                                      "relative to, or absolute; for a pair one per pulse.");
    sidecar["intensity_reference"]["Delimiter"] = "|";
    sidecar["intensity_scaling"] = column(
        "Intensity scaling", "Multiplier of the reference (1.2 for 120 %rMT), or absolute; for a "
                             "pair one per pulse.");
    sidecar["intensity_scaling"]["Delimiter"] = "|";
    sidecar["pattern1_count"] = column("Pulses per unit", "Pulses of a burst, of a pair, or of a "
                                                          "train without bursts.");
    sidecar["pattern1_interval"] = column("Pulse interval", "Onset to onset.", "s");
    sidecar["pattern1_duration"] = column(
        "Level-1 duration", "pattern1_count x pattern1_interval, the interval after the last "
                            "pulse included (the draft's definition).", "s");
    sidecar["pattern1_intensity"] = column("Pair intensities", "One per pulse of a pair.", kMso);
    sidecar["pattern1_intensity"]["Delimiter"] = "|";
    sidecar["pattern2_count"] = column("Bursts per train", "For a train of bursts.");
    sidecar["pattern2_interval"] = column("Burst interval", "Onset to onset.", "s");
    sidecar["pattern2_duration"] = column(
        "Train duration", "pattern2_count x pattern2_interval, the interval after the last burst "
                          "included.", "s");
    sidecar["tmsc_first_to_last"] = column(
        "First to last pulse", "Not in the draft: the time from the first to the last pulse of "
                               "the train, the convention without the trailing interval.", "s");
}

} // namespace

std::string nibs_sidecar(const TargetSession& session, const DeviceProfile& profile,
                         const std::string& generator) {
    Json sidecar{
        {"NIBSDescription", "TMS session \"" + session.protocol_name + "\", compiled and "
                            "verified by " + generator + ". Draft NIBS-BIDS v6.3 (BEP037); no "
                            "validator exists for it yet."},
        {"ConcurrentModalities", Json::array({"none"})},
        {"TaskName", session.protocol_name},
        {"StimulatorSet", Json::array({Json{{"StimulatorID", "stimulator1"},
                                            {"Manufacturer", manufacturer(profile)},
                                            {"ManufacturerModelName", profile.display_name}}})},
        {"ElementSet", Json::array({Json{{"ElementID", "coil1"}, {"ElementType", "coil"}}})},
        {"IntensitySet", intensity_set(session)}};
    add_columns(sidecar);
    return sidecar.dump(2) + '\n';
}

} // namespace tmsc::targets::bids
