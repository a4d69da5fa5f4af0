#!/usr/bin/env python3
"""Benchmark: what spacer-indirect costs at run time (one load per reference
to a symbol outside the library, and indirect instead of direct calls), and
what entry tables cost (a direct jump more per call into the other library).

Builds the same small programs three ways: the library compiled directly
and linked plainly (the baseline); the same objects linked with a layout
whose other library has an entry table (spacer plan gives it one: it comes
in an archive), so the library's calls go through the entries; and the
library compiled with spacer-indirect. Links all with the patched ld.lld,
runs each several times, interleaved, in the same invocation, and prints
the median times and their ratios to the baseline. The workloads are
freestanding x86-64 Linux programs:

- calls:     the library's loop calls a function of another library and
             reads its variable on every iteration (the worst case: nothing
             but outside references);
- hashing:   the library hashes a buffer, calling another library once per
             64-byte block (a library that mostly works on its own data);
- callbacks: the library sorts with a comparison function of the program,
             called through a pointer either way.

    python3 -m bench.indirect_cost [--bin DIR] [--runs N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from examples.fleet import fleet

CLANG = fleet.CLANG
CFLAGS = ["--target=x86_64-linux-gnu", "-O2", "-fno-pic", "-ffreestanding",
          "-fno-asynchronous-unwind-tables", "-fno-builtin"]

RUNTIME = r"""
// The programs' own start and exit: no libc.
long workload(long n);
void _start(void) {
  long r = workload(%(iterations)d);
  __asm__ volatile("syscall" : : "a"(231), "D"((int)(r & 1)));
  __builtin_unreachable();
}
"""

WORKLOADS = {
    "calls": ("""
long other_step(long x);
extern long other_bias;
long workload(long n) {
  long acc = 0;
  for (long i = 0; i < n; ++i)
    acc = other_step(acc ^ i) + other_bias;
  return acc;
}
""", """
long other_bias = 3;
__attribute__((noinline)) long other_step(long x) { return x * 5 + 1; }
""", 200000000),
    "hashing": ("""
void other_block_done(unsigned long h);
static unsigned char buffer[1 << 16];
long workload(long n) {
  unsigned long h = 1469598103934665603ul;
  for (long round = 0; round < n; ++round) {
    for (unsigned i = 0; i < sizeof buffer; ++i) {
      h = (h ^ (buffer[i] + (unsigned char)round)) * 1099511628211ul;
      if ((i & 63) == 63)
        other_block_done(h);
    }
  }
  return (long)h;
}
""", """
unsigned long other_blocks;
__attribute__((noinline)) void other_block_done(unsigned long h) { other_blocks += h & 1; }
""", 3000),
    "callbacks": ("""
