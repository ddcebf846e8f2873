#pragma once
// An independent, deliberately naive judge of one course day, written pulse by pulse from
// docs/design/timeline.md §2-§6 and §9. It exists to check `tmsc check` (and the timeline judge
// in safety/timeline/, which this file must never include): it shares only the table-cell
// lookup of safety/table.hpp with the code under test. Everything is exact (Rational); nothing
// here is fast, and it does not need to be.

#include "compiler/check/resolve.hpp"
#include "compiler/lower/schedule.hpp"
#include "safety/check_result.hpp"
#include "safety/rules/rules.hpp"
#include "safety/table.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc::oracle {

/// One pulse of the day timeline.
struct Pulse {
    Rational time;            ///< seconds from the start of the day
    IntensityValue intensity; ///< as written
    std::size_t session = 0;  ///< which session of the day delivered it
};

/// The concrete subject thresholds in %MSO (absent: not known).
struct Thresholds {
    std::optional<Rational> rmt;
    std::optional<Rational> amt;
};

/// Everything the verdict may depend on (timeline.md §1).
struct Day {
    std::vector<Pulse> pulses; ///< in time order
    std::optional<CoilSpec> coil;
    Thresholds thresholds;
};

/// A broken rule or an uncovered stimulus, with the facts that made it so.
struct Finding {
    std::string rule; ///< rule id, or S0201..S0204
    std::string facts;
};

/// The oracle's verdict on one day.
struct Judgement {
    std::vector<Finding> broken;    ///< rule findings (errors and warnings)
    std::vector<Finding> uncovered; ///< coverage codes

    /// Rule ids and coverage codes, a rule dropped when the rule it is subsumed by is there.
    std::set<std::string> ids(const safety::RuleSet& rules) const;
    /// True when some rule finding has error severity.
    bool has_error(const safety::RuleSet& rules) const;
    /// What §9 makes of it with no waivers: pass only when nothing at all was found.
    bool clean() const { return broken.empty() && uncovered.empty(); }
    /// §9 with waivers (and no --allow-waived-errors): nothing uncovered, and every rule
    /// finding a warning whose rule is waived.
    bool passes(const std::set<std::string>& waived, const safety::RuleSet& rules) const;
    /// Every finding, one a line, for failure messages.
    std::string describe() const;
};

/// What a train, a series or the stimulus of a rule is (timeline.md §4-§6).
enum class Shape { Conventional, Patterned, Series };

/// A train or a series with its facts.
struct Stimulus {
    Shape shape = Shape::Conventional;
    std::size_t first = 0, last = 0; ///< pulse indices, inclusive
    Rational rate;                   ///< F, R, or the series' unit rate
    Rational duration;
    Rational peak_rate;              ///< highest instantaneous rate (F; f when patterned)
    std::int64_t burst_pulses = 0;   ///< M (patterned only)
    Rational burst_frequency;        ///< f (patterned only)
    std::int64_t pulses = 0;
};

// ---------------------------------------------------------------------------------------
// Laying sessions on the day (§2).

/// The day of a lowered schedule: every session of the day on one timeline. A session's
/// length is the nominal end of its last stimulus, a trailing wait belonging to the interval
/// (docs/language.md, Course; `tmsc stats`'s day span). timeline.md §2 says "what it
/// occupies", which reads as including trailing waits: the two documents disagree there, and
/// this follows the language reference, which is also what stats reports.
inline Day day_of(const Schedule& schedule) {
    std::vector<Pulse> one;
    Rational length;
    walk_trains(schedule, [&](const TrainInstance& t) {
        length = std::max(length, t.nominal_end);
        PulseCursor cursor(t);
        ScheduledPulse p;
        while (cursor.next(p)) {
            one.push_back(Pulse{p.time.seconds(), p.intensity->written, 0});
        }
    });
    std::int64_t sessions = 1;
    Rational step = length;
    if (schedule.course && schedule.course->sessions_per_day > 1) {
        sessions = schedule.course->sessions_per_day;
        const Rational between = schedule.course->between_sessions_s.value_or(Rational(0));
        step = schedule.course->anchor == ast::CourseClause::Anchor::StartToStart ? between
                                                                                  : length + between;
    }
    Day day;
    for (std::int64_t s = 0; s < sessions; ++s) {
        for (const Pulse& p : one) {
            day.pulses.push_back(Pulse{p.time + step * Rational(s), p.intensity,
                                       static_cast<std::size_t>(s)});
        }
    }
    std::stable_sort(day.pulses.begin(), day.pulses.end(),
                     [](const Pulse& a, const Pulse& b) { return a.time < b.time; });
    if (schedule.resolved) {
        day.coil = schedule.resolved->coil;
    }
    if (schedule.rmt) day.thresholds.rmt = schedule.rmt->mso;
    if (schedule.amt) day.thresholds.amt = schedule.amt->mso;
    return day;
}

