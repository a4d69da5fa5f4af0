## spacer share on two programs sharing two libraries, with counts known by
## construction. Each library has 2 pages of code and 1 page of data, with
## contents no page of which repeats; app1 has 1 page of code, app2 2 pages,
## and 1 page of data each (8 and 16 bytes).
##
## With the layout every library page is at the same address in both images
## and identical: 6 contents shared, plus app1's 2 and app2's 3 pages, so
## 11 distinct pages of 17. Without it, the programs' different sizes shift
## the libraries, every page differs: 16 distinct of 16 (app1's code and the
## libraries' fit 4 pages, app2's 6; 3 pages of data each).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app1.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app2.s -o app2.o
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app1.o liba.o libb.o -o app1.spacer
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app2.o liba.o libb.o -o app2.spacer
# RUN: %ld_lld -T script.ld app1.o liba.o libb.o -o app1.stock
# RUN: %ld_lld -T script.ld app2.o liba.o libb.o -o app2.stock

# RUN: spacer share --layout=layout.json app1.spacer app2.spacer | FileCheck %s --check-prefix=SPACER
# SPACER:      spacer share: 2 images, 4096-byte pages
# SPACER-EMPTY:
# SPACER-NEXT: image              pages     zero   shared   unique
# SPACER-NEXT: app1.spacer            8        0        6        2
# SPACER-NEXT: app2.spacer            9        0        6        3
# SPACER-NEXT: all                   17        0       12        5
# SPACER-EMPTY:
# SPACER-NEXT: physical pages with perfect merging: 11 of 17 (11 non-zero), saving factor 1.55x
# SPACER-NEXT: ideal bound, each library build stored once: 11 pages (1.55x); this set reaches 100.0% of it
# SPACER-EMPTY:
# SPACER-NEXT: library  images builds    pages distinct   shared  largest    ideal
# SPACER-NEXT: liba          2      1        6        3        6        3        3
# SPACER-NEXT: libb          2      1        6        3        6        3        3
# SPACER-NOT:  over its ideal

# RUN: spacer share app1.stock app2.stock | FileCheck %s --check-prefix=STOCK
# RUN: spacer share --progress app1.stock app2.stock 2>&1 >/dev/null | FileCheck %s --check-prefix=PROGRESS
# PROGRESS: spacer share: 2/2 images
# RUN: spacer share app1.stock app2.stock 2>&1 >/dev/null | count 0
# STOCK:      app1.stock             7        0        0        7
# STOCK-NEXT: app2.stock             9        0        0        9
# STOCK-NEXT: all                   16        0        0       16
# STOCK:      physical pages with perfect merging: 16 of 16 (16 non-zero), saving factor 1.00x

## With the layout, the stock images' library pages are found by the
## symbols the placed images have in their slots. There, liba is not
## page-aligned and touches 5 pages (3 of code, 2 of data) that nothing
## shares; its size for the ideal bound comes from the placed images.
# RUN: spacer share --layout=layout.json app1.spacer app2.spacer app1.stock app2.stock | FileCheck %s --check-prefix=ALL
# ALL:      all                   33        0       12       21
# ALL:      physical pages with perfect merging: 27 of 33 (27 non-zero)
# ALL:      liba          4      1       16       13        6        3        3

## The same numbers as JSON.
# RUN: spacer share --json --layout=layout.json app1.spacer app2.spacer > share.json
# RUN: FileCheck %s --check-prefix=JSON < share.json
# JSON:      "page_size": 4096,
# JSON:      "path": "app1.spacer",
# JSON-NEXT: "linked_with_layout": true,
# JSON-NEXT: "pages": 8,
# JSON-NEXT: "zero_pages": 0,
# JSON-NEXT: "shared_pages": 6,
# JSON-NEXT: "unique_pages": 2
# JSON:      "total_pages": 17,
# JSON-NEXT: "zero_pages": 0,
# JSON-NEXT: "distinct_pages": 11,
# JSON-NEXT: "distinct_nonzero_pages": 11,
# JSON-NEXT: "saving_factor": 1.54545
# JSON-NEXT: "ideal_pages": 11,
# JSON:      "name": "liba",
# JSON-NEXT: "images": 2,
# JSON-NEXT: "pages": 6,
# JSON-NEXT: "distinct_pages": 3,
# JSON-NEXT: "shared_pages": 6,
# JSON-NEXT: "largest_pages": 3,
# JSON-NEXT: "builds": 1,
# JSON-NEXT: "ideal_pages": 3,
# JSON-NEXT: "excess_pages": 0
# RUN: %python -c "import json,sys; d=json.load(open('share.json')); sys.exit(d['distinct_pages'] != 11)"

## The picture: well-formed SVG, a row per image, library stretches titled
## and coloured by class.
# RUN: spacer share --layout=layout.json --svg=share.svg app1.spacer app2.spacer app1.stock > /dev/null
# RUN: %python -c "import xml.dom.minidom as m; d = m.parse('share.svg'); print(len(d.getElementsByTagName('rect')))" | FileCheck %s --check-prefix=RECTS
# RECTS: 20
# RUN: FileCheck %s --check-prefix=SVG < share.svg
# SVG:      <svg xmlns="http://www.w3.org/2000/svg"
# SVG:      <text x="4" y="52">app1.spacer</text>
# SVG-NEXT: <rect {{.*}} fill="#2e7d32"><title>app1.spacer: pages 0x100-0x101 (8 KiB), shared, liba</title></rect>
# SVG:      <rect {{.*}} fill="#c62828"><title>app1.spacer: pages 0x104-0x104 (4 KiB), unique</title></rect>
# SVG:      <text x="4" y="84">app1.stock</text>
# SVG-NEXT: <rect {{.*}} fill="#c62828"><title>app1.stock: pages 0x100-0x102 (12 KiB), unique, liba</title></rect>
# SVG:      </svg>

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x100000", "size": "0x2000" },
               "data": { "address": "0x200000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x102000", "size": "0x2000" },
               "data": { "address": "0x201000", "size": "0x1000" } } } ] }

#--- script.ld
SECTIONS {
  . = 0x100000;
  .text : { *(.text) }
  . = 0x200000;
  .data : { *(.data) }
}

#--- liba.s
## 2 pages of code: an entry, then numbered words so no page repeats.
  .text
  .globl a_func
a_func:
  movabsq $a_data, %rax
  ret
  .p2align 3
  .set i, 0
  .rept 1022
  .quad 0xaaaa000000000000 + i
  .set i, i + 1
  .endr
  .size a_func, . - a_func
  .data
  .globl a_data
a_data:
  .quad a_func
  .set i, 0
  .rept 511
  .quad 0xa0a0000000000000 + i
  .set i, i + 1
  .endr
  .size a_data, . - a_data

#--- libb.s
  .text
  .globl b_func
b_func:
  call a_func
  movabsq $b_data, %rax
  ret
  .p2align 3
  .set i, 0
  .rept 1021
  .quad 0xbbbb000000000000 + i
  .set i, i + 1
  .endr
  .size b_func, . - b_func
  .data
  .globl b_data
b_data:
  .quad b_func
  .set i, 0
  .rept 511
  .quad 0xb0b0000000000000 + i
  .set i, i + 1
  .endr
  .size b_data, . - b_data

#--- app1.s
  .text
  .globl _start
_start:
  call b_func
  ret
  .data
  .quad 0x1111

#--- app2.s
  .text
  .globl _start
_start:
  call a_func
  .set i, 0
  .rept 0x300
  .quad 0x2222000000000000 + i
  .set i, i + 1
  .endr
  .data
  .quad 0x2222, 0x2223
