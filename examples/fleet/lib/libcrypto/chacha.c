// libcrypto: ChaCha20, Poly1305 and their AEAD construction (RFC 8439).
#include "crypto.h"
#include "str.h"

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void put_le32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}
static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

#define QUARTER(a, b, c, d)                                                    \
  a += b, d = rol32(d ^ a, 16), c += d, b = rol32(b ^ c, 12),                  \
  a += b, d = rol32(d ^ a, 8), c += d, b = rol32(b ^ c, 7)

static void chacha20_block(const uint8_t key[32], const uint8_t nonce[12],
                           uint32_t counter, uint8_t out[64]) {
  uint32_t s[16], x[16];
  s[0] = 0x61707865, s[1] = 0x3320646e, s[2] = 0x79622d32, s[3] = 0x6b206574;
  for (int i = 0; i < 8; ++i)
    s[4 + i] = le32(key + 4 * i);
  s[12] = counter;
  for (int i = 0; i < 3; ++i)
    s[13 + i] = le32(nonce + 4 * i);
  memcpy(x, s, sizeof s);
  for (int round = 0; round < 10; ++round) {
    QUARTER(x[0], x[4], x[8], x[12]);
    QUARTER(x[1], x[5], x[9], x[13]);
    QUARTER(x[2], x[6], x[10], x[14]);
    QUARTER(x[3], x[7], x[11], x[15]);
    QUARTER(x[0], x[5], x[10], x[15]);
    QUARTER(x[1], x[6], x[11], x[12]);
    QUARTER(x[2], x[7], x[8], x[13]);
    QUARTER(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; ++i)
    put_le32(out + 4 * i, x[i] + s[i]);
}

void chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                  void *data, size_t len) {
  uint8_t *p = data, stream[64];
  for (; len; ++counter) {
    chacha20_block(key, nonce, counter, stream);
    size_t n = len < 64 ? len : 64;
    for (size_t i = 0; i < n; ++i)
      p[i] ^= stream[i];
    p += n, len -= n;
  }
}

// Poly1305 in five 26-bit limbs, so every product fits in 64 bits.
struct poly1305 {
  uint32_t r[5], h[5], pad[4];
};

#define MASK26 0x3ffffffu

static void poly1305_init(struct poly1305 *st, const uint8_t key[32]) {
  st->r[0] = le32(key + 0) & 0x3ffffff;
  st->r[1] = (le32(key + 3) >> 2) & 0x3ffff03;
  st->r[2] = (le32(key + 6) >> 4) & 0x3ffc0ff;
  st->r[3] = (le32(key + 9) >> 6) & 0x3f03fff;
  st->r[4] = (le32(key + 12) >> 8) & 0x00fffff;
  for (int i = 0; i < 5; ++i)
    st->h[i] = 0;
  for (int i = 0; i < 4; ++i)
    st->pad[i] = le32(key + 16 + 4 * i);
}

// Adds one 16-byte block (with 2^128 set when FULL) and multiplies by r.
static void poly1305_block(struct poly1305 *st, const uint8_t m[16], int full) {
  const uint32_t *r = st->r;
  uint32_t *h = st->h;
  uint32_t s1 = r[1] * 5, s2 = r[2] * 5, s3 = r[3] * 5, s4 = r[4] * 5;
  h[0] += le32(m + 0) & MASK26;
  h[1] += (le32(m + 3) >> 2) & MASK26;
  h[2] += (le32(m + 6) >> 4) & MASK26;
  h[3] += (le32(m + 9) >> 6) & MASK26;
  h[4] += (le32(m + 12) >> 8) | (full ? 1u << 24 : 0);
  uint64_t d0 = (uint64_t)h[0] * r[0] + (uint64_t)h[1] * s4 + (uint64_t)h[2] * s3 +
                (uint64_t)h[3] * s2 + (uint64_t)h[4] * s1;
  uint64_t d1 = (uint64_t)h[0] * r[1] + (uint64_t)h[1] * r[0] + (uint64_t)h[2] * s4 +
                (uint64_t)h[3] * s3 + (uint64_t)h[4] * s2;
  uint64_t d2 = (uint64_t)h[0] * r[2] + (uint64_t)h[1] * r[1] + (uint64_t)h[2] * r[0] +
                (uint64_t)h[3] * s4 + (uint64_t)h[4] * s3;
  uint64_t d3 = (uint64_t)h[0] * r[3] + (uint64_t)h[1] * r[2] + (uint64_t)h[2] * r[1] +
                (uint64_t)h[3] * r[0] + (uint64_t)h[4] * s4;
  uint64_t d4 = (uint64_t)h[0] * r[4] + (uint64_t)h[1] * r[3] + (uint64_t)h[2] * r[2] +
                (uint64_t)h[3] * r[1] + (uint64_t)h[4] * r[0];
  uint32_t c;
  c = (uint32_t)(d0 >> 26), h[0] = (uint32_t)d0 & MASK26;
  d1 += c, c = (uint32_t)(d1 >> 26), h[1] = (uint32_t)d1 & MASK26;
  d2 += c, c = (uint32_t)(d2 >> 26), h[2] = (uint32_t)d2 & MASK26;
  d3 += c, c = (uint32_t)(d3 >> 26), h[3] = (uint32_t)d3 & MASK26;
  d4 += c, c = (uint32_t)(d4 >> 26), h[4] = (uint32_t)d4 & MASK26;
  h[0] += c * 5, c = h[0] >> 26, h[0] &= MASK26, h[1] += c;
}

