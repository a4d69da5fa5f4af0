## Declared kinds cannot take sections that must stay contiguous with the
## others of their kind (a slot leaves gaps around them), and a section may
## match only one declared kind. The program's sections are not checked: a
## kind only applies to manifest libraries.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

# RUN: %expect_exit 1 %ld_lld --spacer-layout=init.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=INIT
# INIT: error: init.json: kind 'ctors' matches lib.o:(.init_array), which cannot have a slot: it is part of a constructor or destructor table, which startup code walks without gaps
# RUN: %expect_exit 1 %ld_lld --spacer-layout=tls.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=TLS
# TLS: error: tls.json: kind 'tls' matches lib.o:(.tdata), which cannot have a slot: it is thread-local: the TLS template must stay contiguous
# RUN: %expect_exit 1 %ld_lld --spacer-layout=table.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=TABLE
# TABLE: error: table.json: kind 'tab' matches lib.o:(uk_table), which cannot have a slot: its name makes it a __start_/__stop_ table, which programs walk without gaps
# RUN: %expect_exit 1 %ld_lld --spacer-layout=two.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=TWO
# TWO: error: two.json: section lib.o:(.text.hot) matches kind 'hot' and kind 'warm'
# RUN: not test -e out

## main.o has an .init_array too; only the library's is an error.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=init.json main.o lib.o -o out 2>&1 | FileCheck %s --check-prefix=ONLYLIB
# ONLYLIB-NOT: main.o

#--- init.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "ctors": { "sections": [".init_array*"] } },
  "libraries": [ { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "ctors": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- tls.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "tls": { "sections": [".tdata*"] } },
  "libraries": [ { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "tls": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- table.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "tab": { "sections": ["uk_table"] } },
  "libraries": [ { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "tab": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- two.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "hot": { "sections": [".text.hot*"] },
             "warm": { "sections": [".text.h*"] } },
  "libraries": [ { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "hot": { "address": "0x400000", "size": "0x1000" },
               "warm": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- lib.s
  .section .text.hot,"ax",@progbits
  ret
  .section .init_array,"aw",@init_array
  .quad 0
  .section .tdata,"awT",@progbits
  .quad 1
  .section uk_table,"a",@progbits
  .quad 2

#--- main.s
  .globl _start
_start:
  ret
  .section .init_array,"aw",@init_array
  .quad 0
