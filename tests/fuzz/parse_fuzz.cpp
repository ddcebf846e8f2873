// libFuzzer target: any byte string through the encoding check and the parser alone (no
// resolver, no solver), so the fuzzer spends its time on the grammar. A crash, a sanitizer
// report, a hang or an uncaught exception is a bug; diagnostics are the expected outcome.

#include "grammar/parser.hpp"
#include "support/source_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tmsc::SourceFile source("fuzz.tms", std::string(reinterpret_cast<const char*>(data), size));
    // The driver never parses text that fails the encoding check; neither does this target.
    if (!tmsc::check_encoding(source).empty()) {
        return 0;
    }
    const tmsc::ParseResult parsed = tmsc::parse_protocol(source);
    (void)tmsc::render_all(parsed.diagnostics.sorted(), source);
    return 0;
}
