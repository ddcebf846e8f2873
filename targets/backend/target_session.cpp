#include "targets/backend/target_session.hpp"

#include <algorithm>

namespace tmsc::targets {

Rational TargetTrain::unit_rate_hz() const {
    return unit_period_s.is_zero() ? Rational(0) : Rational(1) / unit_period_s;
}

Rational TargetTrain::pulse_rate_hz() const {
    return pulse_period_s.is_zero() ? Rational(0) : Rational(1) / pulse_period_s;
}

Rational TargetTrain::pulse_time_s(std::int64_t unit, std::int64_t pulse_in_unit) const {
    return onset_s + unit_period_s * Rational(unit) + pulse_period_s * Rational(pulse_in_unit);
}

const Rational& TargetTrain::power_of(std::int64_t pulse_in_unit) const {
    return (second_power_mso && pulse_in_unit == 1) ? *second_power_mso : power_mso;
}

std::int64_t TargetSession::pulses() const {
    std::int64_t total = 0;
    for (const TargetTrain& t : trains) {
        total += t.pulses();
    }
    return total;
}

Rational TargetSession::span_s() const {
    if (trains.empty()) {
        return Rational(0);
    }
    return trains.back().last_pulse_s() - trains.front().onset_s;
}

bool TargetSession::single_power() const {
    return std::all_of(trains.begin(), trains.end(), [&](const TargetTrain& t) {
        return t.power_mso == trains.front().power_mso &&
               (!t.second_power_mso || *t.second_power_mso == trains.front().power_mso);
    });
}

} // namespace tmsc::targets
