// libfmt: number formatting. Its digit table is read-only data, its call
// counter is data, and its scratch buffer is bss: one of each slot kind.
#include "libs.h"

static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
unsigned long fmt_calls = 1;
static char scratch[72];

// Writes `value` in `base` (2..36) to `out` and returns the length.
unsigned long fmt_unsigned(char *out, unsigned long value, unsigned base) {
  char *p = scratch + sizeof(scratch);
  ++fmt_calls;
  do {
    *--p = digits[value % base];
    value /= base;
  } while (value);
  unsigned long len = (unsigned long)(scratch + sizeof(scratch) - p);
  str_copy(out, p, len);
  out[len] = 0;
  return len;
}
