## A manifest library that this link does not have leaves its slot empty:
## the libraries after it keep their addresses, and nothing else moves in.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libc.s -o libc.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o libc.o -o out
# RUN: llvm-readelf -s out | FileCheck %s

## libb (0x401000) is absent; libc keeps 0x402000 and the program's own code
## starts after the whole text region.
# CHECK-DAG: 0000000000400000 {{.*}} a_func
# CHECK-DAG: 0000000000402000 {{.*}} c_func
# CHECK-DAG: 0000000000403000 {{.*}} _start
# CHECK-DAG: 0000000000500000 {{.*}} a_data
# CHECK-DAG: 0000000000502000 {{.*}} c_data

## Libb's slots are empty: no segment maps them, so the image stores nothing
## of them and a loader writes nothing there.
# RUN: spacer-memdump out 0x401000 0x401010 | FileCheck %s --check-prefix=HOLE
# HOLE: 0000000000401000: -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- --
# RUN: spacer-memdump out 0x501000 0x501010 | FileCheck %s --check-prefix=HOLE-DATA
# HOLE-DATA: 0000000000501000: -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- --

## With no library of a kind in the link, the program's sections of that kind
## still start after the kind's region (libb's rodata region here).
# RUN: llvm-readelf -s out | FileCheck %s --check-prefix=RODATA
# RODATA: 0000000000301000 {{.*}} main_msg

#--- layout.json
{
  "format": "spacer-layout",
  "version": 1,
  "libraries": [
    { "name": "liba", "match": { "files": ["liba.o"] },
      "slots": { "text": { "address": "0x400000", "size": "0x1000" },
                 "data": { "address": "0x500000", "size": "0x1000" } } },
    { "name": "libb", "match": { "files": ["libb.o"] },
      "slots": { "text": { "address": "0x401000", "size": "0x1000" },
                 "rodata": { "address": "0x300000", "size": "0x1000" },
                 "data": { "address": "0x501000", "size": "0x1000" } } },
    { "name": "libc", "match": { "files": ["libc.o"] },
      "slots": { "text": { "address": "0x402000", "size": "0x1000" },
                 "data": { "address": "0x502000", "size": "0x1000" } } }
  ]
}

#--- liba.s
  .text
  .globl a_func
a_func:
  ret
  .data
  .globl a_data
a_data:
  .quad 1

#--- libc.s
  .text
  .globl c_func
c_func:
  ret
  .data
  .globl c_data
c_data:
  .quad 3

#--- main.s
  .globl _start
_start:
  call a_func
  call c_func
  .section .rodata,"a"
  .globl main_msg
main_msg:
  .asciz "main"
