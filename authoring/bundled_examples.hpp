#pragma once
// The bundled example protocols, compiled into the binary for `tmsc new --from NAME`.

#include <string_view>
#include <vector>

namespace tmsc {

/// One example: its name (file name without .tms) and its text.
struct BundledExample {
    std::string_view name;
    std::string_view text;
};

/// Every examples/*.tms file at build time, sorted by name (examples/unsafe/ is left out).
const std::vector<BundledExample>& bundled_examples();

} // namespace tmsc
