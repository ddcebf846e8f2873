#pragma once
// The NIBS-BIDS export (draft); targets/backend.cpp lists it with the stimulator back ends.

#include "targets/backend/backend.hpp"

namespace tmsc::targets {

/// `bids-nibs`: one session as the draft NIBS-BIDS v6.3 files (BEP037): `_nibs.tsv` (one row
/// per distinct parameter set), `_nibs.json` (sidecar: stimulator, coil, thresholds, the units
/// of every column) and `_events.tsv` (one row per train, with its onset). docs/output-formats.md.
const TargetBackend& bids_nibs_backend();

} // namespace tmsc::targets
