// The train-duration table's lookup semantics: minimum over the bracketing cells, the first row
// and column below the table, no evidence above it; symbolic and plain lookups agree.

#include "safety/rules/rules.hpp"
#include "safety/table.hpp"

#include <gtest/gtest.h>

namespace tmsc::safety {
namespace {

const DurationTable& table() { return default_rules()->tables.at("wassermann1998"); }

std::optional<Rational> all_cells(const Rational& hz, const Rational& percent) {
    return lookup_limit(table(), false, Rational(1), hz, percent);
}
std::optional<Rational> limits(const Rational& hz, const Rational& percent) {
    return lookup_limit(table(), true, Rational(1), hz, percent);
}

TEST(SafetyTable, GridPointsReadTheirCell) {
    EXPECT_EQ(limits(20, 130), Rational(55, 100));
    EXPECT_EQ(limits(10, 120), Rational(42, 10));
    EXPECT_EQ(limits(25, 100), Rational(128, 100));
    EXPECT_EQ(all_cells(1, 90), Rational(1800));
}

TEST(SafetyTable, BetweenGridPointsTheSmallestBracketingCellApplies) {
    EXPECT_EQ(limits(15, 120), Rational(1));          // min(10 Hz 4.2, 20 Hz 1.0)
    EXPECT_EQ(limits(20, 125), Rational(55, 100));    // min(120 % 1.0, 130 % 0.55)
    EXPECT_EQ(limits(Rational(201, 10), 120), Rational(4, 10)); // just above 20 Hz: the 25 Hz row too
}

TEST(SafetyTable, NonMonotoneRowsAreHandledByTheMinimum) {
    EXPECT_EQ(limits(10, 160), Rational(9, 10)); // the cell itself
    EXPECT_EQ(limits(10, 155), Rational(8, 10)); // 150 % (0.8) beside 160 % (0.9)
}

TEST(SafetyTable, BelowTheFirstRowAndColumnTheyApply) {
    EXPECT_EQ(all_cells(Rational(1, 2), 100), Rational(1800)); // below 1 Hz: the 1 Hz row
    EXPECT_EQ(all_cells(10, 50), Rational(5));                 // below 90 %: the 90 % column
    EXPECT_EQ(limits(20, 50), Rational(205, 100));
}

TEST(SafetyTable, TestedOnlyCellsAreNoLimit) {
    EXPECT_EQ(limits(10, 105), std::nullopt); // >5 at 100 % and 110 %
    EXPECT_EQ(all_cells(10, 105), Rational(5));
    EXPECT_EQ(limits(10, 115), Rational(42, 10)); // >5 beside the plain 4.2
}

TEST(SafetyTable, ScaleShortensTheLimit) {
    EXPECT_EQ(lookup_limit(table(), true, Rational(3, 4), 10, 120), Rational(315, 100));
}

TEST(SafetyTable, NoEvidenceAboveTheLastRowOrColumn) {
    EXPECT_TRUE(in_domain(table(), 25, 220));
    EXPECT_FALSE(in_domain(table(), Rational(251, 10), 100));
    EXPECT_FALSE(in_domain(table(), 10, 221));
}

TEST(SafetyTable, SymbolicLookupAgreesWithPlainLookupEverywhere) {
    const Expr hz = Expr::variable(0);
    const Expr percent = Expr::variable(1);
    for (bool limits_only : {true, false}) {
        const Expr symbolic = table_limit(table(), limits_only, Rational(1), hz, percent);
        for (int tenth_hz = 1; tenth_hz <= 250; tenth_hz += 3) {
            for (int p = 40; p <= 220; p += 5) {
                const Assignment at{{0, Rational(tenth_hz, 10)}, {1, Rational(p)}};
                const auto plain = lookup_limit(table(), limits_only, Rational(1), at.at(0), at.at(1));
                EXPECT_EQ(evaluate(symbolic, at), plain ? *plain : kNoLimit)
                    << tenth_hz / 10.0 << " Hz, " << p << " %, limits_only " << limits_only;
            }
        }
    }
}

} // namespace
} // namespace tmsc::safety
