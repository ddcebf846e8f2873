#pragma once
// Reproducible jitter: SplitMix64 streams and unbiased bounded draws. The algorithm is part of
// the language (docs/language.md): the same protocol and seed give the same schedule on every
// machine, so it is written out here rather than taken from <random>, whose distributions are
// implementation-defined.

#include <cstdint>

namespace tmsc {

/// Steele, Lea & Flood's SplitMix64: a 64-bit state advanced by the golden-ratio increment and
/// mixed by two multiply-xorshift rounds.
class SplitMix64 {
  public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

    /// The next 64-bit output.
    std::uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ULL;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    /// A uniform integer in [0, n) for n >= 1, by rejection: outputs at or above the largest
    /// multiple of n below 2^64 are drawn again, so every residue is equally likely.
    std::uint64_t below(std::uint64_t n) {
        // 2^64 mod n, computed in 64 bits as (2^64 - n) mod n.
        const std::uint64_t excess = (0 - n) % n;
        const std::uint64_t limit = 0 - excess; // 2^64 - excess, wrapping to 0 when excess == 0
        for (;;) {
            const std::uint64_t z = next();
            if (excess == 0 || z < limit) {
                return z % n;
            }
        }
    }

  private:
    std::uint64_t state_;
};

/// A uniform whole number of microseconds in [lo_us, hi_us] (lo_us <= hi_us).
inline std::int64_t draw_microseconds(SplitMix64& stream, std::int64_t lo_us, std::int64_t hi_us) {
    const auto span = static_cast<std::uint64_t>(hi_us - lo_us) + 1;
    return lo_us + static_cast<std::int64_t>(stream.below(span));
}

} // namespace tmsc
