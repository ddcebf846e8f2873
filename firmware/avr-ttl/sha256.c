/* SHA-256 as FIPS 180-4 section 6.2 states it; the round constants live in flash on AVR so
 * that the 2 KiB of RAM stay for the stack. */
#include "sha256.h"

#if defined(__AVR__)
#include <avr/pgmspace.h>
#define ROUND_CONSTANT(i) pgm_read_dword(&round_constants[i])
#define CONSTANT_STORAGE PROGMEM
#else
#define ROUND_CONSTANT(i) round_constants[i]
#define CONSTANT_STORAGE
#endif

static const uint32_t round_constants[64] CONSTANT_STORAGE = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t rotr(uint32_t x, uint8_t n) { return (x >> n) | (x << (32 - n)); }

/* The message schedule is kept as a 16-word ring: 64 bytes of RAM instead of 256. */
static uint32_t schedule_word(uint32_t w[16], uint8_t t) {
    if (t >= 16) {
        const uint32_t a = w[(t - 15) & 15], b = w[(t - 2) & 15];
        const uint32_t s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3);
        const uint32_t s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >> 10);
        w[t & 15] += s0 + w[(t - 7) & 15] + s1;
    }
    return w[t & 15];
}

static void compress(sha256_context *c) {
    uint32_t w[16], v[8];
    for (uint8_t i = 0; i < 16; ++i) {
        const uint8_t *p = c->block + 4 * i;
        w[i] = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
    }
    for (uint8_t i = 0; i < 8; ++i) {
        v[i] = c->state[i];
    }
    for (uint8_t t = 0; t < 64; ++t) {
        const uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
        const uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
        const uint32_t t1 = v[7] + s1 + ch + ROUND_CONSTANT(t) + schedule_word(w, t);
        const uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
        const uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
        for (uint8_t i = 7; i > 0; --i) {
            v[i] = v[i - 1];
        }
        v[4] += t1;
        v[0] = t1 + s0 + maj;
    }
    for (uint8_t i = 0; i < 8; ++i) {
        c->state[i] += v[i];
    }
}

void sha256_init(sha256_context *c) {
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (uint8_t i = 0; i < 8; ++i) {
        c->state[i] = initial[i];
    }
    c->length = 0;
    c->used = 0;
}

void sha256_update(sha256_context *c, const uint8_t *bytes, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        c->block[c->used++] = bytes[i];
        if (c->used == 64) {
            compress(c);
            c->used = 0;
        }
    }
    c->length += n;
}

void sha256_finish(sha256_context *c, uint8_t digest[32]) {
    const uint64_t bits = c->length * 8;
    const uint8_t one = 0x80, zero = 0;
    sha256_update(c, &one, 1);
    while (c->used != 56) {
        sha256_update(c, &zero, 1);
    }
    for (int8_t i = 7; i >= 0; --i) {
        const uint8_t b = (uint8_t)(bits >> (8 * i));
        sha256_update(c, &b, 1);
    }
    for (uint8_t i = 0; i < 32; ++i) {
        digest[i] = (uint8_t)(c->state[i / 4] >> (24 - 8 * (i % 4)));
    }
}
