#include "compiler/check/values.hpp"

namespace tmsc {

const char* intensity_ref_spelling(IntensityRef ref) {
    switch (ref) {
    case IntensityRef::Rmt: return "%rMT";
    case IntensityRef::Amt: return "%aMT";
    case IntensityRef::Mso: return "%MSO";
    }
    return "%MSO";
}

std::string IntensityValue::to_string() const {
    return percent.to_string() + ' ' + intensity_ref_spelling(ref);
}

Rational canonical(const ast::Literal& literal) {
    switch (literal.unit) {
    case ast::Unit::Millisecond: return literal.number / Rational(1000);
    case ast::Unit::Microsecond: return literal.number / Rational(1000000);
    case ast::Unit::Minute: return literal.number * Rational(60);
    case ast::Unit::Hour: return literal.number * Rational(3600);
    default: return literal.number;
    }
}

namespace {

IntensityRef ref_of(ast::Unit unit) {
    switch (unit) {
    case ast::Unit::PercentAmt: return IntensityRef::Amt;
    case ast::Unit::PercentMso: return IntensityRef::Mso;
    default: return IntensityRef::Rmt;
    }
}

} // namespace

Rational ValueEvaluator::param_value(const std::string& name) const {
    if (overrides_) {
        if (auto it = overrides_->find(name); it != overrides_->end()) {
            return it->second;
        }
    }
    const ParamInfo& info = params_.at(name);
    if (choice_ == ParamChoice::Default || info.dimension == ast::Dimension::Intensity) {
        return info.default_value;
    }
    // A session gets longer with more pulses or repeats, longer durations, lower frequencies.
    const bool high = (choice_ == ParamChoice::Longest) !=
                      (info.dimension == ast::Dimension::Frequency);
    return high ? info.hi : info.lo;
}

Rational ValueEvaluator::number(const ast::Value& value) const {
    if (const auto* lit = std::get_if<ast::Literal>(&value.node)) {
        return canonical(*lit);
    }
    return param_value(std::get<ast::ParamRef>(value.node).name.text);
}

IntensityValue ValueEvaluator::intensity(const ast::Value& value) const {
    if (const auto* lit = std::get_if<ast::Literal>(&value.node)) {
        return IntensityValue{lit->number, ref_of(lit->unit)};
    }
    const std::string& name = std::get<ast::ParamRef>(value.node).name.text;
    return IntensityValue{param_value(name), params_.at(name).reference};
}

Rational ValueEvaluator::interval(const ast::Interval& interval) const {
    if (const auto* fixed = std::get_if<ast::Value>(&interval.node)) {
        return number(*fixed);
    }
    // A jittered interval: the longest choice takes the upper end, every other choice the
    // lower end, because the shortest gap is what timing and safety checks must survive.
    const auto& range = std::get<ast::RangeLit>(interval.node);
    return choice_ == ParamChoice::Longest ? canonical(range.hi) : canonical(range.lo);
}

} // namespace tmsc

namespace tmsc {

std::string format_duration(const Rational& seconds) {
    const bool sub_second = seconds < Rational(1) && !seconds.is_zero();
    const Rational shown = sub_second ? seconds * Rational(1000) : seconds;
    const char* unit = sub_second ? " ms" : " s";
    std::string exact = shown.to_string(6);
    if (exact.find('/') == std::string::npos) {
        return exact + unit;
    }
    return exact + unit + " (about " + shown.to_decimal(6) + unit + ")";
}

std::string format_frequency(const Rational& hertz) {
    std::string exact = hertz.to_string(6);
    if (exact.find('/') == std::string::npos) {
        return exact + " Hz";
    }
    return exact + " Hz (about " + hertz.to_decimal(6) + " Hz)";
}

} // namespace tmsc
