// libparse: a small line-oriented parser. Splits text into lines and
// tokens, reads "key = value" configuration, and evaluates integer
// expressions with variables (+ - * / % << >> & | ^ ~ ! comparisons && ||
// and parentheses, C precedence; && and || evaluate both operands).
#ifndef FLEET_PARSE_H
#define FLEET_PARSE_H
#include <stddef.h>

// Iterates over the lines of TEXT: returns 1 with the next line in *LINE
// (not terminated) and its length in *LEN, or 0 at the end.
struct parse_lines {
  const char *next;
  unsigned number; // 1-based number of the line last returned
};
void parse_lines_init(struct parse_lines *it, const char *text);
int parse_next_line(struct parse_lines *it, const char **line, size_t *len);

enum parse_token_kind {
  TOKEN_END,
  TOKEN_NUMBER,
  TOKEN_NAME,
  TOKEN_STRING, // "quoted", text without the quotes
  TOKEN_OPERATOR,
  TOKEN_ERROR,
};
struct parse_token {
  enum parse_token_kind kind;
  const char *text;
  size_t len;
  long number;
};
struct parse_lexer {
  const char *p, *end;
};
void parse_lexer_init(struct parse_lexer *lx, const char *text, size_t len);
struct parse_token parse_next_token(struct parse_lexer *lx);

// Variables for expressions: a name lookup the caller provides.
typedef int (*parse_lookup)(void *context, const char *name, size_t len,
                            long *value);
struct parse_result {
  long value;
  const char *error; // 0 on success
  size_t error_offset;
};
struct parse_result parse_expression(const char *text, size_t len,
                                     parse_lookup lookup, void *context);

// Splits "key = value  # comment"; returns 0 with both trimmed, 1 for a
// blank or comment line, -1 for a malformed one.
int parse_assignment(const char *line, size_t len, const char **key,
                     size_t *key_len, const char **value, size_t *value_len);
#endif
