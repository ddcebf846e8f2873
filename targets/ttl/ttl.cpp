// Back ends `ttl` and `ttl-c-header`: a trigger table for a DAQ or microcontroller driving the
// stimulator's trigger input, the most exact route (microsecond onsets). The stimulator's own
// limits still apply, so the table is checked against the profile of the device it drives,
// and it carries one intensity, which the operator sets on the device.

#include "support/show.hpp"
#include "targets/backend/backend_support.hpp"
#include "targets/ttl/ttl_backends.hpp"
#include "targets/ttl/ttl_format.hpp"
#include "targets/ttl/ttl_header.hpp"

#include <limits>

namespace tmsc::targets {

namespace {

class TtlBackend final : public TargetBackend {
  public:
    explicit TtlBackend(bool c_header) : c_header_(c_header) {}

    std::string_view name() const override { return c_header_ ? "ttl-c-header" : "ttl"; }
    std::string_view summary() const override {
        return c_header_ ? "TTL trigger table as a C header for microcontroller firmware (.ttl.h)"
                         : "TTL trigger table, little-endian binary with microsecond onsets "
                           "(.ttl.bin)";
    }
    bool accepts(const DeviceProfile& p) const override { return p.format("ttl") != nullptr; }
    TargetResult compile(const TargetSession& session, const DeviceProfile& profile) const override;
    DecodeResult decode(const TargetFile& file, const DeviceProfile&) const override;

  private:
    std::optional<ttl::TriggerTable> table(const TargetSession& session,
                                           const DeviceProfile& profile, const FormatLimits& limits,
                                           TargetProgram& program, DiagnosticList& out) const;
    bool check_width(const ttl::TriggerTable& t, const ValueGrid& widths,
                     const TargetSession& session, DiagnosticList& out) const;
    std::optional<TargetFile> file(const ttl::TriggerTable& t, const TargetProgram& program,
                                   const std::string& title, const SourceRange& range,
                                   DiagnosticList& out) const;

