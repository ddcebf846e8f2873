#pragma once
// The rules of a rule set applied to the parts of the timeline (trains, series, gaps, strays),
// by direct exact computation. Intensities count over their whole allowed range (parameter and
// subject thresholds), so a pass holds for every allowed value; each finding names the
// statements the pulses came from. Equal findings on the same statements (the 75 trains of one
// repeat) are reported once, with the worst instance and a count.

#include "compiler/check/resolve.hpp"
#include "safety/rules/rules.hpp"
#include "safety/timeline/grouping.hpp"
#include "safety/waivers.hpp"

#include <map>
#include <string>
#include <vector>

namespace tmsc::safety::timeline {

/// One finding with what makes it comparable across instances.
struct TimelineFinding {
    Finding finding;          ///< the diagnostic, and the rule (null for coverage)
    std::string kind;         ///< rule id or coverage code
    Rational severity_ratio;  ///< how far past the limit (actual/limit, or limit/actual)
    std::int64_t instances = 1;
    std::string actual; ///< the quantity judged, with its unit, for reports
    std::string limit;
    std::vector<std::pair<std::string, std::string>> values; ///< the allowed values that break it
};

/// One rule judged on one part of the timeline, for reports (`checks` in JSON).
struct JudgedRule {
    std::string rule;
    std::string key; ///< the statements it was judged on
    SourceRange range;
    bool broken = false;
};

/// The worst margin of one rule on one part of the timeline, for `tmsc explain`.
struct Margin {
    const Rule* rule = nullptr;
    std::string subject; ///< "train at 5:27: train of 20 s at 20 Hz, 100 %rMT"
    Rational actual;
    Rational limit;
    bool at_least = false; ///< a minimum the actual must reach (gaps); else a maximum
    bool no_limit = false; ///< only tested durations (>x) bracket it: no limit applies
    std::string actual_text;
    std::string limit_text;
    std::string note;      ///< e.g. the unverified-row note, or ""
};

/// Judges a timeline as the grouping hands it on.
class RuleJudge : public TimelineSink {
  public:
    /// `remember` lets a train or gap equal to the previous one (a repeat's next
    /// repetition) reuse that one's judgment; off only to test that it changes nothing.
    RuleJudge(const ResolvedProtocol& protocol, const RuleSet& rules, bool remember = true)
        : protocol_(protocol), rules_(rules), remember_(remember) {}

    void train(const TrainFacts& facts) override;
    void gap(const TrainFacts& before, const TrainFacts& after, const Rational& silence) override;
    void stray(const Run& run, const Rational& silence) override;
    void trial(const Run& run) override;
    /// Judges the session and day totals of pulses once the whole day was seen.
    void totals(std::int64_t sessions_per_day);

    /// The findings in a stable order (by kind, then by the statements they name).
    std::vector<TimelineFinding> findings() const;
    /// True when something is covered by no rule (the verdict is unknown).
    bool unknown() const { return unknown_; }
    /// Every rule judged, once per rule and statements.
    const std::vector<JudgedRule>& judged() const { return judged_; }
    /// The worst margin of every rule on every part, in the order first judged.
    std::vector<Margin> margins() const;

  private:
    void judge_train(const TrainFacts& t);
    void judge_gap(const TrainFacts& before, const TrainFacts& after, const Rational& silence);
    bool applies(const Rule& rule, PatternKind pattern) const;
    void table(const Rule& rule, const TrainFacts& t, const WrittenIntensity& w);
    void maximum(const Rule& rule, const TrainFacts& t);
    bool beside(const Rule& rule, const TrainFacts& t) const;
    void violation(const Rule& rule, const TrainFacts& t, const std::string& subject,
                   const Rational& actual, const Rational& limit, std::vector<DiagnosticNote> notes,
                   std::vector<std::pair<std::string, std::string>> values = {});
    void judged(const Rule& rule, const std::string& key, SourceRange range);
    void margin(const std::string& key, Margin m);
    void uncovered(const char* code, const std::string& identity, SourceRange range,
                   std::string message);
    void record(const std::string& key, TimelineFinding finding);
    std::vector<DiagnosticNote> origin_notes(const TrainFacts& t) const;

    /// The previous train's or gap's judgment: the finding keys it recorded, in order. A
    /// train (gap) equal to it in every fact the rules read records the same findings with
    /// the same severity, which only counts instances (record keeps the first of equals).
    struct Remembered {
        bool valid = false;
        TrainFacts before, after; ///< `after` unused for a train
        Rational silence;
        std::vector<std::string> recorded;
    };
    /// Replays a remembered judgment: one more instance of each finding it recorded.
    void replay(const Remembered& memo);

    const ResolvedProtocol& protocol_;
    const RuleSet& rules_;
    bool remember_ = true;
    Remembered last_train_, last_gap_;
    std::vector<std::string>* recording_ = nullptr;
    std::map<std::string, TimelineFinding> findings_; ///< by kind + statements
    std::vector<std::string> order_;
    bool unknown_ = false;
    std::vector<JudgedRule> judged_;

    /// Pulses by pattern: the day's, the most of one session, and the session in progress.
    /// A run that crosses a session boundary counts in full towards every session (an upper
    /// bound, so a pass stays sound).
    void tally(PatternKind pattern, std::int64_t pulses, const Origin& origin);
    std::map<PatternKind, std::int64_t> day_pulses_;
    std::map<PatternKind, std::int64_t> session_max_;
    std::map<PatternKind, std::int64_t> current_;
    std::map<PatternKind, std::int64_t> crossing_;
    std::size_t current_session_ = 0;
    SourceRange first_range_;
    std::map<std::string, std::size_t> judged_index_;
    std::map<std::string, Margin> margins_;
    std::vector<std::string> margin_order_;
};

} // namespace tmsc::safety::timeline
