#!/usr/bin/env python3
"""Benchmark: do aligned images run slower? For every sample-fleet image,
stock placement against the spacer layout, and against the layout with
every library built through spacer-indirect, in the same run: each image
booted RUNS times, the three sets interleaved, medians and ratios of

- the boot-to-exit time, QEMU's start-up included, and
- the time the application's main() ran, in time stamp counter cycles the
  guest reads itself (the boot layer's "cycles" option): the workload alone.

The guests run under QEMU's software emulation by default (--accel), which
makes the numbers repeatable on any host.

    python3 -m bench.runtime [--bin DIR] [--runs N] [--accel tcg|kvm]
"""

import argparse
import os
import re
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from examples.fleet import fleet


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-runtime"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--accel", default="tcg", choices=["tcg", "kvm"])
    args = parser.parse_args()

    conf = fleet.Fleet(os.path.join(fleet.HERE, "fleet.conf"))
    direct = fleet.Paths(os.path.join(os.path.abspath(args.work), "direct"),
                         os.path.abspath(args.bin))
    indirect = fleet.Paths(os.path.join(os.path.abspath(args.work), "indirect"),
                           os.path.abspath(args.bin))
    quiet = lambda text: None  # noqa: E731
    fleet.build(conf, direct, os.environ.get("CC", fleet.CLANG), os.cpu_count() or 1, quiet)
    fleet.build(conf, indirect, os.environ.get("CC", fleet.CLANG), os.cpu_count() or 1, quiet,
                indirect=True)
    sets = {"stock": lambda app: direct.image("stock", app),
            "spacer": lambda app: direct.image("spacer", app),
            "indirect": lambda app: indirect.image("spacer", app)}

    cycles_line = re.compile(r"^boot: main took (\d+) cycles\n", re.M)
    results = {}  # app -> {set: (median seconds, median cycles)}
    for app in conf.apps:
        expected = fleet.expected_output(app)
        seconds = {name: [] for name in sets}
        cycles = {name: [] for name in sets}
        for _ in range(args.runs):
            for name, image in sets.items():
                boot = fleet.boot(image(app), args.accel, options=("cycles",))
                found = cycles_line.search(boot.output)
                boot.output = cycles_line.sub("", boot.output)
                problem = boot.failure(expected) or (None if found else "no cycle count")
                if problem:
                    sys.exit("runtime: %s (%s): %s" % (app, name, problem))
                seconds[name].append(boot.seconds)
                cycles[name].append(int(found.group(1)))
        results[app] = {name: (statistics.median(seconds[name]),
                               statistics.median(cycles[name])) for name in sets}

    for what, index, unit in (("boot-to-exit time", 0, "s"), ("main() run time", 1, "cycles")):
        print("%s, %s, median of %d interleaved boots per image"
              % (what, args.accel.upper(), args.runs))
        print("%-10s %14s %14s %14s %13s %15s"
              % ("image", "stock " + unit, "spacer " + unit, "indirect " + unit,
                 "spacer/stock", "indirect/stock"))
        ratios = {"spacer": [], "indirect": []}
        for app, med in results.items():
            stock = med["stock"][index]
            for name in ratios:
                ratios[name].append(med[name][index] / stock)
            fmt = "%14.4f" if index == 0 else "%14d"
            print(("%-10s " + fmt + " " + fmt + " " + fmt + " %13.3f %15.3f")
                  % (app, stock, med["spacer"][index], med["indirect"][index],
                     med["spacer"][index] / stock, med["indirect"][index] / stock))
        print("%-10s %14s %14s %14s %13.3f %15.3f\n"
              % ("median", "", "", "", statistics.median(ratios["spacer"]),
                 statistics.median(ratios["indirect"])))


if __name__ == "__main__":
    main()
