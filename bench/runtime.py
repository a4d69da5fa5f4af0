#!/usr/bin/env python3
"""Benchmark: do aligned images run slower? Boot-to-exit time of every
sample-fleet image, stock placement against the spacer layout, and against
the layout with every library built through spacer-indirect, in the same
run: each image booted RUNS times, the three sets interleaved, medians and
ratios.

The guests run under QEMU's software emulation by default (--accel), which
makes the numbers repeatable on any host; QEMU's own start-up is part of
every boot, so the `compress` and `pipeline` rows, whose guests compute for
most of their time, are the ones that show a cost in the guest itself.

    bench/runtime.py [--bin DIR] [--runs N] [--accel tcg|kvm]
"""

import argparse
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples", "fleet"))
import fleet  # noqa: E402


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
    fleet.build(conf, direct, os.environ.get("CC", "clang-19"), os.cpu_count() or 1, quiet)
    fleet.build(conf, indirect, os.environ.get("CC", "clang-19"), os.cpu_count() or 1, quiet,
                indirect=True)
    sets = {"stock": lambda app: direct.image("stock", app),
            "spacer": lambda app: direct.image("spacer", app),
            "indirect": lambda app: indirect.image("spacer", app)}

    print("boot-to-exit time, %s, median of %d interleaved boots per image"
          % (args.accel.upper(), args.runs))
    print("%-10s %10s %10s %10s %15s %17s" % ("image", "stock s", "spacer s", "indirect s",
                                             "spacer/stock", "indirect/stock"))
    ratios = {"spacer": [], "indirect": []}
    for app in conf.apps:
        expected = fleet.expected_output(app)
        times = {name: [] for name in sets}
        for _ in range(args.runs):
            for name, image in sets.items():
                boot = fleet.boot(image(app), args.accel)
                problem = boot.failure(expected)
                if problem:
                    sys.exit("runtime: %s (%s): %s" % (app, name, problem))
                times[name].append(boot.seconds)
        med = {name: statistics.median(t) for name, t in times.items()}
        for name in ratios:
            ratios[name].append(med[name] / med["stock"])
        print("%-10s %10.4f %10.4f %10.4f %15.3f %17.3f"
              % (app, med["stock"], med["spacer"], med["indirect"],
                 med["spacer"] / med["stock"], med["indirect"] / med["stock"]))
    print("%-10s %10s %10s %10s %15.3f %17.3f"
          % ("median", "", "", "", statistics.median(ratios["spacer"]),
             statistics.median(ratios["indirect"])))


if __name__ == "__main__":
    main()
