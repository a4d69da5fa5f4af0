// libparse: lines and tokens.
#include "parse.h"
#include "str.h"

void parse_lines_init(struct parse_lines *it, const char *text) {
  it->next = text;
  it->number = 0;
}

int parse_next_line(struct parse_lines *it, const char **line, size_t *len) {
  if (!it->next || !*it->next)
    return 0;
  const char *start = it->next, *p = start;
  while (*p && *p != '\n')
    ++p;
  *len = (size_t)(p - start);
  if (*len && p[-1] == '\r')
    --*len;
  it->next = *p ? p + 1 : p;
  ++it->number;
  *line = start;
  return 1;
}

void parse_lexer_init(struct parse_lexer *lx, const char *text, size_t len) {
  lx->p = text;
  lx->end = text + len;
}

static int is_name_char(int c) { return isalnum(c) || c == '_'; }

// Two-character operators, longest match first.
static const char *const two_char_operators[] = {
    "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
};

struct parse_token parse_next_token(struct parse_lexer *lx) {
  struct parse_token t = {TOKEN_END, lx->p, 0, 0};
  while (lx->p < lx->end && isspace(*lx->p))
    ++lx->p;
  t.text = lx->p;
  if (lx->p >= lx->end || *lx->p == '#')
    return t;
  char c = *lx->p;
  if (isdigit(c)) {
    char digits[32];
    size_t n = 0;
    while (lx->p + n < lx->end && is_name_char(lx->p[n]) && n < sizeof digits - 1)
      digits[n] = lx->p[n], ++n;
    digits[n] = 0;
    char *stop;
    t.number = (long)strtoul(digits, &stop, 0);
    t.kind = *stop ? TOKEN_ERROR : TOKEN_NUMBER;
    t.len = n;
  } else if (is_name_char(c)) {
    while (lx->p + t.len < lx->end && is_name_char(lx->p[t.len]))
      ++t.len;
    t.kind = TOKEN_NAME;
  } else if (c == '"') {
    const char *close = memchr(lx->p + 1, '"', (size_t)(lx->end - lx->p - 1));
    if (!close) {
      t.kind = TOKEN_ERROR;
      t.len = (size_t)(lx->end - lx->p);
    } else {
      t.kind = TOKEN_STRING;
      t.text = lx->p + 1;
      t.len = (size_t)(close - lx->p - 1);
      lx->p = close + 1;
      return t;
    }
  } else {
    t.kind = TOKEN_OPERATOR;
    t.len = 1;
    if (lx->p + 1 < lx->end)
      for (size_t i = 0; i < sizeof two_char_operators / sizeof *two_char_operators; ++i)
        if (!strncmp(lx->p, two_char_operators[i], 2))
          t.len = 2;
  }
  lx->p += t.len;
  return t;
}

int parse_assignment(const char *line, size_t len, const char **key,
                     size_t *key_len, const char **value, size_t *value_len) {
  const char *end = line + len;
  const char *hash = memchr(line, '#', len);
  if (hash)
    end = hash;
  while (line < end && isspace(*line))
    ++line;
  while (end > line && isspace(end[-1]))
    --end;
  if (line == end)
    return 1;
  const char *eq = memchr(line, '=', (size_t)(end - line));
  if (!eq || eq == line)
    return -1;
  const char *k_end = eq;
  while (k_end > line && isspace(k_end[-1]))
    --k_end;
  const char *v = eq + 1;
  while (v < end && isspace(*v))
    ++v;
  for (const char *p = line; p < k_end; ++p)
    if (!is_name_char(*p) && *p != '.' && *p != '-')
      return -1;
  *key = line;
  *key_len = (size_t)(k_end - line);
  *value = v;
  *value_len = (size_t)(end - v);
  return 0;
}
