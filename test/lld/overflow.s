## A library that does not fit its slot is an error naming the manifest, the
## library, the kind, the bytes needed and the capacity; no output is written.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 big.s -o big.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json main.o big.o -o out 2>&1 | FileCheck %s
# RUN: not test -e out

# CHECK: error: layout.json: library 'libbig' overflows its text slot: needs 0x1010 bytes, capacity 0x1000 (slot at 0x400000)
# CHECK-NOT: error:

## An output file from an earlier link is not replaced either.
# RUN: echo old > out
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json main.o big.o -o out 2>&1 | FileCheck %s
# RUN: echo old | cmp - out

## Exactly full is fine.
# RUN: llvm-mc -filetype=obj -triple=x86_64 fits.s -o fits.o
# RUN: %ld_lld --spacer-layout=layout.json main.o fits.o -o fits
# RUN: llvm-readelf -s fits | FileCheck %s --check-prefix=FITS
# FITS: 0000000000400000 4096 FUNC GLOBAL DEFAULT {{.*}} big

#--- layout.json
{
  "format": "spacer-layout",
  "version": 1,
  "libraries": [
    { "name": "libbig", "match": { "files": ["big.o", "fits.o"] },
      "slots": { "text": { "address": "0x400000", "size": "0x1000" } } }
  ]
}

#--- big.s
  .text
  .globl big
  .type big,@function
big:
  .fill 0x1010, 1, 0x90
  .size big, .-big

#--- fits.s
  .text
  .globl big
  .type big,@function
big:
  .fill 0x1000, 1, 0x90
  .size big, .-big

#--- main.s
  .globl _start
_start:
  call big
