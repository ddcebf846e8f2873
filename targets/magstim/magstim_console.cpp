// Back end `magstim-rapid2-console`: a protocol file the Rapid² console loads from its SD card.
// The console times everything itself, so this is the Rapid² route for theta burst and for
// multi-train sessions without a live host. Lines hold groups of identical trains; waits and
// cycle times are tenths of a second, rounded up so no rest gets shorter.

#include "support/show.hpp"
#include "targets/backend/backend_support.hpp"
#include "targets/devices/profile_schema.hpp"
#include "targets/magstim/magstim_backends.hpp"
#include "targets/magstim/magstim_console_format.hpp"

namespace tmsc::targets {

namespace {

constexpr std::string_view kName = "magstim-rapid2-console";

/// Turns each source train into a one-train line on the console's grids.
class ConsolePlanner {
  public:
    ConsolePlanner(const DeviceProfile& profile, const FormatLimits& limits, DiagnosticList& out)
        : profile_(profile), limits_(limits), out_(out), report_(std::string(kName)) {}

    std::optional<console::Line> plan(const TargetTrain& t, bool is_last);
    QuantisationReport& report() { return report_; }

  private:
    std::optional<std::int64_t> power(const TargetTrain& t);
    std::optional<std::int64_t> rate(std::string_view key, std::string_view what,
                                     const Rational& hz, const TargetTrain& t);
    std::optional<std::int64_t> rest_tenths(std::string_view key, std::string_view what,
                                            const Rational& rest, bool is_last,
                                            const TargetTrain& t);
    std::optional<console::Line> train_line(const TargetTrain& t, bool is_last);
    std::optional<console::Line> burst_line(const TargetTrain& t, bool is_last);

