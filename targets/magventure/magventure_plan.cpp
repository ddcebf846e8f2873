#include "targets/magventure/magventure_plan.hpp"

#include "support/show.hpp"

namespace tmsc::targets::magpro {

namespace {

/// The time from a train's first trigger to its last: one trigger per pulse, or per burst.
Rational trigger_span(const TargetTrain& t) {
    return Rational(t.units - 1) * t.unit_period_s;
}

/// A source train's values on the device grids, before grouping.
struct TrainPlan {
    SegmentSettings settings; ///< trains = 1; iti unset
    Rational rate;            ///< quantised unit rate
    Rational ipi;             ///< quantised pulse interval inside a burst
};

class TrainPlanner {
  public:
    TrainPlanner(const TargetSession& session, const DeviceProfile& profile,
                 QuantisationReport& report, DiagnosticList& out)
        : session_(session), profile_(profile), report_(report), out_(out) {}

    std::optional<TrainPlan> plan(const TargetTrain& t);

  private:
    bool burst_shape(const TargetTrain& t, const WaveformSpec& w, TrainPlan& p);

    const TargetSession& session_;
    const DeviceProfile& profile_;
    QuantisationReport& report_;
    DiagnosticList& out_;
};

bool TrainPlanner::burst_shape(const TargetTrain& t, const WaveformSpec& w, TrainPlan& p) {
    if (!check_count(out_, kName, "pulses per burst", t.pulses_per_unit, *w.burst_pulses,
                     t.range)) {
        return false;
    }
    const auto ipi = on_grid(out_, kName, "pulse interval inside bursts", *w.burst_interval_s,
                             t.pulse_period_s, Rounding::Up, "s", t.range);
    if (!ipi) {
        return false;
    }
    if (*ipi != t.pulse_period_s) {
        const Rational ms(1000);
        report_.add("T0104", "pulse interval inside bursts", t.pulse_period_s * ms, *ipi * ms, "ms",
                    "each burst lasts longer; no train moves", t.range);
    }
    p.ipi = *ipi;
    p.settings.waveform.burst_pulses = static_cast<std::uint8_t>(t.pulses_per_unit);
    p.settings.waveform.ipi_tenths_ms =
        static_cast<std::uint16_t>((*ipi * Rational(10000)).floor());
    return true;
}

std::optional<TrainPlan> TrainPlanner::plan(const TargetTrain& t) {
    if (t.kind == StimulusKind::Paired) {
        refuse(out_, "T0202",
               std::string(kName) + ": paired pulses need the MagPro twin or dual mode, which no "
                                    "back end programs yet",
               t.range);
        return std::nullopt;
    }
    const std::string wave = device_waveform(profile_, session_.waveform, t.has_bursts(), true);
    const WaveformSpec* w = profile_.waveform(wave);
    if (!w) {
        refuse(out_, "T0204",
               std::string(kName) + ": the " + profile_.display_name + " has no " + wave +
                   " waveform" + (t.has_bursts() ? ", which bursts need" : ""),
               t.range);
        return std::nullopt;
    }
    TrainPlan p;
    p.settings.waveform.model = static_cast<std::uint8_t>(profile_.model_code.value_or(0));
    p.settings.waveform.wave = static_cast<std::uint8_t>(w->code);
    const auto power = on_grid(out_, kName, "amplitude", profile_.power_mso, t.power_mso,
                               Rounding::Down, "%MSO", t.range);
    // A lone trigger has no rate; 1 pps lies on every waveform's grid.
    const Rational wanted = t.units > 1 ? t.unit_rate_hz() : Rational(1);
    const auto rate = on_grid(out_, kName, t.has_bursts() ? "burst rate" : "repetition rate",
                              w->rate_hz, wanted, Rounding::Down, "pps", t.range);
    if (!power || !rate || (t.has_bursts() && !burst_shape(t, *w, p))) {
        return std::nullopt;
    }
    if (*power != t.power_mso) {
        report_.add("T0101", "amplitude", t.power_mso, *power, "%MSO",
                    "no pulse time or count changes", t.range);
    }
    if (*rate != wanted) {
        report_.add("T0102", "repetition rate", wanted, *rate, "pps",
                    "each train's first-to-last time " + show(trigger_span(t), "s") + " -> " +
                        show(Rational(t.units - 1) / *rate, "s"),
                    t.range);
    }
    p.rate = *rate;
    p.settings.amplitude = static_cast<std::uint8_t>(power->floor());
    p.settings.rate_tenths = static_cast<std::uint16_t>((*rate * Rational(10)).floor());
    p.settings.units = static_cast<std::uint16_t>(t.units);
    return p;
}

/// The device train a plan makes, starting at `onset`.
TargetTrain device_train(const TargetTrain& source, const TrainPlan& p, const Rational& onset) {
    TargetTrain d = source;
    d.onset_s = onset;
    d.power_mso = Rational(p.settings.amplitude);
    d.unit_period_s = Rational(1) / p.rate;
    d.pulse_period_s = source.has_bursts() ? p.ipi : Rational(0);
    d.on_time_s = Rational(source.units) / p.rate;
    d.first_to_last_s = Rational(source.units - 1) / p.rate +
                        Rational(source.pulses_per_unit - 1) * d.pulse_period_s;
    return d;
}

/// Inter-train interval of a source train: next onset less its last trigger.
Rational iti_of(const TargetTrain& t) {
    return t.next_onset_s - t.onset_s - trigger_span(t);
}

} // namespace

namespace {

/// Grows the session's runs one train at a time.
class SegmentBuilder {
  public:
    SegmentBuilder(const TargetSession& session, const FormatLimits& limits,
                   QuantisationReport& report, MicrosecondRounding& times)
        : session_(session), itis_(limits.grids.at("iti_s")),
          max_trains_(limits.counts.at("trains").max), report_(report), times_(times) {}

