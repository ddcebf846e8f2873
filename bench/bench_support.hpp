#pragma once
// Loading a protocol for a benchmark: the stages before lowering run once, outside the timed
// loop.

#include "cli/driver/lower_pipeline.hpp"
#include "support/source_loader.hpp"

#include <memory>
#include <stdexcept>
#include <string>

namespace tmsc::bench {

/// Checks and lowers a protocol file of the source tree (relative path), or throws.
inline std::unique_ptr<LoweredProtocol> load(const std::string& relative) {
    LoadResult loaded = load_source(std::string(TMSC_SOURCE_DIR) + "/" + relative);
    if (!loaded.source) {
        throw std::runtime_error(loaded.io_error);
    }
    auto p = lower_source(std::move(*loaded.source), {}, VerdictPolicy::RequirePass);
    if (!p->ok()) {
        throw std::runtime_error(relative + " does not compile");
    }
    return p;
}

/// The benchmark inputs: SAINT (one session; the course is 50 of them) and the 10-million-
/// pulse stress protocol.
inline const char* kSaint = "examples/saint-accelerated-itbs.tms";
inline const char* kStress = "bench/stress-10m.tms";

} // namespace tmsc::bench
