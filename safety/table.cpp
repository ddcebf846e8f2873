#include "safety/table.hpp"

#include <algorithm>
#include <set>

namespace tmsc::safety {

namespace {

/// What every unverified-row note says between the row and the table's id.
const std::string kUnverifiedRowMarker = " row of table ";

/// Indices of the grid points bracketing a value, in one symbolic case.
struct Bracket {
    Expr when;
    std::vector<std::size_t> points;
};

/// The cases of one axis, in order: at or below the first point, strictly between two points,
/// exactly on a point. Each later case assumes the earlier ones failed (an if-else chain).
std::vector<Bracket> brackets(const std::vector<Rational>& axis, const Expr& x) {
    std::vector<Bracket> out;
    out.push_back({x <= num(axis[0]), {0}});
    for (std::size_t k = 1; k < axis.size(); ++k) {
        out.push_back({x < num(axis[k]), {k - 1, k}});
        out.push_back({x <= num(axis[k]), {k}});
    }
    return out;
}

/// Smallest qualifying cell over rows x columns, scaled; kNoLimit when none qualifies.
Rational smallest(const DurationTable& table, bool limits_only, const Rational& scale,
                  const std::vector<std::size_t>& rows, const std::vector<std::size_t>& columns) {
    std::optional<Rational> best;
    for (std::size_t r : rows) {
        for (std::size_t c : columns) {
            const TableCell& cell = table.cells[r][c];
            if (limits_only && cell.tested_only) {
                continue;
            }
            best = best ? std::min(*best, cell.seconds) : cell.seconds;
        }
    }
    return best ? *best * scale : kNoLimit;
}

} // namespace

Expr table_limit(const DurationTable& table, bool limits_only, const Rational& scale,
                 const Expr& rate, const Expr& percent) {
    const std::vector<Bracket> row_cases = brackets(table.frequencies, rate);
    const std::vector<Bracket> column_cases = brackets(table.intensities, percent);
    // Built from the last case backwards so that the first case is tested first.
    Expr by_row = num(kNoLimit);
    for (auto row = row_cases.rbegin(); row != row_cases.rend(); ++row) {
        Expr by_column = num(kNoLimit);
        for (auto column = column_cases.rbegin(); column != column_cases.rend(); ++column) {
            by_column = ite(column->when,
                            num(smallest(table, limits_only, scale, row->points, column->points)),
                            by_column);
        }
        by_row = ite(row->when, by_column, by_row);
    }
    return by_row;
}

Expr table_domain(const DurationTable& table, const Expr& rate, const Expr& percent) {
    return rate <= num(table.frequencies.back()) && percent <= num(table.intensities.back());
}

namespace {

/// Plain search: the last point at or below x (the first point if x is below it) and the
/// first point at or above x.
std::vector<std::size_t> neighbours(const std::vector<Rational>& axis, const Rational& x) {
    std::size_t below = 0;
    for (std::size_t i = 0; i < axis.size(); ++i) {
        if (axis[i] <= x) {
            below = i;
        }
    }
    std::size_t above = below;
    for (std::size_t i = axis.size(); i-- > 0;) {
        if (axis[i] >= x) {
            above = i;
        }
    }
    return {below, above};
}

} // namespace

std::optional<Rational> lookup_limit(const DurationTable& table, bool limits_only,
                                     const Rational& scale, const Rational& rate,
                                     const Rational& percent) {
    std::optional<Rational> best;
    for (std::size_t r : neighbours(table.frequencies, rate)) {
        for (std::size_t c : neighbours(table.intensities, percent)) {
            const TableCell& cell = table.cells[r][c];
            if (!(limits_only && cell.tested_only) && (!best || cell.seconds < *best)) {
                best = cell.seconds;
            }
        }
    }
    if (!best) {
        return std::nullopt;
    }
    return *best * scale;
}

std::string bracket_description(const DurationTable& table, const Rational& rate,
                                const Rational& percent) {
    auto span = [](const std::vector<Rational>& axis, const Rational& x) {
        const std::vector<std::size_t> n = neighbours(axis, x);
        return n[0] == n[1] ? axis[n[0]].to_string() : axis[n[0]].to_string() + "-" + axis[n[1]].to_string();
    };
    return "table cells " + span(table.frequencies, rate) + " Hz x " + span(table.intensities, percent) +
           " " + intensity_ref_spelling(table.reference);
}

std::string unverified_row_note(const DurationTable& table, const Rational& rate) {
    if (table.unverified_rows.empty() || rate > table.frequencies.back()) {
        return ""; // off the table: no row was used
    }
    std::string rows;
    const std::vector<std::size_t> bracket = neighbours(table.frequencies, rate);
    for (std::size_t r : std::set<std::size_t>(bracket.begin(), bracket.end())) {
        if (table.unverified_rows.count(r)) {
            rows += (rows.empty() ? "" : " and ") + table.frequencies[r].to_string() + " Hz";
        }
    }
    return rows.empty() ? ""
                        : "the " + rows + kUnverifiedRowMarker + table.id +
                              " is unverified: " + table.unverified_note;
}

bool is_unverified_row_note(const std::string& message) {
    return message.starts_with("the ") && message.find(kUnverifiedRowMarker) != std::string::npos &&
           message.find(" is unverified: ") != std::string::npos;
}

std::vector<std::string> unverified_row_notes(const RuleSet& rules) {
    std::vector<std::string> out;
    for (const auto& [id, table] : rules.tables) {
        for (std::size_t r : table.unverified_rows) {
            out.push_back(unverified_row_note(table, table.frequencies[r]));
        }
    }
    return out;
}

bool in_domain(const DurationTable& table, const Rational& rate, const Rational& percent) {
    return rate <= table.frequencies.back() && percent <= table.intensities.back();
}

} // namespace tmsc::safety