// ---------------------------------------------------------------------------------------
// Small facts.

/// The intensity in `target`'s percent, or nullopt when a threshold it needs is unknown.
inline std::optional<Rational> convert(const IntensityValue& v, IntensityRef target,
                                       const Thresholds& t) {
    if (v.ref == target) {
        return v.percent;
    }
    auto threshold = [&](IntensityRef ref) -> std::optional<Rational> {
        return ref == IntensityRef::Rmt ? t.rmt : t.amt;
    };
    Rational mso = v.percent;
    if (v.ref != IntensityRef::Mso) {
        const std::optional<Rational> th = threshold(v.ref);
        if (!th) return std::nullopt;
        mso = v.percent * *th / Rational(100);
    }
    if (target == IntensityRef::Mso) {
        return mso;
    }
    const std::optional<Rational> th = threshold(target);
    if (!th) return std::nullopt;
    return mso * Rational(100) / *th;
}

/// "figure8", "round", "double_cone", "h_coil".
inline const char* family_name(CoilFamily family) {
    switch (family) {
    case CoilFamily::Figure8: return "figure8";
    case CoilFamily::Round: return "round";
    case CoilFamily::DoubleCone: return "double_cone";
    case CoilFamily::HCoil: return "h_coil";
    }
    return "?";
}

/// The rule-set pattern a stimulus counts as: a series is judged as a conventional train.
inline safety::PatternKind pattern_of(Shape shape) {
    return shape == Shape::Patterned ? safety::PatternKind::Patterned
                                     : safety::PatternKind::Conventional;
}

/// Whether `rule` covers this coil and pattern. A protocol without a coil is covered by no rule.
inline bool applies(const safety::Rule& rule, const std::optional<CoilSpec>& coil,
                    safety::PatternKind pattern) {
    if (!coil || !rule.applies_to.patterns.count(pattern)) {
        return false;
    }
    return rule.applies_to.any_coil || rule.applies_to.coils.count(coil->name) ||
           rule.applies_to.coils.count(family_name(coil->family));
}

inline std::string text(const Rational& r) { return r.to_string(); }

// ---------------------------------------------------------------------------------------
// From pulses to trains, series and gaps (§4-§6).

/// Maximal runs of pulses at most `join` apart: [first, last] index pairs.
inline std::vector<std::pair<std::size_t, std::size_t>> runs_of(const std::vector<Pulse>& p,
                                                                const Rational& join) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (i == 0 || p[i].time - p[i - 1].time > join) {
            out.push_back({i, i});
        } else {
            out.back().second = i;
        }
    }
    return out;
}

