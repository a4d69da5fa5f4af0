#!/usr/bin/env python3
"""Benchmark: how spacer plan and spacer share grow with the fleet.

Synthetic workspaces of 10, 100 and 1000 unikernels (--sizes) drawing on
100 libraries (10 of them in two variants), each unikernel with its own
program and 80 of the libraries. For each size: spacer plan over the
workspace, every unikernel linked with the layout (not timed), then
spacer share over all the images. Prints time and peak memory per size,
next to reading the same files with cat in the same run, and the growth
exponent of each (the slope of log time over log size: 1 is linear).

    python3 -m bench.scale [--bin DIR] [--sizes 10,100,1000]
"""

import argparse
import concurrent.futures
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from bench.measure import timed
from examples.fleet import fleet

LLVM_MC = os.path.join(fleet.LLVM_BIN, "llvm-mc")
LIBRARIES = 100
VARIANTS = 10


def library_source(i, variant):
    text = 256 + i * 97 + (512 if variant else 0)
    return ("  .text\n  .globl f%d\nf%d:\n  .fill %d, 1, 0x90\n  ret\n"
            "  .section .rodata,\"a\"\n  .fill %d, 1, %d\n"
            "  .data\n  .quad f%d\n  .bss\n  .zero %d\n"
            % (i, i, text, 64 + i * 13, i, i, 128 + i * 7))


def exponent(sizes, seconds):
    """Least-squares slope of log(seconds) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mx) * (y - my) for x, y in zip(xs, ys)) /
            sum((x - mx) ** 2 for x in xs))


def build_workspace(work, count):
    """The list files of COUNT unikernels; returns them."""
    lists = []
    ws = os.path.join(work, "ws%d" % count)
    os.makedirs(ws)
    for u in range(count):
        path = os.path.join(ws, "uk%d.inputs" % u)
        with open(path, "w") as f:
            f.write(os.path.join(work, "apps", "app%d.o" % u) + "\n")
            for i in range(LIBRARIES):
                if (i + u) % 5 != 0:
                    kind = "variant" if i < VARIANTS and u % 2 else "libs"
                    f.write(os.path.join(work, kind, "lib%d.o" % i) + "\n")
        lists.append(path)
    return lists


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--sizes", default="10,100,1000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    spacer = os.path.join(args.bin, "spacer")
    ld = os.path.join(args.bin, "ld.lld")

    with tempfile.TemporaryDirectory(prefix="spacer-scale.") as work:
        for d in ("libs", "variant", "apps"):
            os.makedirs(os.path.join(work, d))

        def assemble(job):
            kind, i = job
            src = os.path.join(work, kind, "lib%d.s" % i)
            with open(src, "w") as f:
                f.write(library_source(i, kind == "variant"))
            subprocess.run([LLVM_MC, "-filetype=obj", "-triple=x86_64", src, "-o",
                            src[:-2] + ".o"], check=True)
        jobs = [("libs", i) for i in range(LIBRARIES)] + [("variant", i) for i in range(VARIANTS)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(assemble, jobs))
        app = os.path.join(work, "app.s")
        with open(app, "w") as f:
            f.write("  .globl _start\n_start:\n  ret\n")
        subprocess.run([LLVM_MC, "-filetype=obj", "-triple=x86_64", app, "-o",
                        os.path.join(work, "apps", "app0.o")], check=True)
        for u in range(1, max(sizes)):
            os.link(os.path.join(work, "apps", "app0.o"),
                    os.path.join(work, "apps", "app%d.o" % u))

        print("spacer plan and spacer share at scale: unikernels x %d libraries" % LIBRARIES)
        print("%6s | %9s %9s %9s %10s | %9s %9s %9s %10s"
              % ("size", "cat s", "plan s", "plan/cat", "plan KiB",
                 "cat s", "share s", "share/cat", "share KiB"))
        plan_times, share_times = [], []
        for count in sizes:
            lists = build_workspace(work, count)
            inputs = sorted({line.strip() for p in lists for line in open(p)})
            layout = os.path.join(work, "layout%d.json" % count)
            cat_plan, _, _ = timed(["cat"] + inputs + lists)
            t_plan, kib_plan, _ = timed([spacer, "plan", "-o", layout] + lists)

            images = []
            def link(path):
                image = path[: -len(".inputs")]
                subprocess.run([ld, "-static", "--spacer-layout=" + layout,
                                "@" + path, "-o", image], check=True)
                return image
            with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                images = list(pool.map(link, lists))
            cat_share, _, _ = timed(["cat"] + images)
            t_share, kib_share, _ = timed([spacer, "share", "--layout=" + layout] + images)
            plan_times.append(t_plan)
            share_times.append(t_share)
            print("%6d | %9.3f %9.3f %9.1f %10d | %9.3f %9.3f %9.1f %10d"
                  % (count, cat_plan, t_plan, t_plan / cat_plan, kib_plan,
                     cat_share, t_share, t_share / cat_share, kib_share))
        if len(sizes) > 1:
            print("growth exponent (1 = linear): spacer plan %.2f, spacer share %.2f"
                  % (exponent(sizes, plan_times), exponent(sizes, share_times)))


if __name__ == "__main__":
    main()
