// calc: evaluates a small program of "name = expression" lines, each
// expression seeing the variables defined before it.
#include "alloc.h"
#include "fmt.h"
#include "hash.h"
#include "parse.h"
#include "str.h"

static const char program[] =
    "# the fleet's calculator\n"
    "pages = 4096\n"
    "kib = 1024\n"
    "images = 6 * 8\n"
    "per_image = 37 * pages\n"
    "total = images * per_image / kib   # KiB without sharing\n"
    "shared = (images - 1) * 29 * pages / kib\n"
    "after = total - shared\n"
    "ratio_x100 = total * 100 / after\n"
    "mask = ~0 << 12 & 0xffffffff\n"
    "aligned = (0x12345 + 0xfff) & mask\n"
    "logic = (3 < 4) && (5 >= 5) || !1\n"
    "bad = 1 / (kib - 1024)\n"
    "undefined = nosuch + 1\n"
    "unbalanced = (1 + 2\n"
    "fib20 = f19 + f18\n";

static int lookup(void *context, const char *name, size_t len, long *value) {
  char key[32];
  snprintf(key, sizeof key, "%.*s", (int)len, name);
  int found;
  long *v = hash_table_get(context, key, &found);
  if (!found)
    return -1;
  *value = *v;
  return 0;
}

static int define(struct hash_table *vars, const char *name, long value) {
  long *v = malloc(sizeof *v);
  void *old;
  if (!v || hash_table_put(vars, name, v, &old))
    return -1;
  *v = value;
  free(old);
  return 0;
}

static void free_value(const char *key, void *value, void *context) {
  (void)key, (void)context;
  free(value);
}

int main(void) {
  struct hash_table vars;
  if (hash_table_init(&vars, 32))
    return 1;
  // Fibonacci numbers as predefined variables f0..f19.
  long a = 0, b = 1;
  for (int i = 0; i < 20; ++i) {
    char name[8];
    snprintf(name, sizeof name, "f%d", i);
    if (define(&vars, name, a))
      return 1;
    long next = a + b;
    a = b, b = next;
  }
  int errors = 0;
  struct parse_lines lines;
  const char *line;
  size_t len;
  parse_lines_init(&lines, program);
  while (parse_next_line(&lines, &line, &len)) {
    const char *key, *expr;
    size_t key_len, expr_len;
    int kind = parse_assignment(line, len, &key, &key_len, &expr, &expr_len);
    if (kind == 1)
      continue;
    if (kind < 0) {
      printf("line %u: not an assignment\n", lines.number);
      ++errors;
      continue;
    }
    struct parse_result r = parse_expression(expr, expr_len, lookup, &vars);
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)key_len, key);
    if (r.error) {
      printf("line %u: %s: %s at column %zu\n", lines.number, name, r.error,
             r.error_offset + 1);
      ++errors;
      continue;
    }
    if (define(&vars, name, r.value))
      return 1;
    printf("%-10s = %ld\n", name, r.value);
  }
  printf("%zu variables, %d errors\n", vars.count, errors);
  hash_table_each(&vars, free_value, 0);
  hash_table_destroy(&vars);
  return errors == 3 && alloc_check() == 0 ? 0 : 1;
}
