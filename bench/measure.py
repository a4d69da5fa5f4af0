"""What the Python benchmarks share: timing one command and its memory."""

import collections
import os
import subprocess
import sys
import time

Run = collections.namedtuple("Run", "seconds kib cpu")


def timed(cmd, **kw):
    """Run(wall seconds, peak resident KiB, CPU seconds) of one run of CMD:
    the clock around it, and the kernel's accounting of that child alone
    (wait4: user + system time of all its threads). A failing command stops
    the benchmark, naming it."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("%s: failed (exit %d): %s"
                 % (os.path.basename(sys.argv[0]), code, " ".join(cmd)))
    return Run(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
