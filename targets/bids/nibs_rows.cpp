#include "targets/bids/nibs_rows.hpp"

#include <algorithm>

namespace tmsc::targets::bids {

namespace {

constexpr const char* kNotApplicable = "n/a";

/// The v6.3 closed set for TMS; anything else is Custom.
std::string stimulus_shape(const std::string& waveform) {
    if (waveform == "biphasic" || waveform == "biphasic_burst") {
        return "Biphasic";
    }
    if (waveform == "monophasic") {
        return "Monophasic";
    }
    return waveform == "halfsine" ? "Halfsine" : "Custom";
}

/// intensity_reference and intensity_scaling of one pulse: "rMT" and 1.2 for 120 %rMT;
/// "absolute" twice for an intensity written in %MSO.
std::pair<std::string, std::string> reference_and_scaling(const Rational& percent,
                                                          const std::string& reference) {
    if (reference == "MSO") {
        return {"absolute", "absolute"};
    }
    return {reference, tsv_number(percent / Rational(100))};
}

/// One pattern level's count, interval (onset to onset) and duration (count x interval, the
/// trailing interval included, as the draft defines it); "n/a" three times for none.
std::vector<std::string> level(std::int64_t count, const Rational& interval) {
    return {std::to_string(count), tsv_number(interval), tsv_number(interval * Rational(count))};
}
const std::vector<std::string> kNoLevel(3, kNotApplicable);

/// Level 1 is the pulses of a burst (or of a pair, or of a train without bursts), level 2 the
/// bursts of a train of bursts. A single pulse is a count of 1 without an interval.
std::pair<std::vector<std::string>, std::vector<std::string>> levels(const TargetTrain& t) {
    switch (t.kind) {
    case StimulusKind::Pulse: return {{"1", kNotApplicable, kNotApplicable}, kNoLevel};
    case StimulusKind::Paired: return {level(2, t.first_to_last_s), kNoLevel};
    case StimulusKind::Train: break;
    }
    if (t.has_bursts()) {
        return {level(t.pulses_per_unit, t.pulse_period_s), level(t.units, t.unit_period_s)};
    }
    return {level(t.units, t.unit_period_s), kNoLevel};
}

/// The row of a train, in nibs_columns() order, its id left empty.
ParameterSet parameter_set(const TargetTrain& t, const std::string& shape) {
    auto [reference, scaling] = reference_and_scaling(t.written_percent, t.written_reference);
    std::string intensity = tsv_number(t.power_mso);
    std::string pair_intensity = kNotApplicable;
    if (t.second_power_mso && t.second_written_percent) {
        // A pair: one intensity and one reference per pulse, '|'-delimited (the sidecar says so).
        const auto [r2, s2] =
            reference_and_scaling(*t.second_written_percent, t.second_written_reference);
        pair_intensity = intensity + "|" + tsv_number(*t.second_power_mso);
        intensity = kNotApplicable;
        reference += "|" + r2;
        scaling += "|" + s2;
    }
    const auto [level1, level2] = levels(t);
    ParameterSet set;
    set.cells = {"", "TMS", "stimulator1", "coil1", shape, intensity, reference, scaling};
    set.cells.insert(set.cells.end(), level1.begin(), level1.end());
    set.cells.push_back(pair_intensity);
    set.cells.insert(set.cells.end(), level2.begin(), level2.end());
    set.cells.push_back(tsv_number(t.first_to_last_s));
    return set;
}

} // namespace

const std::vector<std::string>& nibs_columns() {
    static const std::vector<std::string> columns = {
        "nibs_event_id",     "nibs_type",          "stimulator_id",     "nibs_element_id",
        "stimulus_shape",    "stimulus_intensity", "intensity_reference", "intensity_scaling",
        "pattern1_count",    "pattern1_interval",  "pattern1_duration", "pattern1_intensity",
        "pattern2_count",    "pattern2_interval",  "pattern2_duration", "tmsc_first_to_last"};
    return columns;
}

NibsRows nibs_rows(const TargetSession& session, const std::string& waveform) {
    NibsRows rows;
    const std::string shape = stimulus_shape(waveform);
    for (const TargetTrain& t : session.trains) {
        ParameterSet set = parameter_set(t, shape);
        auto same = [&](const ParameterSet& s) {
            return std::equal(s.cells.begin() + 1, s.cells.end(), set.cells.begin() + 1);
        };
        auto it = std::find_if(rows.sets.begin(), rows.sets.end(), same);
        if (it == rows.sets.end()) {
            set.cells[0] = "stim" + std::to_string(rows.sets.size() + 1);
            rows.sets.push_back(std::move(set));
            it = rows.sets.end() - 1;
        }
        rows.events.push_back({t.onset_s, t.on_time_s, it->cells[0]});
    }
    return rows;
}

std::string tsv_number(const Rational& value) {
    const std::string exact = value.to_string(9);
    return exact.find('/') == std::string::npos ? exact : value.to_decimal(9);
}

} // namespace tmsc::targets::bids
