/* Edges in hardware: Timer1 counts 0.5 us ticks and its output compare A sets and clears the
 * trigger pin OC1A (PB1, Arduino D9) on the exact tick (toggle on compare match), so no instruction timing reaches the
 * pin. Overflows extend the 16-bit counter to 64 bits; an edge further away than one counter
 * round is armed only once it is less than a round away, so every compare match is the edge. */
#ifndef AVR_TTL_PLAYER_H
#define AVR_TTL_PLAYER_H

#include <stdint.h>

/** How a pulse ended. */
typedef enum { PULSE_DONE, PULSE_LATE, PULSE_ABORTED, PULSE_FAULT } pulse_result;

/** Set by the start input (falling edge on PD3) or the serial byte 'S'. */
extern volatile uint8_t player_start_requested;
/** Set by the abort input (rising edge on PD2) or the serial byte 'X'; the pin is already low. */
extern volatile uint8_t player_aborted;

/** Pins, Timer1 (prescaler 8, free running), the start and abort interrupts. */
void player_init(void);
/** Ticks since player_init, 64 bits. */
uint64_t player_now(void);
/** Raises the trigger pin at tick `rise` for `width` ticks and waits for the fall. LATE when
 * `rise` is less than ARM_MARGIN ticks away when it is armed (nothing is raised); FAULT when
 * the pin did not follow an edge (it is driven low). */
pulse_result player_pulse(uint64_t rise, uint16_t width);
/** Drives the trigger pin low at once and disarms the compare. */
void player_stop(void);
/** Whether the abort input is high (open or pressed). */
uint8_t player_abort_line_high(void);
/** Sleeps (idle mode: timers run) until any interrupt. */
void player_idle(void);

/** An edge must be armed at least this many ticks ahead (32 us). */
#define ARM_MARGIN 64u
/** Shortest pulse: the compare interrupt rearms for the fall within it (16 us). */
#define MIN_WIDTH_TICKS 32u
/** Longest pulse: the fall is armed at the rise, inside one counter round (30 ms). */
#define MAX_WIDTH_TICKS 60000u

#endif
