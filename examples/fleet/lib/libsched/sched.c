// libsched: threads, the run queue, and channels.
#include "list.h"
#include "sched.h"
#include "str.h"

#ifndef SCHED_MAX_THREADS
#define SCHED_MAX_THREADS 8
#endif
#ifndef SCHED_STACK_KIB
#define SCHED_STACK_KIB 8
#endif

enum state { FREE, RUNNABLE, BLOCKED, DONE };

struct thread {
  uintptr_t saved_sp;
  enum state state;
  const char *name;
  struct list_node queue; // on the run queue or a wait list
  struct list_node joiners;
  int deadlocked;         // woken only because nothing else could run
};

// Slot 0 is the boot thread that called sched_run() or sched_join().
static struct thread threads[SCHED_MAX_THREADS + 1];
static unsigned char stacks[SCHED_MAX_THREADS][SCHED_STACK_KIB * 1024]
    __attribute__((aligned(16)));
static struct list_node run_queue;
static int current;
static int initialised;
static uint64_t switches;

void sched_switch(uintptr_t *from, const uintptr_t *to);
void sched_trampoline(void);
__attribute__((noreturn)) void sched_exit_current(void);

static void init(void) {
  list_init(&run_queue);
  for (int i = 0; i <= SCHED_MAX_THREADS; ++i) {
    list_init(&threads[i].queue);
    list_init(&threads[i].joiners);
  }
  threads[0].state = RUNNABLE;
  threads[0].name = "main";
  initialised = 1;
}

static void make_runnable(int id) {
  threads[id].state = RUNNABLE;
  list_push_back(&run_queue, &threads[id].queue);
}

// Switches to the next runnable thread; the caller has already queued
// itself (yield) or parked itself on a wait list (block). Returns -1 when
// no thread can run.
static int reschedule(void) {
  struct list_node *next = list_pop_front(&run_queue);
  if (!next)
    return -1;
  int to = (int)(container_of(next, struct thread, queue) - threads);
  if (to == current)
    return 0;
  int from = current;
  current = to;
  ++switches;
  sched_switch(&threads[from].saved_sp, &threads[to].saved_sp);
  return 0;
}

// Parks the current thread on WAITERS until another thread wakes it.
// Returns -1, without waiting, when no other thread could ever wake it.
static int block_on(struct list_node *waiters) {
  if (list_empty(&run_queue))
    return -1;
  threads[current].state = BLOCKED;
  list_push_back(waiters, &threads[current].queue);
  if (reschedule())
    return -1;
  if (threads[current].deadlocked) {
    threads[current].deadlocked = 0;
    return -1;
  }
  return 0;
}

sched_thread sched_spawn(const char *name, void (*fn)(void *), void *arg) {
  if (!initialised)
    init();
  for (int id = 1; id <= SCHED_MAX_THREADS; ++id) {
    if (threads[id].state != FREE && threads[id].state != DONE)
      continue;
    if (threads[id].state == DONE && !list_empty(&threads[id].joiners))
      continue;
    uintptr_t *sp = (uintptr_t *)(stacks[id - 1] + sizeof stacks[id - 1]);
    // The switch "returns" into the trampoline with rsp 16-byte aligned, so
    // its call gives FN the ABI's entry alignment.
    *--sp = (uintptr_t)sched_trampoline;
    *--sp = 0;                            // rbp
    *--sp = (uintptr_t)fn;                // rbx
    *--sp = (uintptr_t)arg;               // r12
    *--sp = 0;                            // r13
    *--sp = 0;                            // r14
    *--sp = 0;                            // r15
    threads[id].saved_sp = (uintptr_t)sp;
    threads[id].name = name;
    list_init(&threads[id].joiners);
    make_runnable(id);
    return id;
  }
  return -1;
}

void sched_yield(void) {
  if (!initialised)
    init();
  make_runnable(current);
  reschedule();
}

