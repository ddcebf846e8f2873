#pragma once
// A buffered writer on a file descriptor with integer formatting that needs no iostreams:
// emission writes tens of millions of numbers and must stay close to the speed of `cat`.

#include <charconv>
#include <cstring>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {

class Sha256;
class ChunkHasher;

/// Thrown when writing output fails (disk full, closed pipe, ...); the command reports it as
/// an I/O error and removes any temporary file.
class OutputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Buffered output to a file descriptor (-1: bytes are counted and hashed, then dropped).
/// Not copyable; flush() before the descriptor closes.
class OutputSink {
  public:
    explicit OutputSink(int fd, std::size_t capacity = std::size_t{1} << 20);
    ~OutputSink();
    OutputSink(const OutputSink&) = delete;
    OutputSink& operator=(const OutputSink&) = delete;

    /// Appends bytes.
    void write(std::string_view text) {
        if (text.size() > buffer_.size() - used_) {
            make_room(text.size());
        }
        if (text.size() > buffer_.size()) {
            write_through(text);
            return;
        }
        text.copy(buffer_.data() + used_, text.size());
        used_ += text.size();
    }
    /// Appends one character.
    void put(char c) {
        if (used_ == buffer_.size()) {
            flush();
        }
        buffer_[used_++] = c;
    }
    /// Appends a decimal integer.
    void integer(std::int64_t value) {
        if (buffer_.size() - used_ < 24) {
            flush();
        }
        char* begin = buffer_.data() + used_;
        used_ += static_cast<std::size_t>(std::to_chars(begin, begin + 24, value).ptr - begin);
    }
    /// Room for at least `n` bytes at the end of the buffer (flushing first, and growing the
    /// buffer for an outsized request). Write there, then call commit() with the new end.
    char* reserve(std::size_t n) {
        if (buffer_.size() - used_ < n) {
            flush();
            if (buffer_.size() < n) {
                buffer_.resize(n);
            }
        }
        return buffer_.data() + used_;
    }
    /// Marks the bytes up to `end` (inside the last reserve()) as written.
    void commit(const char* end) { used_ = static_cast<std::size_t>(end - buffer_.data()); }
    /// Writes everything buffered; throws OutputError on failure.
    void flush();
    /// Bytes written so far (flushed or not).
    std::uint64_t bytes() const { return flushed_ + used_; }
    /// From now on every byte written is also hashed into `digest` (null: stop; the digest is
    /// then complete). Buffered bytes are flushed first, so the digest covers exactly the bytes
    /// written in between. Full buffers are hashed on a second thread while the next is filled.
    void hash_into(Sha256* digest);

  private:
    void make_room(std::size_t needed);
    void write_through(std::string_view text);
    void write_fd(std::string_view text);

    int fd_;
    std::vector<char> buffer_;
    std::size_t used_ = 0;
    std::uint64_t flushed_ = 0;
    Sha256* digest_ = nullptr;
    std::vector<char> spare_;             ///< the buffer being hashed while `buffer_` fills
    /// While hashing: hashes `spare_` in the background. Declared after the buffers so that it
    /// is destroyed (its thread joined) before them.
    std::unique_ptr<ChunkHasher> hasher_;
};

namespace detail {
/// "00" "01" ... "99".
inline constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/// Trailing zeros of each two-digit pair "00".."99" ("00" counts 2).
inline constexpr unsigned char kPairTrailingZeros[100] = {
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/// Writes the two digits of v < 100.
inline void write2(char* p, std::uint32_t v) { std::memcpy(p, kDigitPairs + 2 * v, 2); }

/// Writes exactly four digits of v < 10000 (leading zeros included).
inline void write4(char* p, std::uint32_t v) {
    write2(p, v / 100);
    write2(p + 2, v % 100);
}

/// Writes the digits of v < 10^8 without leading zeros; returns the end.
inline char* write_below_1e8(char* out, std::uint32_t v) {
    if (v < 10000) {
        if (v < 100) {
            if (v < 10) {
                *out = static_cast<char>('0' + v);
                return out + 1;
            }
            write2(out, v);
            return out + 2;
        }
        if (v < 1000) {
            *out = static_cast<char>('0' + v / 100);
            write2(out + 1, v % 100);
            return out + 3;
        }
        write4(out, v);
        return out + 4;
    }
    out = write_below_1e8(out, v / 10000);
    write4(out, v % 10000);
    return out + 4;
}
} // namespace detail

/// Writes the decimal digits of `value` at `out`; returns the end. Inline, with 32-bit
/// arithmetic on eight-digit halves and two digits per table lookup: emission formats
/// several numbers per pulse, tens of millions of times.
inline char* write_uint(char* out, std::uint64_t value) {
    constexpr std::uint64_t kE8 = 100'000'000;
    if (value < kE8) {
        return detail::write_below_1e8(out, static_cast<std::uint32_t>(value));
    }
    out = write_uint(out, value / kE8);
    const auto low = static_cast<std::uint32_t>(value % kE8);
    detail::write4(out, low / 10000);
    detail::write4(out + 4, low % 10000);
    return out + 8;
}

/// Writes whole microseconds as decimal seconds without trailing zeros (3900000 -> "3.9");
/// returns the end. `us` >= 0. Computed from the integer, not by re-reading written digits:
/// loading bytes just stored stalls the store buffer, which made that version slower.
inline char* write_micros_as_seconds(char* out, std::int64_t us) {
    constexpr std::int64_t kMicros = 1'000'000;
    out = write_uint(out, static_cast<std::uint64_t>(us / kMicros));
    const auto frac = static_cast<std::uint32_t>(us % kMicros);
    if (frac == 0) {
        return out;
    }
    *out++ = '.';
    const std::uint32_t high = frac / 10000;
    const std::uint32_t middle = frac / 100 % 100;
    const std::uint32_t low = frac % 100;
    detail::write2(out, high);
    detail::write2(out + 2, middle);
    detail::write2(out + 4, low);
    // Trailing zeros from per-pair table lookups and conditional moves: a loop here
    // mispredicts on almost every pulse, because the count changes from pulse to pulse.
    const int low_zeros = detail::kPairTrailingZeros[low];
    const int middle_zeros = detail::kPairTrailingZeros[middle];
    const int high_zeros = detail::kPairTrailingZeros[high];
    const int upper = middle_zeros < 2 ? 2 + middle_zeros : 4 + high_zeros;
    const int zeros = low_zeros < 2 ? low_zeros : upper;
    return out + 6 - zeros;
}

/// Copies `text` to `out`; returns the end.
inline char* write_text(char* out, std::string_view text) {
    text.copy(out, text.size());
    return out + text.size();
}

/// Appends whole microseconds as decimal seconds without trailing zeros: 3900000 -> "3.9".
void append_micros_as_seconds(std::string& out, std::int64_t us);

/// Writes a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view text);

} // namespace tmsc
