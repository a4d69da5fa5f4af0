## spacer share --explain: why a library's pages differ between images that
## hold the same build of it. libb is one build in three images; what its
## code refers to lies elsewhere in each: a function of liba, linked in two
## configurations (other-build); a table of libid, generated per image
## (generated); a function of the program (program); an IFUNC, called
## through each image's IPLT (synthetic); a symbol of the linker script
## (linker-symbol); and its own RELRO data, which no slot takes
## (other-library). ld.lld --spacer-references records the references.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir v1 v2
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-v1.s -o v1/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-v2.s -o v2/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=N=8 libid.s -o id1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=N=16 libid.s -o id2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=N=24 libid.s -o id3.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x100 app.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x200 app.s -o app2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x300 app.s -o app3.o
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json --spacer-references app1.o v1/liba.o libb.o id1.o -o app1
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json --spacer-references app2.o v2/liba.o libb.o id2.o -o app2
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json --spacer-references app3.o v1/liba.o libb.o id3.o -o app3

## The record lists each reference once per symbol and way, with its sites
## (offsets from the slot) and where it leads in this image.
# RUN: llvm-objcopy --dump-section=.spacer.placement=record.json app1
# RUN: FileCheck %s --check-prefix=RECORD < record.json
# RECORD: {"format":"spacer-placement","version":4,
# RECORD-SAME: "references":[
# RECORD-SAME: {"library":"libb","kind":"text","symbol":"a_entry","to":"library:liba","via":"direct","target":"0x0000000000100000","sites":["0x0000000000000001"]},

# RUN: spacer share --explain app1 app2 app3 | FileCheck %s
# CHECK:      libb: 1 build
# CHECK-NEXT:   build 0x{{[0-9a-f]+}} in 3 images (app1, app2, app3): 1 of 1 pages differ
# CHECK-NEXT:     other-build (liba): a library it refers to is linked in another build
# CHECK-NEXT:       text+0x1: a_entry (library:liba, direct) at 0x100000, 0x100001, 0x100000
# CHECK-NEXT:     generated (libid): a library it refers to is another build in every image (a table generated per image, or another set of archive members in each)
# CHECK-NEXT:       text+0x1b: id_self (library:libid, direct) at 0x110008, 0x110010, 0x110018
# CHECK-NEXT:     synthetic (iplt): references through a synthetic section of each image
# CHECK-NEXT:       text+0xb: ifn (program, iplt) at 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}
# CHECK-NEXT:     linker-symbol: symbols the linker or its script defines per image
# CHECK-NEXT:       text+0x11: text_end (linker, direct) at 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}
# CHECK-NEXT:     program: the program's own code or data
# CHECK-NEXT:       text+0x6: app_hook (program, direct) at 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}
# CHECK-NEXT:     other-library (libb): a library's sections outside the slots, at another address in each image (RELRO data, a library without a slot; the library itself too)
# CHECK-NEXT:       text+0x26: section .data.rel.ro of libb.o (library:libb, direct) at 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}
# CHECK-NOT:  unexplained

# RUN: spacer share --explain=libb --json app1 app2 app3 | FileCheck %s --check-prefix=JSON
# JSON:      "name": "libb",
# JSON:      "differing_pages": 1,
# JSON:      "cause": "other-build",
# JSON-NEXT: "detail": "liba",
# JSON-NEXT: "kind": "text",
# JSON-NEXT: "symbol": "a_entry",
# JSON:      "targets": [
# JSON-NEXT:   "0x100000",
# JSON-NEXT:   "0x100001",
# JSON-NEXT:   "0x100000"
# JSON:      "unexplained": [],

## A library whose pages are alike says so.
# RUN: spacer share --explain=liba app1 app2 app3 | FileCheck %s --check-prefix=ALIKE
# ALIKE:      liba: 2 builds
# ALIKE-NEXT:   its pages are alike in the images that hold the same build

## Without recorded references, the differing pages are all there is to say.
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app1.o v1/liba.o libb.o id1.o -o plain1
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app2.o v2/liba.o libb.o id2.o -o plain2
# RUN: spacer share --explain plain1 plain2 | FileCheck %s --check-prefix=PLAIN
# PLAIN:      libb: 1 build
# PLAIN-NEXT:   build 0x{{[0-9a-f]+}} in 2 images (plain1, plain2): 1 of 1 pages differ
# PLAIN-NEXT:     unexplained: the text page at +0x0 differs where no recorded reference moves
# PLAIN-NEXT:     no references recorded in plain1, plain2: link with --spacer-references to see what differs

## Errors name what is at fault.
# RUN: %expect_exit 2 spacer share --explain=libzz app1 app2 2>&1 | FileCheck %s --check-prefix=NOLIB
# NOLIB: spacer: error: --explain=libzz: no image holds library 'libzz'
# RUN: %ld_lld -T script.ld app1.o v1/liba.o libb.o id1.o -o stock1
# RUN: %expect_exit 2 spacer share --explain app1 stock1 2>&1 | FileCheck %s --check-prefix=STOCK
# STOCK: spacer: error: stock1: no placement record (link it with --spacer-layout, and --spacer-references for the references to explain)

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["*/liba.o"] },
    "slots": { "text": { "address": "0x100000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x101000", "size": "0x1000" } } },
  { "name": "libid", "match": { "files": ["id*.o"] },
    "slots": { "rodata": { "address": "0x110000", "size": "0x1000" } } } ] }

#--- script.ld
SECTIONS {
  . = 0x100000;
  .text : { *(.text) }
  text_end = .;
  . = 0x110000;
  .rodata : { *(.rodata) }
}

#--- liba-v1.s
  .text
  .globl a_entry
a_entry:
  ret

## The second configuration: a byte more before the entry.
#--- liba-v2.s
  .text
  .globl a_entry
  nop
a_entry:
  ret

#--- libb.s
  .text
  .globl b_func
b_func:
  call a_entry
  call app_hook
  call ifn
  movabsq $text_end, %rax
  movabsq $id_self, %rcx
  leaq local_ro(%rip), %rdx
  ret
## Read-only data with relocations, which no slot takes: a reference to it
## goes through its section symbol, named with its object.
  .section .data.rel.ro,"aw"
local_ro:
  .quad b_func

## libid: a table whose length each image's configuration sets.
#--- libid.s
  .section .rodata,"a"
  .globl id_table, id_self
id_table:
  .fill N, 1, 1
id_self:
  .quad 7

#--- app.s
  .text
  .globl _start, app_hook, ifn
_start:
  call b_func
  .fill FILL, 1, 0x90
app_hook:
  ret
  .type ifn, @gnu_indirect_function
ifn:
  leaq ifn_impl(%rip), %rax
  ret
ifn_impl:
  ret
  .section .rodata,"a"
  .fill FILL, 1, 2
