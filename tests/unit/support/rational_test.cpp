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

} // namespace
} // namespace tmsc
