#pragma once
// The safety model of a resolved protocol: its trains, single/paired pulses, the silent gaps
// between stimuli and the session totals, each as symbolic expressions over the protocol's
// parameters, subject thresholds and jittered intervals (variables with their ranges).
//
// Timing follows docs/language.md exactly: a train occupies units / rate, a `repeat ... every
// P` iteration starts P after the previous one, and a gap is the silence from one stimulus's
// last pulse to the next stimulus's first pulse.

#include "compiler/check/resolve.hpp"
#include "safety/rules/rules.hpp"
#include "safety/smt/expr.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tmsc::safety {

/// An intensity as written, with the source of the setting that applies.
struct IntensityTerm {
    Expr percent;
    IntensityRef ref = IntensityRef::Rmt;
    SourceRange range;
};

/// A train, or a series of separate pulses judged as one (a `repeat` whose only stimulus is a
/// pulse or pair, when its pulses are closer than the single-pulse boundary).
struct TrainItem {
    PatternKind pattern = PatternKind::Conventional;
    bool series = false;
    std::string key;    ///< stable identity: "train@OFFSET" or "series@OFFSET"
    SourceRange range;  ///< the train statement, or the series' repeat
    Expr rate;          ///< pulses per second; bursts per second for a patterned train
    Expr units;         ///< pulses, or bursts
    Expr duration;      ///< units / rate, the train's nominal length (N/F)
    Expr pulses;        ///< pulses in one delivery of the train
    Expr spacing;       ///< shortest silence between its pulses (or series stimuli)
    Expr repeats_ok;    ///< true when it has at least two units (a train, not one stimulus)
    std::optional<Expr> burst_pulses;
    std::optional<Expr> burst_frequency;
    std::vector<IntensityTerm> intensities; ///< one; a series of pairs has two
};

/// A single pulse or a pair.
struct PulseItem {
    std::string key; ///< "pulse@OFFSET"
    SourceRange range;
    bool paired = false;
    std::vector<IntensityTerm> intensities; ///< one, or two for a pair
    std::optional<std::size_t> series;      ///< the TrainItem this pulse's repeat forms
};

/// A stimulus on either side of a gap.
struct EventRef {
    enum class Kind { Train, Pulse };
    Kind kind = Kind::Train;
    std::size_t index = 0;
};

/// The silence between two consecutive stimuli.
struct GapItem {
    EventRef before;
    EventRef after;
    Expr silence; ///< seconds from the last pulse of `before` to the first pulse of `after`
    Expr exists;  ///< when the gap occurs (a wrap-around gap needs two iterations)
    bool within_series = false; ///< between two stimuli of one pulse series
    SourceRange range;          ///< the stimulus after the gap
};

/// Everything the rules are evaluated on.
struct SafetyModel {
    const ResolvedProtocol* protocol = nullptr;
    std::vector<Variable> variables;
    std::optional<std::size_t> rmt; ///< variable index of the subject's rMT (%MSO)
    std::optional<std::size_t> amt;
    std::vector<TrainItem> trains;
    std::vector<PulseItem> pulses;
    std::vector<GapItem> gaps;
    Expr session_pulses;
    Expr session_duration;
    std::int64_t sessions_per_day = 1;
    SourceRange session_range;
    std::optional<SourceRange> course_range;

    /// Key of the stimulus an EventRef names.
    const std::string& key_of(const EventRef& ref) const;
    /// Source range of the stimulus an EventRef names.
    SourceRange range_of(const EventRef& ref) const;
};

/// Builds the model. Assumes resolution succeeded (every value usable, timing fits).
SafetyModel build_model(const ResolvedProtocol& protocol);

/// The intensity in percent of `target`; nullopt when the subject thresholds needed for the
/// conversion are not declared (%rMT from %aMT needs both, from %MSO needs rMT).
std::optional<Expr> intensity_in(const SafetyModel& model, const IntensityTerm& term,
                                 IntensityRef target);

} // namespace tmsc::safety
