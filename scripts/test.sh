#!/bin/sh
# Runs every test on a fresh Debian 12 machine: installs what is missing,
# checks the C++ formatting, builds, then runs spacer's lit tests (test/),
# its unit tests (through lit) and lld's own ELF test-suite against the
# patched ld.lld.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup-debian.sh"
"$root/scripts/check-format.sh"
"$root/scripts/build.sh"
cmake --build "${SPACER_BUILD_DIR:-$root/build}" --target check
"$root/scripts/lld-regression.sh"
