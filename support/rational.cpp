#include "support/rational.hpp"

#include <cctype>
#include <limits>

namespace tmsc {

namespace {

/// Binary (Stein's) gcd on 64-bit magnitudes: shifts and subtractions, no division. The
/// 128-bit Euclid below is a library call per step, and most of a long walk's time went there.
std::uint64_t gcd_narrow(std::uint64_t a, std::uint64_t b) {
    if (a == 0) {
        return b;
    }
    if (b == 0) {
        return a;
    }
    // One division first brings a time (large) down to the size of its denominator (small),
    // so the shift loop below runs over the small one's bits only.
    if (a > b) {
        a %= b;
        if (a == 0) {
            return b;
        }
    } else {
        b %= a;
        if (b == 0) {
            return a;
        }
    }
    const int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    while (b != 0) {
        b >>= __builtin_ctzll(b);
        if (a > b) {
            const std::uint64_t t = a;
            a = b;
            b = t;
        }
        b -= a;
    }
    return a << shift;
}

/// gcd(n, d) when d = 2^i 5^j (a decimal denominator: microseconds, milliseconds, 0.55), by
/// counting factors instead of dividing: the common case of exact time, several tens of times
/// faster than Euclid on this machine. 0 when d has another prime factor.
std::uint64_t decimal_gcd(std::uint64_t n, std::uint64_t d) {
    const int twos = __builtin_ctzll(d);
    std::uint64_t odd = d >> twos;
    int fives = 0;
    while (odd % 5 == 0) {
        odd /= 5;
        ++fives;
    }
    if (odd != 1) {
        return 0;
    }
    if (n == 0) {
        return d;
    }
    const int n_twos = __builtin_ctzll(n);
    std::uint64_t g = std::uint64_t{1} << (n_twos < twos ? n_twos : twos);
    for (int k = 0; k < fives && n % 5 == 0; ++k) {
        n /= 5;
        g *= 5;
    }
    return g;
}

WideInt gcd_wide(WideInt a, WideInt b) {
    if (a < 0) {
        a = -a;
    }
    if (b < 0) {
        b = -b;
    }
    while (b != 0) {
        const WideInt t = a % b;
        a = b;
        b = t;
    }
    return a;
}

bool fits(WideInt v) {
    return v >= std::numeric_limits<std::int64_t>::min() + 1 &&
           v <= std::numeric_limits<std::int64_t>::max();
}

std::uint64_t magnitude(WideInt v) { return static_cast<std::uint64_t>(v < 0 ? -v : v); }

} // namespace

Rational::Rational(std::int64_t num, std::int64_t den) {
    if (den == 0) {
        throw std::domain_error("rational with zero denominator");
    }
    *this = from_wide(num, den);
}

Rational Rational::from_wide(WideInt num, WideInt den) {
    if (den < 0) {
        num = -num;
        den = -den;
    }
    if (fits(num) && fits(den)) {
        // The common case, in 64-bit arithmetic: times with one denominator (whole
        // microseconds, one train's grid) are already normalised when it is 1.
        auto n = static_cast<std::int64_t>(num);
        auto d = static_cast<std::int64_t>(den);
        if (d != 1) {
            const std::uint64_t decimal = decimal_gcd(magnitude(num), magnitude(den));
            const auto g = static_cast<std::int64_t>(
                decimal != 0 ? decimal : gcd_narrow(magnitude(num), magnitude(den)));
            n /= g;
            d /= g;
        }
        Rational r;
        r.num_ = n;
        r.den_ = d;
        return r;
    }
    const WideInt g = gcd_wide(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    if (!fits(num) || !fits(den)) {
        throw RationalOverflow();
    }
    Rational r;
    r.num_ = static_cast<std::int64_t>(num);
    r.den_ = static_cast<std::int64_t>(den);
    return r;
}

std::optional<Rational> Rational::parse_decimal(std::string_view text) {
    WideInt num = 0;
    WideInt den = 1;
    std::size_t i = 0;
    bool any_digit = false;
    bool after_point = false;
    constexpr WideInt limit = static_cast<WideInt>(1) << 100;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !after_point) {
            after_point = true;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            break;
        }
        any_digit = true;
        num = num * 10 + (c - '0');
        if (after_point) {
            den *= 10;
        }
        if (num > limit || den > limit) {
            return std::nullopt;
        }
    }
    if (!any_digit) {
        return std::nullopt;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
            negative = text[i] == '-';
            ++i;
        }
        int exponent = 0;
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > 30) {
                return std::nullopt;
            }
        }
        for (int k = 0; k < exponent; ++k) {
            (negative ? den : num) *= 10;
            if (num > limit || den > limit) {
                return std::nullopt;
            }
        }
    }
    if (i != text.size()) {
        return std::nullopt;
    }
    try {
        return from_wide(num, den);
    } catch (const RationalOverflow&) {
        return std::nullopt;
    }
}

