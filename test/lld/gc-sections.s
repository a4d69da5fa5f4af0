## With --gc-sections, a manifest library keeps all of its slotted sections,
## whatever the program uses of it, so its slots hold the same bytes in every
## image. Code that is not in a manifest library is collected as usual, and
## so are the library's sections of no slot: the sections kept are exactly
## those the slots take (.data.rel.ro.* is not data, though its name starts
## with .data).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app1.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app2.s -o app2.o
# RUN: %ld_lld --gc-sections --print-gc-sections --spacer-layout=layout.json app1.o lib.o -o out1 2>&1 | FileCheck %s --check-prefix=GC1
# RUN: %ld_lld --gc-sections --print-gc-sections --spacer-layout=layout.json app2.o lib.o -o out2 2>&1 | FileCheck %s --check-prefix=GC2

## Only the programs' unused code goes, and the library's unused RELRO data.
# GC1:     removing unused section app1.o:(.text.app_unused)
# GC1-NEXT: removing unused section lib.o:(.data.rel.ro.lib_unused)
# GC1-NOT: removing unused section
# GC2:     removing unused section lib.o:(.data.rel.ro.lib_unused)
# GC2-NOT: removing unused section

# RUN: llvm-readelf -s out1 | FileCheck %s
# RUN: llvm-readelf -s out2 | FileCheck %s
# CHECK-DAG: 0000000000400000 {{.*}} lib_used_by_app1
# CHECK-DAG: 0000000000400008 {{.*}} lib_used_by_app2
# CHECK-DAG: 0000000000500000 {{.*}} lib_table
# CHECK-DAG: {{0+6000[0-9a-f]+}} {{.*}} lib_common
# RUN: spacer-memdump out1 0x400000 0x401000 > text1
# RUN: spacer-memdump out2 0x400000 0x401000 > text2
# RUN: cmp text1 text2
# RUN: spacer-memdump out1 0x300000 0x301000 > rodata1
# RUN: spacer-memdump out2 0x300000 0x301000 > rodata2
# RUN: cmp rodata1 rodata2
## Both strings stay, although each program uses only one.
# RUN: FileCheck %s --check-prefix=STRINGS < rodata1
# STRINGS: 0000000000300000: 61 6c 70 68 61 00 62 65 74 61 00 --
# RUN: spacer-memdump out1 0x500000 0x501000 > data1
# RUN: spacer-memdump out2 0x500000 0x501000 > data2
# RUN: cmp data1 data2

## Without the layout, each program keeps a different part of the library.
# RUN: %ld_lld --gc-sections --print-gc-sections app1.o lib.o -o stock1 2>&1 | FileCheck %s --check-prefix=STOCK
# STOCK-DAG: removing unused section lib.o:(.text.lib_used_by_app2)
# STOCK-DAG: removing unused section lib.o:(.data.lib_table)

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "rodata": { "address": "0x300000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" },
               "bss": { "address": "0x600000", "size": "0x1000" } } } ] }

#--- lib.s
  .section .text.lib_used_by_app1,"ax",@progbits
  .p2align 0
  .globl lib_used_by_app1
lib_used_by_app1:
  leaq str_alpha(%rip), %rax
  ret
  .section .text.lib_used_by_app2,"ax",@progbits
  .p2align 0
  .globl lib_used_by_app2
lib_used_by_app2:
  leaq str_beta(%rip), %rax
  ret
  .section .data.lib_table,"aw",@progbits
  .globl lib_table
lib_table:
  .quad 1
  .section .rodata.str1.1,"aMS",@progbits,1
str_alpha:
  .asciz "alpha"
str_beta:
  .asciz "beta"
  .comm lib_common, 16, 8
  .section .data.rel.ro.lib_unused,"aw",@progbits
lib_unused_ptr:
  .quad lib_table

#--- app1.s
  .globl _start
_start:
  call lib_used_by_app1
  .section .text.app_unused,"ax",@progbits
app_unused:
  ret

#--- app2.s
  .globl _start
_start:
  call lib_used_by_app2
