#!/bin/sh
# The first-layout example: two small programs that share two libraries,
# linked with stock placement and with --spacer-layout=layout.json. Prints
# where each library landed in each image and whether the spacer images hold
# identical bytes in every library slot, then what a host would hold for each
# pair (spacer share), checks the spacer images (spacer check) and runs the
# four images.
#
#   run.sh BIN_DIR WORK_DIR
#
# BIN_DIR holds the patched ld.lld, spacer and spacer-memdump (build/bin).
# Exit status: 0 when every check holds, 1 otherwise.
set -eu
bin=$(cd "$1" && pwd)
mkdir -p "$2"
work=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/llvm-env.sh"
llvm=$LLVM_DIR/bin
CC=${CC:-$CLANG}
CFLAGS="--target=x86_64-linux-gnu -O2 -ffreestanding -fno-pic -fno-stack-protector
  -fno-asynchronous-unwind-tables -fno-builtin -nostdinc"

rm -rf "$work"
mkdir -p "$work/obj"
for src in libfmt libstr app1 app2; do
  $CC $CFLAGS -c "$here/$src.c" -o "$work/obj/$src.o"
done

link() { # link OUTPUT [LD_OPTIONS...] INPUTS...
  out=$1; shift
  "$bin/ld.lld" -static "$@" -o "$work/$out"
}
link app1.stock "$work/obj/app1.o" "$work/obj/libfmt.o" "$work/obj/libstr.o"
link app2.stock "$work/obj/libstr.o" "$work/obj/app2.o" "$work/obj/libfmt.o"
link app1.spacer --spacer-layout="$here/layout.json" \
  "$work/obj/app1.o" "$work/obj/libfmt.o" "$work/obj/libstr.o"
link app2.spacer --spacer-layout="$here/layout.json" \
  "$work/obj/libstr.o" "$work/obj/app2.o" "$work/obj/libfmt.o"

# The lowest address of a library's symbols of one kind in an image, found
# by the library object's own symbol names (nm letters: t text, r rodata,
# d data, b bss).
landed() { # landed IMAGE LIBRARY KIND-LETTER
  "$llvm/llvm-nm" --defined-only "$work/obj/$2.o" |
    awk -v k="$3" 'tolower($2) == k { print $3 }' > "$work/names"
  "$llvm/llvm-nm" --defined-only "$work/$1" | awk -v k="$3" '
    NR == FNR { want[$1] = 1; next }
    tolower($2) == k && ($3 in want) {
      if (best == "" || $1 < best) best = $1
    }
    END { if (best == "") print "-"; else { sub(/^0+/, "", best); print "0x" best } }
  ' "$work/names" -
}

# The slot ranges of the manifest, one "library kind start end" per line.
slots=$(awk '
  /"name":/ { gsub(/[",]/, "", $2); lib = $2 }
  /"(text|rodata|data|bss)": *{/ {
    kind = $1; gsub(/[":]/, "", kind)
    match($0, /"address": *"0x[0-9a-f]+"/); a = substr($0, RSTART, RLENGTH)
    match($0, /"size": *"0x[0-9a-f]+"/); s = substr($0, RSTART, RLENGTH)
    sub(/.*"0x/, "", a); sub(/"$/, "", a); sub(/.*"0x/, "", s); sub(/"$/, "", s)
    print lib, kind, a, s
  }' "$here/layout.json")

status=0
echo "spacer example: two programs sharing libfmt and libstr"
echo
printf '%-8s %-7s %-12s %-12s %-12s %-12s %s\n' library kind \
  "app1 stock" "app2 stock" "app1 spacer" "app2 spacer" "spacer slot bytes"
echo "$slots" | while read -r lib kind addr size; do
  case $kind in text) k=t ;; rodata) k=r ;; data) k=d ;; bss) k=b ;; esac
  start=$((0x$addr)); stop=$((0x$addr + 0x$size))
  "$bin/spacer-memdump" "$work/app1.spacer" $start $stop > "$work/slot1"
  "$bin/spacer-memdump" "$work/app2.spacer" $start $stop > "$work/slot2"
  if cmp -s "$work/slot1" "$work/slot2"; then same=identical; else same=DIFFERENT; fi
  printf '%-8s %-7s %-12s %-12s %-12s %-12s %s\n' "$lib" "$kind" \
    "$(landed app1.stock "$lib" $k)" "$(landed app2.stock "$lib" $k)" \
    "$(landed app1.spacer "$lib" $k)" "$(landed app2.spacer "$lib" $k)" "$same"
done > "$work/table"
cat "$work/table"
grep -q DIFFERENT "$work/table" && status=1

# What a host would hold for the two images, each way, and the check that
# the spacer images match the layout.
echo
echo "== page sharing, stock placement"
(cd "$work" && "$bin/spacer" share app1.stock app2.stock | tail -n +3)
echo "== page sharing, spacer layout"
(cd "$work" && "$bin/spacer" share --layout="$here/layout.json" \
  --svg=sharing.svg app1.spacer app2.spacer | tail -n +3)
echo "(picture: $work/sharing.svg)"
echo "note: these libraries are each smaller than a page, so for two images"
echo "page alignment costs more pages than sharing saves; sharing pays with"
echo "libraries of several pages and with many images."
echo "== spacer check"
(cd "$work" && "$bin/spacer" check --layout="$here/layout.json" \
  app1.spacer app2.spacer) || status=1

echo
for image in app1.stock app1.spacer app2.stock app2.spacer; do
  if out=$("$work/$image"); then rc=0; else rc=$?; fi
  echo "$out" > "$work/$image.out"
  echo "== $image (exit $rc)"
  echo "$out"
  [ $rc -eq 0 ] || status=1
done
for app in app1 app2; do
  if ! cmp -s "$work/$app.stock.out" "$work/$app.spacer.out"; then
    echo "error: $app prints different output with the spacer layout" >&2
    status=1
  fi
done
exit $status
