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

## Another program around the same members: the same bytes in both slots
## (fmt's call to str included).
# RUN: llvm-mc -filetype=obj -triple=x86_64 main2.s -o main2.o
# RUN: %ld_lld --spacer-layout=layout.json main2.o libuk.a -o out2
# RUN: llvm-readelf -s out2 | FileCheck %s
# RUN: spacer-memdump out 0x400000 0x402000 > slots1
# RUN: spacer-memdump out2 0x400000 0x402000 > slots2
# RUN: cmp slots1 slots2
# RUN: FileCheck %s --check-prefix=BYTES < slots1
# BYTES: 0000000000400000: e8 fb 0f 00 00 c3
# BYTES: 0000000000401000: c3

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

#--- main2.s
  .globl _start
_start:
  .fill 0x40, 1, 0x90
  call str
  call fmt

#--- main.s
  .globl _start
_start:
  call fmt
