// libboot: the boot layer. QEMU starts the image through its PVH entry;
// boot_main() brings up the console, runs the application's main() and
// reports its status through QEMU's isa-debug-exit device.
#ifndef FLEET_BOOT_H
#define FLEET_BOOT_H
#include <stdint.h>

// The application's entry point. Its return value is the image's status.
int main(void);

// Stops the machine with STATUS, 0..126. The exit device makes QEMU exit
// with (value << 1) | 1; we write STATUS + 1, so QEMU exits with
// 2 * STATUS + 3, and its own failures (exit 1) never read as a status.
__attribute__((noreturn)) void boot_exit(int status);

// The kernel command line QEMU passed with -append ("" when none).
const char *boot_cmdline(void);

// Whether the command line holds WORD as a whole word.
int boot_has_option(const char *word);

static inline void boot_outb(uint16_t port, uint8_t value) {
  __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}
static inline uint8_t boot_inb(uint16_t port) {
  uint8_t value;
  __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}
#endif
