// liblist: intrusive containers. A circular doubly linked list, and an AVL
// tree ordered by a caller's comparison (an ordered map when the nodes carry
// keys). Nodes live inside the caller's structures; nothing is allocated.
#ifndef FLEET_LIST_H
#define FLEET_LIST_H
#include <stddef.h>

#define container_of(ptr, type, member) \
  ((type *)((char *)(ptr) - offsetof(type, member)))

struct list_node {
  struct list_node *next, *prev;
};
void list_init(struct list_node *head);
int list_empty(const struct list_node *head);
void list_push_back(struct list_node *head, struct list_node *node);
void list_push_front(struct list_node *head, struct list_node *node);
void list_remove(struct list_node *node);
struct list_node *list_pop_front(struct list_node *head);
size_t list_length(const struct list_node *head);
// Stable merge sort of the list by CMP (negative, zero, positive).
void list_sort(struct list_node *head,
               int (*cmp)(const struct list_node *, const struct list_node *));
void list_reverse(struct list_node *head);

struct avl_node {
  struct avl_node *left, *right, *parent;
  int height;
};
typedef int (*avl_compare)(const struct avl_node *a, const struct avl_node *b);
struct avl_tree {
  struct avl_node *root;
  avl_compare cmp;
  size_t size;
};
void avl_init(struct avl_tree *tree, avl_compare cmp);
// Inserts NODE; returns the node already there with an equal key instead
// (and leaves the tree unchanged), or 0.
struct avl_node *avl_insert(struct avl_tree *tree, struct avl_node *node);
// Finds the node comparing equal to KEY (a node the caller filled in).
struct avl_node *avl_find(const struct avl_tree *tree, const struct avl_node *key);
void avl_remove(struct avl_tree *tree, struct avl_node *node);
struct avl_node *avl_first(const struct avl_tree *tree);
struct avl_node *avl_last(const struct avl_tree *tree);
struct avl_node *avl_next(const struct avl_node *node);
struct avl_node *avl_prev(const struct avl_node *node);
// Checks balance, ordering and parent links; returns the height or -1.
int avl_verify(const struct avl_tree *tree);
#endif
