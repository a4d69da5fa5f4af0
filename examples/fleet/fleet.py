#!/usr/bin/env python3
"""The sample fleet: build it, plan its layout, link every image with stock
placement and with the layout, boot every image in QEMU, and report the page
sharing a host would get for each set.

    fleet.py [--bin DIR] [--work DIR] [--accel auto|kvm|tcg] [--indirect] [STAGE]

--indirect builds the libraries through the spacer-indirect pass.

STAGE is one of:
    all     (default) build, boot both sets, report
    build   compile and prelink the libraries, compile the applications,
            plan the layout, link both sets of images
    boot    boot the images of a set (--set stock|spacer|both) and compare
            each one's console output with apps/NAME/expected.out
    report  spacer share of both sets side by side, the picture, spacer check

Exit status: 0 when everything held, 1 when an image failed or a check found
a violation, 2 when a stage could not run (a tool failed, bad configuration).

The KSM benchmark (bench/ksm_fleet.py) uses this module to build and boot.
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The one pinned LLVM version (lld-spacer/LLVM_VERSION), and Debian's names
# for its tools.
with open(os.path.join(HERE, "..", "..", "lld-spacer", "LLVM_VERSION")) as _f:
    LLVM_MAJOR = _f.read().strip().split(".")[0]
LLVM_BIN = "/usr/lib/llvm-%s/bin" % LLVM_MAJOR
CLANG = "clang-%s" % LLVM_MAJOR
SETS = ("stock", "spacer")

# Freestanding x86-64 code for a machine without SSE set up: the boot layer
# does not enable it, and the general registers are all the libraries need.
CFLAGS = [
    "--target=x86_64-unknown-none-elf", "-std=c11", "-O2", "-ffreestanding",
    "-fno-builtin", "-nostdlibinc", "-fno-pic", "-fno-pie", "-mno-red-zone",
    "-mgeneral-regs-only", "-fno-stack-protector",
    "-fno-asynchronous-unwind-tables", "-fno-unwind-tables", "-fno-common",
    "-Wall", "-Wextra", "-Werror",
]
# Unikraft's platform scripts order the kinds text, rodata, data, bss; so
# does ours (fleet.ld), starting at 1 MiB, where QEMU's PVH loader puts it.
PLAN_OPTIONS = ["--kind-order=text,rodata,data,bss", "--start=0x100000",
                # QEMU's -kernel (PVH) path copies each segment to its
                # address: the images need no page-congruent file offsets.
                "--segments=packed"]
QEMU = "qemu-system-x86_64"
QEMU_MEMORY = "32M"
BOOT_TIMEOUT = 120  # seconds; a software-emulated boot takes well under one


class FleetError(Exception):
    """A stage could not run: bad configuration or a failing tool."""


# --- configuration -----------------------------------------------------------

class Fleet:
    """fleet.conf: libraries, their configurations, applications."""

    def __init__(self, path):
        self.path = path
        self.libraries = []   # names, in the order of the file
        self.variants = {}    # library -> [(config, [cflags])], default first
        self.apps = {}        # app -> [(library, config)], in link order
        with open(path) as f:
            for number, line in enumerate(f, 1):
                words = line.split("#", 1)[0].split()
                if words:
                    self._read(words, "%s:%d" % (path, number))
        for lib in self.libraries:
            self.variants.setdefault(lib, [("default", [])])

    def _read(self, words, where):
        keyword, args = words[0], words[1:]
        if keyword == "library" and len(args) == 1:
            self.libraries.append(args[0])
        elif keyword == "variant" and len(args) >= 2:
            if args[0] not in self.libraries:
                raise FleetError("%s: variant of unknown library '%s'" % (where, args[0]))
            self.variants.setdefault(args[0], []).append((args[1], args[2:]))
        elif keyword == "app" and len(args) >= 2:
            uses = []
            for use in args[1:]:
                lib, _, config = use.partition(":")
                if lib not in self.libraries:
                    raise FleetError("%s: app '%s' uses unknown library '%s'"
                                     % (where, args[0], lib))
                uses.append((lib, config))
            self.apps[args[0]] = uses
        else:
            raise FleetError("%s: expected 'library NAME', 'variant NAME CONFIG "
                             "[CFLAGS...]' or 'app NAME LIBRARY[:CONFIG]...'" % where)

    def config_of(self, lib, config):
        """The configuration a use names, or the library's default."""
        for name, flags in self.variants[lib]:
            if name == config or not config:
                return name, flags
        raise FleetError("%s: library '%s' has no configuration '%s'"
                         % (self.path, lib, config))

    def uses(self, app):
        """[(library, config name)] of APP, defaults resolved."""
        return [(lib, self.config_of(lib, config)[0]) for lib, config in self.apps[app]]


