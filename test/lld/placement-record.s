## An image linked with --spacer-layout records what was placed in a
## non-loaded .spacer.placement section (read by `spacer check`): every slot
## of every library the link holds, with its address, capacity and bytes
## used (an empty slot too: liba has no bss), and what of a library lies
## outside its slots (test/lld/unplaced.s). It takes no memory: no segment
## maps it.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o -o out
# RUN: llvm-readelf -S -l out | FileCheck %s
# CHECK: .spacer.placement PROGBITS 0000000000000000 {{[0-9a-f]+}} {{[0-9a-f]+}} 00 0 0 1
# CHECK: Section to Segment mapping:
# CHECK-NOT: {{^ +[0-9]+ .*spacer}}
# CHECK: None {{.*}}.spacer.placement

# RUN: llvm-objcopy --dump-section=.spacer.placement=record.json out
# RUN: FileCheck %s --check-prefix=RECORD < record.json
# RECORD: {"format":"spacer-placement","version":3,"slots":[
# RECORD-SAME: {"library":"liba","kind":"text","address":"0x0000000000400000","size":"0x0000000000001000","used":"0x0000000000000006","build":"0x[[BUILD:[0-9a-f]+]]"},
# RECORD-SAME: {"library":"liba","kind":"data","address":"0x0000000000500000","size":"0x0000000000001000","used":"0x0000000000000010","build":"0x[[BUILD]]"},
# RECORD-SAME: {"library":"liba","kind":"bss","address":"0x0000000000600000","size":"0x0000000000001000","used":"0x0000000000000000","build":"0x[[BUILD]]"}],
# RECORD-SAME: "unplaced":[]}

## `build` says which build of the library a slot holds, from its input
## sections as compiled (headers, bytes, relocations) and its files' symbol
## tables:
## the same object gives the same value in another program (here with other
## bytes in the slot: the call into the program lands elsewhere); other
## code, the same code with another symbol, another instruction of the same
## size, or a call of the same size to another function give another.
# RUN: llvm-mc -filetype=obj -triple=x86_64 main2.s -o main2.o
# RUN: mkdir -p other-code other-symbol same-size other-target
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-other-code.s -o other-code/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-other-symbol.s -o other-symbol/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-same-size.s -o same-size/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-other-target.s -o other-target/liba.o
# RUN: %ld_lld --spacer-layout=layout.json main2.o liba.o -o out2
# RUN: %ld_lld --spacer-layout=layout.json main.o other-code/liba.o -o out3
# RUN: %ld_lld --spacer-layout=layout.json main.o other-symbol/liba.o -o out4
# RUN: %ld_lld --spacer-layout=layout.json main.o same-size/liba.o -o out5
# RUN: %ld_lld --spacer-layout=layout.json main.o other-target/liba.o -o out6
# RUN: spacer-memdump out 0x400000 0x400006 | cut -d: -f2 > bytes
# RUN: spacer-memdump out2 0x400000 0x400006 | cut -d: -f2 > bytes2
# RUN: not cmp -s bytes bytes2
# RUN: llvm-objcopy --dump-section=.spacer.placement=record2.json out2
# RUN: llvm-objcopy --dump-section=.spacer.placement=record3.json out3
# RUN: llvm-objcopy --dump-section=.spacer.placement=record4.json out4
# RUN: llvm-objcopy --dump-section=.spacer.placement=record5.json out5
# RUN: llvm-objcopy --dump-section=.spacer.placement=record6.json out6
# RUN: grep -o '"kind":"text"[^}]*' record.json | grep -o '"build":"0x[0-9a-f]*"' > build
# RUN: grep -o '"kind":"text"[^}]*' record2.json | grep -o '"build":"0x[0-9a-f]*"' > build2
# RUN: grep -o '"kind":"text"[^}]*' record3.json | grep -o '"build":"0x[0-9a-f]*"' > build3
# RUN: grep -o '"kind":"text"[^}]*' record4.json | grep -o '"build":"0x[0-9a-f]*"' > build4
# RUN: grep -o '"kind":"text"[^}]*' record5.json | grep -o '"build":"0x[0-9a-f]*"' > build5
# RUN: grep -o '"kind":"text"[^}]*' record6.json | grep -o '"build":"0x[0-9a-f]*"' > build6
# RUN: cmp build build2
# RUN: not cmp -s build build3
# RUN: not cmp -s build build4
# RUN: not cmp -s build build5
# RUN: not cmp -s build build6
# RUN: not cmp -s build5 build6
# RUN: cat build3 build4 build5 build6 | FileCheck %s --check-prefix=OTHER
# OTHER-COUNT-4: "build":"0x{{[0-9a-f]+}}"

## Libraries absent from the link are not in the record; without the option
## there is no record.
# RUN: %ld_lld main.o liba.o -o stock
# RUN: llvm-readelf -S stock | FileCheck %s --check-prefix=STOCK
# STOCK-NOT: .spacer.placement

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o", "*/liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" },
               "bss": { "address": "0x600000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- liba.s
  .globl a_func
a_func:
  call app_hook
  nop
  .data
  .quad 1, 2

#--- liba-other-code.s
  .globl a_func
a_func:
  call app_hook
  nop
  .globl a_helper
a_helper:
  ret
  .data
  .quad 1, 2

## liba.s with a symbol more.
#--- liba-other-symbol.s
  .globl a_func
a_func:
  call app_hook
a_local:
  nop
  .data
  .quad 1, 2

## liba.s with another instruction of the same size.
#--- liba-same-size.s
  .globl a_func
a_func:
  call app_hook
  int3
  .data
  .quad 1, 2

## liba.s calling another function, whose name is as long.
#--- liba-other-target.s
  .globl a_func
a_func:
  call app_hoox
  nop
  .data
  .quad 1, 2

#--- main2.s
  .globl _start, app_hook, app_hoox
_start:
  nop
  nop
  call a_func
app_hook:
app_hoox:
  ret

#--- main.s
  .globl _start, app_hook, app_hoox
_start:
  call a_func
app_hook:
app_hoox:
  ret
