"""Test utility: expect-exit STATUS COMMAND [ARGS...]

Runs COMMAND, passing its output through, and succeeds exactly when it exits
with STATUS; lit's internal shell has no $? to test exit statuses with.
"""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write("expect-exit: %s exited with %d, expected %d\n"
                     % (sys.argv[2], got, want))
    sys.exit(1)
