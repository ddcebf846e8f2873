#pragma once
// A buffered writer on a file descriptor with integer formatting that needs no iostreams:
// emission writes tens of millions of numbers and must stay close to the speed of `cat`.

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tmsc {

/// Thrown when writing output fails (disk full, closed pipe, ...); the command reports it as
/// an I/O error and removes any temporary file.
class OutputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Buffered output to a file descriptor. Not copyable; flush() before the descriptor closes.
class OutputSink {
  public:
    explicit OutputSink(int fd, std::size_t capacity = std::size_t{1} << 20);
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
    /// Writes everything buffered; throws OutputError on failure.
    void flush();
    /// Bytes written so far (flushed or not).
    std::uint64_t bytes() const { return flushed_ + used_; }

  private:
    void make_room(std::size_t needed);
    void write_through(std::string_view text);

    int fd_;
    std::vector<char> buffer_;
    std::size_t used_ = 0;
    std::uint64_t flushed_ = 0;
};

/// Appends whole microseconds as decimal seconds without trailing zeros: 3900000 -> "3.9".
void append_micros_as_seconds(std::string& out, std::int64_t us);

/// Writes a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view text);

} // namespace tmsc
