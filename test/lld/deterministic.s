## The same link gives byte-identical output every time, with one thread or
## several, and the order of the program's inputs does not move any library.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 extra.s -o extra.o
# RUN: %ld_lld --spacer-layout=layout.json main.o extra.o liba.o libb.o -o out1
# RUN: %ld_lld --spacer-layout=layout.json main.o extra.o liba.o libb.o -o out2
# RUN: %ld_lld --threads=1 --spacer-layout=layout.json main.o extra.o liba.o libb.o -o out3
# RUN: cmp out1 out2
# RUN: cmp out1 out3

## Reordering the inputs changes the program's part of the image but not
## the libraries' slots.
# RUN: %ld_lld --spacer-layout=layout.json libb.o extra.o liba.o main.o -o out4
# RUN: spacer-memdump out1 0x400000 0x402000 > slots1
# RUN: spacer-memdump out4 0x400000 0x402000 > slots4
# RUN: cmp slots1 slots4
# RUN: spacer-memdump out1 0x500000 0x502000 > data1
# RUN: spacer-memdump out4 0x500000 0x502000 > data4
# RUN: cmp data1 data4

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" },
               "data": { "address": "0x501000", "size": "0x1000" } } } ] }

#--- liba.s
  .section .text.a1,"ax",@progbits
  .globl a1
a1:
  call b1
  ret
  .section .text.a2,"ax",@progbits
  .globl a2
a2:
  movabsq $a_data, %rax
  ret
  .data
  .globl a_data
a_data:
  .quad a1, b1

#--- libb.s
  .text
  .globl b1
b1:
  call a2
  ret
  .data
  .quad b1, a_data

#--- main.s
  .globl _start
_start:
  call a1
  call extra

#--- extra.s
  .globl extra
extra:
  call b1
  ret
  .data
  .quad extra
