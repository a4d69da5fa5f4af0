## spacer plan --update extends the manifest in use without moving anything
## already placed: new libraries get slots after each region's last one,
## libraries the workspace no longer has keep theirs. A library that
## outgrew its slot moves (reported), or, with --no-move, planning fails
## and writes nothing.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir -p v1/app1 v1/app2 v2/app1 v2/app2 v2/app3 v2/app4 v3/app1 v3/app2
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=BIG=1 liba.s -o liba-big.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libc.s -o libc.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: cp liba.o libb.o v1/app1/ && cp app.o v1/app1/app1.o
# RUN: cp liba.o libb.o v1/app2/ && cp app.o v1/app2/app2.o
# RUN: spacer plan -o v1.json --start=0x300000 v1 > /dev/null

## v2: the same two, and two new unikernels sharing a new libc.
# RUN: cp -r v1/app1 v1/app2 v2/
# RUN: cp libc.o v2/app3/ && cp app.o v2/app3/app3.o
# RUN: cp libc.o v2/app4/ && cp app.o v2/app4/app4.o
# RUN: spacer plan -o v2.json --update=v1.json --no-move v2 | FileCheck %s --check-prefix=V2
# V2: liba              2        1       0xb       0x8       0x8       0x0  kept
# V2: libb              2        1       0x1       0x0       0x8       0x0  kept
# V2: libc              2        1       0x1       0x0       0x0       0x0  new
## Old slots are where they were; libc's text comes after the text region.
# RUN: %python %s.py v1.json v2.json | FileCheck %s --check-prefix=SAME
# SAME:      liba text 0x311000 0x311000
# SAME-NEXT: libb text 0x312000 0x312000
# SAME-NEXT: libc text - 0x313000

## v3: liba grew (a new version in every unikernel) and libb is gone.
# RUN: cp liba-big.o v3/app1/liba.o && cp app.o v3/app1/app1.o
# RUN: cp liba-big.o v3/app2/liba.o && cp app.o v3/app2/app2.o
# RUN: %expect_exit 2 spacer plan -o v3.json --update=v2.json --no-move v3 2>&1 | FileCheck %s --check-prefix=NOMOVE
# NOMOVE: spacer: error: libraries outgrew their slots, and --no-move forbids moving them: liba (text: needs 0x2000, slot holds 0x1000)
# RUN: not test -e v3.json
# RUN: spacer plan -o v3.json --update=v2.json v3 | FileCheck %s --check-prefix=V3
# V3: liba              2        1    0x100b       0x8       0x8       0x0  moved
# V3: libb              0        0       0x0       0x0       0x0       0x0  unused
# V3: libc              0        0       0x0       0x0       0x0       0x0  unused
# RUN: %python %s.py v2.json v3.json | FileCheck %s --check-prefix=MOVED
# MOVED:      liba text 0x311000 0x314000
# MOVED-NEXT: libb text 0x312000 0x312000
# MOVED-NEXT: libc text 0x313000 0x313000

#--- liba.s
  .text
  .globl a_func
a_func:
  movabsq $a_var, %rax
  ret
.ifdef BIG
  .fill 0x1000, 1, 0x90
.endif
  .section .rodata,"a"
  .quad 7
  .data
  .globl a_var
a_var:
  .quad 1

#--- libb.s
  .text
  .globl b_func
b_func:
  ret
  .data
  .quad 2

#--- libc.s
  .text
  .globl c_func
c_func:
  ret

#--- app.s
  .globl _start
_start:
  ret