/// Whether the run [s.first, s.last] is patterned under `env` (§5); if so fills the patterned
/// facts of `s`.
inline bool recognise_patterned(const std::vector<Pulse>& p, const safety::ThetaBurstEnvelope& env,
                                Stimulus& s) {
    std::set<Rational> intervals;
    for (std::size_t i = s.first + 1; i <= s.last; ++i) {
        intervals.insert(p[i].time - p[i - 1].time);
    }
    if (intervals.size() != 2) {
        return false;
    }
    const Rational d_in = *intervals.begin();
    const Rational d_gap = *intervals.rbegin();
    std::vector<std::int64_t> bursts{1};
    for (std::size_t i = s.first + 1; i <= s.last; ++i) {
        if (p[i].time - p[i - 1].time == d_in) {
            ++bursts.back();
        } else {
            bursts.push_back(1);
        }
    }
    const std::int64_t m = bursts.front();
    if (bursts.size() < 2 || std::any_of(bursts.begin(), bursts.end(),
                                         [&](std::int64_t b) { return b != m; })) {
        return false;
    }
    const Rational f = Rational(1) / d_in;
    const Rational r = Rational(1) / (Rational(m - 1) * d_in + d_gap);
    if (!env.burst_pulses.contains(Rational(m)) || !env.burst_frequency_hz.contains(f) ||
        !env.burst_rate_hz.contains(r) || d_gap < env.gap_ratio * d_in) {
        return false;
    }
    s.shape = Shape::Patterned;
    s.burst_pulses = m;
    s.burst_frequency = f;
    s.peak_rate = f;
    s.rate = r;
    s.duration = Rational(static_cast<std::int64_t>(bursts.size())) / r;
    return true;
}

/// The train of a run of three or more pulses: patterned if it fits the envelope, else
/// conventional at its highest instantaneous rate.
inline Stimulus train_of(const std::vector<Pulse>& p, std::size_t first, std::size_t last,
                         const safety::RuleSet& rules) {
    Stimulus s;
    s.first = first;
    s.last = last;
    s.pulses = static_cast<std::int64_t>(last - first + 1);
    if (recognise_patterned(p, rules.theta_burst, s)) {
        return s;
    }
    Rational shortest = p[first + 1].time - p[first].time;
    for (std::size_t i = first + 1; i <= last; ++i) {
        shortest = std::min(shortest, p[i].time - p[i - 1].time);
    }
    s.shape = Shape::Conventional;
    s.rate = Rational(1) / shortest;
    s.peak_rate = s.rate;
    s.duration = p[last].time - p[first].time + shortest;
    return s;
}

/// A series of singles/pairs (runs [first,last] each): rate from the shortest onset to onset.
inline Stimulus series_of(const std::vector<Pulse>& p,
                          const std::vector<std::pair<std::size_t, std::size_t>>& units) {
    Stimulus s;
    s.shape = Shape::Series;
    s.first = units.front().first;
    s.last = units.back().second;
    s.pulses = static_cast<std::int64_t>(s.last - s.first + 1);
    Rational shortest = p[units[1].first].time - p[units[0].first].time;
    for (std::size_t i = 1; i < units.size(); ++i) {
        shortest = std::min(shortest, p[units[i].first].time - p[units[i - 1].first].time);
    }
    s.rate = Rational(1) / shortest;
    s.peak_rate = s.rate;
    s.duration = p[units.back().first].time - p[units.front().first].time + shortest;
    return s;
}

/// "conventional train of 20 s at 20 Hz, 400 pulses, pulses 0..399".
inline std::string describe(const Stimulus& s) {
    const char* kind = s.shape == Shape::Patterned ? "patterned train"
                       : s.shape == Shape::Series  ? "series"
                                                   : "conventional train";
    std::string out = std::string(kind) + " of " + text(s.duration) + " s at " + text(s.rate) +
                      " Hz, " + std::to_string(s.pulses) + " pulses (pulses " +
                      std::to_string(s.first) + ".." + std::to_string(s.last) + ")";
    if (s.shape == Shape::Patterned) {
        out += ", bursts of " + std::to_string(s.burst_pulses) + " at " + text(s.burst_frequency) + " Hz";
    }
    return out;
}

/// Trains and series of the day in time order, plus the coverage findings of singles and pairs.
struct Decomposition {
    std::vector<Stimulus> stimuli;
    std::vector<Finding> uncovered;
};

