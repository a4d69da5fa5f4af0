## "relro": "data": a library's RELRO data (.data.rel.ro*, here a table of
## function pointers its code reads, as compilers emit for position-
## independent code) goes to its data slot. Two programs of different
## sizes, with RELRO data of their own: with the manifest's default, the
## table stays in the normal layout and moves with the program, so the
## library's code that reads it differs; with "relro": "data", the table is
## at the same address in both images and the library's code and data
## slots are the same bytes. The program's own RELRO data stays where it
## was.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x10 app1.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x300 app2.s -o app2.o

## The program's inputs decide which output section lld's layout meets
## first: app1 has RELRO data and no plain data, app2 plain data first.
## The slot holds the library's plain data, then its RELRO data, in both.
# RUN: %ld_lld --spacer-layout=data.json app1.o lib.o -o img1
# RUN: %ld_lld --spacer-layout=data.json app2.o lib.o -o img2
# RUN: llvm-readelf -s img1 | FileCheck %s --check-prefix=SYMS
# RUN: llvm-readelf -s img2 | FileCheck %s --check-prefix=SYMS
# SYMS-DAG: 0000000000500000 {{.*}} lib_counter
# SYMS-DAG: 0000000000500008 {{.*}} lib_table
# SYMS-DAG: 0000000000500018 {{.*}} lib_names
# RUN: llvm-readelf -s img1 | FileCheck %s --check-prefix=APPSYM
# APPSYM: {{0*[1-9a-f][0-9a-f]*}} {{.*}} app_table
# APPSYM-NOT: 00000000005{{.*}} app_table
# RUN: spacer-memdump img1 0x400000 0x401000 | cut -d: -f2 > text1
# RUN: spacer-memdump img2 0x400000 0x401000 | cut -d: -f2 > text2
# RUN: cmp text1 text2
# RUN: spacer-memdump img1 0x500000 0x501000 | cut -d: -f2 > data1
# RUN: spacer-memdump img2 0x500000 0x501000 | cut -d: -f2 > data2
# RUN: cmp data1 data2
## The table holds lib_f's address, resolved at link time.
# RUN: llvm-objdump -s -j .data img1 | FileCheck %s --check-prefix=TABLE
# TABLE: 500000 07000000 00000000 00004000 00000000
## PT_GNU_RELRO covers the program's RELRO data only: the slot is writable
## data, in no RELRO range.
# RUN: llvm-readelf -l img1 | FileCheck %s --check-prefix=SEGMENTS
# SEGMENTS:     LOAD 0x{{[0-9a-f]+}} 0x0000000000500000 0x0000000000500000 0x000020 0x000020 RW
# SEGMENTS:     GNU_RELRO 0x{{[0-9a-f]+}} 0x0000000000402{{[0-9a-f]+}} 0x{{[0-9a-f]+}} 0x000018 0x{{[0-9a-f]+}} R
# SEGMENTS-NOT: GNU_RELRO
# RUN: spacer check --layout=data.json img1 img2 | FileCheck %s --check-prefix=CHECKED
# CHECKED: img1: ok
# CHECKED: img2: ok
# RUN: spacer share --layout=data.json img1 img2 | FileCheck %s --check-prefix=SHARE
# SHARE: lib 2 1 4 2 4 2 2

## The manifest's default keeps RELRO data in the normal layout: the table
## moves with the program, and the library's code that reads it differs.
# RUN: %ld_lld --spacer-layout=keep.json --spacer-references app1.o lib.o -o keep1
# RUN: %ld_lld --spacer-layout=keep.json --spacer-references app2.o lib.o -o keep2
# RUN: llvm-readelf -s keep1 | FileCheck %s --check-prefix=KEEPSYM
# KEEPSYM-NOT: 0000000000500008 {{.*}} lib_table
# RUN: spacer-memdump keep1 0x400000 0x401000 | cut -d: -f2 > keeptext1
# RUN: spacer-memdump keep2 0x400000 0x401000 | cut -d: -f2 > keeptext2
# RUN: not cmp -s keeptext1 keeptext2
# RUN: spacer share --explain=lib keep1 keep2 | FileCheck %s --check-prefix=WHY
# WHY: other-library (lib): a library's sections outside the slots
# WHY-NEXT: text+0x3: lib_table (library:lib, direct)
# WHY-NEXT: text+0xa: lib_names (library:lib, direct)

