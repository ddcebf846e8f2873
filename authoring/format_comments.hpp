#pragma once
// Comments of a .tms file, found by a small scanner that knows strings, for the formatter.

#include "support/source.hpp"

#include <string>
#include <vector>

namespace tmsc {

/// One comment as written, and whether code precedes it on its line.
struct SourceComment {
    std::size_t begin = 0; ///< byte offset of `//` or `/*`
    std::size_t end = 0;   ///< one past the comment (before the newline of a line comment)
    std::size_t line = 1;
    bool trailing = false; ///< code precedes it on the same line
    std::string text;
};

/// Every comment in source order. Assumes the file parsed (strings and comments are closed).
std::vector<SourceComment> scan_comments(const SourceFile& source);

} // namespace tmsc
