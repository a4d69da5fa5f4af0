// libcodec: Base64.
#include "codec.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t codec_base64_encode(const void *in, size_t len, char *out, size_t size) {
  const uint8_t *p = in;
  size_t need = (len + 2) / 3 * 4;
  if (need + 1 > size)
    return (size_t)-1;
  char *o = out;
  for (size_t i = 0; i < len; i += 3) {
    uint32_t v = (uint32_t)p[i] << 16;
    if (i + 1 < len) v |= (uint32_t)p[i + 1] << 8;
    if (i + 2 < len) v |= p[i + 2];
    *o++ = alphabet[v >> 18 & 63];
    *o++ = alphabet[v >> 12 & 63];
    *o++ = i + 1 < len ? alphabet[v >> 6 & 63] : '=';
    *o++ = i + 2 < len ? alphabet[v & 63] : '=';
  }
  *o = 0;
  return need;
}

static int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

size_t codec_base64_decode(const char *in, size_t len, void *out, size_t size) {
  if (len % 4)
    return (size_t)-1;
  uint8_t *o = out;
  size_t n = 0;
  for (size_t i = 0; i < len; i += 4) {
    int pad = (in[i + 3] == '=') + (in[i + 2] == '=');
    if (pad && i + 4 != len)
      return (size_t)-1;
    uint32_t v = 0;
    for (int j = 0; j < 4 - pad; ++j) {
      int d = value_of(in[i + j]);
      if (d < 0)
        return (size_t)-1;
      v |= (uint32_t)d << (18 - 6 * j);
    }
    if (n + 3 - (size_t)pad > size)
      return (size_t)-1;
    o[n++] = (uint8_t)(v >> 16);
    if (pad < 2) o[n++] = (uint8_t)(v >> 8);
    if (pad < 1) o[n++] = (uint8_t)v;
  }
  return n;
}
