#!/bin/sh
# The main job: installs what is missing, builds, then links the shipped
# example with and without a spacer layout and prints where each library
# landed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SPACER_BUILD_DIR:-$root/build}
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh"
exec "$root/examples/first-layout/run.sh" "$build/bin" "$build/examples/first-layout"
