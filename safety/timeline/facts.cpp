#include "safety/timeline/facts.hpp"

#include "safety/describe.hpp"

namespace tmsc::safety::timeline {

void IntensitySet::add(const WrittenIntensity& w) {
    for (const WrittenIntensity& have : items_) {
        if (have.same(w)) {
            return;
        }
    }
    items_.push_back(w);
}

void IntensitySet::add(const ScheduledIntensity& intensity) {
    add(WrittenIntensity{intensity.written, intensity.param, intensity.range});
}

void IntensitySet::merge(const IntensitySet& other) {
    for (const WrittenIntensity& w : other.items_) {
        add(w);
    }
}

void Origin::add_statement(const SourceRange& statement) {
    for (const SourceRange& have : statements) {
        if (have.begin.offset == statement.begin.offset) {
            return;
        }
    }
    if (statements.size() < kMaxStatements) {
        statements.push_back(statement);
    }
}

void Origin::add(const SourceRange& statement, std::size_t session, std::int64_t count) {
    if (occurrences == 0) {
        first_session = session;
    }
    last_session = session;
    occurrences += count;
    add_statement(statement);
}

void Origin::add_pulses(std::size_t session, std::int64_t pulses) {
    if (!session_pulses.empty() && session_pulses.back().first == session) {
        session_pulses.back().second += pulses;
    } else if (session_pulses.size() < kMaxSessions) {
        session_pulses.emplace_back(session, pulses);
    } else {
        sessions_overflow = true;
    }
}

void Origin::merge(const Origin& other) {
    if (other.occurrences == 0) {
        return;
    }
    for (const auto& [session, pulses] : other.session_pulses) {
        add_pulses(session, pulses);
    }
    sessions_overflow = sessions_overflow || other.sessions_overflow;
    for (const SourceRange& s : other.statements) {
        add_statement(s);
    }
    first_session = occurrences == 0 ? other.first_session : first_session;
    last_session = other.last_session;
    occurrences += other.occurrences;
}

std::string Origin::signature() const {
    std::string out;
    for (const SourceRange& s : statements) {
        out += std::to_string(s.begin.offset) + ",";
    }
    return out;
}

std::string clock(const Rational& seconds) {
    return format_quantity(Quantity::Duration, seconds, IntensityRef::Rmt);
}

std::string describe(const TrainFacts& t) {
    const std::string rate = format_quantity(Quantity::Rate, t.rate, IntensityRef::Rmt);
    const std::string length = clock(t.duration);
    const bool joined = t.origin.occurrences > 1 || t.origin.statements.size() > 1;
    if (t.pattern == PatternKind::Patterned) {
        return "theta-burst train of " + length + " at " + rate + " (" + t.units.to_string() +
               " bursts of " + t.burst_pulses->to_string() + " pulses at " +
               format_quantity(Quantity::Rate, *t.burst_frequency, IntensityRef::Rmt) + ")";
    }
    if (t.series) {
        return "series of " + t.units.to_string() + " single or paired pulses, " + length + " at " + rate;
    }
    std::string text = "train of " + length + " at " + rate;
    if (joined) {
        text += " (" + std::to_string(t.pulses) + " pulses joined from " +
                std::to_string(t.origin.occurrences) + " stimuli)";
    }
    return text;
}

} // namespace tmsc::safety::timeline
