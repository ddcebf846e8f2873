/* avr-ttl: plays one tmsc trigger table (ttl-c-header, format 2) on an ATmega328P at 16 MHz.
 * Boot: check the table's SHA-256 and structure, or refuse to arm. Then wait for a start
 * (input or serial byte), play every pulse on OC1A, and report the end or the abort.
 * Pins and the serial protocol: README.md. */
#include "player.h"
#include "schedule.h"
#include "serial.h"
#include "sha256.h"

#include <avr/interrupt.h>
#include <avr/pgmspace.h>
#include <table.ttl.h> /* tmsc compile --target ttl-c-header -o DIR/table; -I DIR */

#if F_CPU != 16000000UL
#error "avr-ttl is timed for a 16 MHz clock (Timer1 / 8 = 0.5 us ticks)"
#endif
#if TMSC_PULSE_WIDTH_US * TICKS_PER_US < MIN_WIDTH_TICKS || \
    TMSC_PULSE_WIDTH_US * TICKS_PER_US > MAX_WIDTH_TICKS
#error "the table's pulse width is outside what avr-ttl can time (16 us to 30 ms)"
#endif

/* Ticks from the start request to time 0 of the table: room to arm the first edge. */
#define START_LEAD_TICKS 200u

/* Whether the table bytes in flash hash to the digest in flash. */
static uint8_t digest_matches(void) {
    sha256_context c;
    sha256_init(&c);
    for (uint16_t at = 0; at < TMSC_TABLE_BYTES; ++at) {
        const uint8_t b = table_byte(at);
        sha256_update(&c, &b, 1);
    }
    uint8_t digest[32];
    sha256_finish(&c, digest);
    uint8_t differ = 0;
    for (uint8_t i = 0; i < 32; ++i) {
        differ |= (uint8_t)(digest[i] ^ pgm_read_byte(&tmsc_table_sha256[i]));
    }
    return differ == 0;
}

/* Until reset: one start plays the table once, and a refused table never arms. */
static void idle_forever(void) {
    for (;;) {
        player_idle();
    }
}

static void halt(const char *report, uint32_t pulses) {
    player_stop();
    serial_print(report);
    serial_print_u32(pulses);
    serial_print("\r\n");
    idle_forever();
}

static void refuse(const char *why) {
    serial_print("REFUSED ");
    serial_print(why);
    serial_print("\r\n");
    idle_forever();
}

/* Waits for a start request while the abort input is low. */
static void wait_for_start(void) {
    for (;;) {
        cli();
        if (!player_start_requested) {
            player_idle();
            continue;
        }
        sei();
        player_start_requested = 0;
        /* Cleared before the level is read: an abort edge after the check still counts. */
        player_aborted = 0;
        if (!player_abort_line_high()) {
            return;
        }
        serial_print("REFUSED abort input high\r\n");
    }
}

static void play(const table_fields *f) {
    schedule_cursor c;
    const uint16_t width = (uint16_t)(f->width_us * TICKS_PER_US);
    uint32_t done = 0;
    serial_print("START\r\n");
    uint8_t more = schedule_begin(&c, f); /* before time 0: its divisions take ~0.3 ms */
    const uint64_t zero = player_now() + START_LEAD_TICKS;
    for (; more; more = schedule_next(&c)) {
        const pulse_result r = player_pulse(zero + schedule_tick(&c), width);
        if (r == PULSE_ABORTED) {
            halt("ABORT ", done);
        }
        if (r == PULSE_LATE) {
            halt("LATE ", done);
        }
        if (r == PULSE_FAULT) {
            halt("FAULT ", done);
        }
        ++done;
    }
    halt("END ", done);
}

int main(void) {
    serial_init();
    player_init();
    sei();
    table_fields f;
    if (!digest_matches()) {
        refuse("digest");
    }
    if (!table_read_fields(&f) || f.width_us != TMSC_PULSE_WIDTH_US) {
        refuse("table");
    }
    serial_print("READY ");
    serial_print_u32(f.pulses);
    serial_print("\r\n");
    wait_for_start();
    play(&f);
    return 0;
}
