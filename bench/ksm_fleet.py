#!/usr/bin/env python3
"""KSM benchmark: the host memory that Linux's page merging saves for the
sample fleet, stock placement against the fleet's layout, measured in one run.

For each set of images (stock, then spacer) it starts COPIES guests of every
image at once, each holding after its application ran, waits until all have
booted, measures their memory, turns KSM on, waits until KSM's scans have
settled, measures again, stops every guest it started and undoes the merging.
KSM's settings are restored at the end, whatever happens.

    python3 -m bench.ksm_fleet [--bin DIR] [--work DIR] [--copies N] [--memory SIZE]
                       [--accel auto|kvm|tcg]

Needs root (to drive /sys/kernel/mm/ksm) and QEMU; builds the fleet into
--work first when it is not there. Reported per set:

- guest RAM: resident and proportional (PSS) memory of the guests' RAM (the
  mappings QEMU marks mergeable), before and after KSM;
- all of QEMU: the PSS of the whole processes, after KSM;
- distinct pages: the guests' memory itself, dumped through QEMU's monitor
  after the measurements (a dump makes the host allocate every page it
  reads; merging leaves the contents as they were), cut into 4 KiB pages:
  the non-zero contents a perfect deduplicator would keep (what KSM aims
  at), how many of them only one guest has, and how many lie from 1 MiB
  up (below, the firmware's boot information records each image's extent);
  and the non-zero pages of all guests together, the strictest count of
  what they hold;
- shared / sharing / unshared: KSM's own counters. pages_sharing counts every
  mapping of a merged page, so it overstates the saving; the PSS difference
  is what the host got back.
"""

import argparse
import collections
import ctypes
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from examples.fleet import fleet

KSM = "/sys/kernel/mm/ksm"
# QEMU asks for transparent huge pages for guest RAM; a guest that touches
# one byte of a 2 MiB region then holds all of it until KSM splits it. The
# benchmark measures 4 KiB pages, as spacer share counts them, unless told
# to keep the host's setting.
THP = "/sys/kernel/mm/transparent_hugepage/enabled"
# The settings this benchmark changes; all are restored.
KSM_SETTINGS = ("run", "pages_to_scan", "sleep_millisecs", "smart_scan", "use_zero_pages")
SCAN_PAGES = 4000   # per wake-up: a full scan of a few hundred MiB in a second
SCAN_SLEEP_MS = 10
# Below 1 MiB, where no image is loaded, the firmware and QEMU keep the boot
# information, which records each image's extent: images that end at other
# addresses differ there whatever their libraries.
FIRMWARE_END = 1 << 20


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


def die_with_parent():
    """In a guest's QEMU: stop when the benchmark does, even if it is
    killed without a chance to clean up (prctl PR_SET_PDEATHSIG)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1


class Guests:
    """The guests of one set, started at once and always stopped by pid."""

    def __init__(self):
        self.procs = []
        self.tmp = tempfile.TemporaryDirectory(prefix="spacer-ksm-")

    def start(self, image, accel, memory):
        base = os.path.join(self.tmp.name, str(len(self.procs)))
        with open(base + ".console", "w") as out:
            proc = subprocess.Popen(fleet.qemu_command(image, accel, hold=True, memory=memory,
                                                       monitor=base + ".monitor"),
                                    stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        self.procs.append((proc, base + ".console", image))

    def distinct_pages(self, memory_bytes):
        """(distinct non-zero page contents over all guests, of them held by
        one guest only, non-zero pages of all guests together, distinct
        non-zero contents from FIRMWARE_END up), from each guest's memory
        saved by QEMU's monitor."""
        holders = collections.defaultdict(set)
        above = set()
        nonzero = 0
        for index, (proc, log, image) in enumerate(self.procs):
            base = log[: -len(".console")]
            hmp(base + ".monitor", 'pmemsave 0 %d "%s.memory"' % (memory_bytes, base))
            with open(base + ".memory", "rb") as f:
                address = 0
                while True:
                    page = f.read(4096)
                    if not page:
                        break
                    if page.count(0) != len(page):
                        nonzero += 1
                        digest = hashlib.blake2b(page, digest_size=16).digest()
                        holders[digest].add(index)
                        if address >= FIRMWARE_END:
                            above.add(digest)
                    address += len(page)
            os.unlink(base + ".memory")
        return (len(holders), sum(1 for h in holders.values() if len(h) == 1),
                nonzero, len(above))

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
        # Memory before the dump: QEMU's pmemsave reads all of guest RAM,
        # which makes the host allocate every page it reads.
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
        # Last: the guests hold still, so their memory is what it was at
        # boot, and the pages the dump allocates no longer matter.
        distinct = guests.distinct_pages(size_bytes(args.memory))
        log("%s: %d guests held; KSM settled after %d full scans (%.1f s); %s"
            % (image_set, len(guests.procs), scans, seconds,
               " ".join("%s=%d" % kv for kv in sorted(counters.items()))))
        return {"guests": len(guests.procs), "before": before, "after": after,
                "counters": counters, "distinct": distinct}
    finally:
        guests.stop()
        unmerge_all()


