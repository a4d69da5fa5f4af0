#!/bin/sh
# The main job: installs what is missing, builds, then runs the sample
# fleet (examples/fleet): builds its unikernels, plans their layout, links
# every image with stock placement and with the layout, boots every image in
# QEMU, and prints the page-sharing report of both sets side by side.
#   SPACER_BUILD_DIR   where to build (default: build)
#   FLEET_ARGS         more options for examples/fleet/fleet.py, e.g.
#                      --accel=tcg
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SPACER_BUILD_DIR:-$root/build}
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh"
exec python3 "$root/examples/fleet/fleet.py" --bin "$build/bin" \
  --work "$build/fleet" ${FLEET_ARGS:-} all