    /// Adds train `i` with its plan: to the open run when it fits, else as a new run.
    void add(std::size_t i, const TrainPlan& p) {
        if (joins(i, p)) {
            extend(i, p);
        } else {
            open(i, p);
        }
    }
    /// Train `i` could not be planned: the open run ends.
    void close() { run_open_ = false; }
    std::vector<Segment>& segments() { return segments_; }

  private:
    /// Same settings as the open run, and the interval before it equals the run's interval.
    bool joins(std::size_t i, const TrainPlan& p) const {
        if (!run_open_ || !(open_settings_ == p.settings) || i == 0) {
            return false;
        }
        const Segment& seg = segments_.back();
        const Rational iti = iti_of(session_.trains[i - 1]);
        return seg.settings.trains < max_trains_ && iti >= itis_.min() && iti <= itis_.max() &&
               (seg.settings.trains == 1 || iti == iti_of(session_.trains[seg.first]));
    }

    void extend(std::size_t i, const TrainPlan& p) {
        Segment& seg = segments_.back();
        const TargetTrain& prev = session_.trains[i - 1];
        const Rational iti = *snap(itis_, iti_of(prev), Rounding::Up);
        if (iti != iti_of(prev)) {
            report_.add("T0103", "inter-train interval", iti_of(prev), iti, "s",
                        "every later train of the run starts " + show(iti - iti_of(prev), "s") +
                            " later",
                        prev.range);
        }
        seg.settings.trains = static_cast<std::uint16_t>(seg.settings.trains + 1);
        seg.settings.iti_tenths = static_cast<std::uint16_t>((iti * Rational(10)).floor());
        const TargetTrain& last = seg.device.back();
        seg.device.push_back(
            device_train(session_.trains[i], p, last.onset_s + trigger_span(last) + iti));
    }

    void open(std::size_t i, const TrainPlan& p) {
        const TargetTrain& t = session_.trains[i];
        Segment fresh;
        fresh.settings = p.settings;
        fresh.first = i;
        // With one train the interval is unused; any value on the grid will do.
        const Rational gap = iti_of(t) < itis_.min()   ? itis_.min()
                             : iti_of(t) > itis_.max() ? itis_.max()
                                                       : iti_of(t);
        fresh.settings.iti_tenths =
            static_cast<std::uint16_t>((*snap(itis_, gap, Rounding::Up) * Rational(10)).floor());
        fresh.device.push_back(device_train(t, p, Rational(times_.round(t.onset_s), 1000000)));
        segments_.push_back(std::move(fresh));
        open_settings_ = p.settings;
        run_open_ = true;
    }

    const TargetSession& session_;
    const ValueGrid& itis_;
    std::int64_t max_trains_;
    QuantisationReport& report_;
    MicrosecondRounding& times_;
    std::vector<Segment> segments_;
    // A flag and a plain value rather than std::optional: GCC 12 at -O3 mistakes the optional's
    // payload for uninitialised memory (-Wmaybe-uninitialized) when it is compared.
    bool run_open_ = false;
    SegmentSettings open_settings_; ///< the settings of the open run, when run_open_
};

} // namespace

std::vector<Segment> plan_segments(const TargetSession& session, const DeviceProfile& profile,
                                   const FormatLimits& limits, QuantisationReport& report,
                                   MicrosecondRounding& times, DiagnosticList& out) {
    TrainPlanner planner(session, profile, report, out);
    SegmentBuilder builder(session, limits, report, times);
    for (std::size_t i = 0; i < session.trains.size(); ++i) {
        const TargetTrain& t = session.trains[i];
        const std::optional<TrainPlan> p = planner.plan(t);
        if (p && check_count(out, kName, "pulses in train", t.units, limits.counts.at("pulses"),
                             t.range)) {
            builder.add(i, *p);
        } else {
            builder.close();
        }
    }
    return std::move(builder.segments());
}

} // namespace tmsc::targets::magpro
