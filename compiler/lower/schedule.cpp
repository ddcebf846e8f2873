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

TrainInstance TrainRepeat::at(std::int64_t k) const {
    TrainInstance t = first;
    const Rational shift = Rational(k) * period;
    t.index = first.index + k;
    t.first_pulse = first.first_pulse + k * first.plan->pulses();
    t.onset = first.onset + shift;
    t.nominal_end = first.nominal_end + shift;
    t.last_pulse = first.last_pulse + shift;
    const bool final = k == count - 1;
    t.next_onset = final ? last_next_onset : t.onset + period;
    t.is_last = final && last_is_last;
    return t;
}

void TrainRepeat::probe() const {
    PulseCursor first_cursor(first);
    if (count == 1) {
        return;
    }
    const TrainInstance final = last();
    PulseCursor last_cursor(final);
    // Onsets between the two have denominators dividing lcm(first onset, period): the first
    // and last cursors bound the magnitudes, this bounds the denominators.
    const Rational onset = first.onset * Rational(kMicrosPerSecond);
    const Rational step = period * Rational(kMicrosPerSecond);
    const Rational unit = first.plan->unit_period * Rational(kMicrosPerSecond);
    const Rational pulse = first.plan->pulse_period * Rational(kMicrosPerSecond);
    checked_lcm(checked_lcm(checked_lcm(onset.den(), step.den()), unit.den()), pulse.den());
}

} // namespace tmsc