# --- running tools -------------------------------------------------------------

def run(cmd, **kwargs):
    """Runs a tool; its failure stops the stage with the tool's message."""
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)
    if result.returncode != 0:
        raise FleetError("command failed (exit %d): %s\n%s"
                         % (result.returncode, " ".join(cmd), result.stderr.strip()))
    return result.stdout


def parallel(fn, items, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, items))


class Paths:
    """Where each stage puts its files under WORK."""

    def __init__(self, work, bin_dir):
        self.work = work
        self.bin = bin_dir
        self.ld = os.path.join(bin_dir, "ld.lld")
        self.spacer = os.path.join(bin_dir, "spacer")
        self.passes = os.path.join(os.path.dirname(bin_dir), "lib", "SpacerPasses.so")
        self.layout = os.path.join(work, "layout.json")
        self.workspace = os.path.join(work, "workspace")

    def library(self, lib, config):
        # Named after the library so spacer plan and the manifest's file
        # patterns know it; one directory per configuration.
        return os.path.join(self.work, "libs", config, lib + ".o")

    def app_object(self, app):
        return os.path.join(self.work, "apps", app, app + ".o")

    def image(self, image_set, app):
        return os.path.join(self.work, "images", image_set, app)


# --- build: compile, prelink, plan, link ----------------------------------------

def sources(directory):
    return sorted(os.path.join(directory, f) for f in os.listdir(directory)
                  if f.endswith((".c", ".S")))


def compile_objects(srcs, out_dir, flags, cc, c_only_flags=()):
    os.makedirs(out_dir, exist_ok=True)
    objects = []
    for src in srcs:
        obj = os.path.join(out_dir, os.path.basename(src) + ".o")
        extra = list(c_only_flags) if src.endswith(".c") else []
        run([cc] + CFLAGS + flags + extra + ["-I", os.path.join(HERE, "include"),
                                             "-c", src, "-o", obj])
        objects.append(obj)
    return objects


def build_library(fleet, paths, cc, lib, config, indirect):
    """Compiles one configuration of LIB and prelinks it into one object, as
    Unikraft does for each micro-library (ld -r). With INDIRECT, through the
    spacer-indirect pass, so its code does not depend on its neighbours."""
    _, flags = fleet.config_of(lib, config)
    # The pass runs on C; the assembly files only refer to their own library.
    plugin = ["-fpass-plugin=" + paths.passes, "-Xclang", "-load", "-Xclang",
              paths.passes, "-mllvm", "-spacer-indirect=" + lib] if indirect else []
    out = paths.library(lib, config)
    objects = compile_objects(sources(os.path.join(HERE, "lib", lib)),
                              os.path.join(os.path.dirname(out), lib + ".parts"),
                              flags, cc, plugin)
    run([paths.ld, "-r", "-o", out] + objects)
    return out


