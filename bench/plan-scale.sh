#!/bin/sh
# Benchmark: spacer plan on a synthetic workspace of N unikernels (default
# 1000) drawing on 100 libraries (10 of them in two variants), each
# unikernel with its own program and 80 of the libraries. Prints the time
# and peak memory of planning, next to the time to merely read every input
# file once (cat), measured in the same run.
#
#   bench/plan-scale.sh [BUILD_DIR] [UNIKERNELS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
count=${2:-1000}
llvm=/usr/lib/llvm-19/bin
work=$(mktemp -d /tmp/spacer-plan-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/libs" "$work/variant" "$work/apps" "$work/ws"

echo "spacer plan scale: $count unikernels x 100 libraries, in $work"
i=0
while [ $i -lt 100 ]; do
  cat > "$work/lib.s" <<EOS
  .text
  .globl f$i
f$i:
  .fill $((256 + i * 97)), 1, 0x90
  ret
  .section .rodata,"a"
  .fill $((64 + i * 13)), 1, $i
  .data
  .quad f$i
  .bss
  .zero $((128 + i * 7))
EOS
  "$llvm/llvm-mc" -filetype=obj -triple=x86_64 "$work/lib.s" -o "$work/libs/lib$i.o"
  if [ $i -lt 10 ]; then
    printf '  .text\n  .fill 512, 1, 0xcc\n' >> "$work/lib.s"
    "$llvm/llvm-mc" -filetype=obj -triple=x86_64 "$work/lib.s" -o "$work/variant/lib$i.o"
  fi
  i=$((i + 1))
done
printf '  .globl _start\n_start:\n  ret\n' > "$work/app.s"
"$llvm/llvm-mc" -filetype=obj -triple=x86_64 "$work/app.s" -o "$work/app.o"

u=0
while [ $u -lt "$count" ]; do
  cp "$work/app.o" "$work/apps/app$u.o"
  u=$((u + 1))
done
# Unikernel u has library i unless (i + u) % 5 == 0; odd unikernels have
# the second variant of libraries 0-9.
awk -v n="$count" -v w="$work" 'BEGIN {
  for (u = 0; u < n; u++) {
    f = w "/ws/uk" u ".inputs"
    print w "/apps/app" u ".o" > f
    for (i = 0; i < 100; i++)
      if ((i + u) % 5 != 0)
        print w ((i < 10 && u % 2 == 1) ? "/variant/lib" : "/libs/lib") i ".o" > f
    close(f)
  }
}'
ls "$work"/ws/*.inputs > "$work/list"
cat "$work"/libs/* "$work"/variant/* "$work"/apps/* > /dev/null # warm the cache

now() { date +%s.%N; }
start=$(now)
cat "$work"/libs/* "$work"/variant/* "$work"/apps/* "$work"/ws/* > /dev/null
t_cat=$(echo "$(now) - $start" | bc -l)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%e %M" -o "$work/time" \
    "$build/bin/spacer" plan -o "$work/layout.json" @"$work/list" > "$work/summary"
  read t_plan kib < "$work/time"
else
  start=$(now)
  "$build/bin/spacer" plan -o "$work/layout.json" @"$work/list" > "$work/summary"
  t_plan=$(echo "$(now) - $start" | bc -l); kib="?"
fi
head -1 "$work/summary"
printf '%-36s %8s\n' command seconds
printf '%-36s %8.3f\n' "cat every input and list file" "$t_cat"
printf '%-36s %8.3f   (peak memory %s KiB)\n' "spacer plan" "$t_plan" "$kib"
printf 'spacer plan / cat time: %.1f\n' "$(echo "$t_plan / $t_cat" | bc -l)"
