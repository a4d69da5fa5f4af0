## Every kind of manifest mistake, through the linker: an error naming the
## manifest and, where there is one, the library; no output file. (Syntax
## errors, versions, overlaps and duplicates: malformed-manifest.s.)

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %expect_exit 1 %ld_lld --spacer-layout=not-object.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NOT_OBJECT
# NOT_OBJECT: error: not-object.json: not a spacer layout manifest: the top level must be a JSON object
# RUN: %expect_exit 1 %ld_lld --spacer-layout=no-format.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NO_FORMAT
# NO_FORMAT: error: no-format.json: not a spacer layout manifest: expected "format": "spacer-layout" at the top level
# RUN: %expect_exit 1 %ld_lld --spacer-layout=no-version.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NO_VERSION
# NO_VERSION: error: no-version.json: manifest: missing 'version'
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad-page-size.json main.o -o out 2>&1 | FileCheck %s --check-prefix=BAD_PAGE_SIZE
# BAD_PAGE_SIZE: error: bad-page-size.json: page_size 0xbb8 is not a power of two
# RUN: %expect_exit 1 %ld_lld --spacer-layout=unknown-top-key.json main.o -o out 2>&1 | FileCheck %s --check-prefix=UNKNOWN_TOP_KEY
# UNKNOWN_TOP_KEY: error: unknown-top-key.json: manifest: unknown key 'libaries'
# RUN: %expect_exit 1 %ld_lld --spacer-layout=libraries-not-array.json main.o -o out 2>&1 | FileCheck %s --check-prefix=LIBRARIES_NOT_ARRAY
# LIBRARIES_NOT_ARRAY: error: libraries-not-array.json: manifest: 'libraries' must be an array
# RUN: %expect_exit 1 %ld_lld --spacer-layout=name-not-string.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NAME_NOT_STRING
# NAME_NOT_STRING: error: name-not-string.json: libraries[0]: 'name' must be a string
# RUN: %expect_exit 1 %ld_lld --spacer-layout=empty-name.json main.o -o out 2>&1 | FileCheck %s --check-prefix=EMPTY_NAME
# EMPTY_NAME: error: empty-name.json: a library has an empty name
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad-segments.json main.o -o out 2>&1 | FileCheck %s --check-prefix=BAD_SEGMENTS
# BAD_SEGMENTS: error: bad-segments.json: manifest: 'segments' must be "paged" or "packed"
# RUN: not ls out
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad-relro.json main.o -o out 2>&1 | FileCheck %s --check-prefix=BAD_RELRO
# BAD_RELRO: error: bad-relro.json: manifest: 'relro' must be "keep" or "data"
# RUN: not ls out
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad-name.json main.o -o out 2>&1 | FileCheck %s --check-prefix=BAD_NAME
# BAD_NAME: error: bad-name.json: library 'lib foo': a library name is of letters, digits, '_', '-', '.' and '+' only
# RUN: not ls out
# RUN: %expect_exit 1 %ld_lld --spacer-layout=no-patterns.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NO_PATTERNS
# NO_PATTERNS: error: no-patterns.json: library 'liba': match has no file or section patterns, so no input would belong to it
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad-glob.json main.o -o out 2>&1 | FileCheck %s --check-prefix=BAD_GLOB
# BAD_GLOB: error: bad-glob.json: library 'liba': invalid file pattern '[a.o': invalid glob pattern, unmatched '['
# RUN: %expect_exit 1 %ld_lld --spacer-layout=files-not-array.json main.o -o out 2>&1 | FileCheck %s --check-prefix=FILES_NOT_ARRAY
# FILES_NOT_ARRAY: error: files-not-array.json: library 'liba': match: 'files' must be an array of strings
# RUN: %expect_exit 1 %ld_lld --spacer-layout=unknown-match-key.json main.o -o out 2>&1 | FileCheck %s --check-prefix=UNKNOWN_MATCH_KEY
# UNKNOWN_MATCH_KEY: error: unknown-match-key.json: library 'liba': match: unknown key 'file'
# RUN: %expect_exit 1 %ld_lld --spacer-layout=no-slots.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NO_SLOTS
# NO_SLOTS: error: no-slots.json: library 'liba': has no slots
# RUN: %expect_exit 1 %ld_lld --spacer-layout=unknown-kind.json main.o -o out 2>&1 | FileCheck %s --check-prefix=UNKNOWN_KIND
# UNKNOWN_KIND: error: unknown-kind.json: library 'liba': unknown slot kind 'txt' (expected text, rodata, data, bss or a kind the manifest declares under 'kinds')
# RUN: %expect_exit 1 %ld_lld --spacer-layout=missing-size.json main.o -o out 2>&1 | FileCheck %s --check-prefix=MISSING_SIZE
# MISSING_SIZE: error: missing-size.json: library 'liba': text slot: missing 'size'
# RUN: %expect_exit 1 %ld_lld --spacer-layout=negative-address.json main.o -o out 2>&1 | FileCheck %s --check-prefix=NEGATIVE_ADDRESS
# NEGATIVE_ADDRESS: error: negative-address.json: library 'liba': text slot: 'address' must be a non-negative integer or a string such as "0x400000"
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad-number.json main.o -o out 2>&1 | FileCheck %s --check-prefix=BAD_NUMBER
# BAD_NUMBER: error: bad-number.json: library 'liba': text slot: 'address' is not a valid number: "0x40g000"
# RUN: %expect_exit 1 %ld_lld --spacer-layout=too-big-number.json main.o -o out 2>&1 | FileCheck %s --check-prefix=TOO_BIG_NUMBER
# TOO_BIG_NUMBER: error: too-big-number.json: library 'liba': text slot: 'address' is not a valid number: "0x10000000000000000"
# RUN: %expect_exit 1 %ld_lld --spacer-layout=zero-size.json main.o -o out 2>&1 | FileCheck %s --check-prefix=ZERO_SIZE
# ZERO_SIZE: error: zero-size.json: library 'liba': text slot has size 0
# RUN: %expect_exit 1 %ld_lld --spacer-layout=huge-size.json main.o -o out 2>&1 | FileCheck %s --check-prefix=HUGE_SIZE
# HUGE_SIZE: error: huge-size.json: library 'liba': text slot at 0x400000 with size 0xffffffffffc00000 does not fit in the 64-bit address space
# RUN: %expect_exit 1 %ld_lld --spacer-layout=size-not-pages.json main.o -o out 2>&1 | FileCheck %s --check-prefix=SIZE_NOT_PAGES
# SIZE_NOT_PAGES: error: size-not-pages.json: library 'liba': text slot size 0x1800 is not a multiple of the page size 0x1000
# RUN: %expect_exit 1 %ld_lld --spacer-layout=unknown-slot-key.json main.o -o out 2>&1 | FileCheck %s --check-prefix=UNKNOWN_SLOT_KEY
# UNKNOWN_SLOT_KEY: error: unknown-slot-key.json: library 'liba': text slot: unknown key 'align'
# RUN: %expect_exit 1 %ld_lld --spacer-layout=kind-builtin.json main.o -o out 2>&1 | FileCheck %s --check-prefix=KIND_BUILTIN
# KIND_BUILTIN: error: kind-builtin.json: kind 'data': text, rodata, data and bss are built in and cannot be declared
# RUN: %expect_exit 1 %ld_lld --spacer-layout=kind-no-patterns.json main.o -o out 2>&1 | FileCheck %s --check-prefix=KIND_NO_PATTERNS
# KIND_NO_PATTERNS: error: kind-no-patterns.json: kind 'init': has no section patterns
# RUN: %expect_exit 1 %ld_lld --spacer-layout=cross-kind-overlap.json main.o -o out 2>&1 | FileCheck %s --check-prefix=CROSS_KIND_OVERLAP
# CROSS_KIND_OVERLAP: error: cross-kind-overlap.json: library 'liba': data slot [0x401000, 0x402000) overlaps the text slot of library 'liba' [0x400000, 0x402000)
# RUN: %expect_exit 1 %ld_lld --spacer-layout=empty-pattern.json main.o -o out 2>&1 | FileCheck %s --check-prefix=EMPTY_PATTERN
# EMPTY_PATTERN: error: empty-pattern.json: library 'liba': empty file pattern
# RUN: not test -e out

