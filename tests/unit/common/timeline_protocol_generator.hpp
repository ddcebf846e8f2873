#pragma once
// Random protocols for the timeline tests: every construct of docs/language.md (trains by count
// and by duration, bursts, pairs, single pulses, nested repeats with and without `every`,
// waits, jitter, blocks with their own intensity, parameters with ranges, subject ranges,
// courses with both anchors), chosen so that trains often *join* across statements, repeat
// iterations, pairs and sessions: most silences lie near 1 s (train_join_s) and 5 s
// (single_pulse_spacing_s). The generator tracks the longest time each statement can occupy,
// so every `every` period and start-to-start course holds its body, and follows every pulse
// and pair with a wait, so no two pulses share an instant.

#include "support/rational.hpp"
#include "tests/unit/common/safety_protocol_generator.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tmsc::testing {

/// A declared parameter (or subject threshold) and its range, as written.
struct RangedValue {
    std::string name; ///< parameter name; "rmt" / "amt" for subject thresholds
    std::string lo, def, hi;
    std::string unit; ///< "", "s", "Hz", "%rMT"
    bool subject = false;
};

/// One generated protocol and what it declares.
struct GeneratedProtocol {
    std::string text;
    std::vector<RangedValue> values; ///< parameters and subject thresholds
    std::set<std::string> waived;    ///< rules the protocol waives (warnings only)
    bool varies = false;             ///< some range or jitter lets the schedule vary
    bool unseeded = false;           ///< some jitter takes its seed from the command line
};

/// Writes random timeline-minded protocols. `ranged` allows parameter ranges, subject ranges
/// and jitter; without it every value is fixed. `separated` is the opposite of timeline-minded:
/// every stimulus is followed by at least 6 s of silence, trains have three pulses or more,
/// bursts lie in the theta-burst envelope, single pulses and pairs come only as series 1-5 s
/// apart (never as trials, whose gaps the timeline ignores) and sessions of a day lie a
/// minute apart, so that each statement occurrence is one train
/// (or trial) of the timeline and statement-by-statement judging must agree with it.
class TimelineGenerator {
  public:
    TimelineGenerator(safety::Random& random, bool ranged, bool separated = false)
        : r_(random), ranged_(ranged), separated_(separated) {}

    GeneratedProtocol protocol() {
        out_ = GeneratedProtocol{};
        params_.clear();
        count_ = 0;
        used_amt_ = false;
        const std::string base = intensity();
        const Piece session = body(0, true);
        std::string text = "protocol \"generated\" {\n";
        if (const std::string coil = r_.pick(std::vector<std::string>{
                "figure8", "figure8", "figure8", "figure8", "figure8", "figure8", "round", "h1", "h4",
                "double_cone", ""});
            !coil.empty()) {
            text += "  coil " + coil + "\n";
        }
        text += "  intensity " + base + "\n" + subjects() + params_;
        text += waivers();
        text += "  session {\n    " + session.text + "\n  }\n" + course(session) + "}\n";
        out_.text = text;
        return out_;
    }

  private:
    /// A piece of session text and the longest time it can occupy.
    struct Piece {
        std::string text;
        Rational longest;
    };

    /// Declares a parameter (fixed unless ranged and lucky) and returns its name.
    std::string param(const std::string& def, const std::string& lo, const std::string& hi,
                      const std::string& unit) {
        const bool varies = ranged_ && r_.chance(60);
        RangedValue v{"p" + std::to_string(++count_), varies ? lo : def, def, varies ? hi : def, unit};
        out_.varies = out_.varies || varies;
        params_ += "  param " + v.name + " = " + def + (unit.empty() ? "" : " " + unit) + " in " +
                   v.lo + ".." + v.hi + (unit.empty() ? "" : " " + unit) + "\n";
        out_.values.push_back(v);
        return v.name;
    }

    static Rational number(const std::string& text) { return *Rational::parse_decimal(text); }

    /// "0.123": a decimal at least `x`, rounded up to a whole millisecond.
    static std::string ms_ceiling(const Rational& x) {
        const std::int64_t ms = (x * Rational(1000)).ceil();
        return Rational(ms, 1000).to_decimal(3);
    }

    std::string intensity() {
        const std::size_t kind = r_.below(10);
        if (kind < 7) {
            const std::string p = r_.pick(std::vector<std::string>{"80", "90", "100", "110", "120", "130"});
            const int at = std::stoi(p);
            return r_.chance(25) ? param(p, std::to_string(at - 10), std::to_string(at + 10), "%rMT")
                                 : p + " %rMT";
        }
        if (kind < 9) {
            used_amt_ = true;
            return r_.pick(std::vector<std::string>{"70", "80", "90", "120"}) + " %aMT";
        }
        return r_.pick(std::vector<std::string>{"40", "50", "60"}) + " %MSO";
    }

