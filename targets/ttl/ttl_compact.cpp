#include "targets/ttl/ttl_compact.hpp"

#include <limits>
#include <numeric>

namespace tmsc::targets::ttl {

namespace {

constexpr std::uint16_t kFormat = 2;
constexpr std::uint32_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();
/// A read table may list at most this many pulses (tmsc compile's default --max-pulses), so
/// that a few hostile bytes cannot ask a decoder for billions of pulses.
constexpr std::uint32_t kMaxReadPulses = 10000000;

const Rational kMicro(1000000);

/// The denominator every time of `trains` shares in microseconds; 0 beyond 32 bits.
std::uint32_t common_denominator(const std::vector<TargetTrain>& trains) {
    std::int64_t d = 1;
    for (const TargetTrain& t : trains) {
        for (const Rational& s : {t.onset_s, t.unit_period_s, t.pulse_period_s}) {
            d = std::lcm(d, (s * kMicro).den());
            if (d > kMaxU32) {
                return 0;
            }
        }
    }
    return static_cast<std::uint32_t>(d);
}

/// `seconds` as a whole count of 1/d microseconds, or nullopt beyond `limit`.
std::optional<std::uint64_t> in_units(const Rational& seconds, std::uint32_t d,
                                      std::uint64_t limit) {
    const Rational v = seconds * kMicro * Rational(d);
    if (!v.is_integer() || v.is_negative() || static_cast<std::uint64_t>(v.num()) > limit) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(v.num());
}

std::optional<TriggerRun> run_of(const TargetTrain& t, std::uint32_t d) {
    const auto start = in_units(t.onset_s, d, std::numeric_limits<std::int64_t>::max());
    const auto unit = in_units(t.unit_period_s, d, kMaxU32);
    const auto pulse = in_units(t.pulse_period_s, d, kMaxU32);
    if (!start || !unit || !pulse || t.units < 1 || t.units > kMaxU32 || t.pulses_per_unit < 1 ||
        t.pulses_per_unit > kMaxU32) {
        return std::nullopt;
    }
    return TriggerRun{*start, static_cast<std::uint32_t>(t.units),
                      static_cast<std::uint32_t>(t.pulses_per_unit),
                      static_cast<std::uint32_t>(*unit), static_cast<std::uint32_t>(*pulse)};
}

/// Last pulse of a run, in 1/d us (128 bits: read tables may hold anything).
WideInt last_pulse(const TriggerRun& r) {
    return WideInt(r.start) + WideInt(r.units - 1) * r.unit_period +
           WideInt(r.pulses_per_unit - 1) * r.pulse_period;
}

/// Whether a run's pulses are in strictly increasing time order.
bool run_is_ordered(const TriggerRun& r) {
    if (r.units == 0 || r.pulses_per_unit == 0) {
        return false;
    }
    const bool pulses_apart = r.pulses_per_unit == 1 || r.pulse_period > 0;
    const bool units_apart =
        r.units == 1 || WideInt(r.unit_period) > WideInt(r.pulses_per_unit - 1) * r.pulse_period;
    return pulses_apart && units_apart;
}

} // namespace

std::uint64_t CompactTable::pulses() const {
    std::uint64_t total = 0;
    for (const TriggerRun& r : runs) {
        total += std::uint64_t(r.units) * r.pulses_per_unit;
    }
    return total;
}

std::vector<Rational> CompactTable::onsets_s() const {
    std::vector<Rational> out;
    const Rational unit = Rational(1) / (kMicro * Rational(denominator));
    for (const TriggerRun& r : runs) {
        for (std::uint32_t u = 0; u < r.units; ++u) {
            for (std::uint32_t p = 0; p < r.pulses_per_unit; ++p) {
                const std::uint64_t t =
                    r.start + std::uint64_t(u) * r.unit_period + std::uint64_t(p) * r.pulse_period;
                out.push_back(Rational(static_cast<std::int64_t>(t)) * unit);
            }
        }
    }
    return out;
}

std::optional<CompactTable> compact_table(const std::vector<TargetTrain>& trains,
                                          std::uint32_t pulse_width_us, std::uint16_t power_mso,
                                          std::string& why) {
    CompactTable table{common_denominator(trains), pulse_width_us, power_mso, {}};
    if (table.denominator == 0) {
        why = "the pulse times need a denominator beyond 32 bits (in microseconds)";
        return std::nullopt;
    }
    for (const TargetTrain& t : trains) {
        const auto run = run_of(t, table.denominator);
        if (!run) {
            why = "a train's count or period does not fit the header's 32-bit run fields";
            return std::nullopt;
        }
        table.runs.push_back(*run);
    }
    return table;
}

Bytes compact_bytes(const CompactTable& t) {
    Bytes out = ascii("TMSC");
    put_le16(out, kFormat);
    put_le16(out, 0);
    put_le32(out, static_cast<std::uint32_t>(t.runs.size()));
    put_le32(out, static_cast<std::uint32_t>(t.pulses()));
    put_le32(out, t.denominator);
    put_le32(out, t.pulse_width_us);
    put_le16(out, t.power_mso);
    put_le16(out, 0);
    for (const TriggerRun& r : t.runs) {
        put_le64(out, r.start);
        put_le32(out, r.units);
        put_le32(out, r.pulses_per_unit);
        put_le32(out, r.unit_period);
        put_le32(out, r.pulse_period);
    }
    return out;
}

namespace {

TriggerRun read_run(const Bytes& b, std::size_t at) {
    return TriggerRun{*get_le64(b, at), *get_le32(b, at + 8), *get_le32(b, at + 12),
                      *get_le32(b, at + 16), *get_le32(b, at + 20)};
}

/// Empty when every run is ordered, starts after the previous one ended and the pulse count
/// matches; otherwise what is wrong.
std::string check_runs(const CompactTable& t, std::uint32_t declared_pulses) {
    WideInt previous = -1;
    WideInt pulses = 0;
    for (const TriggerRun& r : t.runs) {
        if (!run_is_ordered(r) || WideInt(r.start) <= previous) {
            return "the runs are not in strictly increasing time order";
        }
        previous = last_pulse(r);
        pulses += WideInt(r.units) * r.pulses_per_unit;
        if (previous > std::numeric_limits<std::int64_t>::max() || pulses > kMaxReadPulses) {
            return "the runs exceed 2^63 time units or 10,000,000 pulses";
        }
    }
    return pulses == declared_pulses ? "" : "the pulse count does not match the runs";
}

} // namespace

std::optional<CompactTable> read_compact_bytes(const Bytes& b, std::string& error) {
    if (b.size() < kCompactHeaderSize || to_string(Bytes(b.begin(), b.begin() + 4)) != "TMSC" ||
        *get_le16(b, 4) != kFormat) {
        error = "not a format-2 tmsc trigger table (magic TMSC, version 2)";
        return std::nullopt;
    }
    const std::uint32_t runs = *get_le32(b, 8);
    if ((b.size() - kCompactHeaderSize) % kCompactRunSize != 0 ||
        (b.size() - kCompactHeaderSize) / kCompactRunSize != runs) {
        error = "the table length does not match its run count";
        return std::nullopt;
    }
    CompactTable t{*get_le32(b, 16), *get_le32(b, 20), *get_le16(b, 24), {}};
    for (std::uint32_t i = 0; i < runs; ++i) {
        t.runs.push_back(read_run(b, kCompactHeaderSize + kCompactRunSize * i));
    }
    error = t.denominator == 0 ? "the time denominator is 0" : check_runs(t, *get_le32(b, 12));
    if (!error.empty()) {
        return std::nullopt;
    }
    return t;
}

} // namespace tmsc::targets::ttl