#--- main.s
  .globl _start
_start:
  ret

#--- not-object.json
[1, 2]

#--- no-format.json
{ "version": 1, "libraries": [] }

#--- no-version.json
{ "format": "spacer-layout", "libraries": [] }

#--- bad-page-size.json
{ "format": "spacer-layout", "version": 1, "page_size": 3000, "libraries": [] }

#--- unknown-top-key.json
{ "format": "spacer-layout", "version": 1, "libraries": [], "libaries": [] }

#--- libraries-not-array.json
{ "format": "spacer-layout", "version": 1, "libraries": {} }

#--- name-not-string.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": 7, "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- empty-name.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- bad-segments.json
{ "format": "spacer-layout", "version": 1, "segments": "dense", "libraries": [] }

#--- bad-relro.json
{ "format": "spacer-layout", "version": 1, "relro": "rodata", "libraries": [] }

#--- bad-name.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "lib foo", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- no-patterns.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": {}, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- bad-glob.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["[a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- files-not-array.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": "a.o" }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- unknown-match-key.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"], "file": [] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- no-slots.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": {} } ] }

#--- unknown-kind.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "txt": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- missing-size.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000" } } } ] }

#--- negative-address.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": -4096, "size": "0x1000" } } } ] }

#--- bad-number.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x40g000", "size": "0x1000" } } } ] }

#--- too-big-number.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x10000000000000000", "size": "0x1000" } } } ] }

#--- zero-size.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": 0 } } } ] }

#--- huge-size.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0xffffffffffc00000" } } } ] }

#--- size-not-pages.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x1800" } } } ] }

#--- unknown-slot-key.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x1000", "align": 16 } } } ] }

#--- kind-builtin.json
{ "format": "spacer-layout", "version": 1, "kinds": { "data": { "sections": [".mydata"] } }, "libraries": [] }

#--- kind-no-patterns.json
{ "format": "spacer-layout", "version": 1, "kinds": { "init": { "sections": [] } }, "libraries": [] }

#--- cross-kind-overlap.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": ["a.o"] }, "slots": { "text": { "address": "0x400000", "size": "0x2000" }, "data": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- empty-pattern.json
{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "liba", "match": { "files": [""] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }
