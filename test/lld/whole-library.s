## "whole": true links every member of a library's archives, as
## --whole-archive would: two programs that use different members of libx.a
## then hold the same build of it, byte for byte in its slot. Without it,
## each holds the members it uses: two builds of libx. spacer plan
## --whole-archives marks every archive library so.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 x1.s -o x1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 x2.s -o x2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 user.s -o user.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=USE=1 app.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=USE=2 app.s -o app2.o
# RUN: llvm-ar rcs libx.a x1.o x2.o

## Subsets: app1 holds x1 only, app2 x2 only.
# RUN: %ld_lld --spacer-layout=subset.json app1.o user.o libx.a -o sub1
# RUN: %ld_lld --spacer-layout=subset.json app2.o user.o libx.a -o sub2
# RUN: llvm-nm sub1 | FileCheck %s --check-prefix=SUB1
# SUB1-NOT: x2_func
# SUB1:     x1_func
# RUN: spacer share --layout=subset.json sub1 sub2 | FileCheck %s --check-prefix=SUBSHARE
# SUBSHARE: libx 2 2 2 2

## Whole: both hold x1 and x2, one build, the same bytes in libx's slot.
# RUN: %ld_lld --spacer-layout=whole.json app1.o user.o libx.a -o whole1
# RUN: %ld_lld --spacer-layout=whole.json app2.o user.o libx.a -o whole2
# RUN: llvm-nm whole1 | FileCheck %s --check-prefix=WHOLE
# WHOLE-DAG: 0000000000400000 T x1_func
# WHOLE-DAG: 0000000000400010 T x2_func
# RUN: spacer-memdump whole1 0x400000 0x401000 | cut -d: -f2 > slot1
# RUN: spacer-memdump whole2 0x400000 0x401000 | cut -d: -f2 > slot2
# RUN: cmp slot1 slot2
# RUN: spacer share --layout=whole.json whole1 whole2 | FileCheck %s --check-prefix=WHOLESHARE
# WHOLESHARE: libx 2 1 2 1
# RUN: spacer check --layout=whole.json whole1 whole2 | FileCheck %s --check-prefix=CHECK
# CHECK: whole1: ok
# CHECK: whole2: ok

## The manifest says so in one key, and nothing else is accepted there.
# RUN: spacer plan -o planned.json --whole-archives a=app1.o,user.o,libx.a b=app2.o,user.o,libx.a > /dev/null
# RUN: FileCheck %s --check-prefix=PLANNED < planned.json
# PLANNED:      "name": "libx",
# PLANNED-NOT:  "name"
# PLANNED:      "whole": true,
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad.json app1.o user.o libx.a -o bad 2>&1 | FileCheck %s --check-prefix=BAD
# BAD: error: bad.json: library 'libx': 'whole' must be true or false
# RUN: not test -e bad

#--- subset.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libx", "match": { "files": ["libx.a:*"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "user", "match": { "files": ["user.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- whole.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libx", "match": { "files": ["libx.a:*"] }, "whole": true,
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "user", "match": { "files": ["user.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- bad.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libx", "match": { "files": ["libx.a:*"] }, "whole": "yes",
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- x1.s
  .text
  .globl x1_func
  .p2align 4
x1_func:
  ret

#--- x2.s
  .text
  .globl x2_func
  .p2align 4
x2_func:
  nop
  ret

#--- user.s
  .text
  .globl call_x
call_x:
  jmp *%rdi

#--- app.s
  .text
  .globl _start
_start:
.if USE == 1
  call x1_func
.else
  call x2_func
.endif
  call call_x
