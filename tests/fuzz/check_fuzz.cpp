// libFuzzer target: any byte string through the whole check pipeline (encoding check, parse,
// resolve, and every later stage check_source runs). A crash, a sanitizer report, a hang or
// an uncaught exception is a bug; diagnostics are the expected outcome for garbage.

#include "cli/driver/driver.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tmsc::SourceFile source("fuzz.tms", std::string(reinterpret_cast<const char*>(data), size));
    const tmsc::CheckResult result = tmsc::check_source(source);
    // Rendering walks every range; a range outside the text would show up here.
    (void)tmsc::render_all(result.diagnostics, source);
    return 0;
}
