## spacer plan writes only manifests that every unikernel it planned links
## with: slot addresses aligned as the libraries' sections need, room after
## each region for everything the link puts there (sections of no kind, such
## as .gcc_except_table or .eh_frame, of every input), and an error naming
## the unikernel when an update leaves it too little room. Objects of two
## machines in one unikernel are refused.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir -p ws/app1 ws/app2 mixed/app
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o ws/app1/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib0.s -o ws/app1/lib0.o
# RUN: cp ws/app1/liba.o ws/app1/lib0.o ws/app2/
# RUN: llvm-mc -filetype=obj -triple=x86_64 app1.s -o ws/app1/app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app2.s -o ws/app2/app2.o

## liba's data is aligned to 0x4000: its data slot is too, though lib0's
## page-sized one comes first in the region. app2 carries
## 0x30000 bytes of tables of no kind, more than the default --gap.
# RUN: spacer plan -o layout.json --start=0x201000 ws > /dev/null
# RUN: FileCheck %s --check-prefix=ALIGNED < layout.json
# ALIGNED:      "name": "lib0",
# ALIGNED:      "data": {
# ALIGNED-NEXT:   "address": "0x270000",
# ALIGNED:      "name": "liba",
# ALIGNED:      "data": {
# ALIGNED-NEXT:   "address": "0x274000",
# RUN: %ld_lld --spacer-layout=layout.json ws/app1/app1.o ws/app1/lib0.o ws/app1/liba.o -o app1
# RUN: %ld_lld --spacer-layout=layout.json ws/app2/app2.o ws/app2/lib0.o ws/app2/liba.o -o app2
# RUN: spacer check --layout=layout.json app1 app2 | FileCheck %s --check-prefix=CHECK
# CHECK: app1: ok: 2 libraries in their slots (lib0, liba)
# CHECK: app2: ok: 2 libraries in their slots (lib0, liba)

## An update that keeps the regions where they are, for a new unikernel
## that needs more room than they leave: an error naming it, and the
## output file is left as it was.
# RUN: mkdir -p ws2/app1 ws2/app3
# RUN: cp ws/app1/* ws2/app1/
# RUN: cp ws/app1/liba.o ws/app1/lib0.o ws2/app3/
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=HUGE=1 app2.s -o ws2/app3/app3.o
# RUN: spacer plan -o small.json --start=0x201000 ws2/app1 ws/app2 > /dev/null
# RUN: echo old > out.json
# RUN: %expect_exit 2 spacer plan -o out.json --update=small.json ws2 2>&1 | FileCheck %s --check-prefix=ROOM
# ROOM: spacer: error: unikernel 'app3' would not link: it needs 0x{{[0-9a-f]+}} bytes after the rodata region [0x202000, 0x202000) for its own sections and those that get no slot, but the text region starts at 0x{{[0-9a-f]+}}; plan afresh without --update, which moves every library
# RUN: echo old | cmp - out.json

## A slot whose address no longer suits the library's alignment moves on
## update (and --no-move refuses), within its region.
# RUN: mkdir -p ws3/app1 ws3/app2
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=ALIGN=15 liba.s -o ws3/app1/liba.o
# RUN: cp ws3/app1/liba.o ws3/app2/liba.o
# RUN: cp ws/app1/lib0.o ws3/app1/ && cp ws/app1/lib0.o ws3/app2/
# RUN: cp ws/app1/app1.o ws3/app1/ && cp ws/app2/app2.o ws3/app2/
# RUN: %expect_exit 2 spacer plan -o moved.json --update=layout.json --no-move ws3 2>&1 | FileCheck %s --check-prefix=NOMOVE
# NOMOVE: spacer: error: libraries outgrew their slots, and --no-move forbids moving them: liba (data: needs an address aligned to 0x8000, slot at 0x274000)
# RUN: spacer plan -o moved.json --update=layout.json ws3 | FileCheck %s --check-prefix=MOVED
# MOVED: liba {{.*}} moved
# RUN: FileCheck %s --check-prefix=MOVED-ADDR < moved.json
# MOVED-ADDR:      "name": "liba",
# MOVED-ADDR:      "data": {
# MOVED-ADDR-NEXT:   "address": "0x278000",
# RUN: %ld_lld --spacer-layout=moved.json ws3/app2/app2.o ws3/app2/lib0.o ws3/app2/liba.o -o app2-moved
# RUN: spacer check --layout=moved.json app2-moved | FileCheck %s --check-prefix=MOVED-CHECK
# MOVED-CHECK: app2-moved: ok

## A section aligned beyond where the region starts would move the output
## section's start past the region's first slot: an update cannot do that.
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=ALIGN=20 liba.s -o ws3/app1/liba.o
# RUN: %expect_exit 2 spacer plan -o region.json --update=layout.json ws3 2>&1 | FileCheck %s --check-prefix=REGION
# REGION: spacer: error: the data region at 0x270000 is not aligned to 0x100000, the alignment of the workspace's most aligned data section, so its output section would start past the region's first slot; plan afresh without --update, which moves every library
# RUN: not test -e region.json

## Objects of two machines in one unikernel.
# RUN: llvm-mc -filetype=obj -triple=aarch64 arm.s -o mixed/app/arm.o
# RUN: cp ws/app1/liba.o mixed/app/
# RUN: %expect_exit 2 spacer plan -o mixed.json mixed 2>&1 | FileCheck %s --check-prefix=MIXED
# MIXED: spacer: error: unikernel 'app': {{.*}}arm.o is for aarch64 but {{.*}}liba.o is for x86-64: one unikernel links objects of one machine
# RUN: not test -e mixed.json

#--- liba.s
  .text
  .globl a_func
a_func:
  ret
  .data
.ifdef ALIGN
  .p2align ALIGN
.else
  .p2align 14
.endif
  .globl a_var
a_var:
  .quad 1

#--- lib0.s
  .globl z_func
z_func:
  ret
  .data
  .globl z_var
z_var:
  .quad 2

#--- app1.s
  .globl _start
_start:
  call a_func

#--- app2.s
  .globl _start
_start:
  call a_func
  .section .gcc_except_table,"a"
.ifdef HUGE
  .space 0x80000
.else
  .space 0x30000
.endif

#--- arm.s
  .globl f
f:
  ret
