#pragma once
// GoogleTest printers for source positions, so a failed EXPECT_EQ on a range reads
// "3:5-3:29" instead of a byte dump.

#include "support/source.hpp"

#include <ostream>

namespace tmsc {

inline void PrintTo(const SourceLocation& at, std::ostream* os) {
    *os << at.line << ':' << at.column << " (byte " << at.offset << ')';
}

inline void PrintTo(const SourceRange& range, std::ostream* os) {
    *os << range.begin.line << ':' << range.begin.column << '-' << range.end.line << ':'
        << range.end.column;
}

} // namespace tmsc
