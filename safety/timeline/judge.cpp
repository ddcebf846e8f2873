#include "safety/timeline/judge.hpp"

#include "safety/describe.hpp"
#include "safety/obligations.hpp"
#include "safety/table.hpp"
#include "safety/timeline/intensity_bounds.hpp"

#include <algorithm>

namespace tmsc::safety::timeline {

namespace {

/// Whether two trains are the same to every rule: equal in all but their time of day (which
/// only the wording of the first instance shows).
bool same_judgment(const TrainFacts& a, const TrainFacts& b) {
    const auto same_intensities = [&] {
        const auto& x = a.intensities.items();
        const auto& y = b.intensities.items();
        return x.size() == y.size() &&
               std::equal(x.begin(), x.end(), y.begin(),
                          [](const WrittenIntensity& p, const WrittenIntensity& q) { return p.same(q); });
    };
    const auto same_statements = [&] {
        const auto& x = a.origin.statements;
        const auto& y = b.origin.statements;
        return x.size() == y.size() &&
               std::equal(x.begin(), x.end(), y.begin(), [](const SourceRange& p, const SourceRange& q) {
                   return p.begin.offset == q.begin.offset;
               });
    };
    return a.pattern == b.pattern && a.series == b.series && a.rate == b.rate &&
           a.duration == b.duration && a.units == b.units && a.pulses == b.pulses &&
           a.burst_pulses == b.burst_pulses && a.burst_frequency == b.burst_frequency &&
           a.origin.occurrences == b.origin.occurrences &&
           (a.origin.first_session == a.origin.last_session) ==
               (b.origin.first_session == b.origin.last_session) &&
           same_intensities() && same_statements();
}

/// "5:27".
std::string at(const SourceRange& range) {
    return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

Severity severity_of(const Rule& rule) {
    return rule.severity == RuleSeverity::Error ? Severity::Error : Severity::Warning;
}

const char* train_code(const Rule& rule) { return rule.severity == RuleSeverity::Error ? "S0101" : "S0102"; }
const char* gap_code(const Rule& rule) { return rule.severity == RuleSeverity::Error ? "S0103" : "S0104"; }

SourceRange first_statement(const Origin& origin) {
    return origin.statements.empty() ? SourceRange{} : origin.statements.front();
}

void rule_notes(const Rule& rule, std::vector<DiagnosticNote>& notes) {
    notes.push_back({"rule " + rule.id + " [" + confidence_name(rule.confidence) + "]: " + rule.text,
                     std::nullopt});
    if (rule.severity == RuleSeverity::Warning) {
        notes.push_back({waiver_hint(rule), std::nullopt});
    }
}

std::string measure(const Rule& rule, const Rational& value) {
    return rule.kind == RuleKind::TrainMax ? format_quantity(rule.quantity, value, rule.reference)
                                           : format_quantity(Quantity::Duration, value, IntensityRef::Rmt);
}

/// The points where a table lookup over [lo, hi] can change: both ends and every column in
/// between (the lookup brackets upwards, so it is constant between columns).
std::vector<Rational> lookup_points(const DurationTable& table, const PercentRange& range) {
    std::vector<Rational> points{range.lo, range.hi};
    for (const Rational& column : table.intensities) {
        if (range.lo < column && column < range.hi) {
            points.push_back(column);
        }
    }
    return points;
}

} // namespace

bool RuleJudge::applies(const Rule& rule, PatternKind pattern) const {
    return applies_to_coil(rule, protocol_.coil) && rule.applies_to.patterns.count(pattern);
}

std::vector<DiagnosticNote> RuleJudge::origin_notes(const TrainFacts& t) const {
    std::vector<DiagnosticNote> notes;
    const bool several = t.origin.statements.size() > 1 || t.origin.occurrences > 1 ||
                         t.origin.first_session != t.origin.last_session;
    if (!several) {
        return notes; // the caret shows the one statement
    }
    for (const SourceRange& s : t.origin.statements) {
        notes.push_back({"its pulses come from this statement, among others", s});
    }
    {
        std::string text = "the pulses of " + std::to_string(t.origin.occurrences) +
                           " statement occurrences join into one train (pulses at most " +
                           clock(rules_.train_join.join_s) + " apart are one train: " +
                           rules_.train_join.citation + ")";
        if (t.origin.first_session != t.origin.last_session) {
            text += ", across sessions " + std::to_string(t.origin.first_session + 1) + " to " +
                    std::to_string(t.origin.last_session + 1) + " of the day";
        }
        notes.push_back({text, std::nullopt});
    }
    notes.push_back({"from " + clock(t.first) + " to " + clock(t.last) + " after the start of the day",
                     std::nullopt});
    return notes;
}

void RuleJudge::record(const std::string& key, TimelineFinding finding) {
    if (recording_) {
        recording_->push_back(key);
    }
    auto it = findings_.find(key);
    if (it == findings_.end()) {
        order_.push_back(key);
        findings_.emplace(key, std::move(finding));
        return;
    }
    const std::int64_t seen = it->second.instances + 1;
    if (finding.severity_ratio > it->second.severity_ratio) {
        it->second = std::move(finding);
    }
    it->second.instances = seen;
}

void RuleJudge::margin(const std::string& key, Margin m) {
    auto it = margins_.find(key);
    if (it == margins_.end()) {
        margin_order_.push_back(key);
        margins_.emplace(key, std::move(m));
        return;
    }
    Margin& have = it->second;
    if (have.no_limit && !m.no_limit) {
        have = std::move(m);
        return;
    }
    if (m.no_limit || have.limit <= Rational(0) || m.limit <= Rational(0)) {
        return;
    }
    // Keep the instance closest to (or furthest past) its limit.
    const Rational mine = m.actual / m.limit;
    const Rational theirs = have.actual / have.limit;
    if (m.at_least ? mine < theirs : mine > theirs) {
        have = std::move(m);
    }
}

std::vector<Margin> RuleJudge::margins() const {
    std::vector<Margin> out;
    for (const std::string& key : margin_order_) {
        out.push_back(margins_.at(key));
    }
    return out;
}

void RuleJudge::judged(const Rule& rule, const std::string& key, SourceRange range) {
    const std::string id = rule.id + "|" + key;
    const bool broken = findings_.count(id) > 0;
    const auto [it, added] = judged_index_.emplace(id, judged_.size());
    if (added) {
        judged_.push_back({rule.id, key, range, broken});
    } else {
        judged_[it->second].broken = judged_[it->second].broken || broken;
    }
}

void RuleJudge::violation(const Rule& rule, const TrainFacts& t, const std::string& subject,
                          const Rational& actual, const Rational& limit,
                          std::vector<DiagnosticNote> notes,
                          std::vector<std::pair<std::string, std::string>> values) {
    Diagnostic d{severity_of(rule), train_code(rule),
                 rule.id + ": " + subject + "; " + limit_phrase(rule, limit) + " (" + rule.citation + ")",
                 first_statement(t.origin), std::move(notes)};
    for (DiagnosticNote& n : origin_notes(t)) {
        d.notes.push_back(std::move(n));
    }
    rule_notes(rule, d.notes);
    const Rational ratio = limit > Rational(0) ? actual / limit : actual;
    record(rule.id + "|" + t.origin.signature(),
           TimelineFinding{{std::move(d), &rule}, rule.id, ratio, 1, measure(rule, actual),
                           measure(rule, limit), std::move(values)});
}

void RuleJudge::uncovered(const char* code, const std::string& identity, SourceRange range,
                          std::string message) {
    unknown_ = true;
    Diagnostic d{Severity::Warning, code, "cannot be verified (verdict unknown): " + std::move(message),
                 range, {}};
    record(std::string(code) + "|" + identity, TimelineFinding{{std::move(d), nullptr}, code, Rational(1), 1, "", "", {}});
}

void RuleJudge::table(const Rule& rule, const TrainFacts& t, const WrittenIntensity& w) {
    const DurationTable& tab = rules_.tables.at(rule.table);
    const auto range = bounds_in(protocol_, w, tab.reference);
    if (!range) {
        uncovered("S0203", t.origin.signature(), w.range,
                  "intensity " + w.value.to_string() + " cannot be read as " +
                      intensity_ref_spelling(tab.reference) +
                      " without the subject threshold it refers to; declare `subject`");
        return;
    }
    if (!in_domain(tab, t.rate, range->hi)) {
        uncovered("S0202", t.origin.signature(), first_statement(t.origin),
                  describe(t) + " at " + show(*range, tab.reference) + " lies beyond the " +
                      tab.id + " table: no published evidence covers it");
        return;
    }
    std::optional<Rational> limit;
    Rational worst_at;
    for (const Rational& point : lookup_points(tab, *range)) {
        const auto here = lookup_limit(tab, rule.limits_only, rule.scale, t.rate, point);
        if (here && (!limit || *here < *limit)) {
            limit = here;
            worst_at = point;
        }
    }
    const std::string heading = (t.series ? "series at " : "train at ") + at(first_statement(t.origin)) +
                                ": " + describe(t) + ", " + w.value.to_string();
    const std::string margin_key = rule.id + "|" + t.origin.signature() + "|" + w.value.to_string() + w.param;
    if (!limit) {
        margin(margin_key, Margin{&rule, heading, t.duration, Rational(0), false, true, clock(t.duration), "", ""});
        return;
    }
    margin(margin_key, Margin{&rule, heading, t.duration, *limit, false, false, clock(t.duration), clock(*limit),
                              unverified_row_note(tab, t.rate)});
    if (t.duration <= *limit) {
        return;
    }
    std::vector<DiagnosticNote> notes;
    std::vector<std::pair<std::string, std::string>> values;
    if (range->lo != range->hi && (worst_at == range->hi || worst_at == range->lo)) {
        for (ValueNote& v : extreme_values(protocol_, w, tab.reference, worst_at == range->hi)) {
            notes.push_back(std::move(v.note));
            values.emplace_back(std::move(v.name), std::move(v.value));
        }
    } else if (range->lo != range->hi) {
        notes.push_back({"the intensity " + w.value.to_string() + " can be " + show(*range, tab.reference) +
                             " over the allowed parameter and threshold values; at " +
                             format_quantity(Quantity::Intensity, worst_at, tab.reference) +
                             ", within that range, the limit is lowest",
                         w.range});
    }
    notes.push_back({"the limit is the smallest of the " + bracket_description(tab, t.rate, worst_at) +
                         (rule.scale == Rational(1) ? "" : ", times " + rule.scale.to_string()),
                     std::nullopt});
    if (const std::string unverified = unverified_row_note(tab, t.rate); !unverified.empty()) {
        notes.push_back({unverified, std::nullopt});
    }
    violation(rule, t, describe(t) + ", " + format_quantity(Quantity::Intensity, worst_at, tab.reference),
              t.duration, *limit, std::move(notes), std::move(values));
}

void RuleJudge::maximum(const Rule& rule, const TrainFacts& t) {
    auto check = [&](const std::optional<Rational>& value, const std::string& what) {
        if (value) {
            margin(rule.id + "|" + t.origin.signature() + "|" + what,
                   Margin{&rule,
                          (t.series ? "series at " : "train at ") + at(first_statement(t.origin)) + ": " + describe(t),
                          *value, rule.max, false, false, format_quantity(rule.quantity, *value, rule.reference),
                          format_quantity(rule.quantity, rule.max, rule.reference), ""});
        }
        if (value && *value > rule.max) {
            const bool shown = rule.quantity == Quantity::Rate || rule.quantity == Quantity::Duration;
            violation(rule, t,
                      shown ? describe(t)
                            : describe(t) + ": " + what + format_quantity(rule.quantity, *value, rule.reference),
                      *value, rule.max, {});
        }
    };
    switch (rule.quantity) {
    case Quantity::Rate: return check(t.rate, "");
    case Quantity::Duration: return check(t.duration, "");
    case Quantity::Pulses: return check(Rational(t.pulses), "");
    case Quantity::BurstPulses: return check(t.burst_pulses, "");
    case Quantity::BurstFrequency: return check(t.burst_frequency, "");
    case Quantity::Intensity: break;
    }
    for (const WrittenIntensity& w : t.intensities.items()) {
        if (!rule.written_in.empty() && !rule.written_in.count(w.value.ref)) {
            continue;
        }
        const auto range = bounds_in(protocol_, w, rule.reference);
        if (!range) {
            uncovered("S0203", t.origin.signature(), w.range,
                      "intensity " + w.value.to_string() + " cannot be read as " +
                          intensity_ref_spelling(rule.reference) + " for rule " + rule.id);
        } else {
            check(range->hi, range->lo == range->hi ? "" : "up to ");
        }
    }
}

void RuleJudge::tally(PatternKind pattern, std::int64_t pulses, const Origin& origin) {
    if (first_range_.begin.line == 0 && !origin.statements.empty()) {
        first_range_ = origin.statements.front();
    }
    day_pulses_[pattern] += pulses;
    if (origin.sessions_overflow) {
        crossing_[pattern] += pulses; // too many sessions in one run: count it in each
        return;
    }
    for (const auto& [session, count] : origin.session_pulses) {
        if (session != current_session_) {
            for (const auto& [p, n] : current_) {
                session_max_[p] = std::max(session_max_[p], n);
            }
            current_.clear();
            current_session_ = session;
        }
        current_[pattern] += count;
    }
}

void RuleJudge::trial(const Run& run) { tally(PatternKind::SinglePulse, run.pulses, run.origin); }

void RuleJudge::totals(std::int64_t sessions_per_day) {
    for (const auto& [p, n] : current_) {
        session_max_[p] = std::max(session_max_[p], n);
    }
    current_.clear();
    for (const Rule& rule : rules_.rules) {
        const bool session = rule.kind == RuleKind::SessionMax && rule.quantity == Quantity::Pulses;
        if ((!session && rule.kind != RuleKind::DayMax) || !applies_to_coil(rule, protocol_.coil)) {
            continue;
        }
        std::int64_t actual = 0;
        bool present = false;
        for (PatternKind p : rule.applies_to.patterns) {
            const auto& counts = session ? session_max_ : day_pulses_;
            if (const auto it = counts.find(p); it != counts.end()) {
                actual += it->second + (session && crossing_.count(p) ? crossing_.at(p) : 0);
                present = true;
            } else if (session && crossing_.count(p)) {
                actual += crossing_.at(p);
                present = true;
            }
        }
        if (!present) {
            continue;
        }
        const std::string key = session ? "session" : "day";
        margin(rule.id + "|" + key,
               Margin{&rule, session ? "session" : "day (" + std::to_string(sessions_per_day) +
                                                   (sessions_per_day == 1 ? " session)" : " sessions)"),
                      Rational(actual), rule.max, false, false, std::to_string(actual) + " pulses",
                      rule.max.to_string() + " pulses", ""});
        if (Rational(actual) > rule.max) {
            std::string patterns;
            for (PatternKind p : rule.applies_to.patterns) {
                patterns += std::string(patterns.empty() ? "" : ", ") + pattern_name(p);
            }
            const std::string subject =
                session ? "the session's " + std::to_string(actual) + " pulses in " + patterns + " trains"
                        : std::to_string(actual) + " pulses a day in " + patterns + " trains (" +
                              std::to_string(sessions_per_day) +
                              (sessions_per_day == 1 ? " session)" : " sessions)");
            Diagnostic d{severity_of(rule), rule.severity == RuleSeverity::Error ? "S0105" : "S0106",
                         rule.id + ": " + subject + "; " + limit_phrase(rule, rule.max) + " (" + rule.citation + ")",
                         protocol_.session ? protocol_.session->range : first_range_, {}};
            rule_notes(rule, d.notes);
            record(rule.id + "|" + key,
                   TimelineFinding{{std::move(d), &rule}, rule.id, Rational(actual) / rule.max, 1,
                                   std::to_string(actual) + " pulses", rule.max.to_string() + " pulses", {}});
        }
        judged(rule, key, protocol_.session ? protocol_.session->range : first_range_);
    }
}

void RuleJudge::replay(const Remembered& memo) {
    for (const std::string& key : memo.recorded) {
        // A key the first judgment recorded and then dropped (a subsumed rule's) is dropped
        // again when judged in full, so it is skipped here.
        const auto it = findings_.find(key);
        if (it != findings_.end()) {
            ++it->second.instances;
        }
    }
}

void RuleJudge::train(const TrainFacts& t) {
    tally(t.pattern, t.pulses, t.origin);
    if (remember_ && last_train_.valid && same_judgment(last_train_.before, t)) {
        replay(last_train_);
        return;
    }
    last_train_ = Remembered{true, t, {}, {}, {}};
    recording_ = &last_train_.recorded;
    judge_train(t);
    recording_ = nullptr;
}

void RuleJudge::judge_train(const TrainFacts& t) {
    bool covered = false;
    const std::size_t before = order_.size();
    for (const Rule& rule : rules_.rules) {
        if (!applies(rule, t.pattern)) {
            continue;
        }
        if (rule.kind == RuleKind::TrainDurationTable) {
            covered = true;
            for (const WrittenIntensity& w : t.intensities.items()) {
                table(rule, t, w);
            }
            judged(rule, t.origin.signature(), first_statement(t.origin));
        } else if (rule.kind == RuleKind::TrainMax) {
            covered = true;
            maximum(rule, t);
            judged(rule, t.origin.signature(), first_statement(t.origin));
        }
    }
    if (!covered) {
        uncovered("S0201", t.origin.signature(), first_statement(t.origin),
                  describe(t) + ": no rule of " + rules_.id + " applies to it with this coil");
    }
    // A finding of a rule that subsumes another on the same train hides the other.
    const std::string subject = "|" + t.origin.signature();
    for (std::size_t i = before; i < order_.size(); ++i) {
        const Rule* rule = findings_.at(order_[i]).finding.rule;
        if (rule && !rule->subsumed_by.empty() && findings_.count(rule->subsumed_by + subject)) {
            findings_.erase(order_[i]);
            order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(i--));
        }
    }
}

bool RuleJudge::beside(const Rule& rule, const TrainFacts& t) const {
    if (!rule.applies_to.patterns.count(t.pattern)) {
        return false;
    }
    if (rule.when.min_frequency_hz && t.peak_rate() < *rule.when.min_frequency_hz) {
        return false;
    }
    if (!rule.when.above_percent) {
        return true;
    }
    for (const WrittenIntensity& w : t.intensities.items()) {
        const auto range = bounds_in(protocol_, w, rule.when.reference);
        // An intensity that cannot be converted leaves the train itself unknown (S0203), so
        // the protocol cannot pass; the gap rule is not claimed broken on a guess.
        if (range && range->hi > *rule.when.above_percent) {
            return true;
        }
    }
    return false;
}

void RuleJudge::gap(const TrainFacts& before, const TrainFacts& after, const Rational& silence) {
    if (remember_ && last_gap_.valid && silence == last_gap_.silence &&
        same_judgment(last_gap_.before, before) && same_judgment(last_gap_.after, after)) {
        replay(last_gap_);
        return;
    }
    last_gap_ = Remembered{true, before, after, silence, {}};
    recording_ = &last_gap_.recorded;
    judge_gap(before, after, silence);
    recording_ = nullptr;
}

void RuleJudge::judge_gap(const TrainFacts& before, const TrainFacts& after, const Rational& silence) {
    for (const Rule& rule : rules_.rules) {
        if (rule.kind != RuleKind::GapMin || !applies_to_coil(rule, protocol_.coil) ||
            !(beside(rule, before) || beside(rule, after))) {
            continue;
        }
        const std::string key = before.origin.signature() + ">" + after.origin.signature();
        const bool short_gap = rule.strict ? silence <= rule.min_gap_s : silence < rule.min_gap_s;
        margin(rule.id + "|" + key,
               Margin{&rule, "gap at " + at(first_statement(after.origin)) + ": the silence after the " + describe(before),
                      silence, rule.min_gap_s, true, false, clock(silence), clock(rule.min_gap_s), ""});
        if (!short_gap) {
            judged(rule, key, first_statement(after.origin));
            continue;
        }
        Diagnostic d{severity_of(rule), gap_code(rule),
                     rule.id + ": silence of " + clock(silence) + " between the " + describe(before) +
                         " and the " + describe(after) + "; " + limit_phrase(rule, rule.min_gap_s) +
                         " (" + rule.citation + ")",
                     first_statement(after.origin), {}};
        d.notes.push_back({"the gap follows this stimulus", first_statement(before.origin)});
        d.notes.push_back({"from " + clock(before.last) + " to " + clock(after.first) +
                               " after the start of the day",
                           std::nullopt});
        rule_notes(rule, d.notes);
        const Rational ratio = silence > Rational(0) ? rule.min_gap_s / silence : rule.min_gap_s;
        record(rule.id + "|" + key,
               TimelineFinding{{std::move(d), &rule}, rule.id, ratio, 1, clock(silence), clock(rule.min_gap_s), {}});
        judged(rule, key, first_statement(after.origin));
    }
}

void RuleJudge::stray(const Run& run, const Rational& silence) {
    tally(PatternKind::SinglePulse, run.pulses, run.origin);
    uncovered("S0204", run.origin.signature(), first_statement(run.origin),
              std::string(run.pulses == 2 ? "a pair" : "a single pulse") + " " + clock(silence) +
                  " from a train is neither a trial (more than " + clock(rules_.single_pulse.spacing_s) +
                  " from every other pulse) nor part of a train or series; no rule covers it");
}

std::vector<TimelineFinding> RuleJudge::findings() const {
    std::vector<TimelineFinding> out;
    for (const std::string& key : order_) {
        TimelineFinding f = findings_.at(key);
        if (f.instances > 1) {
            f.finding.diagnostic.notes.push_back(
                {"found " + std::to_string(f.instances) + " times on these statements; the worst is shown",
                 std::nullopt});
        }
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace tmsc::safety::timeline
