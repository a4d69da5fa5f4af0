// libboot: the boot layer. QEMU starts the image through its PVH entry;
// boot_main() brings up the console, runs the application's main() and
// reports its status through QEMU's isa-debug-exit device.
#ifndef FLEET_BOOT_H
#define FLEET_BOOT_H
#include <stdint.h>

// The application's entry point. Its return value is the image's status.
int main(void);

// Stops the machine with STATUS (QEMU exits with STATUS * 2 + 1).
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
