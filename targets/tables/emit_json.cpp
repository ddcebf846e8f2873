// JSON schedule: a small header built as a document, then the trains and pulses streamed one
// per line (docs/output-formats.md, docs/schemas/schedule-v1.schema.json).

#include "support/sha256.hpp"
#include "targets/tables/emit_pulses.hpp"
#include "targets/tables/emit_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace tmsc::emit {

namespace {

using Json = nlohmann::ordered_json;

/// A display number: exact when the decimal terminates within 9 digits, else rounded to 9
/// (the exact value is always given as a string beside it).
Json number(const Rational& value) {
    if (value.is_integer()) {
        return value.num();
    }
    return std::strtod(decimal_seconds(value).c_str(), nullptr);
}

Json optional_number(const std::optional<Rational>& value) {
    return value ? number(*value) : Json(nullptr);
}

const char* dimension_name(ast::Dimension d) {
    switch (d) {
    case ast::Dimension::Count: return "count";
    case ast::Dimension::Frequency: return "frequency";
    case ast::Dimension::Duration: return "duration";
    case ast::Dimension::Intensity: return "intensity";
    }
    return "count";
}

std::string unit_of(const ParameterValue& p) {
    switch (p.dimension) {
    case ast::Dimension::Frequency: return "Hz";
    case ast::Dimension::Duration: return "s";
    case ast::Dimension::Intensity: return intensity_ref_spelling(p.reference);
    case ast::Dimension::Count: return "";
    }
    return "";
}

Json threshold(const std::optional<ThresholdValue>& t) {
    if (!t) {
        return nullptr;
    }
    return Json{{"mso", number(t->mso)},
                {"source", t->source == ThresholdSource::CommandLine ? "command_line" : "subject"}};
}

void collect_jitter(const PlanBody& body, Json& out) {
    for (const PlanNode& node : body) {
        if (const auto& j = node.duration.jitter) {
            out.push_back(Json{{"stream", j->stream},
                               {"line", j->range.begin.line},
                               {"column", j->range.begin.column},
                               {"lo_us", j->lo_us},
                               {"hi_us", j->hi_us},
                               {"seed", j->seed},
                               {"seed_source", j->seed_from_cli ? "command_line" : "source"}});
        }
        collect_jitter(node.body, out);
    }
}

Json protocol_part(const EmitInput& in) {
    Json parameters = Json::array();
    for (const ParameterValue& p : in.schedule.parameters) {
        parameters.push_back(Json{{"name", p.name},
                                  {"kind", dimension_name(p.dimension)},
                                  {"value", number(p.value)},
                                  {"exact", p.value.to_string()},
                                  {"unit", unit_of(p)},
                                  {"source", p.from_command_line ? "command_line" : "default"}});
    }
    Json jitter = Json::array();
    collect_jitter(in.schedule.session, jitter);
    return Json{{"name", in.schedule.protocol_name},
                {"citations", in.schedule.citations},
                {"source_path", in.source.path()},
                {"source_sha256", sha256_hex(in.source.text())},
                {"parameters", parameters},
                {"thresholds", Json{{"rmt", threshold(in.schedule.rmt)},
                                    {"amt", threshold(in.schedule.amt)}}},
                {"jitter", jitter}};
}

Json summary_part(const ScheduleSummary& sum) {
    const SessionSummary& s = sum.session;
    const CourseSummary& c = sum.course;
    const std::pair<const char*, Rational> durations[] = {
        {"session_duration_s", s.nominal},
        {"nominal_without_trailing_gap_s", s.nominal_without_trailing_gap},
        {"session_span_s", s.span},
        {"device_style_s", s.device_style},
        {"onset_span_s", s.onset_span},
        {"first_pulse_s", s.first_pulse},
        {"last_pulse_s", s.last_pulse},
        {"day_span_s", c.day_span}};
    Json out{{"pulses_per_session", s.pulses}, {"trains_per_session", s.trains}};
    Json exact = Json::object();
    for (const auto& [key, value] : durations) {
        out[key] = number(value);
        exact[key] = value.to_string();
    }
    out["course_declared"] = c.declared;
    out["sessions_per_day"] = c.sessions_per_day;
    out["days"] = c.days;
    out["sessions_total"] = c.sessions;
    out["pulses_per_day"] = c.pulses_per_day;
    out["total_pulses"] = c.total_pulses;
    out["between_sessions_s"] = optional_number(c.between_sessions);
    out["course_anchor"] = anchor_name(c.anchor);
    out["exact"] = exact;
    return out;
}

Json blocks_part(const Schedule& schedule) {
    Json blocks = Json::array();
    for (const BlockInfo& b : schedule.blocks) {
        blocks.push_back(Json{{"index", b.index}, {"name", b.name}, {"target", b.target},
                              {"line", b.range.begin.line}, {"column", b.range.begin.column}});
    }
    return blocks;
}

Json head(const EmitInput& in) {
    return Json{{"format", "tmsc-schedule"},
                {"format_version", kScheduleFormatVersion},
                {"generator", in.generator},
                {"protocol", protocol_part(in)},
                {"verdict", verdict_json(in.check)},
                {"summary", summary_part(in.summary)},
                {"blocks", blocks_part(in.schedule)}};
}

const char* kind_name(StimulusPlan::Kind kind) {
    switch (kind) {
    case StimulusPlan::Kind::Train: return "train";
    case StimulusPlan::Kind::Pulse: return "pulse";
    case StimulusPlan::Kind::Paired: return "paired";
    }
    return "train";
}

Json train_entry(const Schedule& schedule, const TrainInstance& t) {
    const StimulusPlan& p = *t.plan;
    const bool train = p.kind == StimulusPlan::Kind::Train;
    const std::pair<const char*, Rational> times[] = {
        {"onset_s", t.onset},
        {"on_time_s", p.on_time},
        {"first_to_last_s", p.first_to_last},
        {"silence_after_on_time_s", t.silence_after_nominal()},
        {"silence_after_last_pulse_s", t.silence_after_last_pulse()}};
    Json out{{"index", t.index}, {"statement", p.index}, {"kind", kind_name(p.kind)},
             {"frequency_hz", train ? number(p.unit_rate) : Json(nullptr)},
             {"bursts", p.has_bursts ? Json(p.units) : Json(nullptr)},
             {"burst_frequency_hz", p.has_bursts ? number(p.pulse_rate) : Json(nullptr)},
             {"pulses_per_burst", p.has_bursts ? Json(p.pulses_per_unit) : Json(nullptr)},
             {"pulses", p.pulses()}, {"first_pulse", t.first_pulse}};
    Json exact = Json::object();
    for (const auto& [key, value] : times) {
        out[key] = number(value);
        exact[key] = value.to_string();
    }
    if (train) {
        exact["frequency_hz"] = p.unit_rate.to_string();
    }
    out["block"] = p.block;
    out["target"] = schedule.blocks[p.block].target;
    out["line"] = p.range.begin.line;
    out["column"] = p.range.begin.column;
    out["exact"] = exact;
    return out;
}

void write_trains(const Schedule& schedule, OutputSink& out) {
    out.write(",\n  \"trains\": [");
    const char* sep = "\n    ";
    walk_trains(schedule, [&](const TrainInstance& t) {
        out.write(sep);
        out.write(train_entry(schedule, t).dump());
        sep = ",\n    ";
    });
    out.write("\n  ]");
}

std::string json_number_text(const std::string& text) {
    return text.find('/') == std::string::npos ? (text.empty() ? "null" : text)
                                               : '"' + text + '"';
}

/// Writes pulse objects: per-train constant text prepared once per train, counters kept as
/// text (the same scheme as the CSV writer).
class JsonPulseWriter {
  public:
    JsonPulseWriter(const Schedule& schedule, OutputSink& out) : schedule_(schedule), out_(out) {}