/// §4: runs, trains, pairs and singles, trials, series, S0204.
inline Decomposition decompose(const Day& day, const safety::RuleSet& rules) {
    const std::vector<Pulse>& p = day.pulses;
    const auto runs = runs_of(p, rules.train_join.join_s);
    const Rational spacing = rules.single_pulse.spacing_s;
    Decomposition out;
    std::vector<std::pair<std::size_t, std::size_t>> group; // consecutive singles/pairs
    auto flush = [&]() {
        if (group.size() >= 2) {
            out.stimuli.push_back(series_of(p, group));
        } else if (group.size() == 1) {
            const auto [a, b] = group.front();
            const bool far_before = a == 0 || p[a].time - p[a - 1].time > spacing;
            const bool far_after = b + 1 == p.size() || p[b + 1].time - p[b].time > spacing;
            if (!(far_before && far_after)) {
                out.uncovered.push_back({"S0204", "pulses " + std::to_string(a) + ".." +
                                                      std::to_string(b) + " near a train"});
            }
        }
        group.clear();
    };
    for (const auto& [a, b] : runs) {
        if (b - a + 1 >= 3) {
            flush();
            out.stimuli.push_back(train_of(p, a, b, rules));
            continue;
        }
        if (!group.empty() && p[a].time - p[group.back().second].time > spacing) {
            flush();
        }
        group.push_back({a, b});
    }
    flush();
    std::sort(out.stimuli.begin(), out.stimuli.end(),
              [](const Stimulus& x, const Stimulus& y) { return x.first < y.first; });
    return out;
}

// ---------------------------------------------------------------------------------------
// Rules (§6).

/// The judge of one day; small steps, each straight from the text.
class TimelineOracle {
  public:
    TimelineOracle(const Day& day, const safety::RuleSet& rules) : day_(day), rules_(rules) {}

    Judgement judge() {
        Decomposition d = decompose(day_, rules_);
        out_.uncovered = d.uncovered;
        for (const Stimulus& s : d.stimuli) {
            judge_stimulus(s);
        }
        for (std::size_t i = 1; i < d.stimuli.size(); ++i) {
            judge_gap(d.stimuli[i - 1], d.stimuli[i]);
        }
        judge_totals(d.stimuli);
        return out_;
    }

  private:
    /// The intensities of a stimulus's pulses (a set: equal values once).
    std::vector<IntensityValue> intensities(const Stimulus& s) const {
        std::vector<IntensityValue> out;
        for (std::size_t i = s.first; i <= s.last; ++i) {
            if (std::find(out.begin(), out.end(), day_.pulses[i].intensity) == out.end()) {
                out.push_back(day_.pulses[i].intensity);
            }
        }
        return out;
    }

    void judge_stimulus(const Stimulus& s) {
        const safety::PatternKind pattern = pattern_of(s.shape);
        bool covered = false;
        for (const safety::Rule& rule : rules_.rules) {
            if (!applies(rule, day_.coil, pattern)) continue;
            covered = true;
            if (rule.kind == safety::RuleKind::TrainDurationTable) {
                judge_table(rule, s);
            } else if (rule.kind == safety::RuleKind::TrainMax) {
                judge_train_max(rule, s);
            }
        }
        if (!covered) {
            out_.uncovered.push_back({"S0201", describe(s)});
        }
    }

    void judge_table(const safety::Rule& rule, const Stimulus& s) {
        const safety::DurationTable& table = rules_.tables.at(rule.table);
        for (const IntensityValue& v : intensities(s)) {
            const std::optional<Rational> pct = convert(v, table.reference, day_.thresholds);
            if (!pct) {
                out_.uncovered.push_back({"S0203", rule.id + ": " + v.to_string()});
                continue;
            }
            if (!safety::in_domain(table, s.rate, *pct)) {
                out_.uncovered.push_back({"S0202", describe(s) + " at " + text(*pct) + " %"});
                continue;
            }
            const std::optional<Rational> limit =
                safety::lookup_limit(table, rule.limits_only, rule.scale, s.rate, *pct);
            if (limit && s.duration > *limit) {
                out_.broken.push_back({rule.id, describe(s) + " at " + v.to_string() +
                                                    "; limit " + text(*limit) + " s"});
            }
        }
    }

