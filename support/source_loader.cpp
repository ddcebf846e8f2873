#include "support/source_loader.hpp"

#include "support/utf8.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>

namespace tmsc {

LoadResult load_source(const std::string& path) {
    LoadResult result;
    if (path == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        result.source.emplace("<stdin>", text.str());
        return result;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        result.io_error = "cannot read '" + path + "': " + std::strerror(errno);
        return result;
    }
    if (S_ISDIR(info.st_mode)) {
        result.io_error = "cannot read '" + path + "': it is a directory";
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.io_error = "cannot read '" + path + "': " + std::strerror(errno);
        return result;
    }
    // Read at most one byte past the limit: enough to know the file is too large without
    // holding a hostile 50 MB file in memory.
    std::string text(kMaxSourceBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        result.io_error = "cannot read '" + path + "': read error";
        return result;
    }
    result.source.emplace(path, std::move(text));
    return result;
}

DiagnosticList check_encoding(const SourceFile& source) {
    DiagnosticList out;
    const std::string& text = source.text();
    const auto at = [&](std::size_t i) {
        return SourceRange{source.location(i), source.location(i + 1)};
    };
    if (text.size() > kMaxSourceBytes) {
        out.error("E0004", "the file is larger than the " + std::to_string(kMaxSourceBytes >> 20) +
                               " MiB a protocol may have", at(0));
        return out;
    }
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '\0') {
            out.error("E0005", "the file contains a NUL byte; a protocol must be UTF-8 text", at(i));
            return out;
        }
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(
                                                          static_cast<unsigned char>(text[i])));
            out.error("E0005",
                      std::string("the file is not valid UTF-8 text: byte ") + byte +
                          " cannot appear here",
                      at(i));
            return out;
        }
        i += n;
    }
    return out;
}

} // namespace tmsc
