## Libraries match archive members the way linker-script file patterns do:
## "archive:member", with globs on either side.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 fmt.s -o fmt.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 str.s -o str.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-ar rc libuk.a fmt.o str.o
# RUN: %ld_lld --spacer-layout=layout.json main.o libuk.a -o out
# RUN: llvm-readelf -s out | FileCheck %s
# CHECK-DAG: 0000000000400000 {{.*}} fmt
# CHECK-DAG: 0000000000401000 {{.*}} str

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "fmt", "match": { "files": ["*libuk.a:fmt.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "str", "match": { "files": ["libuk.a:s*"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- fmt.s
  .globl fmt
fmt:
  call str
  ret

#--- str.s
  .globl str
str:
  ret

#--- main.s
  .globl _start
_start:
  call fmt
