## An image gets at most 128 load segments for its slots. With more runs of
## slots than that (here 140 libraries, each slot two pages from the next,
## so no two share a segment on their own), the runs closest to each other
## share a segment, which then stores the bytes between them: the link
## succeeds, every library is at its slot, and the image is larger, not
## wrong.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: %python gen.py 140
# RUN: llvm-mc -filetype=obj -triple=x86_64 libs.s -o libs.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o libs.o -o out
# RUN: llvm-readelf -l out | grep -c LOAD | FileCheck %s --check-prefix=COUNT
## 128 for the slots and what follows their region, and one for the headers.
# COUNT: 129
# RUN: llvm-readelf -s out | FileCheck %s
# CHECK-DAG: 0000000000400000 {{.*}} f0
# CHECK-DAG: 0000000000516000 {{.*}} f139
# RUN: spacer check --layout=layout.json out | FileCheck %s --check-prefix=OK
# OK: out: ok: 140 libraries in their slots

## In lld's own layout the headers are loaded at the image base (0x200000),
## and the program header table may not grow into the first slot: with
## slots from the next page on, the budget is what fits there (72 headers,
## less 16 for lld's own), so runs merge sooner.
# RUN: %python gen.py 100 0x201000
# RUN: llvm-mc -filetype=obj -triple=x86_64 libs.s -o libs.o
# RUN: %ld_lld --spacer-layout=layout.json main.o libs.o -o near
# RUN: llvm-readelf -l near | grep -c LOAD | FileCheck %s --check-prefix=NEAR
# NEAR: 57
# RUN: spacer check --layout=layout.json near | FileCheck %s --check-prefix=NEAR-OK
# NEAR-OK: near: ok: 100 libraries in their slots

## With fewer libraries, one segment per slot.
# RUN: %python gen.py 20
# RUN: llvm-mc -filetype=obj -triple=x86_64 libs.s -o libs.o
# RUN: %ld_lld --spacer-layout=layout.json main.o libs.o -o few
# RUN: llvm-readelf -l few | grep -c LOAD | FileCheck %s --check-prefix=FEW
# FEW: 22

#--- gen.py
import json, sys
n = int(sys.argv[1])
base = int(sys.argv[2], 0) if len(sys.argv) > 2 else 0x400000
libs = []
with open("libs.s", "w") as asm:
    for i in range(n):
        asm.write('  .section .text.spacer.lib%d,"ax",@progbits\n' % i)
        asm.write("  .globl f%d\nf%d:\n  ret\n" % (i, i))
        libs.append({"name": "lib%d" % i,
                     "match": {"sections": [".text.spacer.lib%d" % i]},
                     "slots": {"text": {"address": hex(base + i * 0x2000),
                                        "size": "0x1000"}}})
with open("layout.json", "w") as out:
    json.dump({"format": "spacer-layout", "version": 1, "libraries": libs}, out)

#--- main.s
  .globl _start
_start:
  call f0
