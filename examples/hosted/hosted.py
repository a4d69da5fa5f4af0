#!/usr/bin/env python3
"""Three static programs on Debian 12's own static libraries, linked with
stock placement and with a layout planned for them: code nobody here wrote
(glibc's libc.a and libm, liblua5.4, zlib, zstd, libgcc), for measuring how
close real libraries come to the ideal bound.

    hosted.py [--bin DIR] [--work DIR] [--plan-options OPTS]
              [--explain[=LIB]] [--json] [--min-percent P]

Compiles the programs (luarun, zpack, luaz), writes each one's link inputs
as a list file, plans the layout from the three list files, links every
program both ways with the same ld.lld, runs both builds of each and
compares their output (--plan-options, such as "--relro=data", go to
`spacer plan`), checks the layout images with `spacer check`, and
prints both sets' `spacer share` figures: physical pages, the ideal bound,
and how close the layout comes to it. --explain links the layout set with
--spacer-references too and prints `spacer share --explain`.

Needs Debian's liblua5.4-dev, zlib1g-dev and libzstd-dev (the README's
setup installs them). Exit status: 0 when every program behaved the same
both ways, the check passed and the layout reached --min-percent of the
ideal bound (default 0), 1 when not, 2 when a step could not run.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from examples.fleet.fleet import CLANG  # noqa: E402  (the pinned clang)

MULTIARCH = "/usr/lib/x86_64-linux-gnu"
# Each program and the archives it links, in link order. libm.a is a linker
# script naming these two; list files name real archives.
PROGRAMS = {
    "luarun": ["liblua5.4.a", "libm-2.36.a", "libmvec.a"],
    "zpack": ["libz.a", "libzstd.a"],
    "luaz": ["liblua5.4.a", "libz.a", "libm-2.36.a", "libmvec.a"],
}
CFLAGS = ["-O2", "-Wall", "-Werror", "-I/usr/include/lua5.4"]


class StepFailed(Exception):
    pass


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise StepFailed("%s failed (%d):\n%s%s" % (
            " ".join(cmd), p.returncode, p.stdout, p.stderr))
    return p.stdout


def toolchain_file(name):
    path = run([CLANG, "-print-file-name=" + name]).strip()
    if not os.path.isabs(path):
        raise StepFailed("%s does not know where %s is" % (CLANG, name))
    return path


def link_inputs(app_object, archives):
    """The files a static link of the program reads, in the order clang's
    driver gives them to the linker."""
    crt = [os.path.join(MULTIARCH, f) for f in ("crt1.o", "crti.o")]
    gcc = [toolchain_file(f) for f in ("crtbeginT.o", "libgcc.a",
                                       "libgcc_eh.a", "crtend.o")]
    libs = [os.path.join(MULTIARCH, a) for a in archives]
    for f in libs + [os.path.join(MULTIARCH, "libc.a")]:
        if not os.path.isfile(f):
            raise StepFailed("%s is missing: install liblua5.4-dev, "
                             "zlib1g-dev and libzstd-dev" % f)
    return (crt + [gcc[0], app_object] + libs +
            ["--start-group", gcc[1], gcc[2],
             os.path.join(MULTIARCH, "libc.a"), "--end-group", gcc[3],
             os.path.join(MULTIARCH, "crtn.o")])


def build(args):
    os.makedirs(args.work, exist_ok=True)
    lists = []
    for name, archives in PROGRAMS.items():
        obj = os.path.join(args.work, name + ".o")
        run([CLANG] + CFLAGS + ["-c", os.path.join(HERE, name + ".c"),
                                "-o", obj])
        inputs = link_inputs(obj, archives)
        lst = os.path.join(args.work, name + ".inputs")
        with open(lst, "w") as f:
            f.write("".join(i + "\n" for i in inputs
                            if not i.startswith("--")))
        lists.append(lst)
    layout = os.path.join(args.work, "layout.json")
    print(run([os.path.join(args.bin, "spacer"), "plan", "-o", layout] +
              shlex.split(args.plan_options) + lists), end="")
    ld = os.path.join(args.bin, "ld.lld")
    for s in ("stock", "spacer"):
        os.makedirs(os.path.join(args.work, s), exist_ok=True)
    for name, archives in PROGRAMS.items():
        inputs = link_inputs(os.path.join(args.work, name + ".o"), archives)
        for s in ("stock", "spacer"):
            extra = []
            if s == "spacer":
                extra = ["--spacer-layout=" + layout]
                if args.explain is not None:
                    extra.append("--spacer-references")
            run([ld, "-static", "-o", os.path.join(args.work, s, name)] +
                extra + inputs)
    return layout


def behave(args):
    ok = True
    for name in PROGRAMS:
        outs = []
        for s in ("stock", "spacer"):
            p = subprocess.run([os.path.join(args.work, s, name)],
                               capture_output=True, text=True, timeout=60)
            outs.append((p.returncode, p.stdout, p.stderr))
        same = outs[0] == outs[1] and outs[0][0] == 0
        ok &= same
        print("%-8s %s" % (name, "same output as stock" if same else
                           "DIFFERS from stock: %r / %r" % tuple(outs)))
    return ok


def report(args, layout):
    spacer = os.path.join(args.bin, "spacer")
    images = {s: [os.path.join(args.work, s, n) for n in PROGRAMS]
              for s in ("stock", "spacer")}
    check = subprocess.run([spacer, "check", "--layout=" + layout] +
                           images["spacer"], capture_output=True, text=True)
    print("spacer check: %s" % ("ok" if check.returncode == 0 else
                                check.stdout + check.stderr))
    figures = {}
    for s in ("stock", "spacer"):
        extra = ["--layout=" + layout] if s == "spacer" else []
        figures[s] = json.loads(run([spacer, "share", "--json"] + extra +
                                    images[s]))
    stock, lay = figures["stock"], figures["spacer"]
    sizes = {s: sum(os.path.getsize(i) for i in images[s]) for s in images}
    ideal = lay["ideal_pages"]
    summary = {
        "stock_physical_pages": stock["distinct_pages"],
        "spacer_physical_pages": lay["distinct_pages"],
        "ideal_physical_pages": ideal,
        "of_ideal_percent": round(100.0 * ideal / lay["distinct_pages"], 1),
        "over_ideal": {l["name"]: l["excess_pages"]
                       for l in lay["libraries"] if l["excess_pages"]},
        "file_bytes": sizes,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print("physical pages: stock %d, layout %d, ideal %d (%.1f%% of "
              "the ideal); files %d / %d bytes (%.3fx)" % (
                  stock["distinct_pages"], lay["distinct_pages"], ideal,
                  summary["of_ideal_percent"], sizes["spacer"],
                  sizes["stock"], sizes["spacer"] / sizes["stock"]))
        print("pages over the ideal: %s" % (", ".join(
            "%s %d" % kv for kv in summary["over_ideal"].items()) or "none"))
    reached = summary["of_ideal_percent"] >= args.min_percent
    if not reached:
        print("below %.1f%% of the ideal bound" % args.min_percent)
    if args.explain is not None:
        opt = "--explain" + ("=" + args.explain if args.explain else "")
        print(run([spacer, "share", opt, "--layout=" + layout] +
                  images["spacer"]), end="")
    return check.returncode == 0 and reached


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", "build",
                                                  "bin"),
                    help="where ld.lld and spacer are (default build/bin)")
    ap.add_argument("--work", default="/tmp/spacer-hosted",
                    help="scratch directory (default /tmp/spacer-hosted)")
    ap.add_argument("--plan-options", default="", metavar="OPTS",
                    help="more options for spacer plan")
    ap.add_argument("--explain", nargs="?", const="", default=None,
                    metavar="LIB", help="also explain what differs")
    ap.add_argument("--json", action="store_true",
                    help="the figures as JSON")
    ap.add_argument("--min-percent", type=float, default=0.0, metavar="P",
                    help="fail when the layout reaches less than P%% of the "
                    "ideal bound")
    args = ap.parse_args()
    if shutil.which(CLANG) is None:
        print("hosted.py: %s is not installed" % CLANG, file=sys.stderr)
        return 2
    try:
        layout = build(args)
        ok = behave(args)
        ok &= report(args, layout)
    except (StepFailed, subprocess.TimeoutExpired) as e:
        print("hosted.py: %s" % e, file=sys.stderr)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
