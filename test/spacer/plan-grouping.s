## Libraries sharing slots: --compact packs consecutive libraries smaller
## than a page into one slot per kind instead of a page each, and
## --group-below puts the rarely shared ones into one group. Linked with the
## same input order, the members sit at the same addresses in every image.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 l1.s -o l1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 l2.s -o l2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 l3.s -o l3.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 l4.s -o l4.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 l5.s -o l5.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o appa.o
# RUN: cp appa.o appb.o && cp appa.o appc.o && cp appa.o appd.o
# RUN: spacer plan -o plain.json --start=0x300000 a=appa.o,l1.o,l2.o,l3.o,l4.o,l5.o b=appb.o,l1.o,l2.o,l3.o,l4.o,l5.o c=appc.o,l1.o,l2.o,l3.o d=appd.o,l1.o,l2.o,l3.o | FileCheck %s --check-prefix=PLAIN
# PLAIN: spacer plan: 4 unikernels, 9 libraries, 5 with slots
# PLAIN: text   slots [0x310000, 0x316000)

# RUN: spacer plan -o compact.json --compact --group-below=3 --start=0x300000 a=appa.o,l1.o,l2.o,l3.o,l4.o,l5.o b=appb.o,l1.o,l2.o,l3.o,l4.o,l5.o c=appc.o,l1.o,l2.o,l3.o d=appd.o,l1.o,l2.o,l3.o | FileCheck %s --check-prefix=COMPACT
# COMPACT:      spacer plan: 4 unikernels, 7 libraries, 3 with slots
# COMPACT:      l1+l2             4        1      0x20
# COMPACT-NEXT: l3                4        1    0x1800
# COMPACT-NEXT: l4+l5             2        1      0x20
# COMPACT:      text   slots [0x310000, 0x314000)

## Linked: each pack's members follow each other in its slot.
# RUN: %ld_lld --spacer-layout=compact.json appa.o l1.o l2.o l3.o l4.o l5.o -o a
# RUN: %ld_lld --spacer-layout=compact.json appc.o l1.o l2.o l3.o -o c
# RUN: llvm-readelf -s a | FileCheck %s --check-prefixes=SYMS,SYMSA
# RUN: llvm-readelf -s c | FileCheck %s --check-prefix=SYMS
# SYMS-DAG:  0000000000310000 {{.*}} l1_func
# SYMS-DAG:  0000000000310010 {{.*}} l2_func
# SYMS-DAG:  0000000000311000 {{.*}} l3_func
# SYMSA-DAG: 0000000000313000 {{.*}} l4_func
# SYMSA-DAG: 0000000000313010 {{.*}} l5_func
# RUN: spacer check --layout=compact.json a c | FileCheck %s --check-prefix=CHECK
# CHECK: a: ok: 3 libraries in their slots (l1+l2, l3, l4+l5)
# CHECK: c: ok: 2 libraries in their slots (l1+l2, l3); absent: l4+l5

## Regrouping moves libraries, so it needs a fresh plan.
# RUN: %expect_exit 2 spacer plan -o again.json --compact --update=plain.json a=appa.o,l1.o 2>&1 | FileCheck %s --check-prefix=UPDATE
# UPDATE: spacer: error: --compact and --group-below regroup libraries, which moves them; they need a fresh plan, not --update

#--- l1.s
  .text
  .p2align 4
  .globl l1_func
l1_func:
  .fill 0x10, 1, 0x90

#--- l2.s
  .text
  .p2align 4
  .globl l2_func
l2_func:
  .fill 0x10, 1, 0x90

#--- l3.s
  .text
  .globl l3_func
l3_func:
  .fill 0x1800, 1, 0x90

#--- l4.s
  .text
  .p2align 4
  .globl l4_func
l4_func:
  .fill 0x10, 1, 0x90

#--- l5.s
  .text
  .p2align 4
  .globl l5_func
l5_func:
  .fill 0x10, 1, 0x90

#--- app.s
  .globl _start
_start:
  ret