    std::string subjects() {
        if (r_.chance(15)) {
            return ""; // no thresholds: %aMT and %MSO cannot be converted for the table
        }
        std::string out;
        auto one = [&](const char* which, const std::string& lo, const std::string& hi) {
            if (ranged_ && r_.chance(50)) {
                out += std::string("  subject ") + which + " in " + lo + ".." + hi + " %MSO\n";
                out_.values.push_back(RangedValue{which, lo, lo, hi, "%MSO", true});
                out_.varies = true;
            } else {
                out += std::string("  subject ") + which + " = " + hi + " %MSO\n";
            }
        };
        one("rmt", "35", r_.pick(std::vector<std::string>{"45", "55", "65"}));
        if (used_amt_ || r_.chance(30)) one("amt", "30", r_.pick(std::vector<std::string>{"40", "55"}));
        return out;
    }

    /// A silence that often sits at a join or trial threshold.
    std::string silence_text() {
        if (separated_) {
            return r_.pick(std::vector<std::string>{"6 s", "8 s", "20 s", "25 s"});
        }
        return r_.pick(std::vector<std::string>{"1 ms", "50 ms", "100 ms", "500 ms", "900 ms", "950 ms",
                                                "1 s", "1.05 s", "1.5 s", "4 s", "4.9 s", "5 s", "5.1 s",
                                                "8 s", "20 s"});
    }

    static Rational seconds_of(const std::string& text) {
        const std::size_t space = text.find(' ');
        const Rational n = number(text.substr(0, space));
        const std::string unit = text.substr(space + 1);
        return unit == "ms" ? n / Rational(1000) : unit == "us" ? n / Rational(1000000) : n;
    }

    /// " seed S", or nothing now and then: the draws then follow --seed, so a test can lower
    /// the same text with several seeds.
    std::string seed() {
        if (r_.chance(40)) {
            out_.unseeded = true;
            return "";
        }
        return " seed " + std::to_string(r_.below(1000));
    }

    Piece wait() {
        if (ranged_ && r_.chance(20)) {
            out_.varies = true;
            const std::vector<std::pair<std::string, std::string>> ranges = {
                {"0.9", "1.1"}, {"4.9", "5.1"}, {"0.5", "1.5"}, {"0.01", "0.02"}};
            if (separated_) {
                return {"wait 6..7 s" + seed(), Rational(7)};
            }
            const auto& [lo, hi] = r_.pick(ranges);
            return {"wait " + lo + ".." + hi + " s" + seed(), number(hi)};
        }
        if (r_.chance(15)) {
            const std::vector<std::vector<std::string>> ranges = {
                {"1", "0.9", "1.1"}, {"5", "4.8", "5.2"}, {"0.5", "0.5", "1"}};
            const auto& v = separated_ ? std::vector<std::string>{"6", "6", "8"} : r_.pick(ranges);
            const std::string name = param(v[0], v[1], v[2], "s");
            return {"wait " + name, number(out_.values.back().hi)};
        }
        const std::string s = silence_text();
        return {"wait " + s, seconds_of(s)};
    }

    /// `train N pulses at F`, `train for D at F`, or a train of bursts.
    Piece train() {
        const std::int64_t n = (separated_ ? 3 : 2) + static_cast<std::int64_t>(r_.below(40));
        const std::size_t kind = r_.below(10);
        std::string own = r_.chance(15) ? " intensity " + intensity() : "";
        if (kind < 4) {
            const std::string f = r_.pick(std::vector<std::string>{"1", "5", "10", "15", "18", "20", "25"});
            std::string count = std::to_string(n);
            Rational most(n);
            if (r_.chance(20)) {
                count = param(count, std::to_string(std::max<std::int64_t>(separated_ ? 3 : 1, n - 10)),
                              std::to_string(n + 10), "");
                most = number(out_.values.back().hi);
            }
            std::string rate = f + " Hz";
            Rational slowest = number(f);
            if (f == "10" && r_.chance(30)) {
                rate = param("10", "5", "20", "Hz");
                slowest = number(out_.values.back().lo);
            }
            return {"train " + count + " pulses at " + rate + own, most / slowest};
        }
        if (kind < 6) {
            const std::string f = r_.pick(std::vector<std::string>{"1", "5", "10", "20", "25"});
            const Rational d = Rational(n) / number(f);
            return {"train for " + d.to_decimal(3) + " s at " + f + " Hz" + own, d};
        }
        struct BurstShape {
            const char* rate;
            const char* pulses;
            const char* frequency;
        };
        const std::vector<BurstShape> shapes = {
            {"5", "3", "50"}, {"5", "3", "50"}, {"5", "3", "15"}, {"5", "1", "50"}, {"5", "2", "30"},
            {"6", "4", "100"}, {"3", "5", "50"}, {"5", "3", "30"}, {"2", "3", "20"}, {"5", "5", "100"}};
        const std::vector<BurstShape> enveloped = {
            {"5", "3", "50"}, {"5", "2", "30"}, {"6", "4", "100"}, {"3", "5", "50"}, {"5", "3", "30"}, {"5", "5", "100"}};
        const BurstShape& b = r_.pick(separated_ ? enveloped : shapes);
        const std::int64_t k = 2 + static_cast<std::int64_t>(r_.below(20));
        return {"train " + std::to_string(k) + " bursts at " + b.rate + " Hz { burst " + b.pulses +
                    " pulses at " + b.frequency + " Hz" + own + " }",
                Rational(k) / number(b.rate)};
    }

