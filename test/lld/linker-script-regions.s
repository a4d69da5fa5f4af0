## With a linker script, the slots go where the script puts a kind's plain
## sections (here `*(.text)`), so what the script puts first (boot code)
## stays first whether or not any library is in the link, and the program's
## own code starts after the region in every image.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 boot.s -o boot.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main-alone.s -o main-alone.o

## With the library.
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json boot.o main.o lib.o -o with
# RUN: llvm-readelf -s with | FileCheck %s --check-prefixes=BOTH,WITH
## Without it: its slot stays empty, and the region is still kept clear.
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json boot.o main-alone.o -o without
# RUN: llvm-readelf -s without | FileCheck %s --check-prefix=BOTH

# BOTH-DAG: 0000000000100000 {{.*}} boot
# WITH-DAG: 0000000000110000 {{.*}} lib_func
# BOTH-DAG: 0000000000112000 {{.*}} main
# BOTH-DAG: 0000000000200000 {{.*}} main_msg

## A script that sends some library's code to an output section of its own
## before .text: that section ends after its own slots, so the next one
## can still hold the rest.
# RUN: llvm-mc -filetype=obj -triple=x86_64 libboot.s -o libboot.o
# RUN: %ld_lld -T split.ld --spacer-layout=split.json boot.o main.o lib.o libboot.o -o split
# RUN: llvm-readelf -s split | FileCheck %s --check-prefix=SPLIT
# SPLIT-DAG: 0000000000100000 {{.*}} libboot_func
# SPLIT-DAG: 0000000000101000 {{.*}} boot
# SPLIT-DAG: 0000000000110000 {{.*}} lib_func
# SPLIT-DAG: 0000000000112000 {{.*}} main

#--- split.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libboot", "match": { "files": ["libboot.o"] },
    "slots": { "text": { "address": "0x100000", "size": "0x1000" } } },
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x110000", "size": "0x1000" } } },
  { "name": "other", "match": { "files": ["other.o"] },
    "slots": { "text": { "address": "0x111000", "size": "0x1000" } } } ] }

#--- split.ld
SECTIONS {
  . = 0x100000;
  .boot : { libboot.o(.text*) }
  .text : {
    KEEP(*(.text.boot))
    *(.text)
  }
  . = 0x200000;
  .rodata : { *(.rodata) }
}

#--- libboot.s
  .text
  .globl libboot_func
libboot_func:
  ret

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x110000", "size": "0x1000" } } },
  { "name": "other", "match": { "files": ["other.o"] },
    "slots": { "text": { "address": "0x111000", "size": "0x1000" } } } ] }

#--- script.ld
SECTIONS {
  . = 0x100000;
  .text : {
    KEEP(*(.text.boot))
    *(.text)
  }
  . = 0x200000;
  .rodata : { *(.rodata) }
}

#--- boot.s
  .section .text.boot,"ax",@progbits
  .globl boot
boot:
  call main
  hlt

#--- lib.s
  .text
  .globl lib_func
lib_func:
  ret

#--- main.s
  .text
  .globl main
main:
  call lib_func
  ret
  .section .rodata,"a"
  .globl main_msg
main_msg:
  .asciz "hi"

#--- main-alone.s
  .text
  .globl main
main:
  ret
  .section .rodata,"a"
  .globl main_msg
main_msg:
  .asciz "hi"
