## Identical code folding never takes a library's section out of its slot:
## slotted sections are not folded, not even with an identical section of
## the program or of another library. The program's own duplicates still
## fold.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: %ld_lld --icf=all --print-icf-sections --spacer-layout=layout.json app.o liba.o libb.o -o out 2>&1 | FileCheck %s --check-prefix=ICF
# ICF:      selected section app.o:(.text.app_one)
# ICF-NEXT:   removing identical section app.o:(.text.app_two)
# ICF-NOT:  liba.o
# ICF-NOT:  libb.o

# RUN: llvm-readelf -s out | FileCheck %s
# CHECK-DAG: 0000000000400000 {{.*}} a_one
# CHECK-DAG: 0000000000401000 {{.*}} b_one

## Without the layout, lld folds the three identical functions into one.
# RUN: %ld_lld --icf=all --print-icf-sections app.o liba.o libb.o -o stock 2>&1 | FileCheck %s --check-prefix=STOCK
# STOCK:      selected section app.o:(.text.app_one)
# STOCK-NEXT:   removing identical section app.o:(.text.app_two)
# STOCK-NEXT:   removing identical section liba.o:(.text.a_one)
# STOCK-NEXT:   removing identical section libb.o:(.text.b_one)

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- liba.s
  .section .text.a_one,"ax",@progbits
  .globl a_one
a_one:
  movl $42, %eax
  ret

#--- libb.s
  .section .text.b_one,"ax",@progbits
  .globl b_one
b_one:
  movl $42, %eax
  ret

#--- app.s
  .globl _start
_start:
  call a_one
  call b_one
  call app_one
  call app_two
  .section .text.app_one,"ax",@progbits
app_one:
  movl $42, %eax
  ret
  .section .text.app_two,"ax",@progbits
app_two:
  movl $42, %eax
  ret
