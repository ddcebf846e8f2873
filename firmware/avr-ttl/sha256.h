/* SHA-256 (FIPS 180-4), small and portable: the firmware hashes its trigger table at boot
 * and the host tests check it against the standard's vectors (tests/firmware/). */
#ifndef AVR_TTL_SHA256_H
#define AVR_TTL_SHA256_H

#include <stddef.h>
#include <stdint.h>

/** Running state of one digest. */
typedef struct {
    uint32_t state[8];
    uint64_t length;   /**< bytes hashed so far */
    uint8_t block[64]; /**< bytes not yet compressed */
    uint8_t used;      /**< how many of block are filled */
} sha256_context;

/** Starts a digest. */
void sha256_init(sha256_context *c);
/** Hashes `n` more bytes. */
void sha256_update(sha256_context *c, const uint8_t *bytes, size_t n);
/** Pads, and writes the 32-byte digest; `c` must be initialised again before reuse. */
void sha256_finish(sha256_context *c, uint8_t digest[32]);

#endif
