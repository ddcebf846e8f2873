#pragma once
// Exact rational numbers for time, frequency and intensity. Pulse times are never computed by
// accumulating floating-point periods: a 10 Hz train's 40th pulse is at exactly 39/10 s.

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tmsc {

/// 128-bit intermediate for exact products (a GCC/Clang extension, hence __extension__).
__extension__ typedef __int128 WideInt;

/// Thrown when an exact computation leaves the 64-bit range; stages turn it into a diagnostic.
class RationalOverflow : public std::overflow_error {
  public:
    RationalOverflow() : std::overflow_error("exact arithmetic overflow") {}
};

/// A normalised fraction num/den with den > 0, gcd(num, den) == 1. Every operation is exact
/// or throws RationalOverflow.
class Rational {
  public:
    constexpr Rational() = default;
    constexpr Rational(std::int64_t integer) : num_(integer) {} // NOLINT: implicit on purpose
    /// num/den; throws std::domain_error when den == 0.
    Rational(std::int64_t num, std::int64_t den);

    /// Parses a decimal literal such as "12", "0.55" or "1e3"; nullopt when it does not fit.
    static std::optional<Rational> parse_decimal(std::string_view text);

    std::int64_t num() const { return num_; }
    std::int64_t den() const { return den_; }
    bool is_integer() const { return den_ == 1; }
    bool is_zero() const { return num_ == 0; }
    bool is_negative() const { return num_ < 0; }

    /// Largest integer not above the value.
    std::int64_t floor() const;
    /// Smallest integer not below the value.
    std::int64_t ceil() const;
    /// Nearest double, for display only; never fed back into exact time.
    double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

    /// Exact decimal when the expansion terminates within `max_digits`, else "num/den".
    std::string to_string(int max_digits = 9) const;
    /// Decimal rounded half away from zero to `digits` fractional digits, trailing zeros cut.
    std::string to_decimal(int digits) const;

    friend Rational operator+(const Rational& a, const Rational& b);
    friend Rational operator-(const Rational& a, const Rational& b);
    friend Rational operator*(const Rational& a, const Rational& b);
    friend Rational operator/(const Rational& a, const Rational& b);
    Rational operator-() const;
    Rational& operator+=(const Rational& b) { return *this = *this + b; }
    Rational& operator-=(const Rational& b) { return *this = *this - b; }

    friend bool operator==(const Rational&, const Rational&) = default;
    friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

  private:
    static Rational from_wide(WideInt num, WideInt den);

    std::int64_t num_ = 0;
    std::int64_t den_ = 1;
};

} // namespace tmsc
