## spacer plan on bad input: a clear error naming what is wrong, exit status
## 2, and no manifest written (an existing one is left as it was).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir -p ws/app1 ws/app2 empty bad/app1 bad/app2 dup/a/app dup/b/app
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o ws/app1/lib.o
# RUN: cp ws/app1/lib.o ws/app2/lib.o
# RUN: echo "not an archive" > bad/app1/libjunk.a
# RUN: cp ws/app1/lib.o bad/app2/lib.o
# RUN: echo old > out.json

# RUN: %expect_exit 2 spacer plan -o out.json missing 2>&1 | FileCheck %s --check-prefix=MISSING
# MISSING: spacer: error: missing: no such file or directory (expected a directory, a list file or NAME=INPUT,...)
# RUN: %expect_exit 2 spacer plan -o out.json empty 2>&1 | FileCheck %s --check-prefix=EMPTY
# EMPTY: spacer: error: empty: no .o or .a files in it, nor in its subdirectories or their build/ directories
# RUN: %expect_exit 2 spacer plan -o out.json bad 2>&1 | FileCheck %s --check-prefix=JUNK
# JUNK: spacer: error: bad/app1/libjunk.a: not an ELF object file or archive
# RUN: %expect_exit 2 spacer plan -o out.json app=nothere.o 2>&1 | FileCheck %s --check-prefix=NOINPUT
# NOINPUT: spacer: error: nothere.o: No such file or directory
# RUN: %expect_exit 2 spacer plan -o out.json ws/app1/lib.o 2>&1 | FileCheck %s --check-prefix=SINGLE
# SINGLE: spacer: error: ws/app1/lib.o: a single object or archive is not a unikernel; give its directory, a list file or NAME=INPUT,...
# RUN: cp ws/app1/lib.o dup/a/app/ && cp ws/app1/lib.o dup/b/app/
# RUN: %expect_exit 2 spacer plan -o out.json dup/a dup/b 2>&1 | FileCheck %s --check-prefix=DUP
# DUP: spacer: error: two unikernels are named 'app'; rename one of their directories or list files
# RUN: %expect_exit 2 spacer plan -o out.json "two=ws/app1/lib.o,ws/app2/lib.o" 2>&1 | FileCheck %s --check-prefix=TWICE
# TWICE: spacer: error: two=ws/app1/lib.o,ws/app2/lib.o: inputs 'ws/app1/lib.o' and 'ws/app2/lib.o' of unikernel 'two' would both be library 'lib'
# RUN: cp ws/app1/lib.o 'lib@2.o'
# RUN: %expect_exit 2 spacer plan -o out.json "odd=lib@2.o" 2>&1 | FileCheck %s --check-prefix=ODDNAME
# ODDNAME: spacer: error: odd=lib@2.o: input 'lib@2.o' of unikernel 'odd' would be library 'lib@2', but a library name is of letters, digits, '_', '-', '.' and '+' only

## Conflicting or malformed options.
# RUN: %expect_exit 2 spacer plan -o out.json --no-move ws 2>&1 | FileCheck %s --check-prefix=NOMOVE
# NOMOVE: spacer: error: --no-move only applies with --update
# RUN: %expect_exit 2 spacer plan -o out.json --kind-order=text,data ws 2>&1 | FileCheck %s --check-prefix=ORDER
# ORDER: spacer: error: --kind-order: expected all of text, rodata, data and bss
# RUN: %expect_exit 2 spacer plan -o out.json --kind-order=text,text,data,bss ws 2>&1 | FileCheck %s --check-prefix=ORDER2
# ORDER2: spacer: error: --kind-order: expected text, rodata, data and bss, each once, in some order; got 'text,text,data,bss'
# RUN: %expect_exit 2 spacer plan -o out.json --start=0x300800 ws 2>&1 | FileCheck %s --check-prefix=START
# START: spacer: error: the start address 0x300800 is not a multiple of the page size 0x1000
# RUN: %expect_exit 2 spacer plan -o out.json --start=zero ws 2>&1 | FileCheck %s --check-prefix=NUMBER
# NUMBER: spacer: error: --start and --gap take numbers, such as 0x400000
# RUN: %expect_exit 2 spacer plan -o out.json --uks=app9 ws 2>&1 | FileCheck %s --check-prefix=UKS
# UKS: spacer: error: --uks: no unikernel named 'app9'
# RUN: %expect_exit 2 spacer plan -o out.json --update=nothere.json ws 2>&1 | FileCheck %s --check-prefix=UPDATE
# UPDATE: spacer: error: nothere.json: No such file or directory
# RUN: echo "{" > broken.json
# RUN: %expect_exit 2 spacer plan -o out.json --update=broken.json ws 2>&1 | FileCheck %s --check-prefix=BROKEN
# BROKEN: spacer: error: broken.json:2:0: malformed JSON: Expected object key
# RUN: %expect_exit 2 spacer plan --page-size=65536 --start=0x400000 -o out.json --update=small-pages.json ws 2>&1 | FileCheck %s --check-prefix=PAGES
# PAGES: spacer: error: the manifest to update uses pages of 0x1000 bytes, not 0x10000

## Every mistake of a manifest, each as an error naming the file.
# RUN: %expect_exit 2 spacer plan -o out.json --update=two-mistakes.json ws 2>&1 | FileCheck %s --check-prefix=TWO
# TWO:      spacer: error: two-mistakes.json: library 'a': text slot address 0x400800 is not a multiple of the page size 0x1000
# TWO-NEXT: spacer: error: two-mistakes.json: duplicate library name 'a'

## A region that runs into the next one.
# RUN: %expect_exit 2 spacer plan -o out.json --update=crowded.json ws 2>&1 | FileCheck %s --check-prefix=CROWDED
# CROWDED: spacer: error: the text region [0x400000, 0x402000) runs into the data region at 0x401000; plan afresh without --update, which moves every library

# RUN: echo old | cmp - out.json

#--- lib.s
  .text
  .globl f
f:
  ret
  .data
  .quad 1

#--- small-pages.json
{ "format": "spacer-layout", "version": 1, "libraries": [] }

#--- crowded.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "other", "match": { "files": ["other.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- two-mistakes.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "a", "match": { "files": ["a.o"] },
    "slots": { "text": { "address": "0x400800", "size": "0x1000" } } },
  { "name": "a", "match": { "files": ["b.o"] },
    "slots": { "text": { "address": "0x500000", "size": "0x1000" } } } ] }
