## spacer check verifies every slot the manifest gives against the image, not
## only what the image's placement record claims: a library linked without a
## slot the manifest has, a declared kind that took a library's code out of
## its slot, a library the linker could not place, a tampered record, an old
## record that cannot prove it, and something else lying in a slot are all
## violations (exit status 1), never "ok".

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=full.json main.o liba.o -o good
# RUN: spacer check --layout=full.json good | FileCheck %s --check-prefix=GOOD
# GOOD: good: ok: 1 library in their slots (liba)

## (a) Linked with a manifest that gives liba no text slot.
# RUN: %ld_lld --spacer-layout=no-text.json main.o liba.o -o no-text 2>/dev/null
# RUN: %expect_exit 1 spacer check --layout=full.json no-text | FileCheck %s --check-prefix=NOTEXT
# NOTEXT:      no-text: 2 violations
# NOTEXT-NEXT:   library 'liba' text: in the image but not in its slots: the manifest gives the library no text slot
# NOTEXT-NEXT:     actual   [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}})
# NOTEXT-NEXT:   library 'liba' text: the manifest gives the library a text slot, but the image was linked without it: the library's text sections are not in the slot
# NOTEXT-NEXT:     expected [0x400000, 0x401000)

## (b) A declared kind whose pattern is ".text", with no slot of that kind:
## flagged against the manifest it was linked with and against the other.
# RUN: %ld_lld --spacer-layout=declared.json main.o liba.o -o declared 2>/dev/null
# RUN: %expect_exit 1 spacer check --layout=declared.json declared | FileCheck %s --check-prefix=DECLARED
# RUN: %expect_exit 1 spacer check --layout=full.json declared | FileCheck %s --check-prefix=DECLARED
# DECLARED: declared: {{[0-9]+}} violation
# DECLARED: library 'liba' hot: in the image but not in its slots: the manifest gives the library no hot slot

## A library the linker found but could not place (a near-miss pattern) is
## not "absent".
# RUN: %ld_lld --spacer-layout=case.json main.o liba.o -o case 2>/dev/null
# RUN: %expect_exit 1 spacer check --layout=case.json case | FileCheck %s --check-prefix=CASE
# CASE: library 'liba': in the image but not in its slots: no input matches its file patterns, but input 'liba.o' would if letter case
# CASE-NOT: absent

## A record that claims the slot holds nothing, and a record from before
## version 3 (which left empty slots out): not "ok".
# RUN: llvm-objcopy --dump-section=.spacer.placement=record.json good
# RUN: %python -c "import json; r = json.load(open('record.json')); r['slots'][0]['used'] = '0x0000000000000000'; open('emptied.json', 'w').write(json.dumps(r, separators=(',', ':')))"
# RUN: llvm-objcopy --update-section=.spacer.placement=emptied.json good emptied
# RUN: %expect_exit 1 spacer check --layout=full.json emptied | FileCheck %s --check-prefix=EMPTIED
# EMPTIED:      library 'liba' text: symbol 'a_func' lies in the slot beyond the library's content, where the image's record says nothing is
# EMPTIED-NEXT:   expected [0x400000, 0x401000)
# EMPTIED-NEXT:   actual   [0x400000, 0x400001)
# RUN: %python -c "import json; r = json.load(open('record.json')); r['version'] = 2; r.pop('unplaced'); r['slots'] = r['slots'][1:]; open('v2.json', 'w').write(json.dumps(r))"
# RUN: llvm-objcopy --update-section=.spacer.placement=v2.json good v2
# RUN: %expect_exit 1 spacer check --layout=full.json v2 | FileCheck %s --check-prefix=V2
# V2: library 'liba' text: the image's placement record (version 2) does not list empty slots, so whether the library's text is in its slot cannot be verified; relink with this spacer's ld.lld

## Another library's slot over the program's code: the image does not hold
## that library, yet something occupies its slot.
# RUN: %expect_exit 1 spacer check --layout=over-program.json good | FileCheck %s --check-prefix=OVER
# OVER: library 'libz' text: symbol '_start' lies in the slot of a library the image does not hold

## A tampered slot that wraps around the address space is an unreadable
## record (exit status 2), not a range.
# RUN: %python -c "import json; r = json.load(open('record.json')); r['slots'][0]['address'] = '0xfffffffffffff000'; r['slots'][0]['size'] = '0x0000000000002000'; open('wrapped.json', 'w').write(json.dumps(r, separators=(',', ':')))"
# RUN: llvm-objcopy --update-section=.spacer.placement=wrapped.json good wrapped
# RUN: %expect_exit 2 spacer check --layout=full.json wrapped 2>&1 | FileCheck %s --check-prefix=WRAPPED
# WRAPPED: spacer: error: wrapped: unreadable .spacer.placement record: placement record: library 'liba' text slot: the range at 0xfffffffffffff000 of size 0x2000 does not fit in the 64-bit address space

#--- full.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- no-text.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- declared.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "hot": { "sections": [".text"] } },
  "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- case.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["LIBA.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- over-program.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } },
  { "name": "libz", "match": { "files": ["libz.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- liba.s
  .text
  .globl a_func
  .type a_func, @function
a_func:
  ret
  .size a_func, 1
  .data
  .globl a_data
a_data:
  .quad 1

#--- main.s
  .globl _start
  .type _start, @function
_start:
  call a_func
  ret
  .size _start, 6
