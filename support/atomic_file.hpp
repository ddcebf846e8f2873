#pragma once
// Writing an output file so that it is either complete or absent: bytes go to a temporary
// file in the same directory, which is flushed to disk and renamed over the destination only
// when everything was written. Any failure (or destruction without commit) removes it.
// An existing device or pipe (/dev/null, /dev/full) is written in place instead: it cannot be
// replaced atomically, and renaming over it would turn the device node into a plain file.

#include <optional>
#include <string>
#include <sys/stat.h>

namespace tmsc {

/// A temporary file that becomes `path` on commit().
class AtomicFile {
  public:
    /// Creates the temporary file beside `path`; nullopt and `error` set on failure.
    static std::optional<AtomicFile> create(const std::string& path, std::string& error);

    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    /// Removes the temporary file unless commit() succeeded.
    ~AtomicFile();

    /// The descriptor to write to.
    int fd() const { return fd_; }
    /// fsync, close, rename onto the destination, fsync the directory. False with `error` set
    /// (and the temporary file removed) on failure.
    bool commit(std::string& error);

  private:
    AtomicFile(std::string path, std::string temp_path, int fd)
        : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}
    void discard();
    /// An existing non-regular destination: refuses a directory, opens a device or pipe for
    /// writing in place (an AtomicFile without a temporary file).
    static std::optional<AtomicFile> open_special(const std::string& path,
                                                  const struct stat& existing,
                                                  std::string& error);

    std::string path_;
    std::string temp_path_;
    int fd_ = -1;
    bool committed_ = false;
};

} // namespace tmsc
