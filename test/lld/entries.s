## A library's "entries": callee is linked in two builds (build 2 has more
## code before g, and no h). caller calls f and g; with the entries, its
## calls go to callee's entry table at the start of callee's text slot, and
## its code is the same bytes in both images. Without them, its calls name
## g where each build has it, and its code differs. An address taken
## (taker) stays the function's own, and so do the program's calls; an
## entry the build lacks is traps.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir b1 b2
# RUN: llvm-mc -filetype=obj -triple=x86_64 callee.s -o b1/callee.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=BUILD2=1 callee.s -o b2/callee.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 caller.s -o caller.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 taker.s -o taker.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: %ld_lld --spacer-layout=entries.json app.o caller.o taker.o b1/callee.o -o img1
# RUN: %ld_lld --spacer-layout=entries.json app.o caller.o taker.o b2/callee.o -o img2

## The table: a jump per entry, padded with int3; h, which build 2 lacks,
## is all traps there.
# RUN: llvm-objdump -d --no-show-raw-insn --start-address=0x400000 --stop-address=0x400018 img1 | FileCheck %s --check-prefix=TABLE1
# TABLE1:      400000: jmp 0x400020 <f>
# TABLE1-NEXT: 400005: int3
# TABLE1-NEXT: 400006: int3
# TABLE1-NEXT: 400007: int3
# TABLE1-NEXT: 400008: jmp 0x400030 <g>
# TABLE1:      400010: jmp 0x400040 <h>
# RUN: llvm-objdump -d --no-show-raw-insn --start-address=0x400000 --stop-address=0x400018 img2 | FileCheck %s --check-prefix=TABLE2
# TABLE2:      400008: jmp 0x400130 <g>
# TABLE2:      400010: int3
# TABLE2-NEXT: 400011: int3
# TABLE2:      400017: int3

## caller's calls and tail call go to the entries; taker's address of g,
## its call to g+16 (not g's start) and the program's call are g's own.
# RUN: llvm-objdump -d --no-show-raw-insn img1 | FileCheck %s --check-prefix=CODE1
# CODE1:      <caller_fn>:
# CODE1-NEXT: callq 0x400000
# CODE1-NEXT: callq 0x400008
# CODE1-NEXT: jmp 0x400008
# CODE1:      <taker_fn>:
# CODE1-NEXT: leaq {{.*}} # 0x400030 <g>
# CODE1-NEXT: movl $0x400030, %eax
# CODE1-NEXT: callq 0x400040 <h>
# CODE1:      <_start>:
# CODE1-NEXT: callq 0x400030 <g>

## caller's slot: the same bytes in both images; taker's differs (it holds
## g's address).
# RUN: spacer-memdump img1 0x401000 0x402000 | cut -d: -f2 > caller1
# RUN: spacer-memdump img2 0x401000 0x402000 | cut -d: -f2 > caller2
# RUN: cmp caller1 caller2
# RUN: spacer-memdump img1 0x402000 0x403000 | cut -d: -f2 > taker1
# RUN: spacer-memdump img2 0x402000 0x403000 | cut -d: -f2 > taker2
# RUN: not cmp -s taker1 taker2
# RUN: spacer share --layout=entries.json img1 img2 | FileCheck %s --check-prefix=SHARE
# SHARE:      library images builds pages distinct shared largest ideal
# SHARE-NEXT: callee 2 2 2 2 0 1 2
# SHARE-NEXT: caller 2 1 2 1 2 1 1
# RUN: spacer check --layout=entries.json img1 img2 | FileCheck %s --check-prefix=CHECKED
# CHECKED: img1: ok
# CHECKED: img2: ok

