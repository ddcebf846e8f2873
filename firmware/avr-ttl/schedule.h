/* The compact trigger table of tmsc's ttl-c-header (format 2, docs/targets/ttl-c-header.md)
 * read from flash, checked, and walked pulse by pulse in timer ticks. Every pulse time is kept
 * exactly as whole ticks plus a remainder in 1/denominator ticks (a Bresenham-style
 * accumulator), so a period of 55555 5/9 us never drifts; an edge goes to the nearest tick. */
#ifndef AVR_TTL_SCHEDULE_H
#define AVR_TTL_SCHEDULE_H

#include <stdint.h>

/** Timer ticks per microsecond: Timer1 at F_CPU / 8, 16 MHz / 8 = 2 MHz, 0.5 us per tick. */
#define TICKS_PER_US 2u

/** A time as q + r / denominator ticks, 0 <= r < denominator. */
typedef struct {
    uint64_t q;
    uint32_t r;
} exact_ticks;

/** The table's fixed fields. */
typedef struct {
    uint32_t runs;
    uint32_t pulses;
    uint32_t denominator;
    uint32_t width_us;
    uint16_t power_mso;
} table_fields;

/** Where the walk is: run, unit and pulse, and the exact time of the unit and the pulse. */
typedef struct {
    uint32_t runs, run, unit, pulse_in_unit;
    uint32_t units, pulses_per_unit;
    exact_ticks unit_at, pulse_at, unit_step, pulse_step;
    uint32_t denominator;
} schedule_cursor;

/** Reads the fixed fields; 0 unless the magic, format, size, denominator and pulse count
 * hold (the pulse count is checked against the sum over the runs). */
uint8_t table_read_fields(table_fields *f);
/** Starts a walk at the first pulse; 0 when the table has no pulses. */
uint8_t schedule_begin(schedule_cursor *c, const table_fields *f);
/** The current pulse's time in ticks from the start of the table, rounded to nearest. */
uint64_t schedule_tick(const schedule_cursor *c);
/** Moves to the next pulse; 0 after the last one. */
uint8_t schedule_next(schedule_cursor *c);

/** Byte `at` of the table (in flash on AVR). */
uint8_t table_byte(uint16_t at);

#endif
