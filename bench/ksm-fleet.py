#!/usr/bin/env python3
"""KSM benchmark: the host memory that Linux's page merging saves for the
sample fleet, stock placement against the fleet's layout, measured in one run.

For each set of images (stock, then spacer) it starts COPIES guests of every
image at once, each holding after its application ran, waits until all have
booted, measures their memory, turns KSM on, waits until KSM's scans have
settled, measures again, stops every guest it started and undoes the merging.
KSM's settings are restored at the end, whatever happens.

    bench/ksm-fleet.py [--bin DIR] [--work DIR] [--copies N] [--memory SIZE]
                       [--accel auto|kvm|tcg]

Needs root (to drive /sys/kernel/mm/ksm) and QEMU; builds the fleet into
--work first when it is not there. Reported per set:

- guest RAM: resident and proportional (PSS) memory of the guests' RAM (the
  mappings QEMU marks mergeable), before and after KSM;
- all of QEMU: the PSS of the whole processes, after KSM;
- pages_shared / pages_sharing: KSM's own counters. pages_sharing counts
  every mapping of a merged page, so it overstates the saving; the PSS
  difference is what the host got back.
"""

import argparse
import shutil
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples", "fleet"))
import fleet  # noqa: E402

KSM = "/sys/kernel/mm/ksm"
# QEMU asks for transparent huge pages for guest RAM; a guest that touches
# one byte of a 2 MiB region then holds all of it until KSM splits it. The
# benchmark measures 4 KiB pages, as spacer share counts them, unless told
# to keep the host's setting.
THP = "/sys/kernel/mm/transparent_hugepage/enabled"
# The settings this benchmark changes; all are restored.
KSM_SETTINGS = ("run", "pages_to_scan", "sleep_millisecs", "smart_scan")
SCAN_PAGES = 4000   # per wake-up: a full scan of a few hundred MiB in a second
SCAN_SLEEP_MS = 10


def ksm_read(name):
    with open(os.path.join(KSM, name)) as f:
        return f.read().strip()


def ksm_write(name, value):
    with open(os.path.join(KSM, name), "w") as f:
        f.write(str(value))


def ksm_counter(name):
    return int(ksm_read(name))


def unmerge_all():
    """run=2 splits every merged page back out; the write returns when done."""
    ksm_write("run", 2)
    ksm_write("run", 0)


SETTLE_COUNTERS = ("pages_shared", "pages_sharing", "pages_unshared", "pages_volatile")


def wait_for_settled_scans(timeout):
    """Waits until two full scans in a row left KSM's page counters as they
    were, and at least five scans after KSM was turned on (a page merges
    only after it was seen unchanged in two scans)."""
    start = time.monotonic()
    first = ksm_counter("full_scans")
    last_scan, last_counts = first, None
    while time.monotonic() - start < timeout:
        time.sleep(0.2)
        scans = ksm_counter("full_scans")
        if scans == last_scan:
            continue
        counts = [ksm_counter(name) for name in SETTLE_COUNTERS]
        if scans - first >= 5 and counts == last_counts:
            return scans - first, time.monotonic() - start
        last_scan, last_counts = scans, counts
    raise fleet.FleetError("KSM did not settle within %d s (full_scans %d -> %d)"
                           % (timeout, first, ksm_counter("full_scans")))