## The placement record says where caller's references lead: callee's
## entries, at the same addresses in both images.
# RUN: %ld_lld --spacer-layout=entries.json --spacer-references app.o caller.o taker.o b2/callee.o -o refs2
# RUN: llvm-objcopy --dump-section=.spacer.placement=record.json refs2
# RUN: FileCheck %s --check-prefix=RECORD < record.json
# RECORD: {"library":"caller","kind":"text","symbol":"f","to":"library:callee","via":"direct","target":"0x0000000000400000",
# RECORD: {"library":"caller","kind":"text","symbol":"g","to":"library:callee","via":"direct","target":"0x0000000000400008",
# RECORD: {"library":"taker","kind":"text","symbol":"g","to":"library:callee","via":"direct","target":"0x0000000000400130",

## Without entries, caller's calls name g where each build has it.
# RUN: %ld_lld --spacer-layout=plain.json app.o caller.o taker.o b1/callee.o -o plain1
# RUN: %ld_lld --spacer-layout=plain.json app.o caller.o taker.o b2/callee.o -o plain2
# RUN: spacer-memdump plain1 0x401000 0x402000 | cut -d: -f2 > plaincaller1
# RUN: spacer-memdump plain2 0x401000 0x402000 | cut -d: -f2 > plaincaller2
# RUN: not cmp -s plaincaller1 plaincaller2
# RUN: spacer share --layout=plain.json plain1 plain2 | FileCheck %s --check-prefix=PLAINSHARE
# PLAINSHARE: caller 2 1 2 2 0 1 1
# PLAINSHARE: caller: 1 page over its ideal

## spacer plan gives callee, two builds, an entry for each function another
## slotted library calls or refers to (taker's g too), and none to caller,
## one build; the planned layout links with the same effect.
# RUN: spacer plan -o planned.json one=app.o,caller.o,taker.o,b1/callee.o two=app.o,caller.o,taker.o,b2/callee.o | FileCheck %s --check-prefix=SUMMARY
# SUMMARY: entry tables, for calls from other libraries and to IFUNCs (in text): callee 2{{$}}
# RUN: spacer plan -o planned.json --json one=app.o,caller.o,taker.o,b1/callee.o two=app.o,caller.o,taker.o,b2/callee.o | FileCheck %s --check-prefix=SUMMARYJSON
# SUMMARYJSON:      "name": "callee",
# SUMMARYJSON:      "entries": 2,
# RUN: FileCheck %s --check-prefix=PLANNED < planned.json
# PLANNED:      "name": "callee",
# PLANNED:      "entries": [
# PLANNED-NEXT:   "f",
# PLANNED-NEXT:   "g"
# PLANNED-NEXT: ],
# PLANNED:      "name": "caller",
# PLANNED-NOT:  "entries"
# PLANNED:      "name": "taker",
# RUN: %ld_lld --spacer-layout=planned.json app.o caller.o taker.o b1/callee.o -o planned1
# RUN: %ld_lld --spacer-layout=planned.json app.o caller.o taker.o b2/callee.o -o planned2
# RUN: spacer share --layout=planned.json planned1 planned2 | FileCheck %s --check-prefix=PLANSHARE
# PLANSHARE:      callee 2 2 2 2 0 1 2
# PLANSHARE-NEXT: caller 2 1 2 1 2 1 1

## Updating the plan keeps the entries where they are: a new caller's
## function (e) comes after them, though its name sorts first.
# RUN: llvm-mc -filetype=obj -triple=x86_64 caller2.s -o caller2.o
# RUN: spacer plan -o updated.json --update=planned.json one=app.o,caller.o,caller2.o,taker.o,b1/callee.o two=app.o,caller.o,caller2.o,taker.o,b2/callee.o > /dev/null
# RUN: FileCheck %s --check-prefix=UPDATED < updated.json
# UPDATED:      "entries": [
# UPDATED-NEXT:   "f",
# UPDATED-NEXT:   "g",
# UPDATED-NEXT:   "e"
# UPDATED-NEXT: ],