    /// Prepares the text every pulse of `t` shares.
    void start_train(const TrainInstance& t) {
        train_ = PaddedText(",\"train\":" + std::to_string(t.index) + ",\"pulse_in_train\":");
        has_bursts_ = t.plan->has_bursts;
        const BlockInfo& block = schedule_.blocks[t.plan->block];
        std::string target;
        append_json_string(target, block.target);
        suffixes_.clear();
        std::size_t longest = 0;
        for (const IntensityText& i : intensity_texts(*t.plan)) {
            suffixes_.emplace_back(",\"intensity\":" + json_number_text(i.percent) +
                                   ",\"intensity_unit\":\"" + i.reference +
                                   "\",\"intensity_mso\":" + json_number_text(i.mso) +
                                   ",\"block\":" + std::to_string(block.index) +
                                   ",\"target\":" + target + "}");
            longest = std::max(longest, suffixes_.back().size());
        }
        max_row_ = train_.size() + longest + kPulseRowSlack;
        in_train_.reset(0);
        unit_.reset(0);
    }

    /// Writes one pulse object (after the separator) straight into the output buffer.
    void write(const ScheduledPulse& p) {
        char* at = out_.reserve(max_row_);
        at = write_text(at, first_ ? "\n    {\"pulse\":" : ",\n    {\"pulse\":");
        first_ = false;
        at = index_.write(at);
        at = write_text(at, ",\"t_us\":");
        at = write_uint(at, static_cast<std::uint64_t>(p.time.rounded_us()));
        at = write_text(at, ",\"t_s\":\"");
        at = write_exact_seconds(at, p.time);
        *at++ = '"';
        at = train_.write(at);
        at = in_train_.write(at);
        if (has_bursts_) {
            if (p.pulse_in_unit == 0 && p.unit != 0) {
                unit_.increment();
            }
            at = write_text(at, ",\"burst\":");
            at = unit_.write(at);
            at = write_text(at, ",\"pulse_in_burst\":");
            at = write_uint(at, static_cast<std::uint64_t>(p.pulse_in_unit));
        } else {
            at = write_text(at, ",\"burst\":null,\"pulse_in_burst\":null");
        }
        at = suffixes_[p.pulse_in_unit == 1 && suffixes_.size() > 1 ? 1 : 0].write(at);
        out_.commit(at);
        index_.increment();
        in_train_.increment();
    }