std::int64_t Rational::floor() const {
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ < 0) {
        --q;
    }
    return q;
}

std::int64_t Rational::ceil() const {
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ > 0) {
        ++q;
    }
    return q;
}

std::string Rational::to_decimal(int digits) const {
    WideInt scale = 1;
    for (int k = 0; k < digits; ++k) {
        scale *= 10;
    }
    WideInt n = num_;
    const bool negative = n < 0;
    if (negative) {
        n = -n;
    }
    WideInt scaled = (n * scale * 2 + den_) / (static_cast<WideInt>(den_) * 2);
    std::string whole = std::to_string(static_cast<std::uint64_t>(scaled / scale));
    std::string frac;
    WideInt rest = scaled % scale;
    for (int k = 0; k < digits; ++k) {
        scale /= 10;
        frac += static_cast<char>('0' + static_cast<int>(rest / scale));
        rest %= scale;
    }
    while (!frac.empty() && frac.back() == '0') {
        frac.pop_back();
    }
    std::string out = negative && (scaled != 0) ? "-" : "";
    out += whole;
    if (!frac.empty()) {
        out += '.' + frac;
    }
    return out;
}

std::string Rational::to_string(int max_digits) const {
    // A fraction terminates in decimal when its denominator has no prime factor but 2 and 5.
    std::int64_t d = den_;
    int twos = 0;
    int fives = 0;
    while (d % 2 == 0) {
        d /= 2;
        ++twos;
    }
    while (d % 5 == 0) {
        d /= 5;
        ++fives;
    }
    const int digits = twos > fives ? twos : fives;
    if (d == 1 && digits <= max_digits) {
        return to_decimal(digits);
    }
    return std::to_string(num_) + '/' + std::to_string(den_);
}

Rational operator+(const Rational& a, const Rational& b) {
    if (a.den_ == b.den_) {
        return Rational::from_wide(static_cast<WideInt>(a.num_) + b.num_, a.den_);
    }
    return Rational::from_wide(static_cast<WideInt>(a.num_) * b.den_ +
                                   static_cast<WideInt>(b.num_) * a.den_,
                               static_cast<WideInt>(a.den_) * b.den_);
}

Rational operator-(const Rational& a, const Rational& b) { return a + (-b); }

Rational operator*(const Rational& a, const Rational& b) {
    return Rational::from_wide(static_cast<WideInt>(a.num_) * b.num_,
                               static_cast<WideInt>(a.den_) * b.den_);
}

Rational operator/(const Rational& a, const Rational& b) {
    if (b.num_ == 0) {
        throw std::domain_error("division by zero");
    }
    return Rational::from_wide(static_cast<WideInt>(a.num_) * b.den_,
                               static_cast<WideInt>(a.den_) * b.num_);
}

Rational Rational::operator-() const {
    Rational r = *this;
    r.num_ = -r.num_;
    return r;
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
    if (a.den_ == b.den_) {
        return a.num_ <=> b.num_;
    }
    return static_cast<WideInt>(a.num_) * b.den_ <=> static_cast<WideInt>(b.num_) * a.den_;
}

} // namespace tmsc
