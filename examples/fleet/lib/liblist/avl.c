// liblist: AVL trees with parent links, so iteration needs no stack.
#include "list.h"

static int height(const struct avl_node *n) { return n ? n->height : 0; }
static int max(int a, int b) { return a > b ? a : b; }
static void update(struct avl_node *n) {
  n->height = 1 + max(height(n->left), height(n->right));
}

void avl_init(struct avl_tree *tree, avl_compare cmp) {
  tree->root = 0;
  tree->cmp = cmp;
  tree->size = 0;
}

static void replace_child(struct avl_tree *tree, struct avl_node *parent,
                          struct avl_node *old, struct avl_node *fresh) {
  if (!parent)
    tree->root = fresh;
  else if (parent->left == old)
    parent->left = fresh;
  else
    parent->right = fresh;
  if (fresh)
    fresh->parent = parent;
}

static struct avl_node *rotate_left(struct avl_tree *tree, struct avl_node *x) {
  struct avl_node *y = x->right;
  replace_child(tree, x->parent, x, y);
  x->right = y->left;
  if (y->left)
    y->left->parent = x;
  y->left = x;
  x->parent = y;
  update(x);
  update(y);
  return y;
}

static struct avl_node *rotate_right(struct avl_tree *tree, struct avl_node *x) {
  struct avl_node *y = x->left;
  replace_child(tree, x->parent, x, y);
  x->left = y->right;
  if (y->right)
    y->right->parent = x;
  y->right = x;
  x->parent = y;
  update(x);
  update(y);
  return y;
}

// Restores the AVL property from N up to the root.
static void rebalance(struct avl_tree *tree, struct avl_node *n) {
  while (n) {
    update(n);
    int balance = height(n->left) - height(n->right);
    if (balance > 1) {
      if (height(n->left->left) < height(n->left->right))
        rotate_left(tree, n->left);
      n = rotate_right(tree, n);
    } else if (balance < -1) {
      if (height(n->right->right) < height(n->right->left))
        rotate_right(tree, n->right);
      n = rotate_left(tree, n);
    }
    n = n->parent;
  }
}

struct avl_node *avl_insert(struct avl_tree *tree, struct avl_node *node) {
  struct avl_node *parent = 0, **link = &tree->root;
  while (*link) {
    parent = *link;
    int c = tree->cmp(node, parent);
    if (c == 0)
      return parent;
    link = c < 0 ? &parent->left : &parent->right;
  }
  node->left = node->right = 0;
  node->parent = parent;
  node->height = 1;
  *link = node;
  ++tree->size;
  rebalance(tree, parent);
  return 0;
}

struct avl_node *avl_find(const struct avl_tree *tree, const struct avl_node *key) {
  struct avl_node *n = tree->root;
  while (n) {
    int c = tree->cmp(key, n);
    if (c == 0)
      return n;
    n = c < 0 ? n->left : n->right;
  }
  return 0;
}

void avl_remove(struct avl_tree *tree, struct avl_node *node) {
  struct avl_node *start;
  if (node->left && node->right) {
    // Swap in the in-order successor, which has no left child.
    struct avl_node *succ = node->right;
    while (succ->left)
      succ = succ->left;
    start = succ->parent == node ? succ : succ->parent;
    if (succ->parent != node) {
      replace_child(tree, succ->parent, succ, succ->right);
      succ->right = node->right;
      succ->right->parent = succ;
    }
    replace_child(tree, node->parent, node, succ);
    succ->left = node->left;
    succ->left->parent = succ;
  } else {
    struct avl_node *child = node->left ? node->left : node->right;
    start = node->parent;
    replace_child(tree, node->parent, node, child);
  }
  --tree->size;
  rebalance(tree, start);
}

struct avl_node *avl_first(const struct avl_tree *tree) {
  struct avl_node *n = tree->root;
  while (n && n->left)
    n = n->left;
  return n;
}

struct avl_node *avl_last(const struct avl_tree *tree) {
  struct avl_node *n = tree->root;
  while (n && n->right)
    n = n->right;
  return n;
}

struct avl_node *avl_next(const struct avl_node *n) {
  if (n->right) {
    n = n->right;
    while (n->left)
      n = n->left;
    return (struct avl_node *)n;
  }
  while (n->parent && n->parent->right == n)
    n = n->parent;
  return n->parent;
}

struct avl_node *avl_prev(const struct avl_node *n) {
  if (n->left) {
    n = n->left;
    while (n->right)
      n = n->right;
    return (struct avl_node *)n;
  }
  while (n->parent && n->parent->left == n)
    n = n->parent;
  return n->parent;
}

static int verify(const struct avl_tree *tree, const struct avl_node *n) {
  if (!n)
    return 0;
  if ((n->left && (n->left->parent != n || tree->cmp(n->left, n) >= 0)) ||
      (n->right && (n->right->parent != n || tree->cmp(n->right, n) <= 0)))
    return -1;
  int l = verify(tree, n->left), r = verify(tree, n->right);
  if (l < 0 || r < 0 || l - r > 1 || r - l > 1 || n->height != 1 + max(l, r))
    return -1;
  return n->height;
}

int avl_verify(const struct avl_tree *tree) {
  if (tree->root && tree->root->parent)
    return -1;
  return verify(tree, tree->root);
}
