// libboot: from the PVH entry (pvh.S) to the application and back out.
#include "boot.h"
#include "cons.h"

#define PVH_START_MAGIC 0x336ec578u
#define DEBUG_EXIT_PORT 0xf4

// The part of Xen's hvm_start_info that we read.
struct pvh_start_info {
  uint32_t magic;
  uint32_t version;
  uint32_t flags;
  uint32_t nr_modules;
  uint64_t modlist_paddr;
  uint64_t cmdline_paddr;
  uint64_t rsdp_paddr;
};

static const char *cmdline = "";

const char *boot_cmdline(void) { return cmdline; }

int boot_has_option(const char *word) {
  const char *p = cmdline;
  while (*p) {
    while (*p == ' ')
      ++p;
    const char *w = word;
    while (*w && *p == *w)
      ++p, ++w;
    if (!*w && (*p == ' ' || !*p))
      return 1;
    while (*p && *p != ' ')
      ++p;
  }
  return 0;
}

void boot_exit(int status) {
  if (status < 0 || status > 126)
    status = 126;
  boot_outb(DEBUG_EXIT_PORT, (uint8_t)(status + 1));
  // Without the exit device, stop here.
  for (;;)
    __asm__ volatile("cli; hlt");
}

static uint64_t read_tsc(void) {
  uint32_t lo, hi;
  __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
  return (uint64_t)hi << 32 | lo;
}

static void put_decimal(uint64_t v) {
  char digits[24];
  int n = 0;
  do
    digits[n++] = (char)('0' + v % 10);
  while (v /= 10);
  while (n)
    cons_putc(digits[--n]);
}

__attribute__((noreturn)) void boot_main(const struct pvh_start_info *info) {
  cons_init();
  if (info && info->magic == PVH_START_MAGIC && info->cmdline_paddr)
    cmdline = (const char *)(uintptr_t)info->cmdline_paddr;
  else if (info && info->magic != PVH_START_MAGIC)
    cons_puts("boot: no PVH start info; ignoring the command line\n");

  // "cycles" on the command line reports how long main() ran, in time
  // stamp counter ticks, for the run-time benchmark. Only then is the
  // counter read: a value that differs per boot would make every guest's
  // stack page unique.
  int timing = boot_has_option("cycles");
  uint64_t start = timing ? read_tsc() : 0;
  int status = main();
  if (timing) {
    uint64_t ticks = read_tsc() - start;
    cons_puts("boot: main took ");
    put_decimal(ticks);
    cons_puts(" cycles\n");
  }

  // The KSM benchmark boots many guests and keeps them in memory: "hold"
  // stops the CPU here instead of leaving QEMU.
  if (boot_has_option("hold")) {
    cons_puts(status == 0 ? "boot: holding\n" : "boot: failed, holding\n");
    for (;;)
      __asm__ volatile("cli; hlt");
  }
  boot_exit(status);
}
