// libstr: NUL-terminated strings and character classes.
#include "str.h"

size_t strlen(const char *s) {
  const char *p = s;
  while (*p)
    ++p;
  return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n])
    ++n;
  return n;
}

int strcmp(const char *a, const char *b) {
  while (*a && *a == *b)
    ++a, ++b;
  return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
  for (; n; --n, ++a, ++b) {
    if (*a != *b)
      return (unsigned char)*a - (unsigned char)*b;
    if (!*a)
      return 0;
  }
  return 0;
}

char *strchr(const char *s, int c) {
  for (;; ++s) {
    if (*s == (char)c)
      return (char *)s;
    if (!*s)
      return 0;
  }
}

char *strrchr(const char *s, int c) {
  const char *last = 0;
  for (;; ++s) {
    if (*s == (char)c)
      last = s;
    if (!*s)
      return (char *)last;
  }
}

char *strstr(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  if (!n)
    return (char *)haystack;
  for (; *haystack; ++haystack)
    if (*haystack == *needle && !strncmp(haystack, needle, n))
      return (char *)haystack;
  return 0;
}

size_t strlcpy(char *dst, const char *src, size_t size) {
  size_t len = strlen(src);
  if (size) {
    size_t n = len < size - 1 ? len : size - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
  }
  return len;
}

size_t strlcat(char *dst, const char *src, size_t size) {
  size_t used = strnlen(dst, size);
  if (used == size)
    return size + strlen(src);
  return used + strlcpy(dst + used, src, size - used);
}

size_t strspn(const char *s, const char *accept) {
  size_t n = 0;
  while (s[n] && strchr(accept, s[n]))
    ++n;
  return n;
}

size_t strcspn(const char *s, const char *reject) {
  size_t n = 0;
  while (s[n] && !strchr(reject, s[n]))
    ++n;
  return n;
}

char *strtok_r(char *s, const char *delim, char **save) {
  if (!s)
    s = *save;
  s += strspn(s, delim);
  if (!*s) {
    *save = s;
    return 0;
  }
  char *end = s + strcspn(s, delim);
  if (*end)
    *end++ = 0;
  *save = end;
  return s;
}

int isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
int isdigit(int c) { return c >= '0' && c <= '9'; }
int isalpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
int isalnum(int c) { return isalpha(c) || isdigit(c); }
int tolower(int c) { return c >= 'A' && c <= 'Z' ? c | 32 : c; }
int toupper(int c) { return c >= 'a' && c <= 'z' ? c & ~32 : c; }

static int digit_value(int c) {
  if (isdigit(c))
    return c - '0';
  if (isalpha(c))
    return tolower(c) - 'a' + 10;
  return 99;
}

unsigned long strtoul(const char *s, char **end, int base) {
  const char *p = s;
  while (isspace(*p))
    ++p;
  if (*p == '+')
    ++p;
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x')
    p += 2, base = 16;
  else if ((base == 0 || base == 2) && p[0] == '0' && (p[1] | 32) == 'b')
    p += 2, base = 2;
  else if (base == 0)
    base = p[0] == '0' ? 8 : 10;
  unsigned long value = 0;
  const char *digits = p;
  for (int d; (d = digit_value(*p)) < base; ++p)
    value = value * (unsigned long)base + (unsigned long)d;
  if (end)
    *end = (char *)(p == digits ? s : p);
  return value;
}

long strtol(const char *s, char **end, int base) {
  const char *p = s;
  while (isspace(*p))
    ++p;
  int negative = *p == '-';
  if (negative)
    ++p;
  char *stop;
  unsigned long magnitude = strtoul(p, &stop, base);
  if (end)
    *end = stop == p ? (char *)s : stop;
  // Negate in unsigned arithmetic: -(long)2^63 would overflow.
  return negative ? (long)(0ul - magnitude) : (long)magnitude;
}

int atoi(const char *s) { return (int)strtol(s, 0, 10); }

void str_reverse(char *s, size_t len) {
  for (size_t i = 0, j = len; i + 1 < j; ++i, --j) {
    char t = s[i];
    s[i] = s[j - 1];
    s[j - 1] = t;
  }
}

char *str_trim(char *s) {
  while (isspace(*s))
    ++s;
  size_t n = strlen(s);
  while (n && isspace(s[n - 1]))
    s[--n] = 0;
  return s;
}
