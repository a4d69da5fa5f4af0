## --spacer-layout in ld.lld's help, in --reproduce tarballs, and rejected
## with -r (a relocatable output has no addresses to agree on).

# RUN: %ld_lld --help | FileCheck %s --check-prefix=HELP
# HELP: --spacer-layout=<file>  Place the libraries of a spacer layout manifest at the manifest's slot addresses

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

# RUN: %expect_exit 1 %ld_lld -r --spacer-layout=layout.json main.o -o out.o 2>&1 | FileCheck %s --check-prefix=RELOCATABLE
# RELOCATABLE: error: -r and --spacer-layout may not be used together
# RUN: not test -e out.o

## --reproduce packs the manifest and rewrites the option to the packed copy.
# RUN: %ld_lld --spacer-layout=layout.json main.o -o out --reproduce=repro.tar
# RUN: tar -tf repro.tar | FileCheck %s --check-prefix=TAR
# TAR: repro/response.txt
# TAR: repro/{{.*}}layout.json
# RUN: tar -xOf repro.tar repro/response.txt | FileCheck %s --check-prefix=RESPONSE
# RESPONSE: --spacer-layout {{.*}}layout.json

## An empty file name is an error, not a way to turn the option off.
# RUN: %expect_exit 1 %ld_lld --spacer-layout= main.o -o out3 2>&1 | FileCheck %s --check-prefix=EMPTY
# EMPTY: error: --spacer-layout: expected the name of a layout manifest
# RUN: not test -e out3

## The last --spacer-layout wins, like other file options.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=layout.json --spacer-layout=missing.json main.o -o out2 2>&1 | FileCheck %s --check-prefix=LAST
# LAST: error: cannot open missing.json

#--- main.s
  .globl _start
_start:
  ret

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }
