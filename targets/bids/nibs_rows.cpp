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

/// The pattern columns: level 1 the pulses of a burst (or of a pair, or of a plain train),
/// level 2 the bursts of a train of bursts. Each interval is onset to onset and each duration
/// count x interval, the trailing interval included, as the draft defines them.
void add_patterns(const TargetTrain& t, std::vector<std::string>& cells) {
    const auto level = [&](std::int64_t count, const Rational& interval) {
        cells.push_back(std::to_string(count));
        cells.push_back(tsv_number(interval));
        cells.push_back(tsv_number(interval * Rational(count)));
    };
    const auto none = [&] { cells.insert(cells.end(), 3, kNotApplicable); };
    if (t.kind == StimulusKind::Pulse) {
        cells.push_back("1");
        cells.insert(cells.end(), 2, kNotApplicable);
        none();
    } else if (t.kind == StimulusKind::Paired) {
        level(2, t.first_to_last_s);
        none();
    } else if (t.has_bursts()) {
        level(t.pulses_per_unit, t.pulse_period_s);
        level(t.units, t.unit_period_s);
    } else {
        level(t.units, t.unit_period_s);
        none();
    }
}

ParameterSet parameter_set(const TargetTrain& t, const std::string& shape) {
    ParameterSet set;
    std::vector<std::string>& c = set.cells;
    c = {"", "TMS", "stimulator1", "coil1", shape};
    auto [reference, scaling] = reference_and_scaling(t.written_percent, t.written_reference);
    std::string pattern_intensity = kNotApplicable;
    if (t.second_power_mso && t.second_written_percent) {
        // A pair: one intensity per pulse, '|'-delimited (declared in the sidecar).
        const auto [r2, s2] =
            reference_and_scaling(*t.second_written_percent, t.second_written_reference);
        pattern_intensity = tsv_number(t.power_mso) + "|" + tsv_number(*t.second_power_mso);
        reference += "|" + r2;
        scaling += "|" + s2;
        c.push_back(kNotApplicable);
    } else {
        c.push_back(tsv_number(t.power_mso));
    }
    c.push_back(reference);
    c.push_back(scaling);
    add_patterns(t, c);
    c.insert(c.begin() + 11, pattern_intensity); // after pattern1_duration
    c.push_back(tsv_number(t.first_to_last_s));
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
