#!/bin/sh
# Runs every test on a fresh Debian 12 machine: installs what is missing,
# builds, then runs the lit tests (test/) and the unit tests (through lit).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh"
cmake --build "${SPACER_BUILD_DIR:-$root/build}" --target check
