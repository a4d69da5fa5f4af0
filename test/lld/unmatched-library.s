## A manifest library that this link does not have is normal in a fleet:
## --verbose notes it, nothing else does. When no library at all matches,
## the patterns are most likely wrong, and that is a warning.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

# RUN: %ld_lld --spacer-layout=layout.json main.o liba.o -o out 2>&1 | count 0
# RUN: %ld_lld --verbose --spacer-layout=layout.json main.o liba.o -o out 2>&1 | FileCheck %s --check-prefix=VERBOSE
# VERBOSE:     layout.json: library 'libb' is not in this link; its slots stay empty
# VERBOSE-NOT: library 'liba' is not in this link

## A typo in the patterns: "lib-a.o" matches nothing.
# RUN: %ld_lld --spacer-layout=typo.json main.o liba.o -o out 2>&1 | FileCheck %s --check-prefix=TYPO
# TYPO: warning: typo.json: no input belongs to any library of the manifest; check the libraries' file and section patterns
# RUN: %expect_exit 1 %ld_lld --fatal-warnings --spacer-layout=typo.json main.o liba.o -o out3 2>&1 | FileCheck %s --check-prefix=FATAL
# FATAL: error: typo.json: no input belongs to any library
# RUN: not test -e out3

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- typo.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["lib-a.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- liba.s
  .globl a_func
a_func:
  ret

#--- main.s
  .globl _start
_start:
  call a_func
