// libhash: FNV-1a, MurmurHash3 (x86_32) and SipHash-2-4.
#include "hash.h"

uint32_t hash_fnv1a32(const void *data, size_t len) {
  const uint8_t *p = data;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

uint64_t hash_fnv1a64(const void *data, size_t len) {
  const uint8_t *p = data;
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < len; ++i)
    h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

static uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
static uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint32_t load32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
static uint64_t load64(const uint8_t *p) {
  return (uint64_t)load32(p) | (uint64_t)load32(p + 4) << 32;
}

uint32_t hash_murmur3_32(const void *data, size_t len, uint32_t seed) {
  const uint8_t *p = data;
  const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  uint32_t h = seed;
  size_t blocks = len / 4;
  for (size_t i = 0; i < blocks; ++i) {
    uint32_t k = load32(p + 4 * i);
    k = rotl32(k * c1, 15) * c2;
    h = rotl32(h ^ k, 13) * 5 + 0xe6546b64;
  }
  const uint8_t *tail = p + 4 * blocks;
  uint32_t k = 0;
  switch (len & 3) {
  case 3: k ^= (uint32_t)tail[2] << 16; // fall through
  case 2: k ^= (uint32_t)tail[1] << 8;  // fall through
  case 1:
    k ^= tail[0];
    h ^= rotl32(k * c1, 15) * c2;
  }
  h ^= (uint32_t)len;
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

#define SIPROUND                                                               \
  do {                                                                         \
    v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32);              \
    v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2;                                   \
    v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0;                                   \
    v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32);              \
  } while (0)

uint64_t hash_siphash24(const void *data, size_t len, const uint8_t key[16]) {
  const uint8_t *p = data;
  uint64_t k0 = load64(key), k1 = load64(key + 8);
  uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
  uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
  size_t full = len & ~(size_t)7;
  for (size_t i = 0; i < full; i += 8) {
    uint64_t m = load64(p + i);
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
  }
  uint64_t last = (uint64_t)len << 56;
  for (size_t i = 0; i < (len & 7); ++i)
    last |= (uint64_t)p[full + i] << (8 * i);
  v3 ^= last;
  SIPROUND;
  SIPROUND;
  v0 ^= last;
  v2 ^= 0xff;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}
