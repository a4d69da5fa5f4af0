// kvstore: a key-value store driven by a script of commands, on libhash's
// table with libparse's lexer and liballoc's heap.
#include "alloc.h"
#include "crypto.h"
#include "fmt.h"
#include "hash.h"
#include "parse.h"
#include "str.h"

static const char script[] =
    "set alpha 1\n"
    "set beta 22\n"
    "set gamma 333\n"
    "get beta\n"
    "set beta 4444\n"
    "get beta\n"
    "del alpha\n"
    "get alpha\n"
    "fill 200\n"
    "get key137\n"
    "digest 200\n"
    "count\n"
    "drain 150\n"
    "count\n"
    "get key180\n"
    "get key20\n"
    "bogus command\n";

static char *copy_token(const struct parse_token *t) {
  char *s = malloc(t->len + 1);
  if (s) {
    memcpy(s, t->text, t->len);
    s[t->len] = 0;
  }
  return s;
}

static void free_value(const char *key, void *value, void *context) {
  (void)key, (void)context;
  free(value);
}

int main(void) {
  struct hash_table table;
  if (hash_table_init(&table, 4)) {
    printf("kvstore: out of memory\n");
    return 1;
  }
  int errors = 0;
  struct parse_lines lines;
  const char *line;
  size_t len;
  parse_lines_init(&lines, script);
  while (parse_next_line(&lines, &line, &len)) {
    struct parse_lexer lx;
    parse_lexer_init(&lx, line, len);
    struct parse_token cmd = parse_next_token(&lx);
    struct parse_token arg = parse_next_token(&lx);
    struct parse_token val = parse_next_token(&lx);
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)arg.len, arg.text);
    if (cmd.len == 3 && !strncmp(cmd.text, "set", 3)) {
      void *old;
      char *v = copy_token(&val);
      if (!v || hash_table_put(&table, name, v, &old))
        return 1;
      free(old);
    } else if (cmd.len == 3 && !strncmp(cmd.text, "get", 3)) {
      int found;
      const char *v = hash_table_get(&table, name, &found);
      printf("get %s -> %s\n", name, found ? v : "(none)");
    } else if (cmd.len == 3 && !strncmp(cmd.text, "del", 3)) {
      void *v = hash_table_get(&table, name, 0);
      free(v);
      printf("del %s -> %s\n", name, hash_table_remove(&table, name) ? "missing" : "ok");
    } else if (cmd.len == 4 && !strncmp(cmd.text, "fill", 4)) {
      for (long i = 0; i < arg.number; ++i) {
        char key[16], value[24];
        snprintf(key, sizeof key, "key%ld", i);
        snprintf(value, sizeof value, "v%lu", (unsigned long)(i * i * 7919 % 100003));
        struct parse_token t = {TOKEN_NAME, value, strlen(value), 0};
        void *old;
        if (hash_table_put(&table, key, copy_token(&t), &old))
          return 1;
        free(old);
      }
    } else if (cmd.len == 6 && !strncmp(cmd.text, "digest", 6)) {
      // An integrity digest of keys key0..keyN-1: HMAC-SHA-256 over
      // "key=value;" for each, in order.
      enum { DIGEST_TEXT = 16 * 1024 };
      char *all = malloc(DIGEST_TEXT);
      if (!all)
        return 1;
      size_t used = 0;
      for (long i = 0; i < arg.number; ++i) {
        char key[16];
        snprintf(key, sizeof key, "key%ld", i);
        const char *v = hash_table_get(&table, key, 0);
        int n = snprintf(all + used, DIGEST_TEXT - used, "%s=%s;", key, v ? v : "");
        if (n < 0 || (size_t)n >= DIGEST_TEXT - used)
          break; // the digest covers the keys that fit
        used += (size_t)n;
      }
      uint8_t mac[32];
      char hex[65];
      hmac_sha256("kvstore", 7, all, used, mac);
      crypto_hex(mac, 32, hex);
      printf("digest of %ld keys (%zu bytes) -> %s\n", arg.number, used, hex);
      free(all);
    } else if (cmd.len == 5 && !strncmp(cmd.text, "drain", 5)) {
      for (long i = 0; i < arg.number; ++i) {
        char key[16];
        snprintf(key, sizeof key, "key%ld", i);
        free(hash_table_get(&table, key, 0));
        hash_table_remove(&table, key);
      }
    } else if (cmd.len == 5 && !strncmp(cmd.text, "count", 5)) {
      printf("count -> %zu (capacity %zu)\n", table.count, table.capacity);
    } else {
      printf("line %u: unknown command '%.*s'\n", lines.number, (int)cmd.len, cmd.text);
      ++errors;
    }
  }
  hash_table_each(&table, free_value, 0);
  hash_table_destroy(&table);
  struct alloc_stats stats;
  alloc_get_stats(&stats);
  printf("heap (%s): %zu bytes in use after cleanup, %zu allocations, check %d\n",
         alloc_policy(), stats.used_bytes, stats.allocations, alloc_check());
  return errors == 1 && stats.used_bytes == 0 && alloc_check() == 0 ? 0 : 1;
}
