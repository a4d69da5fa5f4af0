## Options that reorder input sections (--symbol-ordering-file,
## --call-graph-ordering-file, --shuffle-sections) describe the program, so
## they never reorder a slot: its bytes stay the same in every image. The
## program's own sections are still reordered.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o lib.o -o plain
# RUN: spacer-memdump plain 0x400000 0x401000 > plain.slot

# RUN: %ld_lld --spacer-layout=layout.json --symbol-ordering-file=order.txt main.o lib.o -o ordered
# RUN: spacer-memdump ordered 0x400000 0x401000 > ordered.slot
# RUN: cmp plain.slot ordered.slot
# RUN: llvm-readelf -s ordered | FileCheck %s --check-prefix=ORDERED
## The program's functions follow the ordering file.
# ORDERED-DAG: 0000000000401000 {{.*}} main_b
# ORDERED-DAG: 0000000000401001 {{.*}} main_a

# RUN: %ld_lld --spacer-layout=layout.json --call-graph-ordering-file=callgraph.txt main.o lib.o -o cg
# RUN: spacer-memdump cg 0x400000 0x401000 > cg.slot
# RUN: cmp plain.slot cg.slot

# RUN: %ld_lld --spacer-layout=layout.json --shuffle-sections='*=1' main.o lib.o -o shuffled1
# RUN: %ld_lld --spacer-layout=layout.json --shuffle-sections='*=2' main.o lib.o -o shuffled2
# RUN: spacer-memdump shuffled1 0x400000 0x401000 > shuffled1.slot
# RUN: spacer-memdump shuffled2 0x400000 0x401000 > shuffled2.slot
# RUN: cmp plain.slot shuffled1.slot
# RUN: cmp plain.slot shuffled2.slot

## The library's own order, in every case.
# RUN: llvm-readelf -s cg | FileCheck %s --check-prefix=LIB
# LIB-DAG: 0000000000400000 {{.*}} lib_a
# LIB-DAG: 0000000000400001 {{.*}} lib_b
# LIB-DAG: 0000000000400002 {{.*}} lib_c

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- order.txt
lib_c
main_b
lib_b
main_a

#--- callgraph.txt
main_a lib_c 100
lib_c lib_b 90
main_b lib_a 80

#--- lib.s
  .section .text.lib_a,"ax",@progbits
  .p2align 0
  .globl lib_a
lib_a:
  ret
  .section .text.lib_b,"ax",@progbits
  .p2align 0
  .globl lib_b
lib_b:
  ret
  .section .text.lib_c,"ax",@progbits
  .p2align 0
  .globl lib_c
lib_c:
  ret

#--- main.s
  .section .text.main_a,"ax",@progbits
  .p2align 0
  .globl main_a
main_a:
  ret
  .section .text.main_b,"ax",@progbits
  .p2align 0
  .globl main_b
main_b:
  ret