## An IFUNC (memcpy-like, as a hosted libc has them): calls reach it
## through each image's IPLT, which lld puts after the program's code, so
## at another address in each image (here the programs differ in size).
## With an entry, the caller calls the entry and the entry jumps to this
## image's IPLT entry: the caller's bytes are the same, and the record
## names the entry's jump as a reference through the IPLT.
# RUN: llvm-mc -filetype=obj -triple=x86_64 ifunc.s -o ifunc.o
# RUN: rm -f ifunc.a && llvm-ar rcs ifunc.a ifunc.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 ifunc-user.s -o ifunc-user.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x10 ifunc-app.s -o ifunc-app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x200 ifunc-app.s -o ifunc-app2.o
# RUN: %ld_lld --spacer-layout=ifunc.json --spacer-references ifunc-app1.o ifunc-user.o ifunc.o -o ifunc1
# RUN: %ld_lld --spacer-layout=ifunc.json --spacer-references ifunc-app2.o ifunc-user.o ifunc.o -o ifunc2
# RUN: llvm-objdump -d --no-show-raw-insn ifunc1 | FileCheck %s --check-prefix=IFUNC1
# IFUNC1:      400000: jmp 0x[[IPLT1:[0-9a-f]+]]
# IFUNC1:      <user_fn>:
# IFUNC1-NEXT: callq 0x400000
# IFUNC1:      Disassembly of section .iplt:
# IFUNC1:      [[IPLT1]]: jmpq
# RUN: llvm-objdump -d --no-show-raw-insn ifunc2 | FileCheck %s --check-prefix=IFUNC2
# IFUNC2:      400000: jmp 0x[[IPLT2:[0-9a-f]+]]
# IFUNC2:      Disassembly of section .iplt:
# IFUNC2:      [[IPLT2]]: jmpq
# RUN: spacer-memdump ifunc1 0x401000 0x402000 | cut -d: -f2 > user1
# RUN: spacer-memdump ifunc2 0x401000 0x402000 | cut -d: -f2 > user2
# RUN: cmp user1 user2
# RUN: spacer-memdump ifunc1 0x400000 0x401000 | cut -d: -f2 > lib1
# RUN: spacer-memdump ifunc2 0x400000 0x401000 | cut -d: -f2 > lib2
# RUN: not cmp -s lib1 lib2
# RUN: spacer share --explain=ifunclib ifunc1 ifunc2 | FileCheck %s --check-prefix=IFUNCWHY
# IFUNCWHY:      ifunclib: 1 build
# IFUNCWHY:        synthetic (iplt): references through a synthetic section of each image
# IFUNCWHY-NEXT:     text+0x0: fast_copy (library:ifunclib, iplt) at
# IFUNCWHY-NOT:  unexplained
## Without the entry, the caller's call goes to the IPLT itself.
# RUN: %ld_lld --spacer-layout=ifunc-plain.json ifunc-app1.o ifunc-user.o ifunc.o -o ifuncplain1
# RUN: %ld_lld --spacer-layout=ifunc-plain.json ifunc-app2.o ifunc-user.o ifunc.o -o ifuncplain2
# RUN: spacer-memdump ifuncplain1 0x401000 0x402000 | cut -d: -f2 > plainuser1
# RUN: spacer-memdump ifuncplain2 0x401000 0x402000 | cut -d: -f2 > plainuser2
# RUN: not cmp -s plainuser1 plainuser2
## spacer plan counts the IFUNC among the library's functions.
# RUN: spacer plan -o ifunc-planned.json one=ifunc-app1.o,ifunc-user.o,ifunc.a two=ifunc-app2.o,ifunc-user.o,ifunc.a > /dev/null
# RUN: FileCheck %s --check-prefix=IFUNCPLAN < ifunc-planned.json
# IFUNCPLAN:      "entries": [
# IFUNCPLAN-NEXT:   "fast_copy"
# IFUNCPLAN-NEXT: ],

