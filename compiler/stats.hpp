#pragma once
// Session and course totals in every timing convention a paper or a console may use (see
// docs/output-formats.md for the definitions), computed from one walk over the trains.

#include "compiler/lower/schedule.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tmsc {

/// One session's totals, exact. Times in seconds.
struct SessionSummary {
    std::int64_t pulses = 0;
    std::int64_t trains = 0;                   ///< stimulus occurrences (trains, pulses, pairs)
    Rational nominal;                          ///< as written, trailing waits included
    Rational nominal_without_trailing_gap;     ///< session start to the last nominal on-time end
    Rational span;                             ///< first pulse to last pulse
    Rational device_style;                     ///< Σ first-to-last + Σ silences after on-time
    Rational onset_span;                       ///< first train onset to last train onset
    Rational first_pulse;                      ///< from session start
    Rational last_pulse;                       ///< from session start
};

/// Per stimulus statement: how often it occurs and the silences that follow it.
struct StatementSummary {
    const StimulusPlan* plan = nullptr;
    std::int64_t occurrences = 0;
    Rational min_silence_after_nominal, max_silence_after_nominal;
    Rational min_silence_after_last_pulse, max_silence_after_last_pulse;
};

/// The course built from the session (a protocol without a course is one session).
struct CourseSummary {
    bool declared = false;
    std::int64_t sessions_per_day = 1;
    std::int64_t days = 1;
    std::int64_t sessions = 1;
    std::int64_t pulses_per_day = 0;
    std::int64_t total_pulses = 0;
    std::optional<Rational> between_sessions;  ///< seconds, as written
    ast::CourseClause::Anchor anchor = ast::CourseClause::Anchor::Unspecified;
    /// First pulse of the day's first session to the end of its last session's stimulation:
    /// end→start: n·W + (n−1)·I; start→start: (n−1)·I + W, W = nominal without trailing gap.
    Rational day_span;
    bool sessions_overlap = false; ///< start→start interval shorter than a session
};

/// Everything `tmsc stats` prints and the JSON summary holds.
struct ScheduleSummary {
    SessionSummary session;
    CourseSummary course;
    std::vector<StatementSummary> statements; ///< indexed like Schedule::stimuli
};

/// Walks the trains once and computes every total. Also builds each train's PulseCursor, so
/// that a train whose times do not fit the integer representation fails here (with
/// RationalOverflow) and never in the middle of writing output.
ScheduleSummary summarize(const Schedule& schedule);

/// "1189.944444444" style number for JSON: exact decimal when it terminates within 9 digits,
/// else rounded to 9 digits (the exact value is given alongside as a fraction).
std::string decimal_seconds(const Rational& seconds);

/// The human-readable report of `tmsc stats`.
std::string render_stats_text(const Schedule& schedule, const ScheduleSummary& summary,
                              const std::string& path);

/// Spelling of a course anchor: "end_to_start", "start_to_start" or "unspecified".
const char* anchor_name(ast::CourseClause::Anchor anchor);

} // namespace tmsc
