// tasks: a job scheduler simulation. Jobs are read from a small table
// (libparse), run as cooperative threads that each yield after a slice of
// work, and report in the order they finish.
#include "fmt.h"
#include "list.h"
#include "parse.h"
#include "sched.h"
#include "str.h"

static const char jobs_text[] =
    "# name = work units\n"
    "backup   = 5\n"
    "index    = 2\n"
    "compact  = 7\n"
    "report   = 1\n"
    "rotate   = 3\n"
    "vacuum   = 4\n";

struct job {
  struct list_node finished;
  char name[16];
  long units;
  long done;
  unsigned long checksum;
};

static struct job jobs[8];
static struct list_node finished;
static unsigned long clock;

static void run_job(void *arg) {
  struct job *j = arg;
  while (j->done < j->units) {
    // A slice of real work: a few rounds of a xorshift generator.
    unsigned long x = j->checksum ^ (unsigned long)(j->done + 1) * 0x9e3779b97f4a7c15ul;
    for (int i = 0; i < 1000; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
    }
    j->checksum = x;
    ++j->done;
    ++clock;
    sched_yield();
  }
  list_push_back(&finished, &j->finished);
}

int main(void) {
  list_init(&finished);
  unsigned count = 0;
  struct parse_lines lines;
  const char *line;
  size_t len;
  parse_lines_init(&lines, jobs_text);
  while (parse_next_line(&lines, &line, &len) && count < 8) {
    const char *key, *value;
    size_t key_len, value_len;
    if (parse_assignment(line, len, &key, &key_len, &value, &value_len))
      continue;
    struct job *j = &jobs[count++];
    snprintf(j->name, sizeof j->name, "%.*s", (int)key_len, key);
    j->units = strtol(value, 0, 10);
  }
  for (unsigned i = 0; i < count; ++i)
    if (sched_spawn(jobs[i].name, run_job, &jobs[i]) < 0) {
      printf("tasks: no thread for %s\n", jobs[i].name);
      return 1;
    }
  int stuck = sched_run();
  printf("%u jobs, %lu slices, %d stuck\n", count, clock, stuck);
  unsigned order = 0;
  for (struct list_node *n = finished.next; n != &finished; n = n->next) {
    struct job *j = container_of(n, struct job, finished);
    printf("%u. %-8s %2ld units  %016lx\n", ++order, j->name, j->units, j->checksum);
  }
  printf("stack %zu bytes per thread\n", sched_stack_bytes());
  return stuck || order != count ? 1 : 0;
}