## With no output section taking plain data (no .data in the link), the
## data slot would lie in the RELRO output section: the RELRO data stays
## where the layout puts it, with a warning naming the library.
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib-nodata.s -o lib-nodata.o
# RUN: %ld_lld --spacer-layout=nodata.json app1.o lib-nodata.o -o nodata 2>&1 | FileCheck %s --check-prefix=NODATA
# NODATA: warning: nodata.json: library 'lib': its RELRO data stays outside its slots: no output section of this link takes plain data (.data), where its data slot would hold it
# RUN: llvm-readelf -s nodata | FileCheck %s --check-prefix=NODATASYM
# NODATASYM-NOT: 0000000000500000 {{.*}} lib_table

## spacer plan: with --relro=data, the data slot is sized for the RELRO data
## too and the manifest says so; --update keeps the choice unless given.
## Without it, the data slot holds the plain data only.
# RUN: spacer plan -o planned.json --relro=data --start=0x400000 one=app1.o,lib.o two=app2.o,lib.o --json | FileCheck %s --check-prefix=PLAN
# PLAN:      "name": "lib",
# PLAN:      "data": 32,
# RUN: FileCheck %s --check-prefix=PLANNED < planned.json
# PLANNED: "relro": "data",
# RUN: %ld_lld --spacer-layout=planned.json app1.o lib.o -o planned1
# RUN: %ld_lld --spacer-layout=planned.json app2.o lib.o -o planned2
# RUN: spacer share --layout=planned.json planned1 planned2 | FileCheck %s --check-prefix=PLANSHARE
# PLANSHARE: lib 2 1 {{[0-9]+}} {{[0-9]+}} {{[0-9]+}} {{[0-9]+}} {{[0-9]+}}{{$}}
# PLANSHARE-NOT: lib: {{.*}} over its ideal
# RUN: spacer plan -o updated.json --update=planned.json one=app1.o,lib.o two=app2.o,lib.o > /dev/null
# RUN: FileCheck %s --check-prefix=PLANNED < updated.json
# RUN: spacer plan -o kept.json --update=planned.json --relro=keep one=app1.o,lib.o two=app2.o,lib.o > /dev/null
# RUN: FileCheck %s --check-prefix=KEPT < kept.json
# KEPT-NOT: "relro"
# RUN: spacer plan -o default.json --start=0x400000 one=app1.o,lib.o two=app2.o,lib.o --json | FileCheck %s --check-prefix=DEFAULT
# DEFAULT:      "name": "lib",
# DEFAULT:      "data": 8,

#--- data.json
{ "format": "spacer-layout", "version": 1, "relro": "data", "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- nodata.json
{ "format": "spacer-layout", "version": 1, "relro": "data", "libraries": [
  { "name": "lib", "match": { "files": ["lib-nodata.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- lib-nodata.s
  .text
  .globl lib_f
  .type lib_f, @function
lib_f:
  leaq lib_table(%rip), %rax
  ret
  .section .data.rel.ro,"aw",@progbits
  .globl lib_table
  .p2align 3
lib_table:
  .quad lib_f

#--- keep.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- lib.s
  .text
  .globl lib_f
  .type lib_f, @function
lib_f:
  leaq lib_table(%rip), %rax
  movq lib_names(%rip), %rcx
  incq lib_counter(%rip)
  ret

  .section .data.rel.ro,"aw",@progbits
  .globl lib_table
  .p2align 3
lib_table:
  .quad lib_f
  .quad 0
  .section .data.rel.ro.local,"aw",@progbits
  .globl lib_names
  .p2align 3
lib_names:
  .quad lib_table

  .data
  .globl lib_counter
  .p2align 3
lib_counter:
  .quad 7

#--- app1.s
  .text
  .globl _start
_start:
  .space FILL, 0x90
  call lib_f
  .section .data.rel.ro,"aw",@progbits
  .globl app_table
app_table:
  .quad _start
  .space FILL

#--- app2.s
  .data
  .globl app_counter
app_counter:
  .quad 1
  .text
  .globl _start
_start:
  .space FILL, 0x90
  call lib_f
  .section .data.rel.ro,"aw",@progbits
  .globl app_table
app_table:
  .quad _start
  .space FILL
