## ld.lld parses the manifest on a thread of its own while it reads the
## inputs (with --threads=1, when it needs the manifest): the placement and
## the diagnostics are the same either way, a link that fails before the
## manifest is needed neither waits for it nor crashes, and so do lld's
## test-mode runs (LLD_IN_TEST=2: two links in one process, memory freed
## in between).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 dup.s -o dup.o

## The same image with and without the thread, and twice in one process.
# RUN: %ld_lld --threads=2 --spacer-layout=layout.json main.o liba.o -o out
# RUN: llvm-readelf -s out | FileCheck %s
# RUN: %ld_lld --threads=1 --spacer-layout=layout.json main.o liba.o -o out1
# RUN: cmp out out1
# RUN: env LLD_IN_TEST=2 %ld_lld --threads=2 --spacer-layout=layout.json main.o liba.o -o out2
# RUN: cmp out out2
# CHECK: 0000000000400000 {{.*}} a_func
# CHECK: 0000000000500000 {{.*}} a_data

## A bad manifest: the same error from both paths, no output.
# RUN: %expect_exit 1 %ld_lld --threads=2 --spacer-layout=bad.json main.o liba.o -o bad 2>&1 | FileCheck %s --check-prefix=BAD
# RUN: %expect_exit 1 %ld_lld --threads=1 --spacer-layout=bad.json main.o liba.o -o bad 2>&1 | FileCheck %s --check-prefix=BAD
# RUN: env LLD_IN_TEST=2 %expect_exit 1 %ld_lld --spacer-layout=bad.json main.o liba.o -o bad 2>&1 | FileCheck %s --check-prefix=BAD
# RUN: not test -e bad
# BAD: error: bad.json: library 'liba': text slot: missing 'size'
# BAD-NOT: error:

## The link fails before it takes the manifest (a missing input, duplicate
## symbols): that error alone, while the thread may still be parsing.
# RUN: %expect_exit 1 %ld_lld --threads=2 --spacer-layout=bad.json main.o missing.o -o bad 2>&1 | FileCheck %s --check-prefix=MISSING
# RUN: env LLD_IN_TEST=2 %expect_exit 1 %ld_lld --spacer-layout=layout.json main.o missing.o -o bad 2>&1 | FileCheck %s --check-prefix=MISSING
# MISSING: error: cannot open missing.o
# MISSING-NOT: error:
# RUN: %expect_exit 1 %ld_lld --threads=2 --spacer-layout=bad.json main.o liba.o dup.o -o bad 2>&1 | FileCheck %s --check-prefix=DUP
# RUN: env LLD_IN_TEST=2 %expect_exit 1 %ld_lld --spacer-layout=layout.json main.o liba.o dup.o -o bad 2>&1 | FileCheck %s --check-prefix=DUP
# DUP: error: duplicate symbol: a_func
# DUP-NOT: error:
# RUN: not test -e bad

## --version with a manifest returns before any link.
# RUN: %ld_lld --version --spacer-layout=layout.json | FileCheck %s --check-prefix=VERSION
# VERSION: LLD 19.1.7

#--- layout.json
{
  "format": "spacer-layout",
  "version": 1,
  "libraries": [
    { "name": "liba", "match": { "files": ["liba.o"] },
      "slots": { "text": { "address": "0x400000", "size": "0x1000" },
                 "data": { "address": "0x500000", "size": "0x1000" } } }
  ]
}

#--- bad.json
{
  "format": "spacer-layout",
  "version": 1,
  "libraries": [
    { "name": "liba", "match": { "files": ["liba.o"] },
      "slots": { "text": { "address": "0x400000" } } }
  ]
}

#--- liba.s
  .text
  .globl a_func
a_func:
  ret
  .data
  .globl a_data
a_data:
  .quad 1

#--- dup.s
  .text
  .globl a_func
a_func:
  ret

#--- main.s
  .text
  .globl _start
_start:
  call a_func
  ret
