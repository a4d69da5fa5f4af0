## spacer plan on a workspace of three unikernels, then linking each with
## the planned manifest: every shared library lands at the same addresses in
## every image, spacer check passes them, and private code gets no slot.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir -p ws/app1/build ws/app2/build ws/app3
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o ws/app1/build/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o ws/app1/build/libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app1.s -o ws/app1/build/app1.o
# RUN: cp ws/app1/build/libb.o ws/app2/build/
## app2: the same build of liba, with other bytes only where no slot goes (a
## rebuild that differs in its notes or debug information): one variant.
# RUN: sed 's/on day one/on day two/' liba.s > liba-rebuilt.s
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-rebuilt.s -o ws/app2/build/liba.o
# RUN: not cmp ws/app1/build/liba.o ws/app2/build/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app2.s -o ws/app2/build/app2.o
## app3: liba in a second configuration (a variant), no libb.
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=BIG=1 liba.s -o ws/app3/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app3.s -o ws/app3/app3.o

# RUN: spacer plan -o layout.json --start=0x300000 ws | FileCheck %s --check-prefix=SUMMARY
# SUMMARY:      spacer plan: 3 unikernels, 5 libraries, 2 with slots
# SUMMARY-EMPTY:
# SUMMARY-NEXT: library  unikernels variants      text    rodata      data       bss  status
# SUMMARY-NEXT: liba              3        2    0x1010       0x8       0x8       0x0  new
# SUMMARY-NEXT: libb              2        1      0x10       0x0      0x10      0x40  new
# SUMMARY-NEXT: app1              1        1       0x6       0x0       0x0       0x0  private
# SUMMARY-NEXT: app2              1        1     0x806       0x0       0x0       0x0  private
# SUMMARY-NEXT: app3              1        1       0x5       0x0       0x0       0x0  private
# SUMMARY-EMPTY:
# SUMMARY-NEXT: regions (slots, then room for the programs' own sections):
# SUMMARY-NEXT:   rodata slots [0x300000, 0x301000), programs 0x0 bytes
# SUMMARY-NEXT:   text   slots [0x311000, 0x314000), programs 0x2000 bytes
# SUMMARY-NEXT:   data   slots [0x326000, 0x328000), programs 0x0 bytes
# SUMMARY-NEXT:   bss    slots [0x338000, 0x339000), programs 0x0 bytes

## Progress on stderr with --progress (each input file read once), and
## none by default when stderr is not a terminal.
# RUN: spacer plan --progress -o progress.json --start=0x300000 ws 2>&1 >/dev/null | FileCheck %s --check-prefix=PROGRESS
# PROGRESS: spacer plan: read 8/8 inputs
# RUN: spacer plan -o progress.json --start=0x300000 ws 2>&1 >/dev/null | count 0

## The slots: widest shared first, sized for the larger variant of liba.
# RUN: FileCheck %s --check-prefix=MANIFEST < layout.json
# MANIFEST:      "name": "liba",
# MANIFEST-NEXT: "match": {
# MANIFEST-NEXT:   "files": [
# MANIFEST-NEXT:     "*/liba.o",
# MANIFEST-NEXT:     "liba.o"
# MANIFEST:      "text": {
# MANIFEST-NEXT:   "address": "0x311000",
# MANIFEST-NEXT:   "size": "0x2000"
# MANIFEST:      "name": "libb",
# MANIFEST:      "text": {
# MANIFEST-NEXT:   "address": "0x313000",
# MANIFEST-NEXT:   "size": "0x1000"
# MANIFEST-NOT:  "app1"

# RUN: %ld_lld --spacer-layout=layout.json ws/app1/build/app1.o ws/app1/build/liba.o ws/app1/build/libb.o -o app1
# RUN: %ld_lld --spacer-layout=layout.json ws/app2/build/libb.o ws/app2/build/app2.o ws/app2/build/liba.o -o app2
# RUN: %ld_lld --spacer-layout=layout.json ws/app3/app3.o ws/app3/liba.o -o app3
# RUN: llvm-readelf -s app1 | FileCheck %s --check-prefixes=SYMS,SYMSB
# RUN: llvm-readelf -s app2 | FileCheck %s --check-prefixes=SYMS,SYMSB
# RUN: llvm-readelf -s app3 | FileCheck %s --check-prefix=SYMS
# SYMS-DAG:  0000000000311000 {{.*}} a_func
# SYMS-DAG:  0000000000300000 {{.*}} a_const
# SYMS-DAG:  0000000000326000 {{.*}} a_var
# SYMSB-DAG: 0000000000313000 {{.*}} b_func
# SYMSB-DAG: 0000000000327000 {{.*}} b_var
# SYMSB-DAG: 0000000000338000 {{.*}} b_buf
# RUN: spacer check --layout=layout.json app1 app2 app3 | FileCheck %s --check-prefix=CHECK
# CHECK:      app1: ok: 2 libraries in their slots (liba, libb)
# CHECK-NEXT: app2: ok: 2 libraries in their slots (liba, libb)
# CHECK-NEXT: app3: ok: 1 library in their slots (liba); absent: libb

