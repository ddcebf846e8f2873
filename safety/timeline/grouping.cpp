#include "safety/timeline/grouping.hpp"

namespace tmsc::safety::timeline {

namespace {

bool in_envelope(const ThetaBurstEnvelope& e, const Bursts& b) {
    const Rational frequency = Rational(1) / b.inside;
    const Rational rate = Rational(1) / (Rational(b.pulses_per_burst - 1) * b.inside + b.between);
    return e.burst_pulses.contains(Rational(b.pulses_per_burst)) &&
           e.burst_frequency_hz.contains(frequency) && e.burst_rate_hz.contains(rate) &&
           b.between >= e.gap_ratio * b.inside;
}

} // namespace

TrainFacts Grouping::train_facts(ShapedRun&& shaped) const {
    Run& run = shaped.run;
    TrainFacts t;
    t.pulses = run.pulses;
    t.first = run.first;
    t.last = run.last;
    t.intensities = std::move(run.intensities);
    t.origin = std::move(run.origin);
    const std::optional<Bursts> bursts = shaped.shape.result();
    if (bursts && in_envelope(rules_.theta_burst, *bursts)) {
        t.pattern = PatternKind::Patterned;
        t.rate = Rational(1) / (Rational(bursts->pulses_per_burst - 1) * bursts->inside + bursts->between);
        t.units = Rational(bursts->bursts);
        t.duration = t.units / t.rate;
        t.burst_pulses = Rational(bursts->pulses_per_burst);
        t.burst_frequency = Rational(1) / bursts->inside;
        return t;
    }
    // Conventional at its highest instantaneous rate; it lasts its onset span plus one period.
    t.rate = Rational(1) / *run.shortest;
    t.units = Rational(run.pulses);
    t.duration = (run.last - run.first) + *run.shortest;
    return t;
}

void Grouping::emit(TrainFacts&& facts) {
    if (previous_) {
        sink_.gap(*previous_, facts, facts.first - previous_->last);
    }
    sink_.train(facts);
    previous_ = std::move(facts);
}

void Grouping::close_series(const std::optional<Rational>& silence_after) {
    if (!series_) {
        return;
    }
    Series s = std::move(*series_);
    series_.reset();
    const Rational spacing = rules_.single_pulse.spacing_s;
    if (s.units == 1) {
        const bool alone_before = !s.silence_before || *s.silence_before > spacing;
        const bool alone_after = !silence_after || *silence_after > spacing;
        if (!alone_before || !alone_after) {
            // A close neighbour that is not a single or pair is a train: nothing covers this.
            const Rational nearest = !alone_before && !alone_after
                                         ? std::min(*s.silence_before, *silence_after)
                                         : !alone_before ? *s.silence_before : *silence_after;
            sink_.stray(s.first_unit, nearest);
        } else {
            sink_.trial(s.first_unit); // an isolated single or pair: no rule judges it
        }
        return;
    }
    TrainFacts t;
    t.series = true;
    t.pattern = PatternKind::Conventional;
    t.rate = Rational(1) / *s.shortest_onsets;
    t.units = Rational(s.units);
    t.duration = (s.last_onset - s.first) + *s.shortest_onsets;
    t.pulses = s.pulses;
    t.first = s.first;
    t.last = s.last;
    t.intensities = std::move(s.intensities);
    t.origin = std::move(s.origin);
    emit(std::move(t));
}

void Grouping::add(ShapedRun&& shaped) {
    const Run& run = shaped.run;
    const std::optional<Rational> silence =
        last_pulse_ ? std::optional<Rational>(run.first - *last_pulse_) : std::nullopt;
    last_pulse_ = run.last;
    if (run.pulses >= 3) {
        close_series(silence);
        emit(train_facts(std::move(shaped)));
        return;
    }
    if (series_ && silence && *silence <= rules_.single_pulse.spacing_s) {
        Series& s = *series_;
        const Rational onsets = run.first - s.last_onset;
        if (!s.shortest_onsets || onsets < *s.shortest_onsets) {
            s.shortest_onsets = onsets;
        }
        ++s.units;
        s.last = run.last;
        s.last_onset = run.first;
        s.pulses += run.pulses;
        s.intensities.merge(run.intensities);
        s.origin.merge(run.origin);
        return;
    }
    close_series(silence);
    Series s;
    s.units = 1;
    s.first_unit = run;
    s.first = run.first;
    s.last = run.last;
    s.last_onset = run.first;
    s.pulses = run.pulses;
    s.intensities = run.intensities;
    s.origin = run.origin;
    s.silence_before = silence;
    series_ = std::move(s);
}

void Grouping::finish() { close_series(std::nullopt); }

} // namespace tmsc::safety::timeline
