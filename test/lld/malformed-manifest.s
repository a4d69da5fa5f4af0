## Manifest mistakes are errors that name the manifest file, with line and
## column for malformed JSON and the library for everything else. No output
## is written.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

# RUN: %expect_exit 1 %ld_lld --spacer-layout=syntax.json main.o -o out 2>&1 | FileCheck %s --check-prefix=SYNTAX
# SYNTAX: error: syntax.json:6:5: malformed JSON: Expected , or ] after array element
# RUN: not test -e out

# RUN: %expect_exit 1 %ld_lld --spacer-layout=version.json main.o -o out 2>&1 | FileCheck %s --check-prefix=VERSION
# VERSION: error: version.json: unsupported manifest version 7 (this build reads version 1)

## No leniency: a version is a JSON integer, hexadecimal is "0x", not "0X".
# RUN: %expect_exit 1 %ld_lld --spacer-layout=version-string.json main.o -o out 2>&1 | FileCheck %s --check-prefix=VERSION-STRING
# VERSION-STRING: error: version-string.json: manifest: 'version' must be a JSON integer, such as 1
# RUN: %expect_exit 1 %ld_lld --spacer-layout=upper-x.json main.o -o out 2>&1 | FileCheck %s --check-prefix=UPPER-X
# UPPER-X: error: upper-x.json: library 'lib': text slot: 'address' is not a valid number: "0X400000" (expected decimal digits or 0x and hexadecimal digits)
# RUN: not test -e out

# RUN: %expect_exit 1 %ld_lld --spacer-layout=misaligned.json main.o -o out 2>&1 | FileCheck %s --check-prefix=MISALIGNED
# MISALIGNED: error: misaligned.json: library 'libfmt': text slot address 0x400800 is not a multiple of the page size 0x1000

## Validation reports every problem it finds, not just the first.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=overlap.json main.o -o out 2>&1 | FileCheck %s --check-prefix=OVERLAP
# OVERLAP: error: overlap.json: duplicate library name 'libfmt'
# OVERLAP: error: overlap.json: library 'libfmt': text slot [0x401000, 0x403000) overlaps the text slot of library 'libfmt' [0x400000, 0x402000)

# RUN: %expect_exit 1 %ld_lld --spacer-layout=missing.json main.o -o out 2>&1 | FileCheck %s --check-prefix=MISSING
# MISSING: error: cannot open missing.json: {{.*}}
# RUN: not test -e out

#--- main.s
  .globl _start
_start:
  ret

#--- syntax.json
{
  "format": "spacer-layout",
  "version": 1,
  "libraries": [
    { "name": "libfmt" }
    { "name": "libstr" }
  ]
}

#--- version-string.json
{ "format": "spacer-layout", "version": "1", "libraries": [] }

#--- upper-x.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0X400000", "size": "0x1000" } } } ] }

#--- version.json
{ "format": "spacer-layout", "version": 7, "libraries": [] }

#--- misaligned.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libfmt", "match": { "files": ["fmt.o"] },
    "slots": { "text": { "address": "0x400800", "size": "0x1000" } } } ] }

#--- overlap.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libfmt", "match": { "files": ["fmt.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x2000" } } },
  { "name": "libfmt", "match": { "files": ["str.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x2000" } } } ] }
