#include "support/atomic_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace tmsc {

namespace {

std::string directory_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string reason() { return std::strerror(errno); }

/// The permissions a newly created file gets under the current umask (mkstemp uses 0600).
mode_t default_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

/// The file `path` names, following symbolic links (a dangling link's target too): -o through a
/// link replaces the file it points to and keeps the link, as a user who made the link expects.
std::string through_links(const std::string& path) {
    std::string at = path;
    for (int hops = 0; hops < 40; ++hops) { // 40: the kernel's own limit (ELOOP)
        struct stat st {};
        if (::lstat(at.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
            return at;
        }
        std::vector<char> target(static_cast<std::size_t>(st.st_size) + 1 + 4096);
        const ssize_t n = ::readlink(at.c_str(), target.data(), target.size() - 1);
        if (n <= 0) {
            return at;
        }
        const std::string link(target.data(), static_cast<std::size_t>(n));
        at = link.front() == '/' ? link : directory_of(at) + "/" + link;
    }
    return at; // a loop of links: creating the file reports it
}

} // namespace

std::optional<AtomicFile> AtomicFile::open_special(const std::string& path,
                                                   const struct stat& existing,
                                                   std::string& error) {
    if (S_ISDIR(existing.st_mode)) {
        error = "cannot write '" + path + "': it is a directory";
        return std::nullopt;
    }
    // A device or pipe (/dev/null, /dev/full, a FIFO) cannot be replaced atomically, and
    // renaming a regular file over it would destroy the device node: write to it in place.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot write '" + path + "': " + reason();
        return std::nullopt;
    }
    return AtomicFile(path, std::string(), fd);
}

std::optional<AtomicFile> AtomicFile::create(const std::string& given, std::string& error) {
    if (given.empty() || given.back() == '/') {
        error = "cannot write '" + given + "': not a file name";
        return std::nullopt;
    }
    const std::string path = through_links(given);
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
        return open_special(path, existing, error);
    }
    std::string pattern = directory_of(path) + "/." + base_of(path) + ".tmsc-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = ::mkstemp(buffer.data());
    if (fd < 0) {
        error = "cannot create a file in '" + directory_of(path) + "': " + reason();
        return std::nullopt;
    }
    ::fchmod(fd, default_file_mode());
    return AtomicFile(path, std::string(buffer.data()), fd);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)), temp_path_(std::move(other.temp_path_)), fd_(other.fd_),
      committed_(other.committed_) {
    other.fd_ = -1;
    other.committed_ = true; // the moved-from object owns nothing to clean up
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        discard();
    }
}

void AtomicFile::discard() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!temp_path_.empty()) {
        ::unlink(temp_path_.c_str());
        temp_path_.clear();
    }
}

bool AtomicFile::commit(std::string& error) {
    if (temp_path_.empty()) { // a device or pipe written in place: nothing to rename
        const int closed = ::close(fd_);
        fd_ = -1;
        committed_ = true;
        if (closed != 0) {
            error = "cannot write '" + path_ + "': " + reason();
            return false;
        }
        return true;
    }
    if (::fsync(fd_) != 0) {
        error = "cannot flush '" + path_ + "' to disk: " + reason();
        discard();
        return false;
    }
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0 || ::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        error = "cannot write '" + path_ + "': " + reason();
        discard();
        return false;
    }
    committed_ = true;
    // The rename is durable only once the directory entry is on disk too.
    const int dir = ::open(directory_of(path_).c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

} // namespace tmsc
