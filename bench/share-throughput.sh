#!/bin/sh
# Benchmark: spacer share on N images of 2 MiB each (default 1000), against
# reading the same bytes with cat and hashing them with sha256sum, all
# measured in this run. Prints each time and throughput, and spacer share's
# throughput as a ratio of each baseline.
#
#   bench/share-throughput.sh [BUILD_DIR] [IMAGES]
#
# The images are 8 distinct ones (each 2 MiB of code and data linked by the
# patched ld.lld), copied to make N files; every file is read and hashed in
# full, so copies cost as much as distinct images. The files are read once
# before timing so every run reads from the page cache.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
count=${2:-1000}
bin=$build/bin
. "$root/scripts/llvm-env.sh"
llvm=$LLVM_DIR/bin
work=$(mktemp -d /tmp/spacer-share-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "spacer share throughput: $count images of 2 MiB, in $work"
for v in 1 2 3 4 5 6 7 8; do
  head -c 1048576 /dev/urandom > "$work/code$v.bin"
  head -c 1048000 /dev/urandom > "$work/data$v.bin"
  cat > "$work/image$v.s" <<EOS
  .globl _start
_start:
  ret
  .section .text.blob,"ax",@progbits
  .incbin "$work/code$v.bin"
  .data
  .incbin "$work/data$v.bin"
EOS
  "$llvm/llvm-mc" -filetype=obj -triple=x86_64 "$work/image$v.s" -o "$work/image$v.o"
  "$bin/ld.lld" "$work/image$v.o" -o "$work/base$v"
done
mkdir "$work/images"
i=0
while [ $i -lt "$count" ]; do
  cp "$work/base$((i % 8 + 1))" "$work/images/img$i"
  i=$((i + 1))
done
ls "$work/images"/* > "$work/list"
bytes=$(cat $(cat "$work/list") | wc -c)
mib=$(echo "$bytes / 1048576" | bc -l)
cat $(cat "$work/list") > /dev/null # warm the page cache

now() { date +%s.%N; }
measure() { # measure NAME COMMAND...: prints seconds
  start=$(now)
  "$@" > /dev/null
  end=$(now)
  echo "$end - $start" | bc -l
}
t_cat=$(measure sh -c "cat \$(cat $work/list)")
t_sha=$(measure sh -c "cat \$(cat $work/list) | sha256sum")
t_share=$(measure "$bin/spacer" share @"$work/list")

rate() { echo "$mib / $1" | bc -l; }
printf '%-28s %8s %10s\n' command seconds MiB/s
printf '%-28s %8.3f %10.0f\n' "cat" "$t_cat" "$(rate "$t_cat")"
printf '%-28s %8.3f %10.0f\n' "sha256sum" "$t_sha" "$(rate "$t_sha")"
printf '%-28s %8.3f %10.0f\n' "spacer share" "$t_share" "$(rate "$t_share")"
printf 'spacer share / cat throughput:       %.2f\n' "$(echo "$t_cat / $t_share" | bc -l)"
printf 'spacer share / sha256sum throughput: %.2f\n' "$(echo "$t_sha / $t_share" | bc -l)"
"$bin/spacer" share @"$work/list" | tail -1
