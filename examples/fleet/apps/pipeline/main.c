// pipeline: three cooperative threads joined by channels: a producer of
// data blocks, a compressor, and a checker that decompresses and checksums
// them, while the boot thread waits.
#include "alloc.h"
#include "codec.h"
#include "crypto.h"
#include "fmt.h"
#include "list.h"
#include "sched.h"
#include "str.h"

enum { BLOCKS = 12, BLOCK = 3000 };

struct block {
  struct list_node link; // in the checker's list of finished blocks
  unsigned index;
  size_t len, packed_len;
  uint8_t *data, *packed;
  uint32_t crc;
  uint8_t digest[32];
};

static struct sched_channel raw, packed;
static struct list_node done;

static void producer(void *arg) {
  (void)arg;
  for (unsigned i = 0; i < BLOCKS; ++i) {
    struct block *b = calloc(1, sizeof *b);
    if (!b || !(b->data = malloc(BLOCK - 97 * i)))
      break; // out of memory: the checker counts the missing blocks
    b->index = i;
    b->len = BLOCK - 97 * i;
    for (size_t k = 0; k < b->len; ++k) // runs that get longer with i
      b->data[k] = (uint8_t)('a' + (k / (i + 1)) % 7);
    b->crc = codec_crc32(0, b->data, b->len);
    sha256(b->data, b->len, b->digest);
    sched_send(&raw, (uintptr_t)b);
    sched_yield();
  }
  sched_close(&raw);
}

static void compressor(void *arg) {
  (void)arg;
  uintptr_t m;
  while (sched_receive(&raw, &m) == 0) {
    struct block *b = (struct block *)m;
    b->packed = malloc(codec_lzss_bound(b->len));
    if (!b->packed)
      break;
    b->packed_len = codec_lzss_compress(b->data, b->len, b->packed,
                                        codec_lzss_bound(b->len));
    free(b->data);
    b->data = 0;
    sched_send(&packed, m);
  }
  sched_close(&packed);
}

static void checker(void *arg) {
  int *failures = arg;
  uintptr_t m;
  uint8_t *scratch = malloc(BLOCK);
  if (!scratch) {
    ++*failures;
    return;
  }
  while (sched_receive(&packed, &m) == 0) {
    struct block *b = (struct block *)m;
    size_t n = codec_lzss_decompress(b->packed, b->packed_len, scratch, BLOCK);
    uint8_t digest[32];
    if (n != b->len)
      ++*failures; // includes (size_t)-1: corrupt
    else if (sha256(scratch, n, digest), codec_crc32(0, scratch, n) != b->crc ||
             crypto_compare(digest, b->digest, sizeof digest))
      ++*failures;
    list_push_back(&done, &b->link);
  }
  free(scratch);
}

static int by_ratio(const struct list_node *a, const struct list_node *b) {
  const struct block *x = container_of(a, struct block, link);
  const struct block *y = container_of(b, struct block, link);
  size_t rx = x->packed_len * 1000 / x->len, ry = y->packed_len * 1000 / y->len;
  return rx < ry ? -1 : rx > ry;
}

int main(void) {
  int failures = 0;
  list_init(&done);
  sched_channel_init(&raw);
  sched_channel_init(&packed);
  sched_thread threads[] = {
      sched_spawn("producer", producer, 0),
      sched_spawn("compressor", compressor, 0),
      sched_spawn("checker", checker, &failures),
  };
  for (unsigned i = 0; i < 3; ++i) {
    sched_join(threads[i]);
    printf("joined %s\n", sched_name(threads[i]));
  }
  int stuck = sched_run();
  size_t through = list_length(&done);
  printf("%zu blocks through the pipeline, %d failures, %d threads stuck\n",
         through, failures, stuck);
  list_sort(&done, by_ratio);
  printf("best ratios:");
  unsigned shown = 0;
  for (struct list_node *p = done.next; p != &done && shown < 4; p = p->next, ++shown) {
    struct block *b = container_of(p, struct block, link);
    printf(" #%u %zu/%zu", b->index, b->packed_len, b->len);
  }
  printf("\n");
  while (!list_empty(&done)) {
    struct block *b = container_of(list_pop_front(&done), struct block, link);
    free(b->packed);
    free(b);
  }
  printf("stack %zu bytes per thread, heap (%s) check %d\n", sched_stack_bytes(),
         alloc_policy(), alloc_check());
  return failures || stuck || through != BLOCKS || alloc_check() ? 1 : 0;
}
