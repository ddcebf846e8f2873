#pragma once
// Text pieces the pulse writers copy tens of millions of times: counters kept as decimal text
// and incremented in place, and per-train constant text padded to a fixed size so that each
// copy is one fixed-size move instead of a library call. Every copy writes its whole fixed
// size, so the output buffer must have that much slack (OutputSink::reserve provides it).

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tmsc::emit {

/// A non-negative counter held as decimal digits, incremented without division.
class DecimalCounter {
  public:
    /// Bytes write() may store (the digits plus padding).
    static constexpr std::size_t kWriteSize = 24;

    explicit DecimalCounter(std::uint64_t start = 0) { reset(start); }

    void reset(std::uint64_t value) {
        digits_.fill('0');
        const std::string text = std::to_string(value);
        text.copy(digits_.data(), text.size());
        length_ = text.size();
    }
    /// Adds one: the last digit changes, and only a run of nines carries.
    void increment() {
        std::size_t i = length_;
        while (i > 0 && digits_[i - 1] == '9') {
            digits_[--i] = '0';
        }
        if (i > 0) {
            ++digits_[i - 1];
            return;
        }
        // All nines: one more digit, "1" followed by zeros.
        digits_[0] = '1';
        digits_[length_++] = '0';
    }
    /// Writes the digits (storing kWriteSize bytes); returns the end of the digits.
    char* write(char* out) const {
        std::memcpy(out, digits_.data(), kWriteSize);
        return out + length_;
    }

  private:
    std::array<char, kWriteSize> digits_{};
    std::size_t length_ = 1;
};

/// Constant text copied with one fixed-size move when it is short enough.
class PaddedText {
  public:
    static constexpr std::size_t kPadded = 64;

    PaddedText() = default;
    explicit PaddedText(std::string text) : text_(std::move(text)) {
        padded_.fill(' ');
        if (text_.size() <= kPadded) {
            text_.copy(padded_.data(), text_.size());
        }
    }
    /// Writes the text (storing at least kPadded bytes when short); returns its end.
    char* write(char* out) const {
        if (text_.size() <= kPadded) {
            std::memcpy(out, padded_.data(), kPadded);
        } else {
            text_.copy(out, text_.size());
        }
        return out + text_.size();
    }
    std::size_t size() const { return text_.size(); }

  private:
    std::string text_;
    std::array<char, kPadded> padded_{};
};

} // namespace tmsc::emit
