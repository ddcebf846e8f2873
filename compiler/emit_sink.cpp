#include "compiler/emit_sink.hpp"

#include "compiler/sha256.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace tmsc {

OutputSink::OutputSink(int fd, std::size_t capacity) : fd_(fd), buffer_(capacity) {}

void OutputSink::write_through(std::string_view text) {
    if (digest_) {
        digest_->update(text); // while the chunk is still in cache
    }
    if (fd_ < 0) { // a sink that only counts (and hashes): re-deriving a table to compare it
        flushed_ += text.size();
        return;
    }
    while (!text.empty()) {
        const ssize_t n = ::write(fd_, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw OutputError(std::string("cannot write output: ") + std::strerror(errno));
        }
        text.remove_prefix(static_cast<std::size_t>(n));
        flushed_ += static_cast<std::uint64_t>(n);
    }
}

void OutputSink::flush() {
    const std::size_t pending = used_;
    used_ = 0;
    write_through(std::string_view(buffer_.data(), pending));
}

void OutputSink::hash_into(Sha256* digest) {
    flush();
    digest_ = digest;
}

void OutputSink::make_room(std::size_t) { flush(); }

void append_micros_as_seconds(std::string& out, std::int64_t us) {
    constexpr std::int64_t kMicros = 1'000'000;
    if (us < 0) {
        out += '-';
        us = -us;
    }
    char digits[24];
    const auto whole = std::to_chars(digits, digits + sizeof digits, us / kMicros);
    out.append(digits, whole.ptr);
    std::int64_t frac = us % kMicros;
    if (frac == 0) {
        return;
    }
    char six[6];
    for (int i = 5; i >= 0; --i) {
        six[i] = static_cast<char>('0' + frac % 10);
        frac /= 10;
    }
    int len = 6;
    while (six[len - 1] == '0') {
        --len;
    }
    out += '.';
    out.append(six, static_cast<std::size_t>(len));
}

void append_json_string(std::string& out, std::string_view text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace tmsc
