#!/bin/sh
# Runs every benchmark, each against a baseline measured in the same run,
# and prints the tables docs/performance.md records. Not part of the tests.
#   bench/run-all.sh [BUILD_DIR]
# The KSM benchmark needs root and /sys/kernel/mm/ksm; it says so and is
# skipped otherwise. The link profile needs valgrind (apt-get install
# valgrind).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# The benchmarks are modules of the bench package, run from the root.
cd "$root"
build=${1:-$root/build}
bin=$build/bin
section() { printf '\n==== %s\n' "$1"; }

section "link time (bench/link_time.py)"
python3 -m bench.link_time --bin "$bin"
section "where the link time goes (bench/link_profile.py)"
python3 -m bench.link_profile --bin "$bin"
section "spacer plan and spacer share at scale (bench/scale.py)"
python3 -m bench.scale --bin "$bin"
section "spacer share throughput (bench/share-throughput.sh)"
"$root/bench/share-throughput.sh" "$build"
section "run time of the sample fleet (bench/runtime.py)"
python3 -m bench.runtime --bin "$bin"
section "spacer-indirect at run time (bench/indirect_cost.py)"
python3 -m bench.indirect_cost --bin "$bin"
section "a layout on a hosted libc at run time (bench/hosted_cost.py)"
python3 -m bench.hosted_cost --bin "$bin"
section "the sample fleet's memory, as loaded (examples/fleet/fleet.py report)"
python3 "$root/examples/fleet/fleet.py" --bin "$bin" --work "$build/fleet" build > /dev/null
python3 "$root/examples/fleet/fleet.py" --bin "$bin" --work "$build/fleet" report |
  sed -n '/^page sharing/,/ideal bound$/p'
section "the sample fleet under KSM (bench/ksm_fleet.py)"
python3 -m bench.ksm_fleet --bin "$bin" --work "$build/fleet" --copies=4 --accel=tcg
python3 -m bench.ksm_fleet --bin "$bin" --work "$build/fleet" --copies=4 --accel=tcg \
  --use-zero-pages