## A library's own calls to its IFUNC go through the IPLT as well: they go
## to the IFUNC's entry too, so that only the entry's jump differs between
## the images. spacer plan gives the entry to a library of one build whose
## own members call its IFUNC.
# RUN: llvm-mc -filetype=obj -triple=x86_64 ifunc-own.s -o ifunc-own.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x10 own-app.s -o own-app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x200 own-app.s -o own-app2.o
# RUN: %ld_lld --spacer-layout=own.json own-app1.o ifunc.o ifunc-own.o -o own1
# RUN: %ld_lld --spacer-layout=own.json own-app2.o ifunc.o ifunc-own.o -o own2
# RUN: llvm-objdump -d --no-show-raw-insn own1 | FileCheck %s --check-prefix=OWN
# OWN:      <own_fn>:
# OWN-NEXT: callq 0x400000
# RUN: spacer-memdump own1 0x400008 0x401000 | cut -d: -f2 > own1.bytes
# RUN: spacer-memdump own2 0x400008 0x401000 | cut -d: -f2 > own2.bytes
# RUN: cmp own1.bytes own2.bytes
# RUN: %ld_lld --spacer-layout=own-plain.json own-app1.o ifunc.o ifunc-own.o -o ownplain1
# RUN: %ld_lld --spacer-layout=own-plain.json own-app2.o ifunc.o ifunc-own.o -o ownplain2
# RUN: spacer-memdump ownplain1 0x400008 0x401000 | cut -d: -f2 > ownplain1.bytes
# RUN: spacer-memdump ownplain2 0x400008 0x401000 | cut -d: -f2 > ownplain2.bytes
# RUN: not cmp -s ownplain1.bytes ownplain2.bytes
# RUN: rm -f own.a && llvm-ar rcs own.a ifunc.o ifunc-own.o
# RUN: spacer plan -o own-planned.json --whole-archives one=own-app1.o,own.a two=own-app2.o,own.a | FileCheck %s --check-prefix=OWNSUMMARY
# OWNSUMMARY: entry tables, for calls from other libraries and to IFUNCs (in text): own 1{{$}}
# RUN: FileCheck %s --check-prefix=IFUNCPLAN < own-planned.json
## A call to an IFUNC from the object that defines it shows in no symbol
## table: every IFUNC of a library with slots gets an entry, called or not.
# RUN: spacer plan -o solo-planned.json --whole-archives one=own-app1.o,ifunc.a two=own-app2.o,ifunc.a > /dev/null
# RUN: FileCheck %s --check-prefix=IFUNCPLAN < solo-planned.json

## AArch64: a branch per entry, padded with brk.
# RUN: llvm-mc -filetype=obj -triple=aarch64 aarch64.s -o a64.o
# RUN: %ld_lld --spacer-layout=a64.json a64.o -o a64
# RUN: llvm-objdump -d --no-show-raw-insn --start-address=0x400000 --stop-address=0x400008 a64 | FileCheck %s --check-prefix=A64
# A64:      400000: b 0x400020 <a64_f>
# A64-NEXT: 400004: brk #0
## With BTI, the entry starts with a landing pad, for a thunk's indirect
## branch.
# RUN: %ld_lld --spacer-layout=a64.json -z force-bti a64.o -o a64bti
# RUN: llvm-objdump -d --no-show-raw-insn --start-address=0x400000 --stop-address=0x400008 a64bti | FileCheck %s --check-prefix=A64BTI
# A64BTI:      400000: bti c
# A64BTI-NEXT: 400004: b 0x400020 <a64_f>

## Entries the linker cannot make, and manifests that get them wrong: an
## error naming the library, and no output.
# RUN: llvm-mc -filetype=obj -triple=riscv64 riscv.s -o rv.o
# RUN: %expect_exit 1 %ld_lld --spacer-layout=rv.json rv.o -o rv 2>&1 | FileCheck %s --check-prefix=MACHINE
# MACHINE: error: rv.json: library 'rv' has entries, which ld.lld makes for x86-64 and AArch64 only; this link is for riscv{{$}}
# RUN: not test -e rv
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad.json app.o caller.o taker.o b1/callee.o -o bad 2>&1 | FileCheck %s --check-prefix=BAD
# BAD-DAG: error: bad.json: library 'callee': entry 'f' is listed twice
# BAD-DAG: error: bad.json: library 'callee': an entry has an empty name
# BAD-DAG: error: bad.json: library 'notext': has entries but no text slot to hold them
# RUN: not test -e bad
# RUN: %expect_exit 1 %ld_lld --spacer-layout=badtype.json app.o -o bad 2>&1 | FileCheck %s --check-prefix=BADTYPE
# BADTYPE: error: badtype.json: library 'callee': 'entries' must be an array of strings
# RUN: not test -e bad

