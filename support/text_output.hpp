#pragma once
// Whole-text outputs (formatted protocols, plots): standard output or a file that is written
// atomically (complete or absent), through the same AtomicFile that compile uses.

#include <string>

namespace tmsc {

/// Writes `text` to standard output when `path` is "-", else atomically to `path`.
/// Returns false with `error` set (and no file left behind) on failure.
bool write_text_output(const std::string& path, const std::string& text, std::string& error);

} // namespace tmsc
