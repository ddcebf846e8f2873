#include "support/output_sink.hpp"

#include "support/sha256.hpp"

#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cstring>
#include <unistd.h>

namespace tmsc {

/// Hashes one chunk at a time on its own thread, in the order chunks are posted. Hashing a
/// 560 MB table costs about as much CPU as formatting it; on two cores the two overlap.
class ChunkHasher {
  public:
    explicit ChunkHasher(Sha256& digest) : digest_(digest), worker_([this] { run(); }) {}
    ~ChunkHasher() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        worker_.join();
    }
    /// Starts hashing `chunk`; its bytes must stay untouched until wait() returns.
    void post(std::string_view chunk) {
        wait();
        std::lock_guard<std::mutex> lock(mutex_);
        chunk_ = chunk;
        busy_ = true;
        changed_.notify_all();
    }
    /// Returns once every posted chunk is hashed.
    void wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return !busy_; });
    }

  private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            changed_.wait(lock, [this] { return busy_ || stop_; });
            if (!busy_) {
                return; // stopping, nothing pending
            }
            lock.unlock();
            digest_.update(chunk_);
            lock.lock();
            busy_ = false;
            changed_.notify_all();
        }
    }

    Sha256& digest_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string_view chunk_;
    bool busy_ = false;
    bool stop_ = false;
    std::thread worker_; ///< last: started once every other member exists
};

OutputSink::OutputSink(int fd, std::size_t capacity) : fd_(fd), buffer_(capacity) {}

OutputSink::~OutputSink() = default;

void OutputSink::write_fd(std::string_view text) {
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

void OutputSink::write_through(std::string_view text) {
    if (digest_) {
        hasher_->wait(); // keep the digest in byte order
        digest_->update(text);
    }
    write_fd(text);
}

void OutputSink::flush() {
    const std::string_view pending(buffer_.data(), used_);
    used_ = 0;
    if (!digest_) {
        write_fd(pending);
        return;
    }
    write_fd(pending);
    hasher_->post(pending); // waits until the spare buffer is hashed, then hashes this one
    spare_.resize(buffer_.size());
    buffer_.swap(spare_);
}

void OutputSink::hash_into(Sha256* digest) {
    flush();
    if (hasher_) {
        hasher_->wait();
    }
    hasher_.reset();
    digest_ = digest;
    if (digest_) {
        hasher_ = std::make_unique<ChunkHasher>(*digest_);
    }
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