#--- entries.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "callee", "match": { "files": ["*/callee.o"] },
    "entries": ["f", "g", "h"],
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "caller", "match": { "files": ["caller.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } },
  { "name": "taker", "match": { "files": ["taker.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- plain.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "callee", "match": { "files": ["*/callee.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "caller", "match": { "files": ["caller.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } },
  { "name": "taker", "match": { "files": ["taker.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- ifunc.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "ifunclib", "match": { "files": ["ifunc.o"] },
    "entries": ["fast_copy"],
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "user", "match": { "files": ["ifunc-user.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- ifunc-plain.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "ifunclib", "match": { "files": ["ifunc.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "user", "match": { "files": ["ifunc-user.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- own.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "ifunclib", "match": { "files": ["ifunc.o", "ifunc-own.o"] },
    "entries": ["fast_copy"],
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- own-plain.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "ifunclib", "match": { "files": ["ifunc.o", "ifunc-own.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- a64.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "a64", "match": { "files": ["a64.o"] }, "entries": ["a64_f"],
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- rv.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "rv", "match": { "files": ["rv.o"] }, "entries": ["rv_f"],
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- bad.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "callee", "match": { "files": ["*/callee.o"] },
    "entries": ["f", "g", "f", ""],
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "notext", "match": { "files": ["none.o"] }, "entries": ["x"],
    "slots": { "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- badtype.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "callee", "match": { "files": ["*/callee.o"] }, "entries": "f",
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- callee.s
  .text
  .p2align 4
.ifdef BUILD2
  .space 0x100, 0x90
.endif
  .globl f
  .type f, @function
  .p2align 4
f:
  ret
  .globl g
  .type g, @function
  .p2align 4
g:
  ret
.ifndef BUILD2
  .globl h
  .type h, @function
  .p2align 4
h:
  ret
.endif
  .globl e
  .type e, @function
  .p2align 4
e:
  ret

#--- caller.s
  .text
  .globl caller_fn
  .type caller_fn, @function
caller_fn:
  call f
  call g
  jmp g

#--- caller2.s
  .text
  .globl caller2_fn
  .type caller2_fn, @function
caller2_fn:
  call e

#--- taker.s
  .text
  .globl taker_fn
  .type taker_fn, @function
taker_fn:
  leaq g(%rip), %rax
  movl $g, %eax
  call g+16
  ret

#--- app.s
  .text
  .globl _start
_start:
  call g
  call caller_fn
  call taker_fn

#--- ifunc.s
  .text
  .globl fast_copy
  .type fast_copy, @gnu_indirect_function
fast_copy:
  leaq copy_impl(%rip), %rax
  ret
copy_impl:
  ret

#--- ifunc-user.s
  .text
  .globl user_fn
  .type user_fn, @function
user_fn:
  call fast_copy

#--- ifunc-app.s
  .text
  .globl _start
_start:
  call user_fn
  .space FILL, 0x90

#--- aarch64.s
  .text
  .globl _start
_start:
  bl a64_f
  .globl a64_f
  .type a64_f, @function
  .p2align 4
a64_f:
  ret

#--- riscv.s
  .text
  .globl _start
_start:
  .globl rv_f
  .type rv_f, @function
rv_f:
  ret

#--- ifunc-own.s
  .text
  .globl own_fn
  .type own_fn, @function
own_fn:
  call fast_copy
  ret

#--- own-app.s
  .text
  .globl _start
_start:
  call own_fn
  .space FILL, 0x90
