// libstr: string helpers, called by libfmt and by the programs.
#include "libs.h"

const char *const str_greetings[] = {"hello", "bonjour", "hallo", "hola"};
static unsigned long str_copies;

unsigned long str_len(const char *s) {
  unsigned long n = 0;
  while (s[n])
    ++n;
  return n;
}

void str_copy(char *dst, const char *src, unsigned long n) {
  ++str_copies;
  for (unsigned long i = 0; i < n; ++i)
    dst[i] = src[i];
}

unsigned long str_copy_count(void) { return str_copies; }
