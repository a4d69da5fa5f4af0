## spacer share counts each build of a library once in the ideal bound, by
## the builds the placement records name: a library linked in two
## configurations is two contents that no layout can store once. A library
## of one build whose bytes still differ between images (libb calls into
## liba, whose entry moves between liba's configurations) is shown as the
## part of the bound the layout misses.
##
## Three images, one page each of app code, liba and libb, no page of which
## repeats: app1 and app3 link liba's first configuration, app2 its second.
## Distinct: 3 app pages, 2 of liba (one per configuration), 2 of libb (its
## call lands elsewhere in app2): 7. Ideal: 3 + 2 + 1 = 6.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir v1 v2
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-v1.s -o v1/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba-v2.s -o v2/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x41 app.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x42 app.s -o app2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=FILL=0x43 app.s -o app3.o
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app1.o v1/liba.o libb.o -o app1
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app2.o v2/liba.o libb.o -o app2
# RUN: %ld_lld -T script.ld --spacer-layout=layout.json app3.o v1/liba.o libb.o -o app3

# RUN: spacer share --layout=layout.json app1 app2 app3 | FileCheck %s
# CHECK:      physical pages with perfect merging: 7 of 9 (7 non-zero), saving factor 1.29x
# CHECK-NEXT: ideal bound, each library build stored once: 6 pages (1.50x); this set reaches 85.7% of it
# CHECK-EMPTY:
# CHECK-NEXT: library  images builds    pages distinct   shared  largest    ideal
# CHECK-NEXT: liba          3      2        3        2        2        1        2
# CHECK-NEXT: libb          3      1        3        2        2        1        1
# CHECK-EMPTY:
# CHECK-NEXT: libb: 1 page over its ideal: images with the same build of it hold different bytes in its slots (most often its code or data refers to addresses that differ between them, such as those of a library linked in another configuration, which spacer-indirect keeps out of its code); spacer share --explain=libb says which

# RUN: spacer share --json --layout=layout.json app1 app2 app3 | FileCheck %s --check-prefix=JSON
# JSON:      "ideal_pages": 6,
# JSON:      "name": "liba",
# JSON:      "builds": 2,
# JSON-NEXT: "ideal_pages": 2,
# JSON-NEXT: "excess_pages": 0
# JSON:      "name": "libb",
# JSON:      "builds": 1,
# JSON-NEXT: "ideal_pages": 1,
# JSON-NEXT: "excess_pages": 1

## An image whose record does not say which build it holds (a version 1
## record): the builds of its libraries are unknown, and each counts once
## at its largest, as before records said.
# RUN: llvm-objcopy --dump-section=.spacer.placement=record.json app2
# RUN: %python -c "import json; r = json.load(open('record.json')); r['version'] = 1; r.pop('unplaced'); [s.pop('build') for s in r['slots']]; open('record1.json', 'w').write(json.dumps(r))"
# RUN: llvm-objcopy --update-section=.spacer.placement=record1.json app2 app2.v1
# RUN: spacer share --layout=layout.json app1 app2.v1 app3 | FileCheck %s --check-prefix=V1
# V1:      liba          3      -
# V1:      libb          3      -
# V1-NOT:  over its ideal

## Images of one configuration only: one build each, nothing missed.
# RUN: spacer share --layout=layout.json app1 app3 | FileCheck %s --check-prefix=SAME
# SAME:      ideal bound, each library build stored once: 4 pages (1.50x); this set reaches 100.0% of it
# SAME:      liba          2      1
# SAME:      libb          2      1
# SAME-NOT:  over its ideal

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["*/liba.o"] },
    "slots": { "text": { "address": "0x100000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x101000", "size": "0x1000" } } } ] }

#--- script.ld
SECTIONS {
  . = 0x100000;
  .text : { *(.text) }
}

## A page of numbered words after the code, so that no page repeats.
#--- liba-v1.s
  .text
  .globl a_entry
a_entry:
  ret
  .p2align 3
  .set i, 0
  .rept 511
  .quad 0xa1a1000000000000 + i
  .set i, i + 1
  .endr

## The second configuration: a function more, before the entry.
#--- liba-v2.s
  .text
  .globl a_setup, a_entry
a_setup:
  ret
a_entry:
  ret
  .p2align 3
  .set i, 0
  .rept 511
  .quad 0xa2a2000000000000 + i
  .set i, i + 1
  .endr

#--- libb.s
  .text
  .globl b_func
b_func:
  call a_entry
  ret
  .p2align 3
  .set i, 0
  .rept 510
  .quad 0xbbbb000000000000 + i
  .set i, i + 1
  .endr

#--- app.s
  .text
  .globl _start
_start:
  call b_func
  .fill 4000, 1, FILL
