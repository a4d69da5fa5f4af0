// libsched: a cooperative scheduler. Threads run until they yield, block on
// a channel or finish; the run queue is round-robin. Configurations:
// SCHED_MAX_THREADS and SCHED_STACK_KIB (each thread's stack, static).
#ifndef FLEET_SCHED_H
#define FLEET_SCHED_H
#include <stddef.h>
#include <stdint.h>

typedef int sched_thread; // a thread id, or -1

// Starts FN(ARG) as a new thread; returns its id or -1 when none is free.
sched_thread sched_spawn(const char *name, void (*fn)(void *arg), void *arg);
void sched_yield(void);
// Runs the other threads until THREAD has finished. A finished thread's
// id is reused by a later sched_spawn: join before spawning again.
void sched_join(sched_thread thread);
// Runs every thread until all have finished or are blocked; returns the
// number left blocked (a deadlock when not zero).
int sched_run(void);
sched_thread sched_self(void);
const char *sched_name(sched_thread thread);
// Context switches since boot.
uint64_t sched_switches(void);
size_t sched_stack_bytes(void);

// A bounded channel of pointer-sized messages; senders block when full,
// receivers when empty. At most 16 channels can be open at once (closing
// one frees its place). Sending returns -1 when the channel is closed or
// no thread is left that could receive (a deadlock), 0 otherwise.
#define SCHED_CHANNEL_CAPACITY 4
struct sched_channel {
  uintptr_t messages[SCHED_CHANNEL_CAPACITY];
  unsigned head, count;
  int closed;
};
void sched_channel_init(struct sched_channel *c);
int sched_send(struct sched_channel *c, uintptr_t message);
// Returns 0 and the message, or -1 once the channel is closed and drained
// (or no thread is left that could send).
int sched_receive(struct sched_channel *c, uintptr_t *message);
void sched_close(struct sched_channel *c);
#endif
