## An input file that the patterns of two libraries both match is an error:
## placing it in either slot would be a guess.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 util.s -o util.o
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json main.o util.o -o out 2>&1 | FileCheck %s
# CHECK: error: layout.json: input file 'util.o' matches both library 'liba' and library 'libb'
# CHECK-NOT: error:
# RUN: not test -e out

#--- main.s
  .globl _start
_start:
  call util

#--- util.s
  .globl util
util:
  ret

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["util*.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["*til.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }
