// libhash: the string-keyed table.
#include "alloc.h"
#include "hash.h"
#include "str.h"

static uint32_t key_hash(const char *key) {
  return hash_murmur3_32(key, strlen(key), 0x9747b28cu);
}

int hash_table_init(struct hash_table *t, size_t hint) {
  size_t capacity = 8;
  while (capacity * 3 / 4 < hint)
    capacity *= 2;
  t->slots = calloc(capacity, sizeof *t->slots);
  t->capacity = t->slots ? capacity : 0;
  t->count = 0;
  return t->slots ? 0 : -1;
}

void hash_table_destroy(struct hash_table *t) {
  for (size_t i = 0; i < t->capacity; ++i)
    free(t->slots[i].key);
  free(t->slots);
  t->slots = 0;
  t->capacity = t->count = 0;
}

static size_t probe(const struct hash_table *t, const char *key, uint32_t h) {
  size_t mask = t->capacity - 1;
  size_t i = h & mask;
  while (t->slots[i].key &&
         (t->slots[i].hash != h || strcmp(t->slots[i].key, key) != 0))
    i = (i + 1) & mask;
  return i;
}

static int grow(struct hash_table *t) {
  struct hash_table bigger;
  bigger.capacity = t->capacity * 2;
  bigger.slots = calloc(bigger.capacity, sizeof *bigger.slots);
  if (!bigger.slots)
    return -1;
  bigger.count = t->count;
  for (size_t i = 0; i < t->capacity; ++i)
    if (t->slots[i].key)
      bigger.slots[probe(&bigger, t->slots[i].key, t->slots[i].hash)] = t->slots[i];
  free(t->slots);
  *t = bigger;
  return 0;
}

int hash_table_put(struct hash_table *t, const char *key, void *value, void **old) {
  uint32_t h = key_hash(key);
  size_t i = probe(t, key, h);
  if (t->slots[i].key) {
    if (old)
      *old = t->slots[i].value;
    t->slots[i].value = value;
    return 0;
  }
  if ((t->count + 1) * 4 > t->capacity * 3) {
    if (grow(t))
      return -1;
    i = probe(t, key, h);
  }
  size_t len = strlen(key) + 1;
  char *copy = malloc(len);
  if (!copy)
    return -1;
  memcpy(copy, key, len);
  t->slots[i].key = copy;
  t->slots[i].value = value;
  t->slots[i].hash = h;
  ++t->count;
  if (old)
    *old = 0;
  return 0;
}

void *hash_table_get(const struct hash_table *t, const char *key, int *found) {
  size_t i = probe(t, key, key_hash(key));
  if (found)
    *found = t->slots[i].key != 0;
  return t->slots[i].key ? t->slots[i].value : 0;
}

const char *hash_table_key(const struct hash_table *t, const char *key) {
  return t->slots[probe(t, key, key_hash(key))].key;
}

int hash_table_remove(struct hash_table *t, const char *key) {
  size_t mask = t->capacity - 1;
  size_t i = probe(t, key, key_hash(key));
  if (!t->slots[i].key)
    return -1;
  free(t->slots[i].key);
  // Backward-shift: move later members of the cluster into the hole when
  // their home slot is at or before it.
  size_t hole = i;
  for (size_t j = (i + 1) & mask; t->slots[j].key; j = (j + 1) & mask) {
    size_t home = t->slots[j].hash & mask;
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      t->slots[hole] = t->slots[j];
      hole = j;
    }
  }
  t->slots[hole].key = 0;
  t->slots[hole].value = 0;
  --t->count;
  return 0;
}

void hash_table_each(const struct hash_table *t,
                     void (*fn)(const char *key, void *value, void *context),
                     void *context) {
  for (size_t i = 0; i < t->capacity; ++i)
    if (t->slots[i].key)
      fn(t->slots[i].key, t->slots[i].value, context);
}
