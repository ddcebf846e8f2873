#include "compiler/lower/schedule.hpp"

#include <limits>
#include <numeric>

namespace tmsc {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

/// Least common multiple, or RationalOverflow when it leaves the range pulse stepping needs
/// (rem + step must not overflow, so denominators stay below 2^62).
std::int64_t checked_lcm(std::int64_t a, std::int64_t b) {
    const WideInt l = static_cast<WideInt>(a) / std::gcd(a, b) * b;
    if (l >= (static_cast<WideInt>(1) << 62)) {
        throw RationalOverflow();
    }
    return static_cast<std::int64_t>(l);
}

/// Splits a non-negative time in microseconds into whole microseconds and rem/den.
PulseTime split(const Rational& micros, std::int64_t den) {
    PulseTime t;
    t.den = den;
    t.us = micros.floor();
    const WideInt frac_num = static_cast<WideInt>(micros.num()) -
                             static_cast<WideInt>(t.us) * micros.den();
    t.rem = static_cast<std::int64_t>(frac_num * (den / micros.den()));
    return t;
}

} // namespace

Rational PulseTime::seconds() const {
    return (Rational(us) + Rational(rem, den)) / Rational(kMicrosPerSecond);
}

Rational PulseTime::rounding_error_us() const {
    const std::int64_t off = rem * 2 >= den ? den - rem : rem;
    return Rational(off, den);
}

PulseCursor::PulseCursor(const TrainInstance& train) : train_(&train) {
    const Rational onset = train.onset * Rational(kMicrosPerSecond);
    const Rational unit = train.plan->unit_period * Rational(kMicrosPerSecond);
    const Rational pulse = train.plan->pulse_period * Rational(kMicrosPerSecond);
    den_ = checked_lcm(checked_lcm(onset.den(), unit.den()), pulse.den());
    unit_start_ = split(onset, den_);
    current_ = unit_start_;
    const PulseTime u = split(unit, den_);
    const PulseTime p = split(pulse, den_);
    unit_step_us_ = u.us;
    unit_step_rem_ = u.rem;
    pulse_step_us_ = p.us;
    pulse_step_rem_ = p.rem;
}

} // namespace tmsc
