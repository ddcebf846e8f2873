#pragma once
// The `ttl-c-header` output: the compact table (ttl_compact.hpp) as a byte array `tmsc_table`
// in flash, its SHA-256 as `tmsc_table_sha256`, and defines repeating its fixed fields for
// the firmware's compile-time checks. Byte by byte: docs/targets/ttl-c-header.md.

#include "targets/ttl/ttl_compact.hpp"

#include <string>

namespace tmsc::targets::ttl {

/// The C header of `table`; `title` goes into the leading comment.
std::string write_c_header(const CompactTable& table, const std::string& title);

/// Reads a header written by write_c_header: the table bytes must be well formed, match the
/// SHA-256 array and the defines. nullopt and `error` otherwise.
std::optional<CompactTable> read_c_header(const std::string& text, std::string& error);

} // namespace tmsc::targets::ttl
