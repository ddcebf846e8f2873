#pragma once
// The rows of a NIBS-BIDS export: each train as a parameter set (its pattern levels, onset to
// onset, and its intensity relative and in %MSO), the distinct sets numbered in order of first
// use, and each train's event pointing to its set.

#include "targets/backend/target_session.hpp"

#include <string>
#include <vector>

namespace tmsc::targets::bids {

/// Column names of `_nibs.tsv`, in order.
const std::vector<std::string>& nibs_columns();

/// One `_nibs.tsv` row: the cells in nibs_columns() order ("n/a" where a value does not apply).
struct ParameterSet {
    std::vector<std::string> cells;
};

/// One `_events.tsv` row.
struct NibsEvent {
    Rational onset_s;
    Rational duration_s; ///< the nominal on-time (docs/output-formats.md: conventions)
    std::string nibs_event_id;
};

/// The distinct parameter sets and one event per train.
struct NibsRows {
    std::vector<ParameterSet> sets;
    std::vector<NibsEvent> events;
};

/// The rows of `session`, whose trains all have %MSO values.
NibsRows nibs_rows(const TargetSession& session, const std::string& waveform);

/// A number for a TSV cell: exact when its decimal expansion ends within 9 digits, else rounded
/// to 9 decimals (1 ns for seconds).
std::string tsv_number(const Rational& value);

} // namespace tmsc::targets::bids