  private:
    const Schedule& schedule_;
    OutputSink& out_;
    PaddedText train_;                 ///< ",\"train\":17,\"pulse_in_train\":"
    std::vector<PaddedText> suffixes_; ///< (index 1: a pair's second pulse) ",\"intensity\":120,...}", per pair position
    bool has_bursts_ = false;
    bool first_ = true;
    std::size_t max_row_ = 0;
    DecimalCounter index_;
    DecimalCounter in_train_;
    DecimalCounter unit_;
};

QuantisationTracker write_pulses(const Schedule& schedule, OutputSink& out) {
    out.write(",\n  \"pulses\": [");
    QuantisationTracker quantisation(schedule);
    JsonPulseWriter pulses(schedule, out);
    for_each_pulse(
        schedule, [&](const TrainInstance& t) { pulses.start_train(t); },
        [&](const ScheduledPulse& p) {
            quantisation.add(p);
            pulses.write(p);
        });
    out.write("\n  ]\n}\n");
    return quantisation;
}

} // namespace

DiagnosticList emit_json(const EmitInput& input, OutputSink& out) {
    std::string text = head(input).dump(2);
    // The header is a complete object; reopen it to stream the two long arrays after it.
    text.resize(text.size() - 2); // drop "\n}"
    out.write(text);
    write_trains(input.schedule, out);
    return write_pulses(input.schedule, out).diagnostics(input.schedule, EmitFormat::Json);
}

} // namespace tmsc::emit

namespace tmsc {

nlohmann::ordered_json verdict_json(const CheckResult* check) {
    using Json = nlohmann::ordered_json;
    Json out{{"verdict", "pass"}, {"rule_set_id", nullptr}, {"rule_set_sha256", nullptr},
             {"warnings", Json::array()}, {"waivers", Json::array()}};
    if (!check) {
        return out;
    }
    if (check->rules) {
        out["rule_set_id"] = check->rules->id;
        if (!check->rules->files.empty()) {
            out["rule_set_sha256"] = check->rules->files.front().sha256;
        }
    }
    for (const Diagnostic& d : check->diagnostics) {
        if (d.severity == Severity::Warning) {
            out["warnings"].push_back(Json{{"code", d.code}, {"message", d.message},
                                           {"line", d.range.begin.line},
                                           {"column", d.range.begin.column}});
        }
    }
    if (check->safety) {
        for (const safety::WaiverRecord& w : check->safety->waivers) {
            out["waivers"].push_back(Json{{"rule", w.rule}, {"reason", w.reason},
                                          {"status", safety::waiver_status_name(w.status)},
                                          {"findings", w.findings},
                                          {"line", w.range.begin.line}});
        }
    }
    return out;
}

DiagnosticList emit_schedule(EmitFormat format, const EmitInput& input, OutputSink& out) {
    DiagnosticList warnings = format == EmitFormat::Json ? emit::emit_json(input, out)
                                                         : emit::emit_csv(input, out);
    out.flush();
    return warnings;
}

} // namespace tmsc