## The same workspace given in another order, or unikernel by unikernel,
## plans the same manifest.
# RUN: spacer plan -o again.json --start=0x300000 ws/app3 ws/app2/build ws/app1/build > /dev/null
# RUN: cmp layout.json again.json
# RUN: echo "app1.o" > ws/app1/build/app1.inputs
# RUN: echo "liba.o  # the allocator" >> ws/app1/build/app1.inputs
# RUN: echo "libb.o" >> ws/app1/build/app1.inputs
# RUN: spacer plan -o listed.json --start=0x300000 ws/app1/build/app1.inputs app2=ws/app2/build/app2.o,ws/app2/build/liba.o,ws/app2/build/libb.o ws/app3 > /dev/null
# RUN: cmp layout.json listed.json

## --uks plans for a subset; --min-share 3 leaves only liba shared.
# RUN: spacer plan -o subset.json --uks=app1,app3 ws | FileCheck %s --check-prefix=SUBSET
# SUBSET: spacer plan: 2 unikernels, 4 libraries, 1 with slots
# RUN: spacer plan -o three.json --min-share=3 ws | FileCheck %s --check-prefix=THREE
# THREE: spacer plan: 3 unikernels, 5 libraries, 1 with slots

## Headroom for later versions: 50% and one more page. liba's 0x1010 bytes
## of text need 0x2818, so 3 pages; its 8 bytes of rodata 2 pages, which
## moves the text region up by one.
## --segments=packed (for loaders that copy segments) is written into the
## manifest, kept by --update unless changed, and makes the images'
## segments follow one another in the file.
# RUN: spacer plan -o packed.json --segments=packed --start=0x300000 ws > /dev/null
# RUN: FileCheck %s --check-prefix=PACKED < packed.json
# PACKED: "segments": "packed",
# RUN: spacer plan -o packed2.json --update=packed.json ws > /dev/null
# RUN: FileCheck %s --check-prefix=PACKED < packed2.json
# RUN: spacer plan -o paged.json --update=packed.json --segments=paged ws > /dev/null
# RUN: FileCheck %s --check-prefix=PAGED < paged.json
# PAGED-NOT: "segments"
# RUN: %ld_lld --spacer-layout=packed.json ws/app1/build/app1.o ws/app1/build/liba.o ws/app1/build/libb.o -o app1-packed
# RUN: llvm-readelf -l app1-packed | FileCheck %s --check-prefix=PACKED-SEGMENTS
# PACKED-SEGMENTS: LOAD {{.*}} 0x0000000000311000 0x0000000000311000 {{.*}} R E 0x{{[0-9a-f]}}{{$}}
# RUN: spacer check --layout=packed.json app1-packed | FileCheck %s --check-prefix=PACKED-CHECK
# PACKED-CHECK: app1-packed: ok

# RUN: spacer plan -o roomy.json --start=0x300000 --headroom-percent=50 --headroom-pages=1 ws > /dev/null
# RUN: FileCheck %s --check-prefix=ROOMY < roomy.json
# ROOMY:      "text": {
# ROOMY-NEXT:   "address": "0x312000",
# ROOMY-NEXT:   "size": "0x3000"

## JSON summary.
# RUN: spacer plan -o layout2.json --json --start=0x300000 ws | FileCheck %s --check-prefix=JSON
# JSON:      "unikernels": 3,
# JSON:      "name": "liba",
# JSON-NEXT: "unikernels": 3,
# JSON-NEXT: "variants": 2,
# JSON-NEXT: "bytes": {
# JSON-NEXT:   "text": 4112,
# JSON:      "status": "new"

## A build of liba whose data differs in value only is another variant.
# RUN: mkdir -p same/app1 same/app2
# RUN: cp ws/app1/build/liba.o ws/app1/build/app1.o same/app1/
# RUN: sed 's/quad 7/quad 8/' liba.s > liba-8.s
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-8.s -o same/app2/liba.o
# RUN: cp ws/app1/build/app1.o same/app2/
# RUN: spacer plan -o same.json --json same | FileCheck %s --check-prefix=SAME-SIZE
# SAME-SIZE:      "name": "liba",
# SAME-SIZE-NEXT: "unikernels": 2,
# SAME-SIZE-NEXT: "variants": 2,

#--- liba.s
  .text
  .globl a_func
a_func:
  movabsq $a_var, %rax
  movabsq $a_const, %rcx
  ret
.ifdef BIG
  .fill 0x1000 - 0x15 + 0x10, 1, 0x90
.endif
  .section .comment.build,"",@progbits
  .asciz "built on day one"
  .section .rodata,"a"
  .globl a_const
a_const:
  .quad 7
  .data
  .globl a_var
a_var:
  .quad 1

#--- libb.s
  .text
  .globl b_func
b_func:
  call a_func
  movabsq $b_var, %rax
  ret
  .data
  .globl b_var
b_var:
  .quad 2, 3
  .bss
  .globl b_buf
b_buf:
  .zero 64

#--- app1.s
  .globl _start
_start:
  call b_func
  ret

#--- app2.s
  .globl _start
_start:
  call a_func
  .fill 0x800, 1, 0x90
  ret

#--- app3.s
  .globl _start
_start:
  call a_func
