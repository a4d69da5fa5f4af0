// hello: the smallest member of the fleet: formatting and strings only.
#include "boot.h"
#include "cons.h"
#include "fmt.h"
#include "str.h"

int main(void) {
  printf("hello from the spacer fleet\n");
  static const struct { const char *name; int value; } rows[] = {
      {"answer", 42}, {"negative", -17}, {"big", 1000000}, {"zero", 0},
  };
  char line[64];
  for (unsigned i = 0; i < sizeof rows / sizeof *rows; ++i) {
    snprintf(line, sizeof line, "%-10s|%8d|%#10x|%+05d", rows[i].name,
             rows[i].value, (unsigned)rows[i].value, rows[i].value);
    printf("%s\n", line);
  }
  char word[] = "unikernel";
  str_reverse(word, strlen(word));
  printf("reversed: %s, length %zu\n", word, strlen(word));
  printf("strtol: %ld %ld %ld\n", strtol("0x1f", 0, 0), strtol("-0b101", 0, 0),
         strtol("  777", 0, 8));
  size_t before = cons_bytes_written();
  printf("%s\n", "12345");
  printf("console bytes for the last line: %zu\n", cons_bytes_written() - before);
  return 0;
}
