/* Walking the compact table. Only the start of each run needs a 64-bit division; every later
 * pulse is one exact addition. */
#include "schedule.h"

#include <table.ttl.h> /* tmsc compile --target ttl-c-header -o DIR/table; -I DIR */

#if TMSC_TABLE_FORMAT != 2
#error "avr-ttl plays format 2 of tmsc's ttl-c-header (tmsc compile --target ttl-c-header)"
#endif

#if defined(__AVR__)
#include <avr/pgmspace.h>
uint8_t table_byte(uint16_t at) { return pgm_read_byte(&tmsc_table[at]); }
#else
uint8_t table_byte(uint16_t at) { return tmsc_table[at]; }
#endif

enum { FIXED_BYTES = 28, RUN_BYTES = 24 };

static uint32_t read_le(uint16_t at, uint8_t size) {
    uint32_t v = 0;
    for (uint8_t i = size; i > 0; --i) {
        v = (v << 8) | table_byte((uint16_t)(at + i - 1));
    }
    return v;
}

static uint64_t read_le64(uint16_t at) {
    return ((uint64_t)read_le((uint16_t)(at + 4), 4) << 32) | read_le(at, 4);
}

static uint16_t run_at(uint32_t run) { return (uint16_t)(FIXED_BYTES + RUN_BYTES * run); }

uint8_t table_read_fields(table_fields *f) {
    if (read_le(0, 4) != 0x43534D54ul || read_le(4, 2) != 2) { /* "TMSC", format 2 */
        return 0;
    }
    f->runs = read_le(8, 4);
    f->pulses = read_le(12, 4);
    f->denominator = read_le(16, 4);
    f->width_us = read_le(20, 4);
    f->power_mso = (uint16_t)read_le(24, 2);
    if (TMSC_TABLE_BYTES != FIXED_BYTES + (uint32_t)RUN_BYTES * f->runs || f->denominator == 0) {
        return 0;
    }
    uint32_t pulses = 0;
    for (uint32_t i = 0; i < f->runs; ++i) {
        const uint32_t units = read_le((uint16_t)(run_at(i) + 8), 4);
        const uint32_t per_unit = read_le((uint16_t)(run_at(i) + 12), 4);
        if (units == 0 || per_unit == 0 || (uint64_t)units * per_unit > f->pulses - pulses) {
            return 0;
        }
        pulses += units * per_unit;
    }
    return pulses == f->pulses;
}

/** `units_of_time` (1/denominator us) in exact ticks. */
static exact_ticks to_ticks(uint64_t units_of_time, uint32_t denominator) {
    const uint64_t scaled = units_of_time * TICKS_PER_US;
    exact_ticks t = {scaled / denominator, (uint32_t)(scaled % denominator)};
    return t;
}

/* Not inlined: avr-gcc 5.4 runs out of registers when this 64-bit arithmetic is inlined into
 * schedule_next ("unable to find a register to spill"). */
static __attribute__((noinline)) void add(exact_ticks *t, const exact_ticks *step,
                                          uint32_t denominator) {
    t->q += step->q;
    /* r, step->r < denominator < 2^32: the 33-bit sum needs the carry made explicit. */
    const uint32_t room = denominator - step->r;
    if (t->r >= room) {
        t->r -= room;
        t->q += 1;
    } else {
        t->r += step->r;
    }
}

static void load_run(schedule_cursor *c) {
    const uint16_t at = run_at(c->run);
    c->unit_at = to_ticks(read_le64(at), c->denominator);
    c->pulse_at = c->unit_at;
    c->units = read_le((uint16_t)(at + 8), 4);
    c->pulses_per_unit = read_le((uint16_t)(at + 12), 4);
    c->unit_step = to_ticks(read_le((uint16_t)(at + 16), 4), c->denominator);
    c->pulse_step = to_ticks(read_le((uint16_t)(at + 20), 4), c->denominator);
    c->unit = 0;
    c->pulse_in_unit = 0;
}

uint8_t schedule_begin(schedule_cursor *c, const table_fields *f) {
    if (f->runs == 0) {
        return 0;
    }
    c->runs = f->runs;
    c->denominator = f->denominator;
    c->run = 0;
    load_run(c);
    return 1;
}

uint64_t schedule_tick(const schedule_cursor *c) {
    /* Nearest tick, halves up: every edge lies within half a tick of its exact time. */
    return c->pulse_at.q + ((uint64_t)c->pulse_at.r * 2 >= c->denominator);
}

uint8_t schedule_next(schedule_cursor *c) {
    if (++c->pulse_in_unit < c->pulses_per_unit) {
        add(&c->pulse_at, &c->pulse_step, c->denominator);
        return 1;
    }
    c->pulse_in_unit = 0;
    if (++c->unit < c->units) {
        add(&c->unit_at, &c->unit_step, c->denominator);
        c->pulse_at = c->unit_at;
        return 1;
    }
    if (++c->run >= c->runs) {
        return 0;
    }
    load_run(c);
    return 1;
}
