#pragma once
// Random protocols for the safety differential test: conventional and patterned trains, pulse
// series, single pulses, blocks, waits, parameters, subject thresholds, coils and courses, in
// the proportions that reach every kind of rule finding.

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace tmsc::safety {

/// SplitMix64: a tiny generator with the same sequence on every platform.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool chance(std::size_t percent) { return below(100) < percent; }
    template <typename T>
    const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

  private:
    std::uint64_t state_;
};

/// Writes one random protocol. `ranged` lets parameters, thresholds and waits vary.
class Generator {
  public:
    Generator(Random& random, bool ranged) : r_(random), ranged_(ranged) {}

    std::string protocol() {
        std::string session = statements();
        std::ostringstream out;
        out << "protocol \"generated\" {\n";
        const std::vector<std::string> coils = {"figure8", "figure8", "figure8", "round", "h1", "h4", "h7", "double_cone", ""};
        if (const std::string& coil = r_.pick(coils); !coil.empty()) {
            out << "  coil " << coil << "\n";
        }
        out << "  intensity " << intensity() << "\n" << params_.str() << subjects();
        out << "  session {\n" << session << "  }\n";
        if (r_.chance(20)) {
            out << "  course " << r_.pick(std::vector<std::string>{"1", "2", "10"})
                << " sessions per day, 60 min between sessions end to start, 5 days\n";
        }
        out << "}\n";
        return out.str();
    }

  private:
    /// A value written as a literal or as a parameter (fixed, or with a range when ranged).
    std::string value(const std::string& number, const std::string& unit, const std::string& lo,
                      const std::string& hi) {
        if (r_.chance(50)) {
            return number + (unit.empty() ? "" : " " + unit);
        }
        const std::string name = "p" + std::to_string(++param_count_);
        const bool varies = ranged_ && r_.chance(60);
        params_ << "  param " << name << " = " << number << " " << unit << " in "
                << (varies ? lo : number) << ".." << (varies ? hi : number) << " " << unit << "\n";
        return name;
    }

    std::string intensity() {
        const std::vector<std::string> rmt = {"80", "90", "95", "100", "105", "110", "115", "120",
                                              "125", "130", "150", "170", "200", "220", "230"};
        const std::size_t kind = r_.below(10);
        if (kind < 7) {
            used_rmt_ = true;
            const std::string& p = r_.pick(rmt);
            return value(p, "%rMT", "90", p);
        }
        if (kind < 9) {
            used_amt_ = true;
            return value(r_.pick(std::vector<std::string>{"70", "80", "90", "120"}), "%aMT", "60", "120");
        }
        return value(r_.pick(std::vector<std::string>{"40", "55", "70"}), "%MSO", "30", "70");
    }

    std::string subjects() {
        if (r_.chance(25)) {
            return ""; // no thresholds: %aMT and %MSO intensities cannot be converted
        }
        std::string out;
        auto one = [&](const char* which, const std::vector<std::string>& values) {
            const std::string& v = r_.pick(values);
            out += std::string("  subject ") + which +
                   (ranged_ && r_.chance(60) ? " in 30.." + v + " %MSO\n" : " = " + v + " %MSO\n");
        };
        if (used_rmt_ || used_amt_ || r_.chance(50)) one("rmt", {"40", "50", "65"});
        if (used_amt_ || r_.chance(30)) one("amt", {"35", "45", "60"});
        return out;
    }

    std::string conventional_train() {
        const std::vector<std::string> hz = {"0.5", "1", "2", "5", "7", "10", "12", "15", "18", "20", "22", "25", "30"};
        const std::string& f = r_.pick(hz);
        const std::string n = std::to_string(1 + r_.below(60));
        std::string train = "train " + value(n, "", "1", n) + " pulses at " + value(f, "Hz", "5", f);
        if (r_.chance(20)) {
            train += " intensity " + intensity();
        }
        return train;
    }

    std::string patterned_train() {
        const std::size_t m = 2 + r_.below(4);
        const std::vector<std::string> burst_hz = {"50", "70", "100"};
        const std::vector<std::string> rate = {"3", "5", "6"};
        // Every combination fits: M / F <= 5 / 50 s, within the 1 / 6 s slot.
        return "train " + std::to_string(2 + r_.below(200)) + " bursts at " + r_.pick(rate) + " Hz { burst " +
               std::to_string(m) + " pulses at " + r_.pick(burst_hz) + " Hz }";
    }

    std::string wait() {
        const std::vector<std::string> seconds = {"0.5", "0.95", "1", "1.5", "3", "4.9", "5", "8", "20"};
        if (ranged_ && r_.chance(30)) {
            return "wait " + r_.pick(std::vector<std::string>{"0.5", "1", "4"}) + "..6 s seed 1";
        }
        return "wait " + r_.pick(seconds) + " s";
    }

    std::string statement() {
        // Now and then as many trains as a clinical session, to reach the session totals.
        const std::string count = std::to_string(r_.chance(10) ? 75 : 1 + r_.below(8));
        switch (r_.below(7)) {
        case 0: return conventional_train();
        case 1: return patterned_train();
        case 2: return "repeat " + count + " { " + conventional_train() + "; " + wait() + " }";
        case 3: return "repeat " + count + " every 60 s { " + conventional_train() + " }";
        case 4:
            return "repeat " + count + " every " +
                   r_.pick(std::vector<std::string>{"2", "4", "5", "5.003", "6", "10"}) + " s { " +
                   (r_.chance(50) ? "pulse" : "paired 3 ms (" + intensity() + ", " + intensity() + ")") + " }";
        case 5: return "pulse; " + wait();
        default: return "block { intensity " + intensity() + "; " + conventional_train() + "; " + wait() + " }";
        }
    }

    std::string statements() {
        std::string out;
        const std::size_t n = 1 + r_.below(3);
        for (std::size_t i = 0; i < n; ++i) {
            out += "    " + statement() + "\n";
            if (i + 1 < n && r_.chance(70)) {
                out += "    " + wait() + "\n";
            }
        }
        return out;
    }

    Random& r_;
    bool ranged_;
    std::ostringstream params_;
    int param_count_ = 0;
    bool used_rmt_ = false;
    bool used_amt_ = false;
};

} // namespace tmsc::safety
