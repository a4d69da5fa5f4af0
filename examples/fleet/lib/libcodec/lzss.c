// libcodec: LZSS. The output is groups of one flag byte and up to eight
// items; a set flag bit means a literal byte, a clear one a match of two
// bytes: 12 bits of distance back (1..4096) and 4 bits of length - 3.
#include "codec.h"
#include "str.h"

#define WINDOW 4096
#define MIN_MATCH 3
#define MAX_MATCH 18
#define HASH_BITS 12
#ifndef CODEC_LZSS_CHAIN
#define CODEC_LZSS_CHAIN 16
#endif

// Hash chains over the window: head[h] is the last position with hash h,
// prev[pos % WINDOW] the one before it.
static int32_t head[1 << HASH_BITS];
static int32_t prev[WINDOW];

static unsigned hash3(const uint8_t *p) {
  return ((unsigned)p[0] << 8 ^ (unsigned)p[1] << 4 ^ p[2]) & ((1u << HASH_BITS) - 1);
}

size_t codec_lzss_bound(size_t len) { return len + (len + 7) / 8; }
unsigned codec_lzss_chain(void) { return CODEC_LZSS_CHAIN; }

size_t codec_lzss_compress(const void *in, size_t len, void *out, size_t size) {
  const uint8_t *src = in;
  uint8_t *dst = out;
  size_t o = 0, flag_at = 0;
  unsigned items = 8;
  for (size_t i = 0; i < sizeof head / sizeof *head; ++i)
    head[i] = -1;
  for (size_t pos = 0; pos < len;) {
    if (items == 8) {
      if (o >= size)
        return (size_t)-1;
      flag_at = o;
      dst[o++] = 0;
      items = 0;
    }
    size_t best_len = 0, best_dist = 0;
    if (pos + MIN_MATCH <= len) {
      unsigned chain = CODEC_LZSS_CHAIN;
      for (int32_t cand = head[hash3(src + pos)];
           cand >= 0 && pos - (size_t)cand <= WINDOW && chain--;
           cand = prev[cand % WINDOW]) {
        size_t n = 0, limit = len - pos < MAX_MATCH ? len - pos : MAX_MATCH;
        while (n < limit && src[cand + n] == src[pos + n])
          ++n;
        if (n > best_len) {
          best_len = n;
          best_dist = pos - (size_t)cand;
          if (n == MAX_MATCH)
            break;
        }
      }
    }
    size_t advance_by;
    if (best_len >= MIN_MATCH) {
      if (o + 2 > size)
        return (size_t)-1;
      unsigned code = (unsigned)(best_dist - 1) << 4 | (unsigned)(best_len - MIN_MATCH);
      dst[o++] = (uint8_t)(code >> 8);
      dst[o++] = (uint8_t)code;
      advance_by = best_len;
    } else {
      if (o + 1 > size)
        return (size_t)-1;
      dst[flag_at] |= (uint8_t)(1u << items);
      dst[o++] = src[pos];
      advance_by = 1;
    }
    ++items;
    for (size_t end = pos + advance_by; pos < end; ++pos) {
      if (pos + MIN_MATCH <= len) {
        unsigned h = hash3(src + pos);
        prev[pos % WINDOW] = head[h];
        head[h] = (int32_t)pos;
      }
    }
  }
  return o;
}

size_t codec_lzss_decompress(const void *in, size_t len, void *out, size_t size) {
  const uint8_t *src = in;
  uint8_t *dst = out;
  size_t i = 0, o = 0;
  while (i < len) {
    unsigned flags = src[i++];
    for (unsigned bit = 0; bit < 8 && i < len; ++bit) {
      if (flags & (1u << bit)) {
        if (o >= size)
          return (size_t)-1;
        dst[o++] = src[i++];
        continue;
      }
      if (i + 2 > len)
        return (size_t)-1;
      unsigned code = (unsigned)src[i] << 8 | src[i + 1];
      i += 2;
      size_t dist = (code >> 4) + 1, n = (code & 15) + MIN_MATCH;
      if (dist > o || o + n > size)
        return (size_t)-1;
      for (size_t k = 0; k < n; ++k, ++o) // may overlap: byte by byte
        dst[o] = dst[o - dist];
    }
  }
  return o;
}