def hmp(path, command):
    """Runs one command on QEMU's human monitor and waits for its prompt."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(60)
        sock.connect(path)
        reply = b""
        for line in (command, "info version"):
            sock.sendall(line.encode() + b"\n")
        # The second command's answer comes after the first has finished.
        while reply.count(b"(qemu)") < 3:
            data = sock.recv(65536)
            if not data:
                break
            reply += data
    return reply


def size_bytes(text):
    """A size as QEMU's -m reads it: a bare number is MiB."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1].upper() in units:
        return int(text[:-1]) * units[text[-1].upper()]
    return int(text) << 20


def restore(saved, saved_thp):
    """Puts back every setting the benchmark changed; one that fails does not
    stop the others."""
    writes = [(lambda: ksm_write("run", 0), "KSM run")]
    writes += [(lambda n=name: ksm_write(n, saved[n]), "KSM " + name)
               for name in KSM_SETTINGS if saved[name] is not None]
    if saved_thp:
        def write_thp():
            with open(THP, "w") as f:
                f.write(saved_thp)
        writes.append((write_thp, "transparent huge pages"))
    for write, what in writes:
        try:
            write()
        except OSError as e:
            print("ksm-fleet: warning: could not restore %s: %s" % (what, e), file=sys.stderr)


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
    parser.add_argument("--use-zero-pages", action="store_true",
                        help="merge all-zero pages into the kernel's zero page for the "
                             "run (KSM's use_zero_pages), instead of into KSM pages of "
                             "at most max_page_sharing sharers each")
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

    # SIGTERM and SIGHUP unwind like an error, so the finally clauses stop
    # the guests and restore the host's settings.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda number, frame: sys.exit(128 + number))
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
        if args.use_zero_pages:
            ksm_write("use_zero_pages", 1)
        conf = fleet.Fleet(os.path.join(ROOT, "examples", "fleet", "fleet.conf"))
        apps = list(conf.apps)
        if not all(os.path.exists(paths.image(s, app)) for s in fleet.SETS for app in apps):
            fleet.build(conf, paths, os.environ.get("CC", fleet.CLANG), os.cpu_count() or 1, log)
        accel = fleet.choose_accel(args.accel, paths.image("stock", apps[0]),
                                   fleet.expected_output(apps[0]), log)
        log("KSM benchmark: %d images x %d copies per set, %s of RAM each, %s, "
            "transparent huge pages %s, use_zero_pages %s, max_page_sharing %s"
            % (len(apps), args.copies, args.memory, accel.upper(),
               "off for the run" if saved_thp else "as the host has them",
               ksm_read("use_zero_pages"), ksm_read("max_page_sharing")))
        results = {s: measure_set(paths, apps, s, args, accel, log) for s in fleet.SETS}
    except fleet.FleetError as e:
        print("ksm-fleet: error: %s" % e, file=sys.stderr)
        return 2
    finally:
        restore(saved, saved_thp)

    log("")
    log("%-7s %6s | %9s %7s | %11s %11s %11s | %9s | %7s %8s %9s"
        % ("set", "guests", "distinct", "unique", "RAM RSS MiB", "PSS before",
           "PSS after", "QEMU PSS", "shared", "sharing", "unshared"))
    for s in fleet.SETS:
        r = results[s]
        c = r["counters"]
        log("%-7s %6d | %9d %7d | %11s %11s %11s | %9s | %7d %8d %9d"
            % (s, r["guests"], r["distinct"][0], r["distinct"][1], mib(r["before"][0]),
               mib(r["before"][1]), mib(r["after"][1]), mib(r["after"][2]),
               c.get("pages_shared", 0), c.get("pages_sharing", 0),
               c.get("pages_unshared", 0)))
    stock, spacer = results["stock"], results["spacer"]
    for s in fleet.SETS:
        r = results[s]
        log("%s: KSM gave back %s MiB of %s MiB of guest RAM (%.1f%%)"
            % (s, mib(r["before"][1] - r["after"][1]), mib(r["before"][1]),
               100.0 * (r["before"][1] - r["after"][1]) / max(r["before"][1], 1)))
    log("guest RAM resident before KSM (RSS), all guests: stock %s MiB, spacer %s MiB "
        "(spacer / stock %.3f)" % (mib(stock["before"][0]), mib(spacer["before"][0]),
                                   spacer["before"][0] / max(stock["before"][0], 1)))
    log("non-zero guest pages before KSM, all guests: stock %d, spacer %d "
        "(spacer / stock %.3f)" % (stock["distinct"][2], spacer["distinct"][2],
                                   spacer["distinct"][2] / max(stock["distinct"][2], 1)))
    log("distinct non-zero guest pages, stock / spacer: %.2f (%d / %d); from 1 MiB up, "
        "without the firmware's boot information: %.2f (%d / %d)"
        % (stock["distinct"][0] / max(spacer["distinct"][0], 1), stock["distinct"][0],
           spacer["distinct"][0], stock["distinct"][3] / max(spacer["distinct"][3], 1),
           stock["distinct"][3], spacer["distinct"][3]))
    log("guest RAM after KSM, spacer / stock: %.3f (stock needs %.2fx the memory of spacer)"
        % (spacer["after"][1] / max(stock["after"][1], 1),
           stock["after"][1] / max(spacer["after"][1], 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
