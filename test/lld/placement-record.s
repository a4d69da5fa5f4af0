## An image linked with --spacer-layout records what was placed in a
## non-loaded .spacer.placement section (read by `spacer check`): every slot
## that holds a library, with its address, capacity and bytes used. It takes
## no memory: no segment maps it.

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
# RECORD: {"format":"spacer-placement","version":1,"slots":[
# RECORD-SAME: {"library":"liba","kind":"text","address":"0x0000000000400000","size":"0x0000000000001000","used":"0x0000000000000006"},
# RECORD-SAME: {"library":"liba","kind":"data","address":"0x0000000000500000","size":"0x0000000000001000","used":"0x0000000000000010"}]}

## Libraries absent from the link are not in the record; without the option
## there is no record.
# RUN: %ld_lld main.o liba.o -o stock
# RUN: llvm-readelf -S stock | FileCheck %s --check-prefix=STOCK
# STOCK-NOT: .spacer.placement

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- liba.s
  .globl a_func
a_func:
  call a_func
  nop
  .data
  .quad 1, 2

#--- main.s
  .globl _start
_start:
  call a_func
