#pragma once
// Reading protocol files: I/O problems are usage errors (exit 2); a file that is readable but
// is not text the parser can take (too large, NUL bytes, invalid UTF-8) is a diagnostic.

#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <optional>
#include <string>

namespace tmsc {

/// Largest protocol file accepted; real protocols are a few kilobytes.
inline constexpr std::size_t kMaxSourceBytes = 4 * 1024 * 1024;

/// A loaded file, or the one-line reason it could not be read.
struct LoadResult {
    std::optional<SourceFile> source;
    std::string io_error; ///< set when the file could not be read at all
};

/// Reads a whole file ("-" reads standard input).
LoadResult load_source(const std::string& path);

/// Diagnostics for text the parser must not see: over the size limit, NUL bytes, invalid UTF-8.
DiagnosticList check_encoding(const SourceFile& source);

} // namespace tmsc