typedef int (*compare_fn)(long, long);
compare_fn other_compare(void);
static long data[4096];
long workload(long n) {
  compare_fn cmp = other_compare();
  long swaps = 0;
  for (long round = 0; round < n; ++round) {
    unsigned long x = (unsigned long)round * 2654435761u;
    for (unsigned i = 0; i < 4096; ++i)
      data[i] = (long)((x = x * 6364136223846793005ul + 1) >> 33);
    for (unsigned gap = 2048; gap; gap /= 2)       // shell sort
      for (unsigned i = gap; i < 4096; ++i)
        for (long j = i; j >= gap && cmp(data[j - gap], data[j]) > 0; j -= gap) {
          long t = data[j]; data[j] = data[j - gap]; data[j - gap] = t; ++swaps;
        }
  }
  return swaps;
}
""", """
static int by_value(long a, long b) { return a < b ? -1 : a > b; }
typedef int (*compare_fn)(long, long);
compare_fn other_compare(void) { return by_value; }
""", 300),
}


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def build(work, bin_dir, passes, name, lib_src, other_src, iterations):
    ld = os.path.join(bin_dir, "ld.lld")
    d = os.path.join(work, name)
    os.makedirs(d)
    for file, text in (("lib.c", lib_src), ("other.c", other_src),
                       ("main.c", RUNTIME % {"iterations": iterations})):
        with open(os.path.join(d, file), "w") as f:
            f.write(text)
    objs = {}
    for mode in ("direct", "indirect"):
        extra = [] if mode == "direct" else [
            "-fpass-plugin=" + passes, "-Xclang", "-load", "-Xclang", passes,
            "-mllvm", "-spacer-indirect=lib"]
        objs[mode] = os.path.join(d, "lib-%s.o" % mode)
        run([CLANG] + CFLAGS + extra + ["-c", os.path.join(d, "lib.c"), "-o", objs[mode]])
    for file in ("other", "main"):
        run([CLANG] + CFLAGS + ["-c", os.path.join(d, file + ".c"),
                                "-o", os.path.join(d, file + ".o")])
    programs = {}
    for mode in ("direct", "indirect"):
        programs[mode] = os.path.join(d, mode)
        run([ld, "-static", os.path.join(d, "main.o"), objs[mode],
             os.path.join(d, "other.o"), "-o", programs[mode]])
    # Entries: the other library in an archive, so that spacer plan gives it
    # an entry for each function the library calls.
    archive = os.path.join(d, "other.a")
    run(["llvm-ar-%s" % fleet.LLVM_MAJOR, "rcs", archive, os.path.join(d, "other.o")])
    inputs = [os.path.join(d, "main.o"), objs["direct"], archive]
    layout = os.path.join(d, "layout.json")
    summary = subprocess.run(
        [os.path.join(bin_dir, "spacer"), "plan", "-o", layout,
         "one=" + ",".join(inputs), "two=" + ",".join(inputs)],
        check=True, stdout=subprocess.PIPE, text=True).stdout
    if "entry tables" not in summary:
        sys.exit("indirect-cost: %s: spacer plan gave the other library no entries" % name)
    programs["entries"] = os.path.join(d, "entries")
    run([ld, "-static", "--spacer-layout=" + layout] + inputs + ["-o", programs["entries"]])
    return programs


def measure(program):
    """Seconds, and the exit status (the result's low bit, to compare)."""
    start = time.perf_counter()
    status = subprocess.run([program], check=False).returncode
    return time.perf_counter() - start, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ld = os.path.join(args.bin, "ld.lld")
    passes = os.path.join(os.path.dirname(args.bin), "lib", "SpacerPasses.so")
    for tool in (ld, os.path.join(args.bin, "spacer"), passes):
        if not os.path.exists(tool):
            sys.exit("indirect-cost: %s is missing: build first (scripts/build.sh)" % tool)

    print("run-time cost of entry tables and of spacer-indirect: %d interleaved runs each, "
          "medians" % args.runs)
    print("%-10s %10s %10s %11s %9s %9s" % ("workload", "direct s", "entries s", "indirect s",
                                           "entries", "indirect"))
    with tempfile.TemporaryDirectory(prefix="spacer-indirect-bench.") as work:
        for name, (lib_src, other_src, iterations) in WORKLOADS.items():
            programs = build(work, args.bin, passes, name, lib_src, other_src, iterations)
            times = {mode: [] for mode in programs}
            statuses = set()
            for _ in range(args.runs):  # interleaved, so drift hits both
                for mode, program in programs.items():
                    seconds, status = measure(program)
                    times[mode].append(seconds)
                    statuses.add(status)
            if len(statuses) != 1:
                sys.exit("indirect-cost: %s: the builds computed different results" % name)
            med = {mode: statistics.median(t) for mode, t in times.items()}
            print("%-10s %10.3f %10.3f %11.3f %9.3f %9.3f"
                  % (name, med["direct"], med["entries"], med["indirect"],
                     med["entries"] / med["direct"], med["indirect"] / med["direct"]))


if __name__ == "__main__":
    main()
