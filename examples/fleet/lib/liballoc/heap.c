// liballoc: boundary-tag heap. Every block starts with a header holding its
// size and an allocated bit, and ends with a copy of the size (the footer),
// so free() finds both neighbours in constant time and merges with them.
#include <stdint.h>
#include "alloc.h"
#include "str.h"

#ifndef ALLOC_HEAP_KIB
#define ALLOC_HEAP_KIB 256
#endif

#define ALIGN 16u
#define USED 1u

struct header {
  size_t size_and_used; // whole block size (a multiple of ALIGN) | USED
  size_t pad;           // keeps payloads 16-byte aligned
};
struct free_block {
  struct header header;
  struct free_block *next, *prev; // address-ordered free list
};
typedef size_t footer;

#define OVERHEAD (sizeof(struct header) + sizeof(footer))
#define MIN_BLOCK ((sizeof(struct free_block) + sizeof(footer) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

static unsigned char arena[ALLOC_HEAP_KIB * 1024] __attribute__((aligned(ALIGN)));
static struct free_block *free_list;
static int initialised;
static struct alloc_stats stats;

static size_t block_size(const struct header *h) { return h->size_and_used & ~(size_t)USED; }
static int block_used(const struct header *h) { return h->size_and_used & USED; }
static footer *block_footer(struct header *h) {
  return (footer *)((unsigned char *)h + block_size(h) - sizeof(footer));
}
static void set_block(struct header *h, size_t size, int used) {
  h->size_and_used = size | (used ? USED : 0);
  *block_footer(h) = size;
}
static struct header *next_block(struct header *h) {
  unsigned char *next = (unsigned char *)h + block_size(h);
  return next < arena + sizeof arena ? (struct header *)next : 0;
}
static struct header *prev_block(struct header *h) {
  if ((unsigned char *)h == arena)
    return 0;
  size_t prev_size = *((footer *)h - 1);
  return (struct header *)((unsigned char *)h - prev_size);
}

static void list_insert(struct free_block *b) {
  struct free_block *prev = 0, *cur = free_list;
  while (cur && cur < b)
    prev = cur, cur = cur->next;
  b->prev = prev;
  b->next = cur;
  if (cur)
    cur->prev = b;
  if (prev)
    prev->next = b;
  else
    free_list = b;
}

static void list_remove(struct free_block *b) {
  if (b->prev)
    b->prev->next = b->next;
  else
    free_list = b->next;
  if (b->next)
    b->next->prev = b->prev;
}

static void init(void) {
  struct free_block *all = (struct free_block *)arena;
  set_block(&all->header, sizeof arena, 0);
  all->next = all->prev = 0;
  free_list = all;
  stats.arena_bytes = sizeof arena;
  initialised = 1;
}

static struct free_block *find_fit(size_t need) {
  struct free_block *best = 0;
  for (struct free_block *b = free_list; b; b = b->next) {
    size_t size = block_size(&b->header);
    if (size < need)
      continue;
#ifdef ALLOC_BEST_FIT
    if (!best || size < block_size(&best->header))
      best = b;
    if (size == need)
      break;
#else
    return b;
#endif
  }
  return best;
}

void *malloc(size_t size) {
  if (!initialised)
    init();
  if (size == 0 || size > sizeof arena) {
    ++stats.failures;
    return 0;
  }
  size_t need = (size + OVERHEAD + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (need < MIN_BLOCK)
    need = MIN_BLOCK;
  struct free_block *b = find_fit(need);
  if (!b) {
    ++stats.failures;
    return 0;
  }
  list_remove(b);
  size_t size_have = block_size(&b->header);
  if (size_have - need >= MIN_BLOCK) {
    struct free_block *rest = (struct free_block *)((unsigned char *)b + need);
    set_block(&rest->header, size_have - need, 0);
    list_insert(rest);
    size_have = need;
  }
  set_block(&b->header, size_have, 1);
  stats.used_bytes += size_have;
  ++stats.allocations;
  return (unsigned char *)b + sizeof(struct header);
}

void free(void *ptr) {
  if (!ptr)
    return;
  struct header *h = (struct header *)((unsigned char *)ptr - sizeof(struct header));
  size_t size = block_size(h);
  stats.used_bytes -= size;
  struct header *next = next_block(h);
  if (next && !block_used(next)) {
    list_remove((struct free_block *)next);
    size += block_size(next);
  }
  struct header *prev = prev_block(h);
  if (prev && !block_used(prev)) {
    list_remove((struct free_block *)prev);
    size += block_size(prev);
    h = prev;
  }
  set_block(h, size, 0);
  list_insert((struct free_block *)h);
}

void *calloc(size_t count, size_t size) {
  if (size && count > (size_t)-1 / size) {
    ++stats.failures;
    return 0;
  }
  void *p = malloc(count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

void *realloc(void *ptr, size_t size) {
  if (!ptr)
    return malloc(size);
  if (!size) {
    free(ptr);
    return 0;
  }
  struct header *h = (struct header *)((unsigned char *)ptr - sizeof(struct header));
  size_t have = block_size(h) - OVERHEAD;
  if (have >= size)
    return ptr;
  void *fresh = malloc(size);
  if (fresh) {
    memcpy(fresh, ptr, have);
    free(ptr);
  }
  return fresh;
}

void alloc_get_stats(struct alloc_stats *out) {
  if (!initialised)
    init();
  stats.free_blocks = 0;
  stats.largest_free = 0;
  for (struct free_block *b = free_list; b; b = b->next) {
    ++stats.free_blocks;
    size_t usable = block_size(&b->header) - OVERHEAD;
    if (usable > stats.largest_free)
      stats.largest_free = usable;
  }
  *out = stats;
}

const char *alloc_policy(void) {
#ifdef ALLOC_BEST_FIT
  return "best-fit";
#else
  return "first-fit";
#endif
}

int alloc_check(void) {
  if (!initialised)
    init();
  size_t used = 0, free_seen = 0, listed = 0;
  int prev_free = 0;
  for (struct header *h = (struct header *)arena; h; h = next_block(h)) {
    size_t size = block_size(h);
    if (size < MIN_BLOCK || size % ALIGN || *block_footer(h) != size)
      return 1; // a corrupt header or footer
    if (block_used(h)) {
      used += size;
      prev_free = 0;
    } else {
      if (prev_free)
        return 2; // two free neighbours that were not merged
      ++free_seen;
      prev_free = 1;
    }
  }
  for (struct free_block *b = free_list; b; b = b->next) {
    if (b->next && b->next <= b)
      return 3; // the free list is out of order
    ++listed;
  }
  if (listed != free_seen)
    return 4;
  return used == stats.used_bytes ? 0 : 5;
}
