## Input a user or an attacker can hand the tools: JSON nested deep enough to
## exhaust a recursive parser, JSON with more objects than memory should
## hold, devices and pipes that never end, and images whose placement record
## is such a document. Every tool gives a clear error naming the file and
## exits (ld.lld 1, spacer 2), without crashing or hanging, and writes no
## output; an existing output file is left as it was. `timeout` turns a
## hang into a failure.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld main.o -o good
# RUN: %python -c "open('deep.json', 'w').write('[' * 100000 + ']' * 100000)"
# RUN: %python -c "open('many.json', 'w').write('{\"format\": \"spacer-layout\", \"version\": 1, \"x\": [' + ','.join(['{\"a\": 1}'] * 60000) + ']}')"
# RUN: mkfifo fifo

## ld.lld.
# RUN: echo old > out
# RUN: %expect_exit 1 timeout 60 %ld_lld --spacer-layout=deep.json main.o -o out 2>&1 | FileCheck %s --check-prefix=DEEP
# DEEP: deep.json:1:33: JSON nested deeper than 32 levels
# RUN: %expect_exit 1 timeout 60 %ld_lld --spacer-layout=many.json main.o -o out 2>&1 | FileCheck %s --check-prefix=MANY
# MANY: many.json:1:{{[0-9]+}}: more than 50000 JSON arrays and objects
# RUN: %expect_exit 1 timeout 60 %ld_lld --spacer-layout=/dev/zero main.o -o out 2>&1 | FileCheck %s --check-prefix=ZERO
# ZERO: /dev/zero: a character device, not a regular file: refusing to read it
# RUN: %expect_exit 1 timeout 60 %ld_lld --spacer-layout=fifo main.o -o out 2>&1 | FileCheck %s --check-prefix=FIFO
# FIFO: fifo: a pipe, not a regular file: refusing to read it
# RUN: %expect_exit 1 timeout 60 %ld_lld --spacer-layout=. main.o -o out 2>&1 | FileCheck %s --check-prefix=DIR
# DIR: .: a directory, not a regular file: refusing to read it
# RUN: echo old | cmp - out

## spacer check, share and plan --update with the same manifests.
# RUN: %expect_exit 2 timeout 60 spacer check --layout=deep.json good 2>&1 | FileCheck %s --check-prefix=DEEP
# RUN: %expect_exit 2 timeout 60 spacer share --layout=deep.json good 2>&1 | FileCheck %s --check-prefix=DEEP
# RUN: %expect_exit 2 timeout 60 spacer plan -o out --update=deep.json app=main.o 2>&1 | FileCheck %s --check-prefix=DEEP
# RUN: %expect_exit 2 timeout 60 spacer check --layout=many.json good 2>&1 | FileCheck %s --check-prefix=MANY
# RUN: %expect_exit 2 timeout 60 spacer check --layout=/dev/zero good 2>&1 | FileCheck %s --check-prefix=ZERO
# RUN: %expect_exit 2 timeout 60 spacer share --layout=/dev/zero good 2>&1 | FileCheck %s --check-prefix=ZERO
# RUN: %expect_exit 2 timeout 60 spacer plan -o out --update=/dev/zero app=main.o 2>&1 | FileCheck %s --check-prefix=ZERO
# RUN: %expect_exit 2 timeout 60 spacer check --layout=fifo good 2>&1 | FileCheck %s --check-prefix=FIFO
# RUN: echo old | cmp - out

## Devices and pipes as images, and as a workspace's list file or input.
# RUN: %expect_exit 2 timeout 60 spacer share good /dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
# RUN: %expect_exit 2 timeout 60 spacer check --layout=layout.json fifo 2>&1 | FileCheck %s --check-prefix=FIFO
# RUN: %expect_exit 2 timeout 60 spacer plan -o out /dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
# RUN: %expect_exit 2 timeout 60 spacer plan -o out app=main.o,/dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
# RUN: echo old | cmp - out

## An image whose placement record is a deeply nested document: share
## reports it (it used to crash a worker thread and wait forever), so does
## check.
# RUN: llvm-objcopy --add-section .spacer.placement=deep.json good deep-record
# RUN: %expect_exit 2 timeout 60 spacer share deep-record good 2>&1 | FileCheck %s --check-prefix=RECORD
# RUN: %expect_exit 2 timeout 60 spacer check --layout=layout.json deep-record 2>&1 | FileCheck %s --check-prefix=RECORD
# RECORD: spacer: error: deep-record: unreadable .spacer.placement record: 1:33: JSON nested deeper than 32 levels
## With --keep-going, share goes on with the other images.
# RUN: %expect_exit 1 timeout 60 spacer share --keep-going deep-record good | FileCheck %s --check-prefix=KEEP
# KEEP: spacer share: 1 image

## A symbol table with a bad entry size: an error naming the file, where
## llvm/Object's symbol iterators would end the process (found by the image
## fuzzer). The same in an object file given to spacer plan.
# RUN: yaml2obj -DTYPE=ET_EXEC bad-symtab.yaml -o bad-symtab
# RUN: %expect_exit 2 spacer share good bad-symtab 2>&1 | FileCheck %s --check-prefix=SYMTAB
# RUN: %expect_exit 2 spacer check --layout=layout.json bad-symtab 2>&1 | FileCheck %s --check-prefix=SYMTAB
# SYMTAB: spacer: error: bad-symtab: section [index 2] has invalid sh_entsize: expected 24, but got 100663320
# RUN: yaml2obj -DTYPE=ET_REL bad-symtab.yaml -o bad-symtab.o
# RUN: %expect_exit 2 spacer plan -o out app=main.o,bad-symtab.o 2>&1 | FileCheck %s --check-prefix=SYMTAB-PLAN
# SYMTAB-PLAN: spacer: error: bad-symtab.o: section [index 2] has invalid sh_entsize
# RUN: echo old | cmp - out

## The last page of the address space holds content like any other (its
## end, 2^64, does not fit in 64 bits; found by the image fuzzer).
# RUN: yaml2obj top-page.yaml -o top-page
# RUN: spacer share top-page top-page | FileCheck %s --check-prefix=TOP
# TOP: top-page        1        0        1        0
# TOP: physical pages with perfect merging: 1 of 2 (1 non-zero)

## A truncated image says so.
# RUN: head -c 200 good > truncated
# RUN: %expect_exit 2 spacer check --layout=layout.json truncated 2>&1 | FileCheck %s --check-prefix=TRUNCATED
# TRUNCATED: spacer: error: truncated: truncated or malformed ELF file:

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- bad-symtab.yaml
--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    [[TYPE]]
  Machine: EM_X86_64
Sections:
  - Name:    .text
    Type:    SHT_PROGBITS
    Flags:   [ SHF_ALLOC, SHF_EXECINSTR ]
    Address: 0x201000
    Content: c3
  - Name:    .symtab
    Type:    SHT_SYMTAB
    EntSize: 0x6000018
Symbols:
  - Name:    _start
    Section: .text
    Value:   0x201000

#--- top-page.yaml
--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
Sections:
  - Name:    .text
    Type:    SHT_PROGBITS
    Flags:   [ SHF_ALLOC, SHF_EXECINSTR ]
    Address: 0xfffffffffffff000
    Content: c3c3c3c3
ProgramHeaders:
  - Type:     PT_LOAD
    Flags:    [ PF_R, PF_X ]
    FirstSec: .text
    LastSec:  .text
    VAddr:    0xfffffffffffff000
    MemSize:  0xfff

#--- main.s
  .globl _start
_start:
  ret
