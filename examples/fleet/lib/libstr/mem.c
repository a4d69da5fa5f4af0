// libstr: memory routines. Word-at-a-time where both pointers allow it.
#include <stdint.h>
#include "str.h"

typedef uint64_t word_t;
#define WORD sizeof(word_t)

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((((uintptr_t)d | (uintptr_t)s) & (WORD - 1)) == 0) {
    for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
      *(word_t *)d = *(const word_t *)s;
  }
  while (n--)
    *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d == s || n == 0)
    return dst;
  if (d < s || d >= s + n)
    return memcpy(dst, src, n);
  d += n;
  s += n;
  while (n--)
    *--d = *--s;
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  word_t pattern = (unsigned char)c * (word_t)0x0101010101010101ull;
  while (n && ((uintptr_t)d & (WORD - 1)))
    *d++ = (unsigned char)c, --n;
  for (; n >= WORD; n -= WORD, d += WORD)
    *(word_t *)d = pattern;
  while (n--)
    *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

void *memchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  for (size_t i = 0; i < n; ++i)
    if (p[i] == (unsigned char)c)
      return (void *)(p + i);
  return 0;
}
