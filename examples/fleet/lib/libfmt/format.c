// libfmt: the formatting engine shared by printf and snprintf.
#include <stdint.h>
#include "fmt.h"
#include "str.h"

enum {
  FLAG_LEFT = 1,
  FLAG_ZERO = 2,
  FLAG_PLUS = 4,
  FLAG_SPACE = 8,
  FLAG_ALT = 16,
};

struct spec {
  unsigned flags;
  int width;
  int precision; // -1: none
  char length;   // 'H' hh, 'h', 'l', 'L' ll, 'z', or 0
  char conversion;
};

struct out {
  fmt_sink sink;
  void *context;
  int count;
};

static void emit(struct out *o, const char *s, size_t n) {
  if (n) {
    o->sink(o->context, s, n);
    o->count += (int)n;
  }
}

static void emit_repeat(struct out *o, char c, int n) {
  char run[16];
  memset(run, c, sizeof run);
  while (n > 0) {
    int chunk = n < (int)sizeof run ? n : (int)sizeof run;
    emit(o, run, (size_t)chunk);
    n -= chunk;
  }
}

static const char *parse_spec(const char *p, struct spec *s, va_list *args) {
  s->flags = 0;
  s->width = 0;
  s->precision = -1;
  s->length = 0;
  for (;; ++p) {
    if (*p == '-') s->flags |= FLAG_LEFT;
    else if (*p == '0') s->flags |= FLAG_ZERO;
    else if (*p == '+') s->flags |= FLAG_PLUS;
    else if (*p == ' ') s->flags |= FLAG_SPACE;
    else if (*p == '#') s->flags |= FLAG_ALT;
    else break;
  }
  if (*p == '*') {
    s->width = va_arg(*args, int);
    if (s->width < 0)
      s->flags |= FLAG_LEFT, s->width = -s->width;
    ++p;
  } else {
    while (isdigit(*p))
      s->width = s->width * 10 + (*p++ - '0');
  }
  if (*p == '.') {
    ++p;
    s->precision = 0;
    if (*p == '*') {
      s->precision = va_arg(*args, int);
      if (s->precision < 0)
        s->precision = -1;
      ++p;
    } else {
      while (isdigit(*p))
        s->precision = s->precision * 10 + (*p++ - '0');
    }
  }
  if (p[0] == 'h' && p[1] == 'h') s->length = 'H', p += 2;
  else if (p[0] == 'l' && p[1] == 'l') s->length = 'L', p += 2;
  else if (*p == 'h' || *p == 'l' || *p == 'z') s->length = *p++;
  s->conversion = *p ? *p++ : 0;
  return p;
}

// Digits of VALUE in BASE, backwards into the end of BUF; returns the start.
static char *to_digits(char *end, uint64_t value, unsigned base, int upper) {
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char *p = end;
  do {
    *--p = digits[value % base];
    value /= base;
  } while (value);
  return p;
}

static void emit_number(struct out *o, const struct spec *s, uint64_t magnitude,
                        int negative, unsigned base) {
  char buf[72];
  char *end = buf + sizeof buf;
  char *digits = to_digits(end, magnitude, base, s->conversion == 'X');
  int ndigits = (int)(end - digits);
  if (s->precision == 0 && magnitude == 0 && !(base == 8 && (s->flags & FLAG_ALT)))
    ndigits = 0; // "%.0d" of 0 prints nothing ("%#.0o" prints "0")
  const char *prefix = "";
  int is_signed = s->conversion == 'd' || s->conversion == 'i';
  if (negative) prefix = "-";
  else if (is_signed && (s->flags & FLAG_PLUS)) prefix = "+";
  else if (is_signed && (s->flags & FLAG_SPACE)) prefix = " ";
  if ((s->flags & FLAG_ALT) && magnitude) {
    if (base == 16) prefix = s->conversion == 'X' ? "0X" : "0x";
    else if (base == 2) prefix = "0b";
  }
  if (s->conversion == 'p')
    prefix = "0x";
  int zeros = s->precision > ndigits ? s->precision - ndigits : 0;
  // "%#o" makes the first digit a 0, unless the precision already did.
  if (base == 8 && (s->flags & FLAG_ALT) && zeros == 0 && end[-ndigits] != '0')
    prefix = "0";
  int prefix_len = (int)strlen(prefix);
  int body = prefix_len + zeros + ndigits;
  int pad = s->width > body ? s->width - body : 0;
  if ((s->flags & FLAG_ZERO) && !(s->flags & FLAG_LEFT) && s->precision < 0)
    zeros += pad, pad = 0;
  if (!(s->flags & FLAG_LEFT))
    emit_repeat(o, ' ', pad);
  emit(o, prefix, (size_t)prefix_len);
  emit_repeat(o, '0', zeros);
  emit(o, end - ndigits, (size_t)ndigits);
  if (s->flags & FLAG_LEFT)
    emit_repeat(o, ' ', pad);
}

