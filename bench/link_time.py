#!/usr/bin/env python3
"""Benchmark: what --spacer-layout costs at link time.

Three linkers on the same inputs, in the same run, interleaved: Debian's
stock ld.lld-19, the patched ld.lld without the option (the same binary:
does the patch cost anything by itself?) and the patched ld.lld with
--spacer-layout. Prints the median wall time, CPU time and peak memory of
each, and the ratios against both baselines, for:

- fleet:  the eight images of the sample fleet (examples/fleet), linked one
          after the other with its platform script;
- large:  a generated program of LIBRARIES libraries (default 300), some
          tens of MB of code with calls and pointers between libraries,
          without a linker script;
- large-T: the same with a user linker script (a unikernel-style one).

    python3 -m bench.link_time [--bin DIR] [--runs N] [--libraries N]
"""

import argparse
import concurrent.futures
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from examples.fleet import fleet
from bench.measure import timed

STOCK_LD = os.path.join(fleet.LLVM_BIN, "ld.lld")
LLVM_MC = os.path.join(fleet.LLVM_BIN, "llvm-mc")
FUNCTIONS = 200       # per library
FUNCTION_BYTES = 400   # of code each, around its four calls

SCRIPT = """ENTRY(_start)
SECTIONS {
  . = 0x100000;
  .text : { *(.text .text.*) }
  . = ALIGN(0x1000);
  .rodata : { *(.rodata .rodata.*) }
  . = ALIGN(0x1000);
  .data : { *(.data .data.*) }
  .bss : { *(.bss .bss.*) *(COMMON) }
}
"""


