// libFuzzer target: arbitrary bytes as a file handed to `tmsc verify-table`. Opening a seal
// parses JSON the file supplies and searches it from the end; it must reject anything that is
// not exactly a sealed table, never crash, and never accept bytes whose hash does not match.

#include "support/sha256.hpp"
#include "targets/attest/seal.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto opened = tmsc::open_sealed(bytes);
    if (const auto* table = std::get_if<tmsc::OpenedTable>(&opened)) {
        // Accepting means the payload is exactly what the seal hashed.
        if (tmsc::sha256_hex(table->payload) != table->seal.payload_sha256) {
            std::abort();
        }
        (void)tmsc::extracted_payload(*table);
    }
    return 0;
}