def build(fleet, paths, cc, jobs, log, indirect=False):
    # Start from nothing, but remove only what this stage makes: --work may
    # be a directory that holds other things too.
    for made in ("libs", "apps", "images", "workspace"):
        shutil.rmtree(os.path.join(paths.work, made), ignore_errors=True)
    for made in ("layout.json", "plan.txt", "fleet.txt"):
        if os.path.exists(os.path.join(paths.work, made)):
            os.unlink(os.path.join(paths.work, made))
    os.makedirs(paths.workspace)

    # 1. Every configuration of every library that an app uses.
    wanted = sorted({(lib, config) for app in fleet.apps for lib, config in fleet.uses(app)})
    parallel(lambda lc: build_library(fleet, paths, cc, *lc, indirect), wanted, jobs)
    # 2. The applications' own code.
    parallel(lambda app: compile_objects([os.path.join(HERE, "apps", app, "main.c")],
                                         os.path.dirname(paths.app_object(app)), [], cc),
             list(fleet.apps), jobs)
    for app in fleet.apps:
        os.replace(os.path.join(os.path.dirname(paths.app_object(app)), "main.c.o"),
                   paths.app_object(app))
    log("built %d library objects (%d libraries, %d configurations%s) and %d applications"
        % (len(wanted), len({lib for lib, _ in wanted}),
           sum(len(v) for v in fleet.variants.values()),
           ", through spacer-indirect" if indirect else "", len(fleet.apps)))

    # 3. The workspace spacer plan reads: one list file per unikernel with its
    #    link inputs, and a workspace file naming them.
    lists = []
    for app in fleet.apps:
        path = os.path.join(paths.workspace, app + ".inputs")
        with open(path, "w") as f:
            f.write("# link inputs of %s, in link order\n" % app)
            for obj in link_inputs(fleet, paths, app):
                f.write(os.path.relpath(obj, paths.workspace) + "\n")
        lists.append(path)
    fleet_file = os.path.join(paths.work, "fleet.txt")
    with open(fleet_file, "w") as f:
        f.write("".join(os.path.relpath(p, paths.work) + "\n" for p in lists))

    # 4. The layout.
    summary = run([paths.spacer, "plan", "-o", paths.layout] + PLAN_OPTIONS +
                  ["@" + fleet_file], cwd=paths.work)
    with open(os.path.join(paths.work, "plan.txt"), "w") as f:
        f.write(summary)
    log(summary.splitlines()[0] if summary else "spacer plan: no summary")

    # 5. Every image twice: stock placement, and the fleet's layout.
    def link(job):
        image_set, app = job
        out = paths.image(image_set, app)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        extra = ["--spacer-layout=" + paths.layout] if image_set == "spacer" else []
        run([paths.ld, "-static", "-T", os.path.join(HERE, "fleet.ld")] + extra +
            link_inputs(fleet, paths, app) + ["-o", out])
    parallel(link, [(s, app) for s in SETS for app in fleet.apps], jobs)
    log("linked %d images: %s" % (2 * len(fleet.apps),
                                  ", ".join(os.path.relpath(paths.image(s, "*"), paths.work)
                                            for s in SETS)))


def link_inputs(fleet, paths, app):
    return [paths.app_object(app)] + [paths.library(lib, config)
                                      for lib, config in fleet.uses(app)]


# --- boot ----------------------------------------------------------------------

def kvm_usable():
    return os.access("/dev/kvm", os.R_OK | os.W_OK)


