// liblist: circular doubly linked lists with a sentinel head.
#include "list.h"

void list_init(struct list_node *head) { head->next = head->prev = head; }
int list_empty(const struct list_node *head) { return head->next == head; }

static void link_between(struct list_node *node, struct list_node *prev,
                         struct list_node *next) {
  node->prev = prev;
  node->next = next;
  prev->next = node;
  next->prev = node;
}

void list_push_back(struct list_node *head, struct list_node *node) {
  link_between(node, head->prev, head);
}
void list_push_front(struct list_node *head, struct list_node *node) {
  link_between(node, head, head->next);
}

void list_remove(struct list_node *node) {
  node->prev->next = node->next;
  node->next->prev = node->prev;
  node->next = node->prev = node;
}

struct list_node *list_pop_front(struct list_node *head) {
  if (list_empty(head))
    return 0;
  struct list_node *node = head->next;
  list_remove(node);
  return node;
}

size_t list_length(const struct list_node *head) {
  size_t n = 0;
  for (const struct list_node *p = head->next; p != head; p = p->next)
    ++n;
  return n;
}

void list_reverse(struct list_node *head) {
  struct list_node *p = head;
  do {
    struct list_node *next = p->next;
    p->next = p->prev;
    p->prev = next;
    p = next;
  } while (p != head);
}

// Bottom-up merge sort on a null-terminated singly linked chain, then the
// prev links are rebuilt: O(n log n), no recursion, no allocation.
static struct list_node *
merge(struct list_node *a, struct list_node *b,
      int (*cmp)(const struct list_node *, const struct list_node *)) {
  struct list_node head, *tail = &head;
  while (a && b) {
    if (cmp(b, a) < 0)
      tail->next = b, b = b->next;
    else
      tail->next = a, a = a->next;
    tail = tail->next;
  }
  tail->next = a ? a : b;
  return head.next;
}

void list_sort(struct list_node *head,
               int (*cmp)(const struct list_node *, const struct list_node *)) {
  if (list_empty(head))
    return;
  head->prev->next = 0;
  struct list_node *chain = head->next;
  // runs[i] holds a sorted run of 2^i nodes, or nothing.
  struct list_node *runs[64] = {0};
  while (chain) {
    struct list_node *one = chain;
    chain = chain->next;
    one->next = 0;
    int i = 0;
    for (; runs[i]; ++i) {
      one = merge(runs[i], one, cmp);
      runs[i] = 0;
    }
    runs[i] = one;
  }
  struct list_node *sorted = 0;
  for (int i = 0; i < 64; ++i)
    if (runs[i])
      sorted = sorted ? merge(runs[i], sorted, cmp) : runs[i];
  struct list_node *prev = head;
  for (struct list_node *p = sorted; p; prev = p, p = p->next)
    p->prev = prev, prev->next = p;
  prev->next = head;
  head->prev = prev;
}
