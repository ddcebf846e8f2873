#include "support/rational.hpp"

#include <gtest/gtest.h>

namespace tmsc {
namespace {

TEST(Rational, NormalisesSignAndGcd) {
    const Rational r(6, -4);
    EXPECT_EQ(r.num(), -3);
    EXPECT_EQ(r.den(), 2);
}

TEST(Rational, ParsesDecimalsExactly) {
    EXPECT_EQ(Rational::parse_decimal("0.55"), Rational(11, 20));
    EXPECT_EQ(Rational::parse_decimal("1e3"), Rational(1000));
    EXPECT_EQ(Rational::parse_decimal("2.5e-1"), Rational(1, 4));
    EXPECT_FALSE(Rational::parse_decimal("1e400").has_value());
    EXPECT_FALSE(Rational::parse_decimal("99999999999999999999").has_value());
    EXPECT_FALSE(Rational::parse_decimal("").has_value());
}

TEST(Rational, TenHertzFortiethPulseIsExactlyThreePointNineSeconds) {
    Rational t;
    for (int k = 0; k < 39; ++k) {
        t += Rational(1, 10);
    }
    EXPECT_EQ(t, Rational(39, 10));
}

TEST(Rational, OverflowThrowsInsteadOfWrapping) {
    const Rational big(std::int64_t{1} << 62);
    EXPECT_THROW(big * big, RationalOverflow);
}

TEST(Rational, PrintsTerminatingDecimalsAndFractions) {
    EXPECT_EQ(Rational(39, 10).to_string(), "3.9");
    EXPECT_EQ(Rational(35, 18).to_string(), "35/18");
    EXPECT_EQ(Rational(35, 18).to_decimal(3), "1.944");
    EXPECT_EQ(Rational(-1, 8).to_string(), "-0.125");
}

TEST(Rational, FloorAndCeilRoundTowardTheRightSide) {
    EXPECT_EQ(Rational(-3, 2).floor(), -2);
    EXPECT_EQ(Rational(-3, 2).ceil(), -1);
    EXPECT_EQ(Rational(198, 5).floor(), 39);
    EXPECT_EQ(Rational(198, 5).ceil(), 40);
}


/// A reference fraction computed the slow, obvious way: 128-bit cross products and Euclid,
/// with no fast path, so the shortcuts in rational.cpp are checked against it.
struct ReferenceFraction {
    WideInt num;
    WideInt den;
};

ReferenceFraction reference(WideInt num, WideInt den) {
    if (den < 0) {
        num = -num;
        den = -den;
    }
    WideInt a = num < 0 ? -num : num;
    WideInt b = den;
    while (b != 0) {
        const WideInt t = a % b;
        a = b;
        b = t;
    }
    return {num / a, den / a};
}

bool same(const Rational& r, const ReferenceFraction& f) { return r.num() == f.num && r.den() == f.den; }

TEST(Rational, FastPathsAgreeWithTheWideReference) {
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    const auto next = [&state](std::int64_t bound) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return static_cast<std::int64_t>(state % static_cast<std::uint64_t>(bound));
    };
    // Denominators drawn from a small set so that equal denominators (the fast path) are
    // common, plus large ones that need the wide path.
    const std::int64_t dens[] = {1, 1, 2, 3, 8, 10, 18, 25, 1000, 1000000, 999983,
                                 1000000000000000000, 4611686018427387847};
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t bound = (i % 3 == 0) ? (std::int64_t{1} << 40) : 1000000;
        const Rational a(next(2 * bound) - bound, dens[next(13)]);
        const Rational b(next(2 * bound) - bound, dens[next(13)]);
        const WideInt an = a.num(), ad = a.den(), bn = b.num(), bd = b.den();
        try {
            EXPECT_TRUE(same(a + b, reference(an * bd + bn * ad, ad * bd)));
        } catch (const RationalOverflow&) {
            const ReferenceFraction f = reference(an * bd + bn * ad, ad * bd);
            EXPECT_TRUE(f.num > INT64_MAX || f.num <= INT64_MIN || f.den > INT64_MAX);
        }
        const WideInt lhs = an * bd;
        const WideInt rhs = bn * ad;
        EXPECT_EQ(a < b, lhs < rhs);
        EXPECT_EQ(a == b, lhs == rhs);
    }
}

} // namespace
} // namespace tmsc
