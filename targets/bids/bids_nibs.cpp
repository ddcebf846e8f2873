// Back end `bids-nibs` (draft): the verified session as the NIBS-BIDS v6.3 files a lab keeps
// with its data. No device is programmed, so nothing is quantised: the values are the
// schedule's exact ones. The device profile names the stimulator in the sidecar, and the
// intensities need %MSO values (--rmt/--amt) like every back end's.

#include "support/version.hpp"
#include "targets/backend/backend_support.hpp"
#include "targets/bids/bids_backends.hpp"
#include "targets/bids/nibs_rows.hpp"
#include "targets/bids/nibs_sidecar.hpp"

namespace tmsc::targets {

namespace {

std::string tsv_line(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        line += (i ? "\t" : "") + cells[i];
    }
    return line + '\n';
}

std::string nibs_tsv(const bids::NibsRows& rows) {
    std::string text = tsv_line(bids::nibs_columns());
    for (const bids::ParameterSet& set : rows.sets) {
        text += tsv_line(set.cells);
    }
    return text;
}

std::string events_tsv(const bids::NibsRows& rows) {
    std::string text = tsv_line({"onset", "duration", "nibs_event_id"});
    for (const bids::NibsEvent& e : rows.events) {
        text += tsv_line({bids::tsv_number(e.onset_s), bids::tsv_number(e.duration_s),
                          e.nibs_event_id});
    }
    return text;
}

class BidsNibsBackend final : public TargetBackend {
  public:
    std::string_view name() const override { return "bids-nibs"; }
    std::string_view summary() const override {
        return "draft NIBS-BIDS v6.3 files of one session (_nibs.tsv, _nibs.json, _events.tsv)";
    }
    bool accepts(const DeviceProfile&) const override { return true; }
    TargetResult compile(const TargetSession& session, const DeviceProfile& profile) const override;
    DecodeResult decode(const TargetFile&, const DeviceProfile&) const override {
        return {std::nullopt, "a NIBS-BIDS export is read from its three files together "
                              "(tests/bids/ does so with pandas)"};
    }
};

TargetResult BidsNibsBackend::compile(const TargetSession& session,
                                      const DeviceProfile& profile) const {
    TargetResult result;
    if (session.trains.empty()) {
        refuse(result.diagnostics, "T0202", "bids-nibs: the session has no pulses", session.range);
        return result;
    }
    const bids::NibsRows rows = bids::nibs_rows(session, session.waveform);
    TargetProgram program;
    program.trains = session.trains;
    program.end_s = session.end_s;
    // Not decodable one by one: the events need the parameter sets, both need the sidecar.
    program.files.push_back({"_nibs.tsv", nibs_tsv(rows), false, false});
    program.files.push_back(
        {"_nibs.json", bids::nibs_sidecar(session, profile, "tmsc " TMSC_VERSION), false, false});
    program.files.push_back({"_events.tsv", events_tsv(rows), false, false});
    result.program = std::move(program);
    return result;
}

} // namespace

const TargetBackend& bids_nibs_backend() {
    static const BidsNibsBackend backend;
    return backend;
}

} // namespace tmsc::targets