// Poly1305 proper pads a final partial block with a 1 byte and no 2^128;
// the AEAD pads its inputs with zeros to whole blocks.
enum padding { MESSAGE_PADDING, AEAD_PADDING };

static void poly1305_update(struct poly1305 *st, const uint8_t *p, size_t len,
                            enum padding padding) {
  for (; len >= 16; p += 16, len -= 16)
    poly1305_block(st, p, 1);
  if (len) {
    uint8_t last[16] = {0};
    memcpy(last, p, len);
    if (padding == MESSAGE_PADDING)
      last[len] = 1;
    poly1305_block(st, last, padding == AEAD_PADDING);
  }
}

static void poly1305_final(struct poly1305 *st, uint8_t tag[16]) {
  uint32_t *h = st->h, c, g[5];
  c = h[1] >> 26, h[1] &= MASK26, h[2] += c;
  c = h[2] >> 26, h[2] &= MASK26, h[3] += c;
  c = h[3] >> 26, h[3] &= MASK26, h[4] += c;
  c = h[4] >> 26, h[4] &= MASK26, h[0] += c * 5;
  c = h[0] >> 26, h[0] &= MASK26, h[1] += c;
  // g = h + 5 - 2^130: h is reduced when g does not go negative.
  g[0] = h[0] + 5, c = g[0] >> 26, g[0] &= MASK26;
  g[1] = h[1] + c, c = g[1] >> 26, g[1] &= MASK26;
  g[2] = h[2] + c, c = g[2] >> 26, g[2] &= MASK26;
  g[3] = h[3] + c, c = g[3] >> 26, g[3] &= MASK26;
  g[4] = h[4] + c - (1u << 26);
  uint32_t use_g = (g[4] >> 31) - 1; // all ones when g >= 0
  for (int i = 0; i < 5; ++i)
    h[i] = (h[i] & ~use_g) | (g[i] & use_g);
  uint32_t w[4] = {
      h[0] | h[1] << 26,
      h[1] >> 6 | h[2] << 20,
      h[2] >> 12 | h[3] << 14,
      h[3] >> 18 | h[4] << 8,
  };
  uint64_t f = 0;
  for (int i = 0; i < 4; ++i) {
    f = (uint64_t)w[i] + st->pad[i] + (f >> 32);
    put_le32(tag + 4 * i, (uint32_t)f);
  }
}

void poly1305(const uint8_t key[32], const void *data, size_t len, uint8_t tag[16]) {
  struct poly1305 st;
  poly1305_init(&st, key);
  poly1305_update(&st, data, len, MESSAGE_PADDING);
  poly1305_final(&st, tag);
}

static void aead_tag(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
                     size_t aad_len, const void *ciphertext, size_t len, uint8_t tag[16]) {
  uint8_t otk[64] = {0};
  chacha20_block(key, nonce, 0, otk);
  struct poly1305 st;
  poly1305_init(&st, otk);
  poly1305_update(&st, aad, aad_len, AEAD_PADDING);
  poly1305_update(&st, ciphertext, len, AEAD_PADDING);
  uint8_t lengths[16];
  put_le32(lengths, (uint32_t)aad_len);
  put_le32(lengths + 4, (uint32_t)((uint64_t)aad_len >> 32));
  put_le32(lengths + 8, (uint32_t)len);
  put_le32(lengths + 12, (uint32_t)((uint64_t)len >> 32));
  poly1305_update(&st, lengths, 16, AEAD_PADDING);
  poly1305_final(&st, tag);
}

void aead_seal(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
               size_t aad_len, void *data, size_t len, uint8_t tag[16]) {
  chacha20_xor(key, nonce, 1, data, len);
  aead_tag(key, nonce, aad, aad_len, data, len, tag);
}

int aead_open(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
              size_t aad_len, void *data, size_t len, const uint8_t tag[16]) {
  uint8_t expected[16];
  aead_tag(key, nonce, aad, aad_len, data, len, expected);
  if (crypto_compare(expected, tag, 16))
    return -1;
  chacha20_xor(key, nonce, 1, data, len);
  return 0;
}