def library_source(index, libraries):
    """Library INDEX: functions that call into four other libraries, a
    table of pointers to them, read-only data and bss."""
    out = ["  .text"]
    for f in range(FUNCTIONS):
        out += ["  .globl l%d_f%d" % (index, f), "  .type l%d_f%d,@function" % (index, f),
                "l%d_f%d:" % (index, f), "  .fill %d, 1, 0x90" % (FUNCTION_BYTES // 2)]
        for k in range(4):
            other = (index * 7 + f * 3 + k * 11 + 1) % libraries
            out.append("  call l%d_f%d" % (other, (f + k) % FUNCTIONS))
        out += ["  movq l%d_table(%%rip), %%rax" % index,
                "  .fill %d, 1, 0x90" % (FUNCTION_BYTES // 2), "  ret"]
    out += ["  .section .rodata,\"a\"", "  .fill %d, 1, %d" % (1024 + 37 * (index % 50), index % 256),
            "  .section .rodata.str1.1,\"aMS\",@progbits,1",
            "  .asciz \"library %d\"" % index, "  .asciz \"shared string\"",
            "  .data", "  .globl l%d_table" % index, "l%d_table:" % index]
    out += ["  .quad l%d_f%d" % ((index + f) % libraries, f) for f in range(FUNCTIONS)]
    out += ["  .bss", "  .zero %d" % (256 + 16 * (index % 64)), ""]
    return "\n".join(out)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, **kw).stdout


def generate_large(work, bin_dir, libraries):
    """The generated program's objects and its two manifests."""
    libs = os.path.join(work, "libs")
    os.makedirs(libs)

    def assemble(i):
        src = os.path.join(libs, "lib%d.s" % i)
        with open(src, "w") as f:
            f.write(library_source(i, libraries))
        obj = os.path.join(libs, "lib%d.o" % i)
        run([LLVM_MC, "-filetype=obj", "-triple=x86_64", src, "-o", obj])
        os.unlink(src)
        return obj

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        objects = list(pool.map(assemble, range(libraries)))
    apps = []
    for a in range(2):
        src = os.path.join(work, "app%d.s" % a)
        with open(src, "w") as f:
            f.write("  .globl _start\n  .text\n_start:\n  call l0_f0\n  .fill %d, 1, 0x90\n  ret\n"
                    % (4096 * (a + 1)))
        apps.append(os.path.join(work, "app%d.o" % a))
        run([LLVM_MC, "-filetype=obj", "-triple=x86_64", src, "-o", apps[-1]])
    # Two unikernels share every library, so every library gets slots.
    uks = ["app%d=%s" % (a, ",".join([apps[a]] + objects)) for a in range(2)]
    spacer = os.path.join(bin_dir, "spacer")
    layouts = {}
    for name, options in (("large", []), ("large-T", fleet.PLAN_OPTIONS)):
        layouts[name] = os.path.join(work, name + ".json")
        run([spacer, "plan", "-o", layouts[name]] + options + uks)
    with open(os.path.join(work, "unikernel.ld"), "w") as f:
        f.write(SCRIPT)
    size = sum(os.path.getsize(o) for o in objects)
    return [apps[0]] + objects, layouts, size


def measure(label, commands, runs, log):
    """COMMANDS: {linker: [argv, ...]}, each a sequence of links timed as one."""
    times = {k: [] for k in commands}
    cpus = {k: [] for k in commands}
    peaks = {k: 0 for k in commands}
    for _ in range(runs):
        for linker, argvs in commands.items():  # interleaved
            total = cpu = 0.0
            for argv in argvs:
                run = timed(argv)
                total += run.seconds
                cpu += run.cpu
                peaks[linker] = max(peaks[linker], run.kib)
            times[linker].append(total)
            cpus[linker].append(cpu)
    med = {k: statistics.median(v) for k, v in times.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    for key, name in (("stock", "stock ld.lld-%s" % fleet.LLVM_MAJOR), ("patched", "patched, no opt"),
                      ("spacer", "--spacer-layout")):
        log("%-8s %-16s %9.3f s %9.3f s %9d KiB"
            % (label if key == "stock" else "", name, med[key], cpu[key], peaks[key]))
    log("%-8s spacer / stock: %.3f   spacer / same binary: %.3f   patched / stock: %.3f"
        % ("", med["spacer"] / med["stock"], med["spacer"] / med["patched"],
           med["patched"] / med["stock"]))
    log("%-8s CPU spacer / stock: %.3f   memory spacer / stock: %.3f"
        % ("", cpu["spacer"] / cpu["stock"], peaks["spacer"] / peaks["stock"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "fleet"),
                        help="the sample fleet's build (made if missing)")
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--libraries", type=int, default=300)
    args = parser.parse_args()

    def log(text):
        print(text, flush=True)

    ld = os.path.join(args.bin, "ld.lld")
    for tool in (ld, STOCK_LD):
        if not os.access(tool, os.X_OK):
            sys.exit("link-time: %s is missing" % tool)

    # The sample fleet, built if needed.
    paths = fleet.Paths(os.path.abspath(args.work), os.path.abspath(args.bin))
    conf = fleet.Fleet(os.path.join(ROOT, "examples", "fleet", "fleet.conf"))
    if not os.path.exists(paths.layout):
        fleet.build(conf, paths, os.environ.get("CC", fleet.CLANG), os.cpu_count() or 1,
                    lambda text: None)

    with tempfile.TemporaryDirectory(prefix="spacer-link-bench.") as work:
        inputs, layouts, size = generate_large(work, args.bin, args.libraries)
        log("link time: median of %d interleaved runs, wall clock and CPU (all threads); "
            "peak memory is the largest seen" % args.runs)
        log("%-8s %-16s %11s %11s %13s" % ("", "", "wall", "CPU", "peak memory"))
        log("large: %d libraries, %.1f MB of objects" % (args.libraries, size / 1e6))

        def fleet_links(linker, spacer):
            out = os.path.join(work, "fleet.out")
            return [[linker, "-static", "-T", os.path.join(fleet.HERE, "fleet.ld")] +
                    (["--spacer-layout=" + paths.layout] if spacer else []) +
                    fleet.link_inputs(conf, paths, app) + ["-o", out] for app in conf.apps]

        measure("fleet", {"stock": fleet_links(STOCK_LD, False),
                          "patched": fleet_links(ld, False),
                          "spacer": fleet_links(ld, True)}, args.runs, log)
        out = os.path.join(work, "large.out")
        for label, script in (("large", []), ("large-T", ["-T", os.path.join(work, "unikernel.ld")])):
            base = ["-static"] + script + inputs + ["-o", out]
            measure(label, {"stock": [[STOCK_LD] + base], "patched": [[ld] + base],
                            "spacer": [[ld, "--spacer-layout=" + layouts[label]] + base]},
                    args.runs, log)


if __name__ == "__main__":
    main()