def memory_kib(pid):
    """(guest RAM RSS, guest RAM PSS, process PSS) in KiB: the guest RAM is
    the mappings with the mergeable flag ('mg' in VmFlags)."""
    rss = pss = total_pss = 0
    area = {}
    with open("/proc/%d/smaps" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss"):
                area[key] = int(value.split()[0])
            elif key == "VmFlags":
                total_pss += area.get("Pss", 0)
                if "mg" in value.split():
                    rss += area.get("Rss", 0)
                    pss += area.get("Pss", 0)
                area = {}
    return rss, pss, total_pss


class Guests:
    """The guests of one set, started at once and always stopped by pid."""

    def __init__(self):
        self.procs = []
        self.tmp = tempfile.TemporaryDirectory(prefix="spacer-ksm-")

    def start(self, image, accel, memory):
        log = os.path.join(self.tmp.name, "%d.console" % len(self.procs))
        with open(log, "w") as out:
            proc = subprocess.Popen(fleet.qemu_command(image, accel, hold=True, memory=memory),
                                    stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        self.procs.append((proc, log, image))

    def wait_until_held(self, timeout):
        start = time.monotonic()
        pending = list(self.procs)
        while pending:
            for entry in list(pending):
                proc, log, image = entry
                with open(log, errors="replace") as f:
                    console = f.read()
                if "boot: holding" in console:
                    pending.remove(entry)
                elif "boot: failed" in console or proc.poll() is not None:
                    raise fleet.FleetError("guest %s failed to boot:\n%s" % (image, console))
            if time.monotonic() - start > timeout:
                raise fleet.FleetError("%d guests did not boot within %d s"
                                       % (len(pending), timeout))
            time.sleep(0.1)

    def memory(self):
        sums = [0, 0, 0]
        for proc, _, _ in self.procs:
            for i, v in enumerate(memory_kib(proc.pid)):
                sums[i] += v
        return sums

    def stop(self):
        for proc, _, _ in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc, _, _ in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.procs = []
        self.tmp.cleanup()


def measure_set(paths, apps, image_set, args, accel, log):
    unmerge_all()
    guests = Guests()
    try:
        for copy in range(args.copies):
            for app in apps:
                guests.start(paths.image(image_set, app), accel, args.memory)
        guests.wait_until_held(args.timeout)
        time.sleep(1)  # let QEMU finish its own start-up allocations
        before = guests.memory()
        if os.path.exists(os.path.join(KSM, "smart_scan")):
            ksm_write("smart_scan", 0)  # scan every page every time
        ksm_write("pages_to_scan", SCAN_PAGES)
        ksm_write("sleep_millisecs", SCAN_SLEEP_MS)
        ksm_write("run", 1)
        scans, seconds = wait_for_settled_scans(args.timeout)
        after = guests.memory()
        counters = {name: ksm_counter(name) for name in
                    ("pages_shared", "pages_sharing", "pages_unshared", "pages_volatile",
                     "pages_skipped", "ksm_zero_pages")
                    if os.path.exists(os.path.join(KSM, name))}
        log("%s: %d guests held; KSM settled after %d full scans (%.1f s); %s"
            % (image_set, len(guests.procs), scans, seconds,
               " ".join("%s=%d" % kv for kv in sorted(counters.items()))))
        return {"guests": len(guests.procs), "before": before, "after": after,
                "counters": counters}
    finally:
        guests.stop()
        unmerge_all()


def mib(kib):
    return "%.2f" % (kib / 1024.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "fleet"))
    parser.add_argument("--copies", type=int, default=4,
                        help="guests per image (default 4)")
    parser.add_argument("--memory", default=fleet.QEMU_MEMORY,
                        help="guest RAM (default %s)" % fleet.QEMU_MEMORY)
    parser.add_argument("--accel", default="auto", choices=["auto", "kvm", "tcg"])
    parser.add_argument("--keep-thp", action="store_true",
                        help="leave transparent huge pages as the host has them "
                             "(default: 'never' during the run, then restored)")
    parser.add_argument("--timeout", type=int, default=300,
                        help="seconds to wait for boots and for KSM (default 300)")
    args = parser.parse_args()

    def log(text):
        print(text, flush=True)

    if not os.path.isdir(KSM) or not os.access(os.path.join(KSM, "run"), os.W_OK):
        log("ksm-fleet: skipped: %s is missing or not writable (KSM needs root)" % KSM)
        return 0
    if not shutil.which(fleet.QEMU):
        log("ksm-fleet: skipped: %s is not installed" % fleet.QEMU)
        return 0

    paths = fleet.Paths(os.path.abspath(args.work), os.path.abspath(args.bin))
    saved = {name: ksm_read(name) if os.path.exists(os.path.join(KSM, name)) else None
             for name in KSM_SETTINGS}
    saved_thp = None
    if not args.keep_thp and os.access(THP, os.W_OK):
        with open(THP) as f:
            saved_thp = f.read().split("[", 1)[1].split("]", 1)[0]
        with open(THP, "w") as f:
            f.write("never")
    try:
        conf = fleet.Fleet(os.path.join(ROOT, "examples", "fleet", "fleet.conf"))
        apps = list(conf.apps)
        if not all(os.path.exists(paths.image(s, app)) for s in fleet.SETS for app in apps):
            fleet.build(conf, paths, os.environ.get("CC", "clang-19"), os.cpu_count() or 1, log)
        accel = fleet.choose_accel(args.accel, paths.image("stock", apps[0]),
                                   fleet.expected_output(apps[0]), log)
        log("KSM benchmark: %d images x %d copies per set, %s of RAM each, %s, "
            "transparent huge pages %s"
            % (len(apps), args.copies, args.memory, accel.upper(),
               "off for the run" if saved_thp else "as the host has them"))
        results = {s: measure_set(paths, apps, s, args, accel, log) for s in fleet.SETS}
    except fleet.FleetError as e:
        print("ksm-fleet: error: %s" % e, file=sys.stderr)
        return 2
    finally:
        ksm_write("run", 0)
        for name in KSM_SETTINGS:
            if saved[name] is not None:
                ksm_write(name, saved[name])
        if saved_thp:
            with open(THP, "w") as f:
                f.write(saved_thp)

    log("")
    log("%-7s %6s | %11s %11s %11s | %9s | %7s %8s %9s %5s"
        % ("set", "guests", "RAM RSS MiB", "PSS before", "PSS after",
           "QEMU PSS", "shared", "sharing", "unshared", "zero"))
    for s in fleet.SETS:
        r = results[s]
        c = r["counters"]
        log("%-7s %6d | %11s %11s %11s | %9s | %7d %8d %9d %5d"
            % (s, r["guests"], mib(r["before"][0]), mib(r["before"][1]),
               mib(r["after"][1]), mib(r["after"][2]), c.get("pages_shared", 0),
               c.get("pages_sharing", 0), c.get("pages_unshared", 0),
               c.get("ksm_zero_pages", 0)))
    stock, spacer = results["stock"], results["spacer"]
    for s in fleet.SETS:
        r = results[s]
        log("%s: KSM gave back %s MiB of %s MiB of guest RAM (%.1f%%)"
            % (s, mib(r["before"][1] - r["after"][1]), mib(r["before"][1]),
               100.0 * (r["before"][1] - r["after"][1]) / max(r["before"][1], 1)))
    log("guest RAM after KSM, spacer / stock: %.3f (stock needs %.2fx the memory of spacer)"
        % (spacer["after"][1] / max(stock["after"][1], 1),
           stock["after"][1] / max(spacer["after"][1], 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
