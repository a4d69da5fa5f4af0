// libparse: integer expressions by precedence climbing over the lexer's
// tokens. Division by zero and unknown variables are errors, not traps.
#include "parse.h"
#include "str.h"

struct parser {
  struct parse_lexer lexer;
  struct parse_token token; // the lookahead
  const char *start;
  parse_lookup lookup;
  void *context;
  const char *error;
  size_t error_offset;
  int depth;
};

#define MAX_DEPTH 64

static void advance(struct parser *ps) { ps->token = parse_next_token(&ps->lexer); }

static void fail(struct parser *ps, const char *message) {
  if (!ps->error) {
    ps->error = message;
    ps->error_offset = (size_t)(ps->token.text - ps->start);
  }
}

static int is_op(const struct parser *ps, const char *op) {
  return ps->token.kind == TOKEN_OPERATOR && ps->token.len == strlen(op) &&
         !strncmp(ps->token.text, op, ps->token.len);
}

// Binary operators from loosest to tightest binding.
struct binary {
  const char *op;
  int precedence;
};
static const struct binary binaries[] = {
    {"||", 1}, {"&&", 2}, {"|", 3},  {"^", 4},  {"&", 5},  {"==", 6},
    {"!=", 6}, {"<", 7},  {"<=", 7}, {">", 7},  {">=", 7}, {"<<", 8},
    {">>", 8}, {"+", 9},  {"-", 9},  {"*", 10}, {"/", 10}, {"%", 10},
};

static const struct binary *current_binary(const struct parser *ps) {
  if (ps->token.kind != TOKEN_OPERATOR)
    return 0;
  for (size_t i = 0; i < sizeof binaries / sizeof *binaries; ++i)
    if (is_op(ps, binaries[i].op))
      return &binaries[i];
  return 0;
}

static long expression(struct parser *ps, int min_precedence);

static long primary(struct parser *ps) {
  if (++ps->depth > MAX_DEPTH) {
    fail(ps, "expression nested too deeply");
    return 0;
  }
  long value = 0;
  if (ps->token.kind == TOKEN_NUMBER) {
    value = ps->token.number;
    advance(ps);
  } else if (ps->token.kind == TOKEN_NAME) {
    if (!ps->lookup || ps->lookup(ps->context, ps->token.text, ps->token.len, &value))
      fail(ps, "unknown variable");
    advance(ps);
  } else if (is_op(ps, "(")) {
    advance(ps);
    value = expression(ps, 1);
    if (!is_op(ps, ")"))
      fail(ps, "expected ')'");
    advance(ps);
  } else if (is_op(ps, "-") || is_op(ps, "~") || is_op(ps, "!") || is_op(ps, "+")) {
    char op = *ps->token.text;
    advance(ps);
    long operand = primary(ps);
    value = op == '-'   ? (long)(0ul - (unsigned long)operand) // no overflow trap
            : op == '~' ? ~operand
            : op == '!' ? !operand
                        : operand;
  } else if (ps->token.kind == TOKEN_END) {
    fail(ps, "unexpected end of expression");
  } else {
    fail(ps, "unexpected token");
    advance(ps);
  }
  --ps->depth;
  return value;
}

static long apply(struct parser *ps, const char *op, long a, long b) {
  switch (op[0]) {
  case '|': return op[1] ? (a || b) : (a | b);
  case '&': return op[1] ? (a && b) : (a & b);
  case '^': return a ^ b;
  case '=': return a == b;
  case '!': return a != b;
  case '<': return op[1] == '<' ? (long)((unsigned long)a << (b & 63)) : op[1] ? a <= b : a < b;
  case '>': return op[1] == '>' ? a >> (b & 63) : op[1] ? a >= b : a > b;
  case '+': return (long)((unsigned long)a + (unsigned long)b);
  case '-': return (long)((unsigned long)a - (unsigned long)b);
  case '*': return (long)((unsigned long)a * (unsigned long)b);
  case '/':
  case '%':
    if (b == 0) {
      fail(ps, "division by zero");
      return 0;
    }
    if (a == (long)(1ul << 63) && b == -1)
      return op[0] == '/' ? a : 0;
    return op[0] == '/' ? a / b : a % b;
  }
  return 0;
}

static long expression(struct parser *ps, int min_precedence) {
  long left = primary(ps);
  for (const struct binary *b; (b = current_binary(ps)) && b->precedence >= min_precedence;) {
    advance(ps);
    long right = expression(ps, b->precedence + 1);
    left = apply(ps, b->op, left, right);
  }
  return left;
}

struct parse_result parse_expression(const char *text, size_t len,
                                     parse_lookup lookup, void *context) {
  struct parser ps;
  memset(&ps, 0, sizeof ps);
  parse_lexer_init(&ps.lexer, text, len);
  ps.start = text;
  ps.lookup = lookup;
  ps.context = context;
  advance(&ps);
  struct parse_result r;
  r.value = expression(&ps, 1);
  if (!ps.error && ps.token.kind == TOKEN_ERROR)
    fail(&ps, "malformed token");
  if (!ps.error && ps.token.kind != TOKEN_END)
    fail(&ps, "trailing input");
  r.error = ps.error;
  r.error_offset = ps.error_offset;
  if (ps.error)
    r.value = 0;
  return r;
}
