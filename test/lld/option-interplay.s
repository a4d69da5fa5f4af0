## --spacer-layout with options that also decide addresses: where they put
## output into a slot, the link fails with an error naming the slot; where
## they do not, placement is exact and the options keep working.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

## .text moved past the library's text slot.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json --section-start=.text=0x400800 main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=START
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json -Ttext=0x400800 main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=START
# START: error: layout.json: library 'lib': text slot [0x400000, 0x401000) lies before the start of its output section '.text' at 0x400800 (moved there by earlier output, segment alignment, a linker script, --section-start, -Ttext or --image-base)
# RUN: not test -e out

## Another output section put inside a slot.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json --section-start=.other=0x500800 main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=OTHER
# OTHER: error: layout.json: section main.o:(.other) at [0x500800, 0x500808) is inside the data slot of library 'lib' [0x500000, 0x501000)
# RUN: not test -e out

## The ELF headers at an image base inside a slot.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json --image-base=0x500000 main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=BASE
# BASE: error: layout.json: the ELF header at [0x500000, 0x500040) is inside the data slot of library 'lib' [0x500000, 0x501000)
# RUN: not test -e out

## Options that agree with the layout: a lower image base and .text start,
## separate code segments, 2 MiB pages.
# RUN: %ld_lld --spacer-layout=layout.json --image-base=0x100000 -Ttext=0x180000 main.o lib.o -o ok1
# RUN: llvm-readelf -s ok1 | FileCheck %s --check-prefix=PLACED
# RUN: %ld_lld --spacer-layout=layout.json -z separate-code main.o lib.o -o ok2
# RUN: llvm-readelf -s ok2 | FileCheck %s --check-prefix=PLACED
# RUN: llvm-readelf -l ok2 | FileCheck %s --check-prefix=SEPARATE
## With 2 MiB pages each segment starts 2 MiB further on: the slots must
## leave room for that.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json -z max-page-size=0x200000 main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=ALIGN
# ALIGN: error: layout.json: library 'lib': data slot [0x500000, 0x501000) collides with earlier output, which already reaches 0x60100d there
# RUN: %ld_lld --spacer-layout=huge.json -z max-page-size=0x200000 main.o lib.o -o ok3
# RUN: llvm-readelf -s ok3 | FileCheck %s --check-prefix=HUGESYM
# RUN: llvm-readelf -l ok3 | FileCheck %s --check-prefix=HUGE
# PLACED-DAG: 0000000000400000 {{.*}} lib_func
# PLACED-DAG: 0000000000500000 {{.*}} lib_data
## With separate code, the code segments (the library's, then the
## program's after the region) start and end on their own pages.
# SEPARATE:      LOAD 0x001000 0x0000000000400000 {{.*}} R E 0x1000
# SEPARATE-NEXT: LOAD 0x002000 0x0000000000401000 {{.*}} R E 0x1000
# SEPARATE-NEXT: LOAD 0x003000 0x0000000000402000 {{.*}} RW  0x1000
# HUGESYM-DAG: 0000000000600000 {{.*}} lib_func
# HUGESYM-DAG: 0000000000a00000 {{.*}} lib_data
# HUGE: LOAD {{.*}} R E 0x200000
# HUGE: LOAD {{.*}} RW  0x200000

## Slots on 2 MiB pages need a manifest with page_size 0x200000.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=small-pages.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=PAGES
# PAGES: error: small-pages.json: library 'lib': text slot address 0x401000 is not a multiple of the page size 0x200000

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- huge.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x600000", "size": "0x1000" },
               "data": { "address": "0xa00000", "size": "0x1000" } } } ] }

#--- small-pages.json
{ "format": "spacer-layout", "version": 1, "page_size": "0x200000", "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x200000" } } } ] }

#--- lib.s
  .text
  .globl lib_func
lib_func:
  movabsq $lib_data, %rax
  ret
  .data
  .globl lib_data
lib_data:
  .quad 1

#--- main.s
  .globl _start
_start:
  call lib_func
  .section .other,"aw",@progbits
  .quad 2
