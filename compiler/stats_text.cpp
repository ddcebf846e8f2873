// The human-readable report of `tmsc stats`: the figures a clinician compares with a paper,
// each exact and as hours/minutes/seconds.

#include "compiler/stats.hpp"

namespace tmsc {

namespace {

/// "2223.9 s" or "21419/18 s (about 1189.944 s)".
std::string exact_seconds(const Rational& s) {
    const std::string exact = s.to_string(9);
    if (exact.find('/') == std::string::npos) {
        return exact + " s";
    }
    return exact + " s (about " + s.to_decimal(3) + " s)";
}

/// "37 min 3.9 s"; rounded to the millisecond with "about" when not exact.
std::string clock(const Rational& s) {
    const std::int64_t whole = s.floor();
    const Rational frac = s - Rational(whole);
    const std::int64_t h = whole / 3600;
    const std::int64_t m = whole % 3600 / 60;
    const std::string sec = (Rational(whole % 60) + frac).to_string(3);
    const bool exact = sec.find('/') == std::string::npos;
    const std::string shown = exact ? sec : (Rational(whole % 60) + frac).to_decimal(3);
    std::string out = exact ? "" : "about ";
    if (h > 0) {
        out += std::to_string(h) + " h ";
    }
    if (h > 0 || m > 0) {
        out += std::to_string(m) + " min ";
    }
    return out + shown + " s";
}

/// Pads to the column width; a text as wide as the column or wider still gets two spaces,
/// so a long value never runs into the next column ("day span" with a fractional value).
std::string pad(std::string text, std::size_t width) {
    text.append(text.size() >= width ? 2 : width - text.size(), ' ');
    return text;
}

void duration_row(std::string& out, const char* label, const Rational& s) {
    out += "  " + pad(label, 48) + pad(exact_seconds(s), 34) + clock(s) + "\n";
}

void count_row(std::string& out, const char* label, std::int64_t n) {
    out += "  " + pad(label, 48) + std::to_string(n) + "\n";
}

std::string describe(const StimulusPlan& p) {
    switch (p.kind) {
    case StimulusPlan::Kind::Pulse: return "single pulse";
    case StimulusPlan::Kind::Paired:
        return "paired pulse, " + exact_seconds(p.pulse_period) + " apart";
    case StimulusPlan::Kind::Train: break;
    }
    if (p.has_bursts) {
        return std::to_string(p.units) + " bursts at " + format_frequency(p.unit_rate) + " of " +
               std::to_string(p.pulses_per_unit) + " pulses at " + format_frequency(p.pulse_rate);
    }
    return std::to_string(p.units) + " pulses at " + format_frequency(p.unit_rate);
}

std::string range_text(const Rational& lo, const Rational& hi) {
    return lo == hi ? exact_seconds(lo) : exact_seconds(lo) + " to " + exact_seconds(hi);
}

void statements(std::string& out, const ScheduleSummary& summary) {
    out += "\nStatements (each train, pulse or pair as written)\n";
    for (const StatementSummary& s : summary.statements) {
        const StimulusPlan& p = *s.plan;
        out += "  line " + std::to_string(p.range.begin.line) + ":" +
               std::to_string(p.range.begin.column) + "  " + std::to_string(s.occurrences) +
               " x " + describe(p) + "\n";
        out += "      pulses each " + std::to_string(p.pulses()) + ", on-time " +
               exact_seconds(p.on_time) + ", first to last pulse " +
               exact_seconds(p.first_to_last) + "\n";
        out += "      silence after on-time " +
               range_text(s.min_silence_after_nominal, s.max_silence_after_nominal) +
               "; after last pulse " +
               range_text(s.min_silence_after_last_pulse, s.max_silence_after_last_pulse) +
               " (last one: to the session's end)\n";
    }
}

void course(std::string& out, const ScheduleSummary& summary) {
    const CourseSummary& c = summary.course;
    out += c.declared ? "\nCourse\n" : "\nCourse (none declared: one session)\n";
    count_row(out, "sessions per day", c.sessions_per_day);
    if (c.between_sessions) {
        const bool s2s = c.anchor == ast::CourseClause::Anchor::StartToStart;
        out += "  " + pad("interval between sessions", 48) +
               pad(exact_seconds(*c.between_sessions), 34) +
               (s2s ? "start to start" : "end to start") + "\n";
    }
    count_row(out, "days", c.days);
    count_row(out, "sessions", c.sessions);
    count_row(out, "pulses per day", c.pulses_per_day);
    duration_row(out, "day span", c.day_span);
    count_row(out, "course total pulses", c.total_pulses);
    if (c.sessions_overlap) {
        out += "  warning: sessions overlap: the start-to-start interval is shorter than a "
               "session\n";
    }
}

} // namespace

std::string render_stats_text(const Schedule& schedule, const ScheduleSummary& summary,
                              const std::string& path) {
    const SessionSummary& s = summary.session;
    std::string out = schedule.protocol_name + "  (" + path + ")\n\nSession\n";
    count_row(out, "pulses", s.pulses);
    count_row(out, "trains (stimulus occurrences)", s.trains);
    duration_row(out, "nominal, trailing wait included", s.nominal);
    duration_row(out, "nominal without trailing gap", s.nominal_without_trailing_gap);
    duration_row(out, "span, first to last pulse", s.span);
    duration_row(out, "device-style (gaps as ITI from last pulse)", s.device_style);
    duration_row(out, "onset span, first to last train onset", s.onset_span);
    statements(out, summary);
    course(out, summary);
    return out;
}

} // namespace tmsc
