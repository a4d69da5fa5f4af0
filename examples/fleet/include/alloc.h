// liballoc: a heap allocator over a static arena: boundary-tagged blocks on
// an address-ordered free list, coalesced on free. Configurations (like
// Kconfig options): ALLOC_BEST_FIT picks the smallest block that fits
// instead of the first; ALLOC_HEAP_KIB sets the arena size.
#ifndef FLEET_ALLOC_H
#define FLEET_ALLOC_H
#include <stddef.h>

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);

struct alloc_stats {
  size_t arena_bytes;   // the heap's size
  size_t used_bytes;    // in allocated blocks, headers included
  size_t free_blocks;   // blocks on the free list
  size_t largest_free;  // the largest allocation that would succeed
  size_t allocations;   // successful malloc/calloc/realloc calls
  size_t failures;      // requests that could not be met
};
void alloc_get_stats(struct alloc_stats *stats);
// The allocator's configuration, for the applications' reports.
const char *alloc_policy(void);
// Walks every block and checks the heap's invariants; 0 when consistent.
int alloc_check(void);
#endif