    /// The largest intensity (in the rule's reference) among those written in `written_in`
    /// that can be converted; an S0203 for each that cannot.
    std::optional<Rational> peak_intensity(const safety::Rule& rule, const Stimulus& s,
                                           bool& none) {
        std::optional<Rational> best;
        none = true;
        for (const IntensityValue& v : intensities(s)) {
            if (!rule.written_in.empty() && !rule.written_in.count(v.ref)) continue;
            none = false;
            const std::optional<Rational> pct = convert(v, rule.reference, day_.thresholds);
            if (!pct) {
                out_.uncovered.push_back({"S0203", rule.id + ": " + v.to_string()});
                continue;
            }
            best = best ? std::max(*best, *pct) : *pct;
        }
        return best;
    }

    void judge_train_max(const safety::Rule& rule, const Stimulus& s) {
        std::optional<Rational> value;
        bool none = false;
        switch (rule.quantity) {
        case safety::Quantity::Rate: value = s.rate; break;
        case safety::Quantity::Duration: value = s.duration; break;
        case safety::Quantity::Pulses: value = Rational(s.pulses); break;
        case safety::Quantity::Intensity: value = peak_intensity(rule, s, none); break;
        case safety::Quantity::BurstPulses:
            if (s.shape == Shape::Patterned) value = Rational(s.burst_pulses);
            break;
        case safety::Quantity::BurstFrequency:
            if (s.shape == Shape::Patterned) value = s.burst_frequency;
            break;
        }
        if (value && *value > rule.max) {
            out_.broken.push_back({rule.id, describe(s) + ": " + text(*value) + " > " + text(rule.max)});
        }
    }

    /// Whether the stimulus beside a gap meets the rule's `when` (nullopt: cannot tell).
    std::optional<bool> meets(const safety::Rule& rule, const Stimulus& s) {
        if (!applies(rule, day_.coil, pattern_of(s.shape))) return false;
        const safety::GapCondition& when = rule.when;
        if (when.min_frequency_hz && s.peak_rate < *when.min_frequency_hz) return false;
        if (!when.above_percent) return true;
        // One known intensity above the bound meets the condition, whatever the others are;
        // only when none is known to be above and one cannot be read is the answer open.
        bool any_above = false;
        bool unreadable = false;
        for (const IntensityValue& v : intensities(s)) {
            const std::optional<Rational> pct = convert(v, when.reference, day_.thresholds);
            unreadable = unreadable || !pct;
            any_above = any_above || (pct && *pct > *when.above_percent);
        }
        if (any_above) return true;
        if (unreadable) return std::nullopt;
        return false;
    }

    void judge_gap(const Stimulus& before, const Stimulus& after) {
        const Rational silence = day_.pulses[after.first].time - day_.pulses[before.last].time;
        for (const safety::Rule& rule : rules_.rules) {
            if (rule.kind != safety::RuleKind::GapMin) continue;
            const std::optional<bool> a = meets(rule, before);
            const std::optional<bool> b = meets(rule, after);
            const bool too_short = rule.strict ? silence <= rule.min_gap_s : silence < rule.min_gap_s;
            if (!too_short || (a == false && b == false)) continue;
            if (a == true || b == true) {
                out_.broken.push_back({rule.id, "silence " + text(silence) + " s after " +
                                                    describe(before)});
            } else {
                out_.uncovered.push_back({"S0203", rule.id + ": gap condition unconvertible"});
            }
        }
    }

