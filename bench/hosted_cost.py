#!/usr/bin/env python3
"""Benchmark: what a layout costs at run time on a hosted libc, where the
entry tables carry libc's own calls to its IFUNCs (memcpy, strlen, ...: a
direct jump more per call) and "relro": "data" moves RELRO data into the
data slots.

Builds one program on Debian's static libc (snprintf and strdup in a loop:
libc's printf engine and strdup call strchrnul, mempcpy, strlen and memcpy
internally, all IFUNCs) and links it three ways with the patched ld.lld:
stock placement (the baseline), with a planned layout, and with a layout
planned with --relro=data (libc is shared by two names of the program, so
it gets slots and entries). Runs each several times, interleaved, in the
same invocation, and prints the median times and their ratios to the
baseline.

    python3 -m bench.hosted_cost [--bin DIR] [--runs N] [--iterations N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from examples.fleet.fleet import CLANG  # noqa: E402
from examples.hosted import hosted  # noqa: E402

PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  unsigned long acc = 0;
  char buf[256];
  for (long i = 0; i < n; ++i) {
    int len = snprintf(buf, sizeof buf, "%s-%ld-%s", "spacer", i, "pages");
    char *copy = strdup(buf);
    if (!copy)
      return 1;
    acc += (unsigned long)len + (unsigned char)copy[len / 2];
    free(copy);
  }
  printf("%lu\n", acc);
  return 0;
}
"""

SETS = ("stock", "layout", "relro-data")


def build(work, bin_dir):
    src = os.path.join(work, "bench.c")
    with open(src, "w") as f:
        f.write(PROGRAM)
    obj = os.path.join(work, "bench.o")
    hosted.run([CLANG, "-O2", "-c", src, "-o", obj])
    inputs = hosted.link_inputs(obj, [])
    files = [i for i in inputs if not i.startswith("--")]
    specs = ["%s=%s" % (name, ",".join(files)) for name in ("one", "two")]
    ld = os.path.join(bin_dir, "ld.lld")
    programs = {}
    for s in SETS:
        extra = []
        if s != "stock":
            layout = os.path.join(work, s + ".json")
            opts = ["--relro=data"] if s == "relro-data" else []
            hosted.run([os.path.join(bin_dir, "spacer"), "plan", "-o", layout]
                       + opts + specs)
            extra = ["--spacer-layout=" + layout]
        programs[s] = os.path.join(work, s)
        hosted.run([ld, "-static", "-o", programs[s]] + extra + inputs)
    return programs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--iterations", type=int, default=10000000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="spacer-hosted-cost-") as work:
        try:
            programs = build(work, args.bin)
        except hosted.StepFailed as e:
            sys.exit("hosted-cost: %s" % e)
        times = {s: [] for s in SETS}
        outputs = {}
        for _ in range(args.runs):
            for s in SETS:
                t0 = time.perf_counter()
                out = subprocess.run([programs[s], str(args.iterations)],
                                     capture_output=True, text=True,
                                     check=True).stdout
                times[s].append(time.perf_counter() - t0)
                outputs.setdefault(out, []).append(s)
        if len(outputs) != 1:
            sys.exit("hosted-cost: the programs disagree: %r" % outputs)
    med = {s: statistics.median(times[s]) for s in SETS}
    print("%d runs of %d iterations, medians" % (args.runs, args.iterations))
    print("%-11s %9s %9s" % ("set", "seconds", "ratio"))
    for s in SETS:
        print("%-11s %9.3f %9.3f" % (s, med[s], med[s] / med["stock"]))


if __name__ == "__main__":
    main()
