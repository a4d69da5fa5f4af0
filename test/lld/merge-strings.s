## Mergeable strings and constants are pooled within a slot, never across:
## two libraries and the program that all hold "hello" keep a copy each, in
## their own slots (or after the region, for the program).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o libb.o -o out
# RUN: llvm-readelf -s out | FileCheck %s

## Within liba, its two "hello"s are one; its 8-byte constants pool apart
## from the strings, in the same slot.
# CHECK:      0000000000302000 {{.*}} main_hello
# CHECK-NEXT: [[A:0+3000[0-9a-f]+]] {{.*}} a_hello
# CHECK-NEXT: {{0+3000[0-9a-f]+}} {{.*}} a_world
# CHECK-NEXT: [[A]] {{.*}} a_hello2
# CHECK-NEXT: 0000000000301000 {{.*}} b_hello
## "hello\0world\0", in the order they first occur, then the constant.
# RUN: spacer-memdump out 0x300000 0x300020 | FileCheck %s --check-prefix=LIBA
# LIBA:      0000000000300000: 68 65 6c 6c 6f 00 77 6f 72 6c 64 00 88 77 66 55
# LIBA-NEXT: 0000000000300010: 44 33 22 11 00 00
# RUN: spacer-memdump out 0x301000 0x301008 | FileCheck %s --check-prefix=B
# B: 0000000000301000: 68 65 6c 6c 6f 00 -- --

## With -O2, strings are tail-merged as lld does there (lld's own merge
## section), still within each slot.
# RUN: %ld_lld -O2 --spacer-layout=layout.json main.o liba.o libb.o -o out-o2
# RUN: llvm-readelf -s out-o2 | FileCheck %s --check-prefix=O2
# O2:      0000000000302000 {{.*}} main_hello
# O2-NEXT: [[A:0+3000[0-9a-f]+]] {{.*}} a_hello
# O2-NEXT: {{0+3000[0-9a-f]+}} {{.*}} a_world
# O2-NEXT: [[A]] {{.*}} a_hello2
# O2-NEXT: 0000000000301000 {{.*}} b_hello

## Without the layout, lld pools all three into one "hello".
# RUN: %ld_lld main.o liba.o libb.o -o stock
# RUN: llvm-readelf -s stock | FileCheck %s --check-prefix=STOCK
# STOCK: [[ADDR:[0-9a-f]{16}]] {{.*}} main_hello
# STOCK: [[ADDR]] {{.*}} a_hello
# STOCK: [[ADDR]] {{.*}} b_hello

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "rodata": { "address": "0x301000", "size": "0x1000" } } } ] }

#--- liba.s
  .section .rodata.str1.1,"aMS",@progbits,1
  .globl a_hello, a_world
a_hello:
  .asciz "hello"
a_world:
  .asciz "world"
  .section .rodata.str1.1,"aMS",@progbits,1,unique,2
  .globl a_hello2
a_hello2:
  .asciz "hello"
  .section .rodata.cst8,"aM",@progbits,8
  .quad 0x1122334455667788

#--- libb.s
  .section .rodata.str1.1,"aMS",@progbits,1
  .globl b_hello
b_hello:
  .asciz "hello"

#--- main.s
  .globl _start
_start:
  ret
  .section .rodata.str1.1,"aMS",@progbits,1
  .globl main_hello
main_hello:
  .asciz "hello"
