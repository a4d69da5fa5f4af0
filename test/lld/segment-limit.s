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

## With fewer libraries, one segment per slot.
# RUN: %python gen.py 20
# RUN: llvm-mc -filetype=obj -triple=x86_64 libs.s -o libs.o
# RUN: %ld_lld --spacer-layout=layout.json main.o libs.o -o few
# RUN: llvm-readelf -l few | grep -c LOAD | FileCheck %s --check-prefix=FEW
# FEW: 22

#--- gen.py
import json, sys
n = int(sys.argv[1])
libs = []
with open("libs.s", "w") as asm:
    for i in range(n):
        asm.write('  .section .text.spacer.lib%d,"ax",@progbits\n' % i)
        asm.write("  .globl f%d\nf%d:\n  ret\n" % (i, i))
        libs.append({"name": "lib%d" % i,
                     "match": {"sections": [".text.spacer.lib%d" % i]},
                     "slots": {"text": {"address": hex(0x400000 + i * 0x2000),
                                        "size": "0x1000"}}})
with open("layout.json", "w") as out:
    json.dump({"format": "spacer-layout", "version": 1, "libraries": libs}, out)

#--- main.s
  .globl _start
_start:
  call f0
