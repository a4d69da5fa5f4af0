## spacer check: an image linked with the layout passes; a stock-linked one,
## one linked with another layout, and one whose library bytes differ from
## the recorded identity are flagged, each violation naming the library,
## the kind and the expected and actual ranges. Exit status: 0 all good,
## 1 violations, 2 unreadable input.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=VERSION2=1 lib.s -o lib2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --spacer-layout=layout.json main.o lib.o -o good
# RUN: %ld_lld main.o lib.o -o stock
# RUN: %ld_lld --spacer-layout=moved.json main.o lib.o -o moved
# RUN: echo garbage > notelf

# RUN: spacer check --layout=layout.json good | FileCheck %s --check-prefix=GOOD
# GOOD: good: ok: 1 library in their slots (lib); absent: other

# RUN: %expect_exit 1 spacer check --layout=layout.json good stock moved > out.txt
# RUN: FileCheck %s --check-prefix=BAD < out.txt
# BAD:      good: ok
# BAD-NEXT: stock: 1 violation
# BAD-NEXT:   not linked with --spacer-layout: the image has no .spacer.placement record, so no library is in its slots
# BAD-NEXT: moved: 1 violation
# BAD-NEXT:   library 'lib' text: the slot is elsewhere in the image than in the manifest (linked with another version of it?)
# BAD-NEXT:     expected [0x400000, 0x401000)
# BAD-NEXT:     actual   [0x480000, 0x481000)

## Recording identities from a reference image; a later image whose library
## has other bytes (another version) no longer shares its pages.
# RUN: spacer check --layout=layout.json --record-identities=recorded.json good
# RUN: FileCheck %s --check-prefix=RECORDED < recorded.json
# RECORDED: "name": "lib",
# RECORDED: "identity": "sha256:{{[0-9a-f]+}}",
# RUN: spacer check --layout=recorded.json good
# RUN: %ld_lld --spacer-layout=layout.json main.o lib2.o -o newer
# RUN: %expect_exit 1 spacer check --layout=recorded.json newer | FileCheck %s --check-prefix=IDENTITY
# IDENTITY: newer: 1 violation
# IDENTITY-NEXT: library 'lib': the library's bytes differ from the manifest's identity (image sha256:{{[0-9a-f]+}}, manifest sha256:{{[0-9a-f]+}}): its pages will not merge with images of the recorded version

## Two images that disagree about a library: its identity is not recorded.
# RUN: %expect_exit 1 spacer check --layout=layout.json --record-identities=both.json good newer | FileCheck %s --check-prefix=DISAGREE
# DISAGREE: newer: 1 violation
# DISAGREE-NEXT: library 'lib': the library's bytes differ from those in good ({{.*}}): identity not recorded
## ... and the written manifest indeed holds none for it.
# RUN: FileCheck %s --check-prefix=NOT-RECORDED < both.json
# NOT-RECORDED: "name": "lib",
# NOT-RECORDED-NOT: "identity"
# NOT-RECORDED: "name": "other",
## With an unreadable image nothing is written.
# RUN: %expect_exit 2 spacer check --layout=layout.json --record-identities=none.json good notelf 2>/dev/null
# RUN: not test -e none.json

## A text slot in a writable, non-executable segment (a script's PHDRS).
# RUN: %ld_lld -T rw.ld --spacer-layout=layout.json main.o lib.o -o rw
# RUN: %expect_exit 1 spacer check --layout=layout.json rw | FileCheck %s --check-prefix=PERM
# PERM: library 'lib' text: mapped with permissions 'RW ', but a text slot must be executable
# PERM-NEXT:   expected [0x400000, 0x401000)
# PERM-NEXT:   actual   [0x400000, 0x40000b)

## JSON for scripts.
# RUN: %expect_exit 1 spacer check --json --layout=layout.json good moved | FileCheck %s --check-prefix=JSON
# JSON:      "ok": false,
# JSON:      "path": "good",
# JSON-NEXT: "ok": true,
# JSON-NEXT: "placed": [
# JSON-NEXT:   {
# JSON-NEXT:     "library": "lib",
# JSON-NEXT:     "identity": "sha256:{{[0-9a-f]+}}"
# JSON:      "absent": [
# JSON-NEXT:   "other"
# JSON:      "path": "moved",
# JSON:      "violations": [
# JSON-NEXT:   {
# JSON-NEXT:     "library": "lib",
# JSON-NEXT:     "kind": "text",
# JSON-NEXT:     "expected": {
# JSON-NEXT:       "start": "0x400000",
# JSON-NEXT:       "end": "0x401000"
# JSON-NEXT:     },
# JSON-NEXT:     "actual": {
# JSON-NEXT:       "start": "0x480000",

## Unreadable input is exit status 2, and the other images are still checked.
# RUN: %expect_exit 2 spacer check --layout=layout.json notelf good > out2.txt 2> err2.txt
# RUN: FileCheck %s --check-prefix=GOOD < out2.txt
# RUN: FileCheck %s --check-prefix=UNREADABLE < err2.txt
# UNREADABLE: spacer: error: notelf: not an ELF file
# RUN: %expect_exit 2 spacer check --layout=missing.json good 2>&1 | FileCheck %s --check-prefix=NOLAYOUT
# NOLAYOUT: spacer: error: missing.json: No such file or directory
# RUN: %expect_exit 2 spacer check good 2>&1 | FileCheck %s --check-prefix=USAGE
# USAGE: for the --layout option: must be specified at least once

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o", "lib2.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } },
  { "name": "other", "match": { "files": ["other.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- moved.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x480000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- rw.ld
PHDRS { all PT_LOAD FLAGS(6); }
SECTIONS {
  . = 0x300000;
  .text : { *(.text) } :all
  .data : { *(.data) } :all
}

#--- lib.s
  .text
  .globl lib_func
lib_func:
.ifdef VERSION2
  movl $2, %eax
.else
  movabsq $lib_data, %rax
.endif
  ret
  .data
  .globl lib_data
lib_data:
  .quad 1

#--- main.s
  .globl _start
_start:
  call lib_func
