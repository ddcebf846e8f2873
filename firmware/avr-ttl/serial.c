/* Polled transmission: reports are sent only outside the timed part of a run (before the
 * first edge, after the last one or after an abort), so blocking costs no timing. */
#include "serial.h"

#include <avr/io.h>

void serial_init(void) {
    /* U2X: 16 MHz / (8 x (16 + 1)) = 117647 baud, 2.1 % from 115200, as Arduino's bootloader. */
    UCSR0A = _BV(U2X0);
    UBRR0 = 16;
    UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
}

static void send(char c) {
    while (!(UCSR0A & _BV(UDRE0))) {
    }
    UDR0 = (uint8_t)c;
}

void serial_print(const char *text) {
    while (*text) {
        send(*text++);
    }
}

void serial_print_u32(uint32_t value) {
    char digits[10];
    uint8_t n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n) {
        send(digits[--n]);
    }
}
