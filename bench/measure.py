"""What the Python benchmarks share: timing one command and its memory."""

import os
import subprocess
import sys
import time


def timed(cmd, **kw):
    """(wall seconds, peak resident KiB) of one run of CMD: the clock around
    it, and the kernel's accounting of that child alone (wait4). A failing
    command stops the benchmark, naming it."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("%s: failed (exit %d): %s"
                 % (os.path.basename(sys.argv[0]), code, " ".join(cmd)))
    return seconds, usage.ru_maxrss
