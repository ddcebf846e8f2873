/* Timer1 and the interrupts that drive the trigger pin. */
#include "player.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>

volatile uint8_t player_start_requested;
volatile uint8_t player_aborted;

static volatile uint32_t overflows;
/* Which edge the armed compare makes; FAULT when the pin was not where the edge put it. */
static volatile enum { IDLE, RISE, FALL, FAULT } phase;
static volatile uint16_t fall_low;
/* A match of the previous compare value came while a rise was being armed. */
static volatile uint8_t stale_match;

/* An edge is armed only when it is closer than this, so the previous match of its low 16 bits
 * (65536 ticks earlier) is already past; the OCR1B wake-ups every half round catch it. */
#define ARM_WINDOW 65280u

/* Toggle on match, connected only from arming a rise to its fall: set and clear modes would
 * do as well on the chip, but simavr 1.6 applies their PWM meaning (the opposite level at each
 * overflow) in normal mode too, and the tests run on simavr. Each edge's level is checked. */
#define COM_TOGGLE _BV(COM1A0)
#define COM_OFF 0

void player_init(void) {
    PORTB &= (uint8_t)~_BV(PB1);
    DDRB |= _BV(PB1);
    PORTD |= _BV(PD2) | _BV(PD3); /* pull-ups: an open abort line reads high, so aborts */
    TCCR1A = COM_OFF;             /* the pin follows PORTB1: low */
    TCCR1B = _BV(CS11);           /* prescaler 8: 2 MHz */
    OCR1B = 0x8000;
    TIFR1 = 0xFF;
    /* Compare A interrupts stay enabled: the firmware never writes TIFR1 after this, because
     * simavr 1.6 clears every Timer1 flag on any write to it (the chip clears only the bits
     * written 1) and a lost overflow would put every later edge one counter round late. */
    TIMSK1 = _BV(TOIE1) | _BV(OCIE1A) | _BV(OCIE1B);
    EICRA = _BV(ISC01) | _BV(ISC00) | _BV(ISC11); /* INT0 rising, INT1 falling */
    EIFR = _BV(INTF0) | _BV(INTF1);
    EIMSK = _BV(INT0) | _BV(INT1);
    set_sleep_mode(SLEEP_MODE_IDLE);
}

ISR(TIMER1_OVF_vect) { ++overflows; }

/* Only wakes the main loop halfway through each counter round. */
EMPTY_INTERRUPT(TIMER1_COMPB_vect);

ISR(TIMER1_COMPA_vect) {
    if (stale_match) {
        stale_match = 0;
        return;
    }
    if (phase != RISE && phase != FALL) {
        return; /* nothing armed: the output is disconnected */
    }
    const uint8_t high = (PINB & _BV(PB1)) != 0;
    if (phase == RISE && high) {
        OCR1A = fall_low;
        phase = FALL;
        return;
    }
    TCCR1A = COM_OFF;
    if (high) {
        PORTB &= (uint8_t)~_BV(PB1);
    }
    phase = phase == FALL && !high ? IDLE : FAULT;
}

void player_stop(void) {
    /* Disconnected, OC1A gives the pin back to PORTB1, which is low. */
    TCCR1A = COM_OFF;
    PORTB &= (uint8_t)~_BV(PB1);
    if (phase != FAULT) {
        phase = IDLE;
    }
}

ISR(INT0_vect) {
    player_stop();
    player_aborted = 1;
}

ISR(INT1_vect) { player_start_requested = 1; }

ISR(USART_RX_vect) {
    const uint8_t c = UDR0;
    if (c == 'X') {
        player_stop();
        player_aborted = 1;
    } else if (c == 'S') {
        player_start_requested = 1;
    }
}

/* Call with interrupts off. */
static uint64_t now_locked(void) {
    const uint16_t low = TCNT1;
    uint32_t high = overflows;
    if ((TIFR1 & _BV(TOV1)) && low < 0x8000) {
        ++high; /* the counter wrapped and the overflow interrupt has not run yet */
    }
    return ((uint64_t)high << 16) | low;
}

uint64_t player_now(void) {
    const uint8_t sreg = SREG;
    cli();
    const uint64_t t = now_locked();
    SREG = sreg;
    return t;
}

uint8_t player_abort_line_high(void) { return (PIND & _BV(PD2)) != 0; }

void player_idle(void) {
    sleep_enable();
    sei();
    sleep_cpu();
    sleep_disable();
}

/* 1 armed, 0 not yet (sleep and retry), -1 late, -2 aborted. Interrupts are off while it
 * runs, so nothing comes between reading the counter and writing the compare, and an abort
 * either came before (and nothing is armed) or comes after (and disarms). */
static int8_t try_arm(uint64_t rise, uint16_t width) {
    cli();
    if (player_aborted) {
        sei();
        return -2;
    }
    const uint64_t now = now_locked();
    if (rise < now + ARM_MARGIN) {
        sei();
        return -1;
    }
    if (rise - now >= ARM_WINDOW) {
        return 0; /* interrupts stay off: player_idle enables them and sleeps atomically */
    }
    fall_low = (uint16_t)(rise + width);
    phase = RISE;
    OCR1A = (uint16_t)rise;
    TCCR1A = COM_TOGGLE;
    /* A flag pending now is from the old value: the new one is ARM_MARGIN ticks away. */
    stale_match = (TIFR1 & _BV(OCF1A)) != 0;
    sei();
    return 1;
}

pulse_result player_pulse(uint64_t rise, uint16_t width) {
    int8_t armed;
    while ((armed = try_arm(rise, width)) == 0) {
        player_idle();
    }
    if (armed < 0) {
        return armed == -1 ? PULSE_LATE : PULSE_ABORTED;
    }
    for (;;) {
        cli();
        if (player_aborted) {
            sei();
            return PULSE_ABORTED;
        }
        if (phase == IDLE || phase == FAULT) {
            const uint8_t fault = phase == FAULT;
            sei();
            return fault ? PULSE_FAULT : PULSE_DONE;
        }
        player_idle();
    }
}
