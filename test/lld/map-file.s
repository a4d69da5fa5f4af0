## -Map shows each slot where it starts, with the library, the kind, the
## range and how many bytes the library uses, and where the region ends. A
## failed link still writes the map, to help find what overflowed.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o libb.o -o out -Map=out.map
# RUN: FileCheck %s < out.map

## Each run of slots is an output section (and segment) of its own, at its
## first slot: paged, liba's and libb's slots are one run (no whole page
## lies unused between them); the program's code follows the region, in an
## output section of its own.
# CHECK:      VMA              LMA     Size Align Out     In      Symbol
# CHECK:      400000 400000 2004 4 .text
# CHECK-NEXT: 400000 400000 0 1 spacer slot liba:text [0x400000, 0x401000) holds 0x7 of 0x1000 bytes
# CHECK-NEXT: 400000 400000 7 4 liba.o:(.text)
# CHECK-NEXT: 400000 400000 0 1 a_func
# CHECK-NEXT: 400007 400007 ff9 1 spacer slot libb:text [0x401000, 0x403000) holds 0x1004 of 0x2000 bytes
# CHECK-NEXT: 401000 401000 1004 4 libb.o:(.text)
# CHECK-NEXT: 401000 401000 0 1 b_func
# CHECK-NEXT: 403000 403000 1 4 .text
# CHECK-NEXT: 403000 403000 0 1 spacer end of slot region 0x403000
# CHECK-NEXT: 403000 403000 1 4 main.o:(.text)

## Packed, each slot is its own run: no byte between them is stored.
# RUN: sed 's/"version": 1,/"version": 1, "segments": "packed",/' layout.json > packed.json
# RUN: %ld_lld --spacer-layout=packed.json main.o liba.o libb.o -o packed -Map=packed.map
# RUN: FileCheck %s --check-prefix=PACKED < packed.map
# PACKED:      400000 400000 7 4 .text
# PACKED-NEXT: 400000 400000 0 1 spacer slot liba:text [0x400000, 0x401000) holds 0x7 of 0x1000 bytes
# PACKED:      401000 401000 1004 4 .text
# PACKED-NEXT: 401000 401000 0 1 spacer slot libb:text [0x401000, 0x403000) holds 0x1004 of 0x2000 bytes
# PACKED:      403000 403000 1 4 .text

# RUN: %expect_exit 1 %ld_lld --spacer-layout=small.json main.o liba.o libb.o -o out2 -Map=out2.map 2>&1 | FileCheck %s --check-prefix=ERR
# ERR: error: small.json: library 'libb' overflows its text slot: needs 0x1004 bytes, capacity 0x1000 (slot at 0x401000)
# RUN: FileCheck %s --check-prefix=SMALL < out2.map
# SMALL: spacer slot libb:text [0x401000, 0x402000) holds 0x1004 of 0x1000 bytes
# RUN: not test -e out2

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x2000" } } } ] }

#--- small.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- liba.s
  .globl a_func
a_func:
  call b_func
  nop
  ret

#--- libb.s
  .globl b_func
b_func:
  .fill 0x1003, 1, 0x90
  ret

#--- main.s
  .globl _start
_start:
  ret
