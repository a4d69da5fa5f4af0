## The program has no sections of a kind (here: no read-only data; all of
## it is in libraries): the part of the host after the region holds
## nothing but the region's end, and must still sort as the host does, so
## that what follows the host (a read-only table of the program) starts
## after the whole region, not inside the slot of an absent library.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: %ld_lld --spacer-layout=layout.json lib.o app.o -o img
# RUN: llvm-readelf -S img | FileCheck %s
# CHECK:      .rodata PROGBITS 0000000000300000
# CHECK-NEXT: .rodata PROGBITS 0000000000302000 {{[0-9a-f]+}} 000000 00 A
# CHECK-NEXT: .ro_table PROGBITS 0000000000302000
# CHECK:      .text
# RUN: spacer check --layout=layout.json img | FileCheck %s --check-prefix=CHECKED
# CHECKED: img: ok

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" },
               "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "absent", "match": { "files": ["absent.o"] },
    "slots": { "rodata": { "address": "0x301000", "size": "0x1000" } } } ] }

#--- lib.s
  .text
  .globl lib_f
lib_f:
  leaq lib_msg(%rip), %rax
  ret
  .section .rodata,"a",@progbits
lib_msg:
  .asciz "from the library"

#--- app.s
  .text
  .globl _start
_start:
  call lib_f
  .section .ro_table,"a",@progbits
  .quad _start
