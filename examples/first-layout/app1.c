// app1: prints a greeting and 2026 in hexadecimal.
#include "libs.h"
#include "sys.h"

static void say(const char *s) { sys_write(s, str_len(s)); }

void _start(void) {
  char num[72];
  say(str_greetings[0]);
  say(", 2026 = 0x");
  fmt_unsigned(num, 2026, 16);
  say(num);
  say("\n");
  sys_exit(0);
}
