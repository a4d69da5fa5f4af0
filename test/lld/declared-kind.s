## A kind the manifest declares by section-name pattern gets slots like the
## built-in kinds, inside whatever output section holds its sections, and
## takes precedence over the built-in kinds: the library's .text.hot code
## goes to its "hot" slot, the rest of its code to its text slot. A library
## without a slot of a declared kind leaves those sections to the normal
## layout.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o libb.o -o out -Map=out.map
# RUN: llvm-readelf -s out | FileCheck %s
# CHECK-DAG: 0000000000400000 {{.*}} a_cold
# CHECK-DAG: 0000000000401000 {{.*}} a_hot
# CHECK-DAG: 0000000000402000 {{.*}} b_cold
# CHECK-DAG: 0000000000403001 {{.*}} b_hot
# CHECK-DAG: 0000000000403000 {{.*}} _start
# RUN: FileCheck %s --check-prefix=MAP < out.map
# MAP: spacer slot liba:text [0x400000, 0x401000) holds 0x1 of 0x1000 bytes
# MAP: spacer slot liba:hot [0x401000, 0x402000) holds 0x1 of 0x1000 bytes
# MAP: spacer slot libb:text [0x402000, 0x403000) holds 0x1 of 0x1000 bytes
# MAP: spacer end of slot region 0x403000

#--- layout.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "hot": { "sections": [".text.hot", ".text.hot.*"] } },
  "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "hot": { "address": "0x401000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- liba.s
  .text
  .globl a_cold
a_cold:
  ret
  .section .text.hot.a,"ax",@progbits
  .globl a_hot
a_hot:
  ret

#--- libb.s
  .text
  .globl b_cold
b_cold:
  ret
  .section .text.hot.b,"ax",@progbits
  .globl b_hot
b_hot:
  ret

#--- main.s
  .globl _start
_start:
  ret
