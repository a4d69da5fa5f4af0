## Nothing but a slot's own library may lie in a slot: output that runs into
## a slot, or that lands in the slot of a library this link does not have,
## is an error naming the manifest, the section and the slot.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

## The program's .myrodata (0x2000 bytes, after the headers at 0x200000)
## comes before .rodata and runs into the library's rodata slot at 0x201000.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=early.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=EARLY
# EARLY: error: early.json: library 'lib': rodata slot [0x201000, 0x202000) collides with earlier output, which already reaches 0x{{[0-9a-f]+}} there
# RUN: not test -e out

## The empty text slot of an absent library at 0x201000 is where the
## program's read-only data would go: placement only keeps a kind's own
## output section clear of its region, and the check reports the rest.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=absent.json main.o -o out 2>&1 | FileCheck %s --check-prefix=ABSENT
# ABSENT: error: absent.json: section main.o:(.myrodata) at [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) is inside the text slot of library 'other' [0x201000, 0x202000)
# RUN: not test -e out

## Content that the linker script puts before the libraries in the same
## output section runs into the first slot.
# RUN: %expect_exit 1 %ld_lld -T boot.ld --spacer-layout=boot.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=BOOT
# BOOT: error: boot.json: library 'lib': rodata slot [0x101000, 0x102000) collides with earlier output, which already reaches 0x102000 there
# RUN: not test -e out

## Data a linker script writes (QUAD) into the slot of an absent library.
# RUN: %expect_exit 1 %ld_lld -T data.ld --spacer-layout=absent.json main.o -o out 2>&1 | FileCheck %s --check-prefix=DATA
# DATA: error: absent.json: linker script data 'QUAD ( 0x2222 )' at [0x201000, 0x201008) is inside the text slot of library 'other' [0x201000, 0x202000)
# RUN: not test -e out

## A library section aligned beyond the slot's alignment would not start at
## the slot address.
# RUN: llvm-mc -filetype=obj -triple=x86_64 aligned.s -o aligned.o
# RUN: %expect_exit 1 %ld_lld --spacer-layout=aligned.json main.o aligned.o -o out 2>&1 | FileCheck %s --check-prefix=ALIGNED
# ALIGNED: error: aligned.json: library 'lib': rodata slot [0x301000, 0x304000): section aligned.o:(.rodata) is aligned to 0x2000, more than the slot address, so the library starts at 0x302000; give the slot an address aligned to 0x2000
# ALIGNED-NOT: overflows
# RUN: not test -e out

## A slot at the image base, where the ELF headers are.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=headers.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=HEADERS
# HEADERS-DAG: error: headers.json: the ELF header at [0x200000, 0x200040) is inside the data slot of library 'other' [0x200000, 0x201000)
# HEADERS-DAG: error: headers.json: the program header table at [0x200040, 0x{{[0-9a-f]+}}) is inside the data slot of library 'other' [0x200000, 0x201000)
# RUN: not test -e out

#--- early.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "rodata": { "address": "0x201000", "size": "0x1000" } } } ] }

#--- boot.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "rodata": { "address": "0x101000", "size": "0x1000" } } } ] }

#--- boot.ld
SECTIONS {
  . = 0x100000;
  .rodata : { *(.myrodata) *(.rodata) }
  .text : { *(.text) }
}

#--- data.ld
SECTIONS {
  . = 0x201000;
  .data : { QUAD(0x2222) *(.data) }
  . = 0x300000;
  .rodata : { *(.myrodata) }
  .text : { *(.text) }
}

#--- aligned.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["aligned.o"] },
    "slots": { "rodata": { "address": "0x301000", "size": "0x3000" } } } ] }

#--- aligned.s
  .section .rodata,"a"
  .p2align 13
  .quad 1

#--- absent.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "other", "match": { "files": ["other.o"] },
    "slots": { "text": { "address": "0x201000", "size": "0x1000" } } } ] }

#--- headers.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "other", "match": { "files": ["other.o"] },
    "slots": { "data": { "address": "0x200000", "size": "0x1000" } } } ] }

#--- lib.s
  .section .rodata,"a"
  .globl lib_table
lib_table:
  .quad 42

#--- main.s
  .globl _start
_start:
  ret
  .section .myrodata,"a"
  .fill 0x2000, 1, 7