static void emit_text(struct out *o, const struct spec *s, const char *text,
                      size_t len) {
  if (s->precision >= 0 && (size_t)s->precision < len)
    len = (size_t)s->precision;
  int pad = s->width > (int)len ? s->width - (int)len : 0;
  if (!(s->flags & FLAG_LEFT))
    emit_repeat(o, ' ', pad);
  emit(o, text, len);
  if (s->flags & FLAG_LEFT)
    emit_repeat(o, ' ', pad);
}

static uint64_t unsigned_arg(const struct spec *s, va_list *args) {
  switch (s->length) {
  case 'H': return (unsigned char)va_arg(*args, unsigned);
  case 'h': return (unsigned short)va_arg(*args, unsigned);
  case 'l': return va_arg(*args, unsigned long);
  case 'L': return va_arg(*args, unsigned long long);
  case 'z': return va_arg(*args, size_t);
  default: return va_arg(*args, unsigned);
  }
}

static int64_t signed_arg(const struct spec *s, va_list *args) {
  switch (s->length) {
  case 'H': return (signed char)va_arg(*args, int);
  case 'h': return (short)va_arg(*args, int);
  case 'l': return va_arg(*args, long);
  case 'L': return va_arg(*args, long long);
  case 'z': return (int64_t)va_arg(*args, size_t);
  default: return va_arg(*args, int);
  }
}

int fmt_format(fmt_sink sink, void *context, const char *format, va_list ap) {
  struct out o = {sink, context, 0};
  va_list args;
  va_copy(args, ap);
  const char *p = format;
  while (*p) {
    const char *run = p;
    while (*p && *p != '%')
      ++p;
    emit(&o, run, (size_t)(p - run));
    if (!*p)
      break;
    struct spec s;
    p = parse_spec(p + 1, &s, &args);
    switch (s.conversion) {
    case 'd':
    case 'i': {
      int64_t v = signed_arg(&s, &args);
      emit_number(&o, &s, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10);
      break;
    }
    case 'u': emit_number(&o, &s, unsigned_arg(&s, &args), 0, 10); break;
    case 'x':
    case 'X': emit_number(&o, &s, unsigned_arg(&s, &args), 0, 16); break;
    case 'o': emit_number(&o, &s, unsigned_arg(&s, &args), 0, 8); break;
    case 'b': emit_number(&o, &s, unsigned_arg(&s, &args), 0, 2); break;
    case 'p':
      emit_number(&o, &s, (uintptr_t)va_arg(args, void *), 0, 16);
      break;
    case 'c': {
      char c = (char)va_arg(args, int);
      emit_text(&o, &s, &c, 1);
      break;
    }
    case 's': {
      const char *str = va_arg(args, const char *);
      if (!str)
        str = "(null)";
      emit_text(&o, &s, str,
                s.precision >= 0 ? strnlen(str, (size_t)s.precision)
                                 : strlen(str));
      break;
    }
    case '%': emit(&o, "%", 1); break;
    case 0: break;
    default: // unknown: print it as written
      emit(&o, "%", 1);
      emit(&o, &s.conversion, 1);
      break;
    }
  }
  va_end(args);
  return o.count;
}
