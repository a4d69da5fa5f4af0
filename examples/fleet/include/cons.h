// libcons: the serial console (a 16550 UART at COM1).
#ifndef FLEET_CONS_H
#define FLEET_CONS_H
#include <stddef.h>

void cons_init(void);
void cons_putc(char c);
void cons_write(const char *buf, size_t len);
void cons_puts(const char *s);
// Bytes written since boot, for applications that report their output size.
size_t cons_bytes_written(void);
#endif
