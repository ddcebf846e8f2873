#pragma once
// The bundled examples (examples/*.tms, not examples/unsafe/), for tests that run every one.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace tmsc::testing {

/// Every examples/*.tms file, sorted by name.
inline std::vector<std::filesystem::path> bundled_examples() {
    std::vector<std::filesystem::path> out;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(TMSC_SOURCE_DIR) + "/examples")) {
        if (entry.path().extension() == ".tms") {
            out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace tmsc::testing
