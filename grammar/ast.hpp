#pragma once
// The abstract syntax tree of a .tms protocol. Nodes own their strings and carry the source
// range they were parsed from, so every later stage can point back at the protocol text.

#include "support/rational.hpp"
#include "support/source.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tmsc::ast {

/// Units a literal may carry. The parser accepts any unit anywhere; the resolver checks that
/// each slot receives the kind it needs (a frequency where a frequency belongs, and so on).
enum class Unit { None, Hertz, Second, Millisecond, Microsecond, Minute, Hour, PercentRmt,
                  PercentAmt, PercentMso };

/// What a unit measures.
enum class Dimension { Count, Frequency, Duration, Intensity };

/// Spelling of a unit as written in source ("Hz", "ms", "%rMT", ...; "" for None).
const char* unit_spelling(Unit unit);
/// The dimension a unit measures.
Dimension unit_dimension(Unit unit);
/// Human name of a dimension ("a frequency", "a duration", ...), for messages.
const char* dimension_phrase(Dimension dimension);

/// A string literal, unescaped.
struct StringLit {
    std::string value;
    SourceRange range;
};

/// An identifier as written.
struct Name {
    std::string text;
    SourceRange range;
};

/// A number with an optional unit: `10 Hz`, `26 s`, `120 %rMT`, `75`.
struct Literal {
    Rational number;
    std::string spelling; ///< the number as written, for messages
    Unit unit = Unit::None;
    SourceRange range;
};

/// A use of a `param` by name.
struct ParamRef {
    Name name;
};

/// A value slot: a literal or a reference to a parameter.
struct Value {
    std::variant<Literal, ParamRef> node;
    SourceRange range;
};

/// `LO..HI unit`: a closed interval of literals (the unit may be written on either end).
struct RangeLit {
    Literal lo;
    Literal hi;
    SourceRange range;
};

/// An interval that is either fixed or jittered uniformly within a range with a seed.
struct Interval {
    std::variant<Value, RangeLit> node;
    std::optional<Literal> seed; ///< `seed N`, only meaningful for a jittered range
    SourceRange range;
};

/// `target LABEL [method "..."] [at mni(x, y, z)]`.
struct Target {
    Name label;
    std::optional<StringLit> method;
    std::optional<std::vector<Literal>> mni; ///< three coordinates in mm when present
    SourceRange range;
};

/// `intensity VALUE` at any level: protocol, session, block, train, burst, pulse.
struct IntensitySetting {
    Value value;
    SourceRange range;
};

/// `burst M pulses at F Hz [intensity X]` inside a train of bursts.
struct Burst {
    Value pulses;
    Value frequency;
    std::optional<IntensitySetting> intensity;
    SourceRange range;
};

/// `train N pulses at F Hz`, `train for D at F Hz`, or `train N bursts at R Hz { burst ... }`.
struct Train {
    enum class Size { Pulses, Bursts, Duration };
    Size size = Size::Pulses;
    Value amount; ///< the count for Pulses/Bursts, the duration for Duration
    Value frequency; ///< pulse rate, or burst rate when the train has a burst
    std::optional<IntensitySetting> intensity;
    std::optional<Burst> burst;
    SourceRange range;
};

/// `pulse [intensity X]`: one single pulse; occupies no time.
struct Pulse {
    std::optional<IntensitySetting> intensity;
    SourceRange range;
};

/// `paired ISI (first, second)`: two pulses ISI apart; occupies the ISI.
struct Paired {
    Value interval;
    Value first;
    Value second;
    SourceRange range;
};

/// `wait D` or `wait A..B seed S`: silence after everything before it.
struct Wait {
    Interval duration;
    SourceRange range;
};

struct Statement;

/// `repeat N { ... }` or `repeat N every P { ... }` (P onset to onset).
struct Repeat {
    Value count;
    std::optional<Interval> every;
    std::vector<Statement> body;
    SourceRange range;
};

/// `block ["name"] { target ... intensity ... statements }`: a sequential part of a session
/// with its own target and intensity.
struct Block {
    std::optional<StringLit> name;
    std::optional<Target> target;
    std::optional<IntensitySetting> intensity;
    std::vector<Statement> body;
    SourceRange range;
};

/// Any statement of a session body.
struct Statement {
    std::variant<Train, Pulse, Paired, Wait, Repeat, Block> node;
};

/// `session { ... }`.
struct Session {
    std::optional<Target> target;
    std::optional<IntensitySetting> intensity;
    std::vector<Statement> body;
    SourceRange range;
};

/// `param NAME = DEFAULT in LO..HI`.
struct Param {
    Name name;
    Value default_value;
    RangeLit range_lit;
    SourceRange range;
};

/// `subject rmt in 30..75 %MSO` or `subject rmt = 55 %MSO`.
struct Subject {
    enum class Threshold { Rmt, Amt };
    Threshold threshold = Threshold::Rmt;
    std::optional<RangeLit> range_lit;
    std::optional<Value> value;
    SourceRange range;
};

/// One comma-separated clause of a course.
struct CourseClause {
    enum class Kind { SessionsPerDay, BetweenSessions, DaysPerWeek, Weeks, Days };
    /// How an inter-session interval is measured.
    enum class Anchor { Unspecified, EndToStart, StartToStart };
    Kind kind = Kind::SessionsPerDay;
    Value amount;
    Anchor anchor = Anchor::Unspecified;
    SourceRange range;
};

/// `course CLAUSE, CLAUSE, ...`.
struct Course {
    std::vector<CourseClause> clauses;
    SourceRange range;
};

/// `waive RULE "reason"`: the author accepts breaking one rule, for a recorded reason.
struct Waiver {
    Name rule;
    StringLit reason;
    SourceRange range;
};

/// A whole `.tms` file: one protocol.
struct Protocol {
    StringLit name;
    std::vector<StringLit> cites;
    std::optional<StringLit> indication;
    std::vector<StringLit> notes;
    std::optional<Target> target;
    std::optional<Name> coil;
    std::optional<Name> waveform;
    std::optional<IntensitySetting> intensity;
    std::vector<Param> params;
    std::vector<Subject> subjects;
    std::vector<Session> sessions; ///< the language allows one; the resolver says so
    std::vector<Course> courses;   ///< likewise
    std::vector<Waiver> waivers;
    SourceRange range;
};

} // namespace tmsc::ast
