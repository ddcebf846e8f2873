#pragma once
// Values in canonical units (seconds, hertz, percent of a reference, plain counts) and the
// evaluator that turns a value slot of the AST into one, given parameter choices.

#include "grammar/ast.hpp"
#include "support/rational.hpp"

#include <map>
#include <optional>
#include <string>

namespace tmsc {

/// What an intensity is relative to.
enum class IntensityRef { Rmt, Amt, Mso };

/// Spelling of a reference as a unit ("%rMT", "%aMT", "%MSO").
const char* intensity_ref_spelling(IntensityRef ref);

/// An intensity: a percentage of the resting or active motor threshold, or of the
/// stimulator's maximum output.
struct IntensityValue {
    Rational percent;
    IntensityRef ref = IntensityRef::Rmt;

    friend bool operator==(const IntensityValue&, const IntensityValue&) = default;
    /// "120 %rMT".
    std::string to_string() const;
};

/// A declared parameter after resolution, its values in canonical units.
struct ParamInfo {
    const ast::Param* decl = nullptr;
    ast::Dimension dimension = ast::Dimension::Count;
    IntensityRef reference = IntensityRef::Rmt; ///< meaningful for intensity parameters
    Rational default_value;
    Rational lo;
    Rational hi;
};

/// All parameters by name.
using ParamTable = std::map<std::string, ParamInfo>;

/// Which value each parameter takes while evaluating: its default, or the end of its range
/// that makes the session longest (counts and durations high, frequencies low) or shortest.
enum class ParamChoice { Default, Longest, Shortest };

/// The canonical value of a literal: seconds for durations, hertz, percent, or a count.
Rational canonical(const ast::Literal& literal);

/// Evaluates value slots. Assumes the resolver accepted the protocol (names exist, units fit).
class ValueEvaluator {
  public:
    ValueEvaluator(const ParamTable& params, ParamChoice choice,
                   const std::map<std::string, Rational>* overrides = nullptr)
        : params_(params), choice_(choice), overrides_(overrides) {}

    /// A duration, frequency or count slot, in canonical units.
    Rational number(const ast::Value& value) const;
    /// An intensity slot.
    IntensityValue intensity(const ast::Value& value) const;
    /// A fixed interval; for a jittered range, the upper end under ParamChoice::Longest and
    /// the lower end otherwise (the shortest gap is the one checks must survive).
    Rational interval(const ast::Interval& interval) const;

    /// The parameter value in use for `name`.
    Rational param_value(const std::string& name) const;
    ParamChoice choice() const { return choice_; }

  private:
    const ParamTable& params_;
    ParamChoice choice_;
    const std::map<std::string, Rational>* overrides_;
};

} // namespace tmsc

namespace tmsc {

/// A duration for messages: "60 ms", "4 s", "35/18 s (about 1.944444 s)".
std::string format_duration(const Rational& seconds);
/// A frequency for messages: "10 Hz".
std::string format_frequency(const Rational& hertz);

} // namespace tmsc