    const DeviceProfile& profile_;
    const FormatLimits& limits_;
    DiagnosticList& out_;
    QuantisationReport report_;
};

std::optional<std::int64_t> ConsolePlanner::power(const TargetTrain& t) {
    const auto p = on_grid(out_, kName, "intensity", profile_.power_mso, t.power_mso,
                           Rounding::Down, "%MSO", t.range);
    if (p && *p != t.power_mso) {
        report_.add("T0101", "intensity", t.power_mso, *p, "%MSO", "no pulse time or count changes",
                    t.range);
    }
    return p ? std::optional(p->floor()) : std::nullopt;
}

std::optional<std::int64_t> ConsolePlanner::rate(std::string_view key, std::string_view what,
                                                 const Rational& hz, const TargetTrain& t) {
    const auto r = on_grid(out_, kName, what, limits_.grids.at(std::string(key)), hz,
                           Rounding::Down, "Hz", t.range);
    if (r && *r != hz) {
        report_.add("T0102", what, hz, *r, "Hz", "the train's pulses move later", t.range);
    }
    return r ? std::optional(r->floor()) : std::nullopt;
}

std::optional<std::int64_t> ConsolePlanner::rest_tenths(std::string_view key, std::string_view what,
                                                        const Rational& rest, bool is_last,
                                                        const TargetTrain& t) {
    const ValueGrid& grid = limits_.grids.at(std::string(key));
    Rational wanted = rest;
    if (is_last && (rest < grid.min() || rest > grid.max())) {
        // After the last pulse only the session's end moves; no pulse does.
        wanted = rest < grid.min() ? grid.min() : grid.max();
        out_.warning("T0106",
                     std::string(kName) + ": the " + std::string(what) + " after the last train, " +
                         show(rest, "s") + ", becomes " + show(wanted, "s") +
                         "; no pulse moves, only the session's end",
                     t.range);
    }
    const auto r = on_grid(out_, kName, what, grid, wanted, Rounding::Up, "s", t.range);
    if (r && *r != wanted) {
        report_.add("T0103", what, wanted, *r, "s",
                    is_last ? "only the session's end moves"
                            : "every later train starts " + show(*r - wanted, "s") + " later",
                    t.range);
    }
    return r ? std::optional((*r * Rational(10)).floor()) : std::nullopt;
}

std::optional<console::Line> ConsolePlanner::train_line(const TargetTrain& t, bool is_last) {
    // A single pulse is a train of one pulse at 10 Hz: 0.1 s long, the shortest train.
    const bool single = t.kind == StimulusKind::Pulse;
    const auto p = power(t);
    const auto f = single ? std::optional<std::int64_t>(10)
                          : rate("frequency_hz", "frequency", t.unit_rate_hz(), t);
    if (!p || !f ||
        !check_count(out_, kName, "pulses per train", t.units, limits_.counts.at("pulses"),
                     t.range)) {
        return std::nullopt;
    }
    const Rational duration(t.units, *f);
    const ValueGrid& durations = limits_.grids.at("duration_s");
    if (!durations.contains(duration)) {
        refuse(out_, "T0204",
               std::string(kName) + ": " + std::to_string(t.units) + " pulses at " +
                   show(Rational(*f), "Hz") + " last " + show(duration, "s") +
                   "; the console sets pulses = frequency x duration with durations " +
                   durations.describe("s"),
               t.range)
            .notes.push_back({provenance_note(profile_, durations.provenance), std::nullopt});
        return std::nullopt;
    }
    const Rational rest = t.next_onset_s - (t.onset_s + duration);
    const auto wait = rest_tenths("wait_s", "wait", rest, is_last, t);
    if (!wait) {
        return std::nullopt;
    }
    return console::TrainLine{*p, *f, (duration * Rational(10)).floor(), t.units, *wait, 1};
}

std::optional<console::Line> ConsolePlanner::burst_line(const TargetTrain& t, bool is_last) {
    const auto p = power(t);
    const auto f = rate("frequency_hz", "frequency inside bursts", t.pulse_rate_hz(), t);
    const auto bf = rate("burst_frequency_hz", "burst frequency", t.unit_rate_hz(), t);
    if (!p || !f || !bf ||
        !check_count(out_, kName, "pulses per burst", t.pulses_per_unit,
                     limits_.counts.at("pulses_per_burst"), t.range) ||
        !check_count(out_, kName, "bursts", t.units, limits_.counts.at("bursts"), t.range)) {
        return std::nullopt;
    }
    if (Rational(t.pulses_per_unit, *f) > Rational(1, *bf)) {
        refuse(out_, "T0204",
               std::string(kName) + ": after rounding, a burst of " +
                   std::to_string(t.pulses_per_unit) + " pulses at " + show(Rational(*f), "Hz") +
                   " no longer fits its " + show(Rational(1, *bf), "s") + " slot",
               t.range);
        return std::nullopt;
    }
    const Rational on_time(t.units, *bf);
    const Rational period = t.next_onset_s - t.onset_s;
    const auto cycle =
        rest_tenths("cycle_time_s", "cycle time", period > on_time ? period : on_time, is_last, t);
    if (!cycle) {
        return std::nullopt;
    }
    return console::BurstLine{*p, *f, t.pulses_per_unit, *bf, t.units, *cycle, 1};
}

std::optional<console::Line> ConsolePlanner::plan(const TargetTrain& t, bool is_last) {
    if (t.kind == StimulusKind::Paired) {
        refuse(out_, "T0202",
               std::string(kName) + ": a console protocol has no paired pulses; pulses " +
                   show(t.pulse_period_s * Rational(1000), "ms") +
                   " apart need a BiStim2 or two stimulators",
               t.range);
        return std::nullopt;
    }
    return t.has_bursts() ? burst_line(t, is_last) : train_line(t, is_last);
}

/// Merges a line into the previous one when they differ only in their count.
void append_line(std::vector<console::Line>& lines, const console::Line& line,
                 const FormatLimits& limits) {
    if (!lines.empty()) {
        if (auto* prev = std::get_if<console::TrainLine>(&lines.back())) {
            if (const auto* next = std::get_if<console::TrainLine>(&line)) {
                console::TrainLine same = *next;
                same.trains = prev->trains;
                if (same == *prev && prev->trains < limits.counts.at("trains").max) {
                    ++prev->trains;
                    return;
                }
            }
        } else if (auto* prev_b = std::get_if<console::BurstLine>(&lines.back())) {
            if (const auto* next = std::get_if<console::BurstLine>(&line)) {
                console::BurstLine same = *next;
                same.cycles = prev_b->cycles;
                if (same == *prev_b && prev_b->cycles < limits.counts.at("cycles").max) {
                    ++prev_b->cycles;
                    return;
                }
            }
        }
    }
    lines.push_back(line);
}

class ConsoleBackend final : public TargetBackend {
  public:
    std::string_view name() const override { return kName; }
    std::string_view summary() const override {
        return "Magstim Rapid2 console protocol file: CR-terminated Train/Burst lines "
               "(.rapid2-console.csv), timed by the console";
    }
    bool accepts(const DeviceProfile& p) const override {
        return p.family == kFamilyMagstimRapid2 && p.format(kName) != nullptr;
    }
    TargetResult compile(const TargetSession& session, const DeviceProfile& profile) const override;
    DecodeResult decode(const TargetFile& file, const DeviceProfile&) const override {
        std::string error;
        const auto lines = console::read_lines(file.contents, error);
        if (!lines) {
            return {std::nullopt, error};
        }
        return {expand_pulses(console::trains_of(*lines)), ""};
    }
};

TargetResult ConsoleBackend::compile(const TargetSession& session,
                                     const DeviceProfile& profile) const {
    TargetResult result;
    DiagnosticList& out = result.diagnostics;
    const FormatLimits* limits = format_limits(out, kName, kName, profile, session.range);
    if (!limits) {
        return result;
    }
    if (session.trains.empty()) {
        refuse(out, "T0202", std::string(kName) + ": the session has no pulses", session.range);
        return result;
    }
    ConsolePlanner planner(profile, *limits, out);
    std::vector<console::Line> lines;
    for (std::size_t i = 0; i < session.trains.size(); ++i) {
        if (auto line = planner.plan(session.trains[i], i + 1 == session.trains.size())) {
            append_line(lines, *line, *limits);
        }
    }
    if (out.has_errors()) {
        return result;
    }
    TargetProgram program;
    program.trains = console::trains_of(lines);
    program.end_s = console::end_of(lines);
    for (std::size_t i = 0; i < program.trains.size(); ++i) {
        program.trains[i].range = session.trains[i].range;
    }
    if (!check_program(out, kName, profile, program.trains, session.waveform, false)) {
        return result;
    }
    const Rational lead = session.trains.front().onset_s;
    if (!lead.is_zero()) {
        out.warning("T0106",
                    std::string(kName) + ": the console starts with the first train; the " +
                        show(lead, "s") + " before it is not in the file",
                    session.range);
    }
    planner.report().emit(out);
    SessionTotals before = totals_of(session.trains, session.end_s - lead);
    add_totals_note(out, kName, before, totals_of(program.trains, program.end_s), session.range);
    program.files.push_back({".rapid2-console.csv", console::write_lines(lines), false});
    result.program = std::move(program);
    return result;
}

} // namespace

const TargetBackend& magstim_rapid2_console_backend() {
    static const ConsoleBackend backend;
    return backend;
}

} // namespace tmsc::targets
