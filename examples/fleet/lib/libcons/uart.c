// libcons: polled output on COM1, 115200 8N1, with "\n" sent as "\r\n".
#include "boot.h"
#include "cons.h"

#define COM1 0x3f8
enum {
  UART_DATA = 0,     // with DLAB: divisor low byte
  UART_IER = 1,      // with DLAB: divisor high byte
  UART_FCR = 2,
  UART_LCR = 3,
  UART_MCR = 4,
  UART_LSR = 5,
};
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define LSR_THR_EMPTY 0x20
#define SPIN_LIMIT 100000

static size_t written;
static int ready;

void cons_init(void) {
  boot_outb(COM1 + UART_IER, 0x00);       // no interrupts: we poll
  boot_outb(COM1 + UART_LCR, LCR_DLAB);
  boot_outb(COM1 + UART_DATA, 0x01);      // divisor 1: 115200 baud
  boot_outb(COM1 + UART_IER, 0x00);
  boot_outb(COM1 + UART_LCR, LCR_8N1);
  boot_outb(COM1 + UART_FCR, 0xc7);       // enable and clear the FIFOs
  boot_outb(COM1 + UART_MCR, 0x03);       // DTR, RTS
  ready = 1;
}

static void put_raw(char c) {
  // A missing UART reads as 0xff; give up waiting instead of hanging.
  for (int spins = 0; spins < SPIN_LIMIT; ++spins)
    if (boot_inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
      break;
  boot_outb(COM1 + UART_DATA, (uint8_t)c);
}

void cons_putc(char c) {
  if (!ready)
    cons_init();
  if (c == '\n')
    put_raw('\r');
  put_raw(c);
  ++written;
}

void cons_write(const char *buf, size_t len) {
  for (size_t i = 0; i < len; ++i)
    cons_putc(buf[i]);
}

void cons_puts(const char *s) {
  while (*s)
    cons_putc(*s++);
}

size_t cons_bytes_written(void) { return written; }
