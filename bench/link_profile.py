#!/usr/bin/env python3
"""Benchmark: where --spacer-layout's link time goes, in instructions.

Links link_time.py's generated 300-library program twice under callgrind
(valgrind), single-threaded so that every instruction is counted on one
thread: with the patched ld.lld without --spacer-layout (the baseline) and
with it. Prints both totals and the instructions of each part of the
option, as callgrind attributes them (inclusive of what each part calls).

    python3 -m bench.link_profile [--bin DIR] [--libraries N]

Needs valgrind (apt-get install valgrind).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from bench import link_time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (label, where it runs, callgrind function name as callgrind_annotate prints it)
PARTS = [
    ("parsing the manifest", "own thread", "spacer::parseManifest(llvm::StringRef)"),
    ("  of it, llvm::json::parse", "", "llvm::json::parse(llvm::StringRef)"),
    ("  of that, the array growing", "",
     "void std::vector<llvm::json::Value, std::allocator<llvm::json::Value> >::"
     "_M_realloc_insert<decltype(nullptr)>"),
    ("taking the manifest (matchers)", "main", "lld::elf::finishSpacerLayout()"),
    ("assigning slots (pools, fingerprints)", "main", "lld::elf::assignSpacerSlots()"),
    ("sizing the placement record", "main",
     "(anonymous namespace)::PlacementSection::getSize() const"),
    ("writing the placement record", "writer",
     "(anonymous namespace)::PlacementSection::writeTo(unsigned char*)"),
    ("checking the slots", "main", "lld::elf::checkSpacerSlots()"),
    # With threads, the builds are hashed while lld lays the image out; with
    # --threads=1 the hashing is deferred to the first wait for it.
    ("  of it, hashing the builds", "own thread",
     "spacer::BuildFingerprint::value() const"),
]


def callgrind(argv, out):
    """Total instructions, and {function: inclusive instructions}."""
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                          check=True, stdout=subprocess.PIPE, text=True).stdout
    total = None
    functions = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+PROGRAM TOTALS", line)
        if m:
            total = int(m.group(1).replace(",", ""))
            continue
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+\?\?\?:(.*) \[[^]]*\]$", line)
        if m:
            name = m.group(2)
            functions.setdefault(name, int(m.group(1).replace(",", "")))
    if total is None:
        sys.exit("link-profile: callgrind_annotate printed no total for %s" % out)
    return total, functions


def lookup(functions, name):
    for key, value in functions.items():
        if key == name or key.startswith(name):
            return value
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--libraries", type=int, default=300)
    args = parser.parse_args()
    for tool in ("valgrind", "callgrind_annotate"):
        if not shutil.which(tool):
            sys.exit("link-profile: %s is missing (apt-get install valgrind)" % tool)
    ld = os.path.join(args.bin, "ld.lld")
    with tempfile.TemporaryDirectory(prefix="spacer-link-profile.") as work:
        inputs, layouts, size = link_time.generate_large(work, args.bin, args.libraries)
        base = [ld, "--threads=1", "-static"] + inputs + ["-o", os.path.join(work, "out")]
        plain, _ = callgrind(base, os.path.join(work, "plain.cg"))
        spacer, functions = callgrind(base[:1] + ["--spacer-layout=" + layouts["large"]] + base[1:],
                                      os.path.join(work, "spacer.cg"))
    print("link profile: %d libraries, %.1f MB of objects, --threads=1, callgrind"
          % (args.libraries, size / 1e6))
    print("%-40s %12s   %s" % ("", "million", "runs on"))
    print("%-40s %12.1f" % ("the link without the option", plain / 1e6))
    print("%-40s %12.1f" % ("the link with it", spacer / 1e6))
    print("%-40s %12.1f   (%.1f%%)" % ("difference", (spacer - plain) / 1e6,
                                      100.0 * (spacer - plain) / plain))
    parts = 0
    for label, where, name in PARTS:
        count = lookup(functions, name)
        if label.startswith("taking"):
            count -= lookup(functions, "spacer::parseManifest(llvm::StringRef)")
        if not label.startswith(" "):
            parts += count
        print("%-40s %12.1f   %s" % (label, count / 1e6, where))
    print("%-40s %12.1f   %s" % ("the rest (more output, more commands)",
                                 (spacer - plain - parts) / 1e6, "main"))


if __name__ == "__main__":
    main()