def qemu_command(image, accel, hold=False, memory=QEMU_MEMORY, monitor=None,
                 options=()):
    # microvm: a minimal firmware and no PCI, so a boot takes a tenth of a
    # second with KVM and with software emulation alike; the serial port and
    # the exit device sit on its ISA bus.
    cmd = [QEMU, "-machine", "microvm", "-accel", accel, "-m", memory,
           "-nodefaults", "-no-user-config", "-display", "none",
           "-serial", "stdio", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-kernel", image]
    words = (["hold"] if hold else []) + list(options)
    if words:
        cmd += ["-append", " ".join(words)]
    if monitor:  # QEMU's human monitor on a unix socket, for the benchmark
        cmd += ["-monitor", "unix:%s,server=on,wait=off" % monitor]
    return cmd


class Boot:
    """One boot of one image: the guest's status and console output."""

    def __init__(self, image, accel, returncode, output, stderr, seconds):
        self.image, self.accel, self.seconds = image, accel, seconds
        self.output = output.replace("\r", "")
        self.stderr = stderr
        # The boot layer writes status + 1 to isa-debug-exit, and QEMU exits
        # with (value << 1) | 1: 3 is status 0. QEMU's own errors exit 1.
        self.status = (returncode - 3) >> 1 if returncode >= 3 and returncode & 1 else None
        self.qemu_returncode = returncode

    def failure(self, expected):
        if self.status is None:
            return ("QEMU exited with %d without the guest's status%s"
                    % (self.qemu_returncode,
                       ": " + self.stderr.strip().splitlines()[-1] if self.stderr.strip() else ""))
        if self.status != 0:
            return "the guest exited with status %d" % self.status
        if expected is not None and self.output != expected:
            return "console output differs from the expected output"
        return None


def boot(image, accel, options=()):
    start = time.monotonic()
    try:
        # QEMU's -serial stdio would put a terminal on stdin into raw mode:
        # give it none. Guests may print anything: decode what is not UTF-8.
        result = subprocess.run(qemu_command(image, accel, options=options),
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, errors="replace", timeout=BOOT_TIMEOUT)
        returncode, out, err = result.returncode, result.stdout, result.stderr
    except subprocess.TimeoutExpired as e:
        returncode, err = -1, "timed out after %d s" % BOOT_TIMEOUT
        out = e.stdout.decode(errors="replace") if e.stdout else ""
    return Boot(image, accel, returncode, out, err, time.monotonic() - start)


def choose_accel(requested, probe_image, expected, log):
    """KVM when /dev/kvm works for our images, software emulation (TCG)
    otherwise. The probe is a real boot: nested or paravirtualised KVM can
    open /dev/kvm yet fail to run a guest."""
    if requested != "auto":
        return requested
    if not kvm_usable():
        log("accelerator: TCG (software emulation): /dev/kvm is not usable here")
        return "tcg"
    probe = boot(probe_image, "kvm")
    problem = probe.failure(expected)
    if problem:
        log("accelerator: TCG (software emulation): KVM is present but a probe boot "
            "failed: %s" % problem)
        return "tcg"
    log("accelerator: KVM (probe boot of %s took %.1f s)"
        % (os.path.basename(probe_image), probe.seconds))
    return "kvm"


def expected_output(app):
    with open(os.path.join(HERE, "apps", app, "expected.out")) as f:
        return f.read()


def boot_sets(fleet, paths, image_sets, accel, jobs, log):
    """Boots every image of IMAGE_SETS; returns the number that failed."""
    if not shutil.which(QEMU):
        raise FleetError("%s is not installed (Debian: apt-get install qemu-system-x86)" % QEMU)
    apps = list(fleet.apps)
    accel = choose_accel(accel, paths.image(image_sets[0], apps[0]),
                         expected_output(apps[0]), log)
    jobs_list = [(s, app) for s in image_sets for app in apps]
    boots = parallel(lambda job: boot(paths.image(*job), accel), jobs_list, jobs)
    failed = 0
    log("%-8s %-10s %-6s %8s  %s" % ("set", "image", "status", "seconds", "result"))
    for (image_set, app), b in zip(jobs_list, boots):
        with open(paths.image(image_set, app) + ".console", "w") as f:
            f.write(b.output)
        problem = b.failure(expected_output(app))
        log("%-8s %-10s %-6s %8.2f  %s" % (image_set, app,
                                           "-" if b.status is None else b.status,
                                           b.seconds, problem or "ok: expected output"))
        if problem:
            failed += 1
            log("  console (%s):\n    %s" % (paths.image(image_set, app) + ".console",
                                           "\n    ".join(b.output.splitlines()[-10:])))
    log("booted %d images with %s: %d failed" % (len(boots), accel.upper(), failed))
    return failed


# --- report ----------------------------------------------------------------------

def share(paths, image_set, svg):
    # Run in the set's directory so the report and the picture name each
    # image by its application.
    directory = os.path.join(paths.work, "images", image_set)
    images = sorted(f for f in os.listdir(directory) if "." not in f)
    out = run([paths.spacer, "share", "--json", "--layout=" + paths.layout,
               "--svg=" + svg] + images, cwd=directory)
    return json.loads(out)


def report(fleet, paths, log):
    """spacer share of both sets side by side; returns 1 if spacer check finds
    a violation."""
    svgs = {s: os.path.join(paths.work, "sharing-%s.svg" % s) for s in SETS}
    data = {s: share(paths, s, svgs[s]) for s in SETS}
    stock, spacer = data["stock"], data["spacer"]

    log("\npage sharing a host would get (spacer share, 4 KiB pages, %d images each)"
        % len(spacer["images"]))
    rows = [
        ("pages the images map", "total_pages", "%d"),
        ("  of them all-zero", "zero_pages", "%d"),
        ("physical pages, merged", "distinct_pages", "%d"),
        ("saving factor", "saving_factor", "%.2fx"),
        ("ideal bound (pages)", "ideal_pages", "%d"),
        ("ideal saving factor", "ideal_saving_factor", "%.2fx"),
    ]
    log("%-26s %10s %10s" % ("", "stock", "spacer"))
    sizes = {s: sum(os.path.getsize(paths.image(s, app)) for app in fleet.apps)
             for s in SETS}
    log("%-26s %10d %10d" % ("file bytes", sizes["stock"], sizes["spacer"]))
    for label, key, fmt in rows:
        log("%-26s %10s %10s" % (label, fmt % stock[key], fmt % spacer[key]))
    nonzero = {s: data[s]["distinct_nonzero_pages"] for s in SETS}
    log("%-26s %10d %10d" % ("physical non-zero pages", nonzero["stock"], nonzero["spacer"]))
    if spacer["distinct_pages"]:
        log("spacer needs %.2fx fewer physical pages than stock placement, and reaches "
            "%.1f%% of the ideal bound" % (
                stock["distinct_pages"] / spacer["distinct_pages"],
                100.0 * spacer["ideal_pages"] / spacer["distinct_pages"]))

    # Stock images carry no placement record, so pages are attributed to
    # libraries in the spacer set only.
    log("\nper library, spacer images (stock placement mixes libraries in pages):")
    log("%-10s %7s %15s %16s %16s %16s" % ("library", "images", "configurations",
                                          "pages in images", "physical pages",
                                          "ideal, non-zero"))
    for lib in spacer["libraries"]:
        configs = {config for app in fleet.apps for l, config in fleet.uses(app)
                   if l == lib["name"]}
        log("%-10s %7d %15d %16d %16d %16d" % (lib["name"], lib["images"], len(configs),
                                              lib["pages"], lib["distinct_pages"],
                                              lib["ideal_pages"]))
    # What the layout misses of the bound, and why (spacer share explains).
    for lib in spacer["libraries"]:
        if lib["excess_pages"]:
            log("%s: %d page%s over its ideal: the same build holds different bytes "
                "in different images, most often addresses that differ between them "
                "(in its code; with --indirect, in its table)" % (lib["name"], lib["excess_pages"],
                                          "" if lib["excess_pages"] == 1 else "s"))
    log("\npictures (one row per image; green shared, red unique, grey zero):")
    for s in SETS:
        log("  %s" % svgs[s])

    images = [paths.image("spacer", app) for app in fleet.apps]
    check = subprocess.run([paths.spacer, "check", "--layout=" + paths.layout] + images,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log("\nspacer check of the spacer images: %s"
        % ("ok" if check.returncode == 0 else "VIOLATIONS (exit %d)" % check.returncode))
    if check.returncode != 0:
        log(check.stdout)
    return 0 if check.returncode == 0 else 1


# --- main ------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", nargs="?", default="all",
                        choices=["all", "build", "boot", "report"])
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "..", "build", "bin"),
                        help="directory of the patched ld.lld and spacer (default: build/bin)")
    parser.add_argument("--work", default=os.path.join(HERE, "..", "..", "build", "fleet"),
                        help="where to put objects, images and reports (default: build/fleet)")
    parser.add_argument("--accel", default="auto", choices=["auto", "kvm", "tcg"],
                        help="QEMU accelerator (default auto: KVM if a probe boot works)")
    parser.add_argument("--set", default="both", choices=["stock", "spacer", "both"],
                        help="the images to boot (default both)")
    parser.add_argument("--indirect", action="store_true",
                        help="build the libraries with the spacer-indirect pass, so that "
                             "their code does not depend on the libraries they call")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cc", default=os.environ.get("CC", CLANG))
    args = parser.parse_args(argv)

    def log(text):
        print(text, flush=True)

    paths = Paths(os.path.abspath(args.work), os.path.abspath(args.bin))
    try:
        for tool in (paths.ld, paths.spacer):
            if not os.access(tool, os.X_OK):
                raise FleetError("%s is missing: build spacer first (scripts/build.sh)" % tool)
        fleet = Fleet(os.path.join(HERE, "fleet.conf"))
        status = 0
        if args.stage in ("all", "build"):
            build(fleet, paths, args.cc, args.jobs, log, args.indirect)
        if args.stage in ("all", "boot"):
            image_sets = SETS if args.set == "both" else (args.set,)
            if boot_sets(fleet, paths, image_sets, args.accel, args.jobs, log):
                status = 1
        if args.stage in ("all", "report"):
            status = max(status, report(fleet, paths, log))
        return status
    except (FleetError, OSError, ValueError) as e:  # ValueError: bad JSON
        print("fleet: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
