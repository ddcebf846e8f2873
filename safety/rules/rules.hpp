#pragma once
// Safety rule sets as data. Every number the verifier enforces comes from a JSON file under
// safety/rules/ (or a site's own file) with its citation; the code only knows rule *kinds*.
// The schema is documented in docs/rules-schema.md.

#include "compiler/check/values.hpp"
#include "support/rational.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tmsc::safety {

/// error: exceeds a limit shown unsafe; warning: beyond the published evidence.
enum class RuleSeverity { Error, Warning };

/// How well a fact is supported: A primary source, B secondary source of standing,
/// T unreviewed transcription of a table, P project policy derived from the evidence.
enum class Confidence { A, B, T, P };

/// What a stimulus is, for `applies_to.patterns`.
enum class PatternKind { Conventional, Patterned, SinglePulse };

/// The rule kinds the verifier knows how to encode.
enum class RuleKind { TrainDurationTable, TrainMax, GapMin, SessionMax, DayMax };

/// The quantity a `train_max`, `session_max` or `day_max` rule bounds.
enum class Quantity { Rate, Duration, Pulses, Intensity, BurstPulses, BurstFrequency };

/// "A", "B", "T", "P".
const char* confidence_name(Confidence confidence);
/// "conventional", "patterned", "single_pulse".
const char* pattern_name(PatternKind pattern);

/// One cell of a train-duration table.
struct TableCell {
    Rational seconds;
    bool tested_only = false; ///< written ">x": longest tested, no limit found
    bool disputed = false;    ///< the transcriptions disagree here
};

/// A train-duration table: seconds by frequency (rows) and intensity (columns).
struct DurationTable {
    std::string id;
    std::string text;
    std::string citation;
    Confidence confidence = Confidence::T;
    IntensityRef reference = IntensityRef::Rmt; ///< what the columns' percentages are of
    std::vector<Rational> frequencies;          ///< ascending, Hz
    std::vector<Rational> intensities;          ///< ascending, percent
    std::vector<std::vector<TableCell>> cells;  ///< [row][column]
    std::string disputed_note;
    std::set<std::size_t> unverified_rows; ///< rows whose transcription is unverified
    std::string unverified_note;
};

/// Coils and stimulus patterns a rule covers.
struct AppliesTo {
    bool any_coil = false;
    std::set<std::string> coils; ///< coil names ("h1") or families ("figure8", "h_coil")
    std::set<PatternKind> patterns;
};

/// Condition on the train beside a gap (`gap_min.when`).
struct GapCondition {
    std::optional<Rational> min_frequency_hz; ///< train rate at or above this
    std::optional<Rational> above_percent;    ///< intensity strictly above this
    IntensityRef reference = IntensityRef::Rmt;
};

/// One rule: identity, severity, wording, citation, scope, and its kind's parameters.
struct Rule {
    std::string id;
    RuleKind kind = RuleKind::TrainMax;
    RuleSeverity severity = RuleSeverity::Error;
    std::string text;
    std::string citation;
    Confidence confidence = Confidence::P;
    AppliesTo applies_to;
    std::string subsumed_by; ///< a finding of that rule on the same subject hides this one

    // train_duration_table
    std::string table;
    bool limits_only = true; ///< "limits": plain cells only; "all": every cell
    Rational scale = Rational(1);
    // train_max, session_max, day_max
    Quantity quantity = Quantity::Duration;
    Rational max;
    IntensityRef reference = IntensityRef::Rmt; ///< for intensity limits
    std::set<IntensityRef> written_in;          ///< empty: any reference
    // gap_min
    Rational min_gap_s;
    bool strict = false; ///< the gap must exceed min_gap_s (else: reach it)
    GapCondition when;
};

/// The single/paired-pulse boundary: an explicit, cited rule-set parameter.
struct SinglePulseBoundary {
    Rational spacing_s = Rational(5);
    std::string text;
    std::string citation;
    Confidence confidence = Confidence::B;
};

/// When consecutive pulses are one train: onset-to-onset intervals at most `join_s` join
/// (docs/safety.md, "The stimulus timeline").
struct TrainJoin {
    Rational join_s = Rational(1);
    std::string text;
    std::string citation;
    Confidence confidence = Confidence::P;
};

/// A closed range of exact values, both ends included.
struct ClosedRange {
    Rational min;
    Rational max;

    bool contains(const Rational& v) const { return min <= v && v <= max; }
};

/// When a train of bursts is theta burst (patterned): every burst `burst_pulses` pulses at
/// `burst_frequency_hz`, bursts at `burst_rate_hz`, and the silence between bursts at least
/// `gap_ratio` times the interval inside a burst. Outside it, a train is conventional.
struct ThetaBurstEnvelope {
    ClosedRange burst_pulses{Rational(2), Rational(5)};
    ClosedRange burst_frequency_hz{Rational(30), Rational(100)};
    ClosedRange burst_rate_hz{Rational(3), Rational(8)};
    Rational gap_ratio = Rational(2);
    std::string text;
    std::string citation;
    Confidence confidence = Confidence::P;
};

/// One file a rule set was read from, with its SHA-256.
struct RuleFile {
    std::string id;
    std::string path; ///< "(built in) safety/rules/NAME.json" for shipped sets
    std::string sha256;
    bool transcription_reviewed = false;
    std::string review_note;
};

/// A full bibliographic reference.
struct SourceRef {
    std::string key;
    std::string reference;
};

/// A loaded rule set (after `extends` and `overrides`).
struct RuleSet {
    std::string id;
    std::string title;
    bool transcription_reviewed = false; ///< false when any file in the chain is unreviewed
    std::string review_note;
    std::vector<RuleFile> files; ///< the file itself first, then what it extends
    std::vector<SourceRef> sources;
    SinglePulseBoundary single_pulse;
    TrainJoin train_join;
    ThetaBurstEnvelope theta_burst;
    std::map<std::string, DurationTable> tables;
    std::vector<Rule> rules;

    /// The rule with this id, or null.
    const Rule* find(const std::string& rule_id) const;
};

/// A rule set or the reason it could not be loaded (a usage/I-O error: exit 2).
struct LoadRulesResult {
    std::shared_ptr<const RuleSet> rules;
    std::string error;
};

/// Loads a shipped set by name ("rossi2009") or a file by path (contains '/' or ends in .json).
LoadRulesResult load_rules(const std::string& name_or_path);

/// Parses rule-set JSON text; `path` is used in messages and recorded with the hash.
LoadRulesResult parse_rules(const std::string& text, const std::string& path);

/// Names of the rule sets built into the binary.
std::vector<std::string> shipped_rule_sets();

/// The name of the rule set `tmsc check` uses by default.
inline constexpr const char* kDefaultRuleSet = "rossi2009";

/// The default rule set, loaded once. Never null: a broken built-in set is an internal error.
std::shared_ptr<const RuleSet> default_rules();

} // namespace tmsc::safety
