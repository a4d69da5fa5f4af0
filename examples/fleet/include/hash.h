// libhash: hash functions and a string-keyed hash table.
#ifndef FLEET_HASH_H
#define FLEET_HASH_H
#include <stddef.h>
#include <stdint.h>

uint32_t hash_fnv1a32(const void *data, size_t len);
uint64_t hash_fnv1a64(const void *data, size_t len);
uint32_t hash_murmur3_32(const void *data, size_t len, uint32_t seed);
// SipHash-2-4 with a 128-bit key (16 bytes).
uint64_t hash_siphash24(const void *data, size_t len, const uint8_t key[16]);

// Open addressing with linear probing and backward-shift deletion; keys are
// copied, values are the caller's pointers. Grows at 3/4 load (needs
// liballoc).
struct hash_entry {
  char *key;
  void *value;
  uint32_t hash;
};
struct hash_table {
  struct hash_entry *slots;
  size_t capacity; // a power of two
  size_t count;
};
int hash_table_init(struct hash_table *t, size_t capacity_hint);
void hash_table_destroy(struct hash_table *t);
// Sets KEY to VALUE; returns the previous value through *old (may be 0).
// Returns 0, or -1 when out of memory.
int hash_table_put(struct hash_table *t, const char *key, void *value, void **old);
void *hash_table_get(const struct hash_table *t, const char *key, int *found);
// The table's own copy of KEY (valid until it is removed), or 0.
const char *hash_table_key(const struct hash_table *t, const char *key);
int hash_table_remove(struct hash_table *t, const char *key);
// Calls FN for every entry, in slot order.
void hash_table_each(const struct hash_table *t,
                     void (*fn)(const char *key, void *value, void *context),
                     void *context);
#endif
