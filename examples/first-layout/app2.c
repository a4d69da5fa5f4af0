// app2: prints every greeting with its length, and the sum of the first
// 100 squares in binary; more code and data than app1, so without an
// agreed layout the libraries would land elsewhere.
#include "libs.h"
#include "sys.h"

static const char separator[] = " -> ";
static unsigned long squares[100];

static void say(const char *s) { sys_write(s, str_len(s)); }

void _start(void) {
  char num[72];
  for (int i = 0; i < 4; ++i) {
    say(str_greetings[i]);
    say(separator);
    fmt_unsigned(num, str_len(str_greetings[i]), 10);
    say(num);
    say("\n");
  }
  unsigned long sum = 0;
  for (unsigned long i = 0; i < 100; ++i)
    sum += squares[i] = i * i;
  say("sum of squares = 0b");
  fmt_unsigned(num, sum, 2);
  say(num);
  say("\n");
  sys_exit(str_copy_count() == 0);
}
