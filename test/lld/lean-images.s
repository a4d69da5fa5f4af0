## An image stores none of the gaps a layout leaves: each run of slots it
## fills is a load segment of its own, the slots of libraries it does not
## hold and the unused end of each slot are in no segment, and a library's
## bss takes the memory its image needs, not its slot's. The library's bytes
## are the same in every image; only the file offsets differ between paged
## segments (congruent with their addresses modulo the page size, for
## loaders that map the file) and packed ones (for loaders that copy
## segments).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=USE_B=1 main.s -o main-b.o

## One image without libb, one with it; paged by default.
# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o -o a-only
# RUN: %ld_lld --spacer-layout=layout.json main-b.o liba.o libb.o -o both
# RUN: llvm-readelf -l a-only | FileCheck %s --check-prefix=PAGED
## liba's text, data and bss each in a segment at its slot, holding only its
## bytes; libb's slot (0x401000) and the rest of the regions in none; the
## program's own code and data after their regions, in segments of their own.
# PAGED:      Type  Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align
# PAGED:      LOAD  0x{{[0-9a-f]*}}000 0x0000000000400000 0x0000000000400000 0x000015 0x000015 R E 0x1000
# PAGED-NEXT: LOAD  0x{{[0-9a-f]*}}000 0x0000000000420000 0x0000000000420000 0x{{0*}}5 0x{{0*}}5 R E 0x1000
# PAGED-NEXT: LOAD  0x{{[0-9a-f]*}}000 0x0000000000500000 0x0000000000500000 0x000008 0x000008 RW  0x1000
# PAGED-NEXT: LOAD  0x{{[0-9a-f]*}}000 0x0000000000501000 0x0000000000501000 0x000008 0x000008 RW  0x1000
# PAGED-NEXT: LOAD  0x{{[0-9a-f]*}}000 0x0000000000600000 0x0000000000600000 0x000000 0x002800 RW  0x1000
# PAGED-NOT:  LOAD

## No gap is in the file: it is far smaller than the address space the
## layout spans (0x400000 to 0x620000).
# RUN: %python -c "import os,sys; n=os.path.getsize('a-only'); print(n); sys.exit(n > 0x8000)"

## Packed: the same segments, each right after the previous one in the file.
# RUN: sed 's/"version": 1,/"version": 1, "segments": "packed",/' layout.json > packed.json
# RUN: %ld_lld --spacer-layout=packed.json main.o liba.o -o a-packed
# RUN: llvm-readelf -l a-packed | FileCheck %s --check-prefix=PACKED
# PACKED:      LOAD  0x{{[0-9a-f]+}} 0x0000000000400000 0x0000000000400000 0x000015 0x000015 R E 0x10
# PACKED-NEXT: LOAD  0x{{[0-9a-f]+}} 0x0000000000420000 0x0000000000420000 0x{{0*}}5 0x{{0*}}5 R E 0x4

## The library's slots hold the same bytes in every image, paged or packed,
## whether its slot's end is in no segment (a-only) or stored as zeros
## (both, where libb's slot follows in the same segment): guest memory
## holds the same pages.
# RUN: spacer-memdump a-only 0x400000 0x401000 | FileCheck %s --check-prefix=HOLE
# HOLE: 0000000000400010: 00 00 00 00 c3 -- -- --
# RUN: spacer-memdump --guest a-only 0x400000 0x401000 > text1
# RUN: spacer-memdump --guest both 0x400000 0x401000 > text2
# RUN: spacer-memdump --guest a-packed 0x400000 0x401000 > text3
# RUN: cmp text1 text2
# RUN: cmp text1 text3
# RUN: spacer-memdump --guest a-only 0x500000 0x501000 > data1
# RUN: spacer-memdump --guest both 0x500000 0x501000 > data2
# RUN: cmp data1 data2
## So do the pages spacer share compares.
# RUN: spacer share --layout=layout.json a-only both | FileCheck %s --check-prefix=SHARE
# SHARE: this set reaches 100.0% of it
# RUN: spacer check --layout=layout.json a-only both | FileCheck %s --check-prefix=CHECK-OK
# CHECK-OK: a-only: ok
# CHECK-OK: both: ok

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" },
               "bss": { "address": "0x600000", "size": "0x20000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1f000" } } } ] }

#--- liba.s
  .section .text.a,"ax",@progbits
  .p2align 4
  .globl a_func
a_func:
  movabsq $a_var, %rax
  movabsq $a_buf, %rcx
  ret
  .section .data.a,"aw",@progbits
  .globl a_var
a_var:
  .quad 0x1111
  .section .bss.a,"aw",@nobits
  .globl a_buf
a_buf:
  .zero 0x2800

#--- libb.s
  .section .text.b,"ax",@progbits
  .globl b_func
b_func:
  ret

#--- main.s
  .globl _start
_start:
.ifdef USE_B
  call b_func
.endif
  call a_func
  .data
  .quad 7
