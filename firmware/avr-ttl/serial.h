/* USART0 at 115200 baud, 8N1: the firmware's reports (README.md, "Serial protocol") and the
 * start and abort bytes it accepts. */
#ifndef AVR_TTL_SERIAL_H
#define AVR_TTL_SERIAL_H

#include <stdint.h>

/** Sets up USART0 (receive interrupt on). */
void serial_init(void);
/** Sends `text` and waits until the last byte is in the transmitter. */
void serial_print(const char *text);
/** Sends `value` in decimal. */
void serial_print_u32(uint32_t value);

#endif