    bool c_header_;
};

/// The one intensity of the session, or a refusal: a trigger line cannot change intensity.
std::optional<Rational> single_power(const TargetSession& session, std::string_view name,
                                     DiagnosticList& out) {
    for (const TargetTrain& t : session.trains) {
        const Rational& first = session.trains.front().power_mso;
        const Rational& other = t.power_mso != first ? t.power_mso : t.power_of(1);
        if (other != first) {
            refuse(out, "T0202",
                   std::string(name) +
                       " drives only the trigger input and the session changes "
                       "intensity (" +
                       show(first, "%MSO") + " and " + show(other, "%MSO") +
                       "); the intensity is set on the device by hand",
                   t.range);
            return std::nullopt;
        }
    }
    return session.trains.front().power_mso;
}

bool TtlBackend::check_width(const ttl::TriggerTable& t, const ValueGrid& widths,
                             const TargetSession& session, DiagnosticList& out) const {
    std::uint64_t shortest = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t i = 1; i < t.onsets_us.size(); ++i) {
        shortest = std::min(shortest, t.onsets_us[i] - t.onsets_us[i - 1]);
    }
    const Rational width(t.pulse_width_us, 1000000);
    if (!widths.contains(width) || (t.onsets_us.size() > 1 && t.pulse_width_us >= shortest)) {
        refuse(out, "T0204",
               std::string(name()) + ": trigger pulses of " +
                   show(width * Rational(1000000), "us") + " must lie in " + widths.describe("s") +
                   " and be shorter than the shortest interval between onsets, " +
                   std::to_string(shortest) + " us",
               session.range);
        return false;
    }
    return true;
}

std::optional<ttl::TriggerTable>
TtlBackend::table(const TargetSession& session, const DeviceProfile& profile,
                  const FormatLimits& limits, TargetProgram& program, DiagnosticList& out) const {
    const auto wanted = single_power(session, name(), out);
    const auto power = wanted ? on_grid(out, name(), "intensity", profile.power_mso, *wanted,
                                        Rounding::Down, "%MSO", session.range)
                              : std::nullopt;
    if (!power) {
        return std::nullopt;
    }
    QuantisationReport report{std::string(name())};
    program.trains = session.trains;
    for (TargetTrain& t : program.trains) {
        if (*power != t.power_mso) {
            report.add("T0101", "intensity", t.power_mso, *power, "%MSO",
                       "no pulse time or count changes", t.range);
        }
        t.power_mso = *power;
        t.second_power_mso.reset();
    }
    program.end_s = session.end_s;
    if (!check_program(out, name(), profile, program.trains, session.waveform, false)) {
        return std::nullopt;
    }
    ttl::TriggerTable table;
    table.power_mso = static_cast<std::uint16_t>(power->floor());
    table.pulse_width_us = static_cast<std::uint32_t>(
        (limits.grids.at("default_width_s").min() * Rational(1000000)).floor());
    MicrosecondRounding times;
    for (const DevicePulse& p : expand_pulses(program.trains)) {
        table.onsets_us.push_back(static_cast<std::uint64_t>(times.round(p.time_s)));
    }
    if (!check_width(table, limits.grids.at("width_s"), session, out)) {
        return std::nullopt;
    }
    report.emit(out);
    if (!c_header_) {
        // The header keeps every time exact; only the binary table rounds to microseconds.
        times.emit(out, name(), "pulse onsets", session.range);
    }
    return table;
}

TargetResult TtlBackend::compile(const TargetSession& session, const DeviceProfile& profile) const {
    TargetResult result;
    DiagnosticList& out = result.diagnostics;
    const FormatLimits* limits = format_limits(out, name(), "ttl", profile, session.range);
    if (!limits) {
        return result;
    }
    if (session.trains.empty()) {
        refuse(out, "T0202", std::string(name()) + ": the session has no pulses", session.range);
        return result;
    }
    TargetProgram program;
    const auto t = table(session, profile, *limits, program, out);
    if (!t) {
        return result;
    }
    add_totals_note(out, name(), totals_of(session.trains, session.end_s),
                    totals_of(program.trains, program.end_s), session.range);
    const std::string title = "\"" + session.protocol_name + "\" for the " + profile.name;
    auto written = file(*t, program, title, session.range, out);
    if (!written) {
        return result;
    }
    program.files.push_back(std::move(*written));
    result.program = std::move(program);
    return result;
}

std::optional<TargetFile> TtlBackend::file(const ttl::TriggerTable& t,
                                           const TargetProgram& program, const std::string& title,
                                           const SourceRange& range, DiagnosticList& out) const {
    if (!c_header_) {
        return TargetFile{".ttl.bin", to_string(ttl::write_binary(t)), true};
    }
    std::string why;
    const auto compact = ttl::compact_table(program.trains, t.pulse_width_us, t.power_mso, why);
    if (!compact) {
        refuse(out, "T0207", std::string(name()) + ": " + why + "; use ttl", range);
        return std::nullopt;
    }
    return TargetFile{".ttl.h", ttl::write_c_header(*compact, title), false};
}

DecodeResult TtlBackend::decode(const TargetFile& file, const DeviceProfile&) const {
    std::string error;
    std::vector<DevicePulse> pulses;
    if (c_header_) {
        const auto compact = ttl::read_c_header(file.contents, error);
        if (!compact) {
            return {std::nullopt, error};
        }
        for (const Rational& onset : compact->onsets_s()) {
            pulses.push_back({onset, Rational(compact->power_mso)});
        }
        return {std::move(pulses), ""};
    }
    const auto t = ttl::read_binary(to_bytes(file.contents), error);
    if (!t) {
        return {std::nullopt, error};
    }
    for (std::uint64_t onset : t->onsets_us) {
        pulses.push_back(
            {Rational(static_cast<std::int64_t>(onset), 1000000), Rational(t->power_mso)});
    }
    return {std::move(pulses), ""};
}

} // namespace

const TargetBackend& ttl_backend() {
    static const TtlBackend backend(false);
    return backend;
}

const TargetBackend& ttl_c_header_backend() {
    static const TtlBackend backend(true);
    return backend;
}

} // namespace tmsc::targets