    void judge_totals(const std::vector<Stimulus>& stimuli) {
        for (const safety::Rule& rule : rules_.rules) {
            const bool session = rule.kind == safety::RuleKind::SessionMax;
            if (!session && rule.kind != safety::RuleKind::DayMax) continue;
            if (rule.quantity != safety::Quantity::Pulses) {
                out_.uncovered.push_back({"S0201", rule.id + ": the oracle counts pulses only"});
                continue;
            }
            std::map<std::size_t, std::int64_t> count; // session (or 0 for the day) -> pulses
            for (const Stimulus& s : stimuli) {
                if (!applies(rule, day_.coil, pattern_of(s.shape))) continue;
                for (std::size_t i = s.first; i <= s.last; ++i) {
                    ++count[session ? day_.pulses[i].session : 0];
                }
            }
            for (const auto& [which, n] : count) {
                if (Rational(n) > rule.max) {
                    out_.broken.push_back({rule.id, std::to_string(n) + " pulses in " +
                                                        (session ? "session " + std::to_string(which) : "the day")});
                }
            }
        }
    }

    const Day& day_;
    const safety::RuleSet& rules_;
    Judgement out_;
};

/// Judges one day.
inline Judgement judge(const Day& day, const safety::RuleSet& rules) {
    return TimelineOracle(day, rules).judge();
}

/// Drops each id whose `subsumed_by` rule is in the set too (the same on both sides of a
/// comparison, so the per-subject hiding of a report cannot make two equal verdicts differ).
inline std::set<std::string> subsumed_removed(const std::set<std::string>& ids,
                                              const safety::RuleSet& rules) {
    std::set<std::string> out;
    for (const std::string& id : ids) {
        const safety::Rule* r = rules.find(id);
        if (!r || r->subsumed_by.empty() || !ids.count(r->subsumed_by)) out.insert(id);
    }
    return out;
}

inline std::set<std::string> Judgement::ids(const safety::RuleSet& rules) const {
    std::set<std::string> out;
    for (const Finding& f : broken) out.insert(f.rule);
    for (const Finding& f : uncovered) out.insert(f.rule);
    return subsumed_removed(out, rules);
}

inline bool Judgement::has_error(const safety::RuleSet& rules) const {
    return std::any_of(broken.begin(), broken.end(), [&](const Finding& f) {
        const safety::Rule* r = rules.find(f.rule);
        return r && r->severity == safety::RuleSeverity::Error;
    });
}

inline bool Judgement::passes(const std::set<std::string>& waived, const safety::RuleSet& rules) const {
    return uncovered.empty() && std::all_of(broken.begin(), broken.end(), [&](const Finding& f) {
               const safety::Rule* r = rules.find(f.rule);
               return r && r->severity == safety::RuleSeverity::Warning && waived.count(f.rule);
           });
}

inline std::string Judgement::describe() const {
    std::string out;
    for (const Finding& f : broken) out += "    broken " + f.rule + ": " + f.facts + "\n";
    for (const Finding& f : uncovered) out += "    uncovered " + f.rule + ": " + f.facts + "\n";
    return out.empty() ? "    (nothing)\n" : out;
}

/// The rule an S01xx finding is about: its "rule ID [C]: text" note, else the "RULE: ..." (or
/// "waived warning: RULE: ...") its message starts with; "?" when it names no known rule.
inline std::string finding_rule(const Diagnostic& d, const safety::RuleSet& rules) {
    for (const DiagnosticNote& n : d.notes) {
        if (n.message.rfind("rule ", 0) == 0) {
            const std::string id = n.message.substr(5, n.message.find_first_of(" :", 5) - 5);
            if (rules.find(id)) return id;
        }
    }
    std::string_view m = d.message;
    if (m.rfind("waived ", 0) == 0) m.remove_prefix(m.find(": ") + 2);
    const std::string id(m.substr(0, m.find(':')));
    return rules.find(id) ? id : "?";
}

/// The rule ids and coverage codes `tmsc check` reported, with the same subsumption as
/// Judgement::ids.
inline std::set<std::string> reported_ids(const CheckResult& result, const safety::RuleSet& rules) {
    std::set<std::string> out;
    for (const Diagnostic& d : result.diagnostics) {
        if (d.code.rfind("S01", 0) == 0) {
            out.insert(finding_rule(d, rules));
        } else if (d.code >= "S0201" && d.code <= "S0205") {
            out.insert(d.code);
        }
    }
    return subsumed_removed(out, rules);
}

} // namespace tmsc::oracle