void sched_exit_current(void) {
  struct thread *self = &threads[current];
  self->state = DONE;
  while (!list_empty(&self->joiners)) {
    struct thread *waiter =
        container_of(list_pop_front(&self->joiners), struct thread, queue);
    make_runnable((int)(waiter - threads));
  }
  // The last runnable thread is leaving while the boot thread waits for
  // something no one is left to do: wake it with the news, so its wait
  // fails instead of the machine stopping here.
  if (list_empty(&run_queue) && threads[0].state == BLOCKED) {
    list_remove(&threads[0].queue);
    threads[0].deadlocked = 1;
    make_runnable(0);
  }
  reschedule();
  for (;;) // only the boot thread can be left with nothing to run
    __asm__ volatile("cli; hlt");
}

void sched_join(sched_thread id) {
  if (!initialised)
    init();
  if (id <= 0 || id > SCHED_MAX_THREADS)
    return;
  while (threads[id].state != DONE && threads[id].state != FREE)
    if (block_on(&threads[id].joiners))
      return; // THREAD is blocked forever
}

int sched_run(void) {
  if (!initialised)
    init();
  while (!list_empty(&run_queue))
    sched_yield();
  int blocked = 0;
  for (int id = 1; id <= SCHED_MAX_THREADS; ++id)
    blocked += threads[id].state == BLOCKED;
  return blocked;
}

sched_thread sched_self(void) { return current; }
const char *sched_name(sched_thread id) {
  return id >= 0 && id <= SCHED_MAX_THREADS && threads[id].name ? threads[id].name : "?";
}
uint64_t sched_switches(void) { return switches; }
size_t sched_stack_bytes(void) { return sizeof stacks[0]; }

// Channels: a ring of messages; the threads waiting on either side are in
// wait lists kept here, keyed by the channel's address, so the public
// structure stays plain data.
#define MAX_CHANNELS 16
static struct {
  const struct sched_channel *channel;
  struct list_node senders, receivers;
} waits[MAX_CHANNELS];

static int wait_index(const struct sched_channel *c) {
  int unused = -1;
  for (int i = 0; i < MAX_CHANNELS; ++i) {
    if (waits[i].channel == c)
      return i;
    if (!waits[i].channel && unused < 0)
      unused = i;
  }
  if (unused >= 0) {
    waits[unused].channel = c;
    list_init(&waits[unused].senders);
    list_init(&waits[unused].receivers);
  }
  return unused;
}

static void wake_one(struct list_node *waiters) {
  struct list_node *n = list_pop_front(waiters);
  if (n)
    make_runnable((int)(container_of(n, struct thread, queue) - threads));
}

void sched_channel_init(struct sched_channel *c) {
  if (!initialised)
    init();
  memset(c, 0, sizeof *c);
  wait_index(c);
}

int sched_send(struct sched_channel *c, uintptr_t message) {
  int w = wait_index(c);
  if (w < 0)
    return -1; // more channels in use than MAX_CHANNELS
  while (c->count == SCHED_CHANNEL_CAPACITY && !c->closed)
    if (block_on(&waits[w].senders))
      return -1; // no receiver left: a deadlock
  if (c->closed)
    return -1;
  c->messages[(c->head + c->count++) % SCHED_CHANNEL_CAPACITY] = message;
  wake_one(&waits[w].receivers);
  return 0;
}

int sched_receive(struct sched_channel *c, uintptr_t *message) {
  int w = wait_index(c);
  if (w < 0)
    return -1;
  while (c->count == 0 && !c->closed)
    if (block_on(&waits[w].receivers))
      return -1; // no sender left: a deadlock
  if (c->count == 0)
    return -1;
  *message = c->messages[c->head];
  c->head = (c->head + 1) % SCHED_CHANNEL_CAPACITY;
  --c->count;
  wake_one(&waits[w].senders);
  return 0;
}

void sched_close(struct sched_channel *c) {
  int w = wait_index(c);
  c->closed = 1;
  if (w < 0)
    return;
  while (!list_empty(&waits[w].senders))
    wake_one(&waits[w].senders);
  while (!list_empty(&waits[w].receivers))
    wake_one(&waits[w].receivers);
  // Nobody waits on a closed channel: its wait lists are free for another.
  waits[w].channel = 0;
}