    /// `repeat K every P { pulse }` or of a pair, P between 1 s and 5 s: a series in both the
    /// statement and the timeline reading.
    Piece series() {
        const std::int64_t k = 2 + static_cast<std::int64_t>(r_.below(9));
        const std::string p = r_.pick(std::vector<std::string>{"1.5", "2", "4", "5"});
        const std::string unit = r_.chance(50) ? "pulse"
                                               : "paired " + r_.pick(std::vector<std::string>{"3 ms", "50 ms"}) +
                                                     " (" + intensity() + ", " + intensity() + ")";
        return {"repeat " + std::to_string(k) + " every " + p + " s { " + unit + " }", Rational(k) * number(p)};
    }

    Piece pulse_then_wait() {
        const Piece w = wait();
        return {"pulse" + (r_.chance(20) ? " intensity " + intensity() : std::string()) + "  " + w.text, w.longest};
    }

    Piece paired_then_wait() {
        const std::string isi = r_.pick(std::vector<std::string>{"3 ms", "50 ms", "100 ms", "500 ms"});
        const Piece w = wait();
        return {"paired " + isi + " (" + intensity() + ", " + intensity() + ")  " + w.text,
                seconds_of(isi) + w.longest};
    }

    /// `repeat N { body }` or `repeat N every P { body }` (P holds the body at its longest).
    Piece repeat(int depth) {
        const Piece inner = body(depth + 1, false);
        std::string count = std::to_string(2 + r_.below(5));
        Rational most = number(count);
        if (r_.chance(20)) {
            count = param("2", "1", "3", "");
            most = number(out_.values.back().hi);
        }
        if (r_.chance(50)) {
            return {"repeat " + count + " { " + inner.text + " }", most * inner.longest};
        }
        const Rational lo = number(ms_ceiling(inner.longest)) + seconds_of(silence_text());
        std::string every = ms_ceiling(lo) + " s";
        Rational period = lo;
        if (ranged_ && r_.chance(20)) {
            out_.varies = true;
            period = lo + Rational(1, 5);
            every = ms_ceiling(lo) + ".." + ms_ceiling(period) + " s" + seed();
        }
        return {"repeat " + count + " every " + every + " { " + inner.text + " }", most * period};
    }

    Piece block(int depth) {
        const Piece inner = body(depth + 1, true);
        return {"block { intensity " + intensity() + "  " + inner.text + " }", inner.longest};
    }

    Piece statement(int depth, bool stimulus) {
        const std::size_t choices = depth < 2 ? 9 : 6;
        switch (r_.below(stimulus ? std::min<std::size_t>(choices, 6) - 1 : choices)) {
        case 0: case 1: return train();
        case 2: return separated_ ? series() : pulse_then_wait();
        case 3: return separated_ ? train() : paired_then_wait();
        case 4: return depth < 2 ? repeat(depth) : train();
        case 5: return wait();
        case 6: return repeat(depth);
        case 7: return block(depth);
        default: return repeat(depth);
        }
    }

    /// One to three statements; the first delivers pulses when `stimulus_first`.
    Piece body(int depth, bool stimulus_first) {
        Piece out;
        const std::size_t n = 1 + r_.below(3);
        for (std::size_t i = 0; i < n; ++i) {
            const Piece p = statement(depth, i == 0 && (stimulus_first || depth > 0));
            out.text += (i ? "  " : "") + p.text;
            out.longest += p.longest;
            if (separated_) {
                const Piece w = wait();
                out.text += "  " + w.text;
                out.longest += w.longest;
            }
        }
        return out;
    }

    /// Now and then a waiver of a warning rule the generated trains often break.
    std::string waivers() {
        if (!r_.chance(15)) {
            return "";
        }
        const std::string rule = r_.pick(std::vector<std::string>{
            "chen1997.iti-evidence", "rossi2009.train-duration-evidence", "tbs.intensity-rmt",
            "tbs.burst-pulses", "envelope.conventional-session-pulses"});
        out_.waived.insert(rule);
        return "  waive " + rule + " \"generated: accepted for the test\"\n";
    }

    std::string course(const Piece& session) {
        if (!r_.chance(30)) {
            return "";
        }
        const std::string n = r_.pick(std::vector<std::string>{"2", "3", "5"});
        if (r_.chance(50)) {
            const std::string between = separated_ ? r_.pick(std::vector<std::string>{"60 s", "120 s"})
                                                   : r_.pick(std::vector<std::string>{"1 us", "500 ms", "1 s", "4 s", "5 s", "6 s", "60 s"});
            return "  course " + n + " sessions per day, " + between + " between sessions end to start, 1 day\n";
        }
        const Rational at_least = session.longest + (separated_ ? Rational(60) : seconds_of(silence_text()));
        return "  course " + n + " sessions per day, " + ms_ceiling(at_least) +
               " s between sessions start to start, 1 day\n";
    }

    safety::Random& r_;
    bool ranged_;
    bool separated_;
    GeneratedProtocol out_;
    std::string params_;
    int count_ = 0;
    bool used_amt_ = false;
};

} // namespace tmsc::testing
