// wordfreq: counts the words of a text in a hash table, keeps them in an
// AVL tree by word for an ordered listing, and sorts a list by frequency.
#include "alloc.h"
#include "fmt.h"
#include "hash.h"
#include "list.h"
#include "str.h"

static const char text[] =
    "Unikernels are on the rise in the cloud. These lightweight virtual "
    "machines specialized to a single application offer the same level of "
    "isolation as full blown virtual machines, while providing performance "
    "superior to standard virtual machines or even to containers. However "
    "their inherent specialization renders memory deduplication ineffective, "
    "causing unikernels in practice to consume more memory than their small "
    "memory footprint would suggest. This makes them less advantageous when "
    "thousands of unikernels have to run on the same server. The approach "
    "improves the memory layout of unikernels so that it is more likely to "
    "share identical pages with other unikernels deployed on the same host, "
    "and the memory used by a set of unikernels shrinks.";

struct word {
  struct avl_node by_name;
  struct list_node by_count;
  const char *name;
  unsigned count;
};

static int compare_names(const struct avl_node *a, const struct avl_node *b) {
  return strcmp(container_of(a, struct word, by_name)->name,
                container_of(b, struct word, by_name)->name);
}

static int more_frequent(const struct list_node *a, const struct list_node *b) {
  const struct word *x = container_of(a, struct word, by_count);
  const struct word *y = container_of(b, struct word, by_count);
  return x->count != y->count ? (x->count > y->count ? -1 : 1) : strcmp(x->name, y->name);
}

int main(void) {
  struct hash_table counts;
  struct avl_tree tree;
  struct list_node ranking;
  if (hash_table_init(&counts, 16))
    return 1;
  avl_init(&tree, compare_names);
  list_init(&ranking);

  size_t total = 0;
  const char *p = text;
  while (*p) {
    while (*p && !isalpha(*p))
      ++p;
    char buf[32];
    size_t n = 0;
    while (isalpha(*p) && n < sizeof buf - 1)
      buf[n++] = (char)tolower(*p++);
    if (!n)
      break;
    buf[n] = 0;
    ++total;
    struct word *w = hash_table_get(&counts, buf, 0);
    if (!w) {
      w = calloc(1, sizeof *w);
      if (!w || hash_table_put(&counts, buf, w, 0))
        return 1;
      w->name = hash_table_key(&counts, buf); // the table's copy outlives buf
      avl_insert(&tree, &w->by_name);
      list_push_back(&ranking, &w->by_count);
    }
    ++w->count;
  }
  printf("%zu words, %zu distinct, tree height %d\n", total, tree.size,
         avl_verify(&tree));
  list_sort(&ranking, more_frequent);
  printf("most frequent:\n");
  unsigned shown = 0;
  for (struct list_node *n = ranking.next; n != &ranking && shown < 8; n = n->next, ++shown) {
    struct word *w = container_of(n, struct word, by_count);
    printf("  %-12s %u\n", w->name, w->count);
  }
  printf("first and last: %s %s\n",
         container_of(avl_first(&tree), struct word, by_name)->name,
         container_of(avl_last(&tree), struct word, by_name)->name);
  // Remove every word seen once, checking the tree stays balanced.
  unsigned removed = 0;
  for (struct avl_node *n = avl_first(&tree), *next; n; n = next) {
    next = avl_next(n);
    struct word *w = container_of(n, struct word, by_name);
    if (w->count == 1) {
      avl_remove(&tree, n);
      list_remove(&w->by_count);
      hash_table_remove(&counts, w->name);
      free(w);
      ++removed;
      if (avl_verify(&tree) < 0)
        return 1;
    }
  }
  printf("removed %u single words: %zu left, tree height %d, table %zu\n", removed,
         tree.size, avl_verify(&tree), counts.count);
  struct alloc_stats stats;
  alloc_get_stats(&stats);
  printf("heap (%s): %zu allocations, check %d\n", alloc_policy(), stats.allocations,
         alloc_check());
  return tree.size == counts.count && list_length(&ranking) == tree.size &&
                 alloc_check() == 0
             ? 0
             : 1;
}
