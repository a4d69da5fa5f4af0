## A library of the manifest whose sections are in the link but not in its
## slots is reported (a warning, or an error with --spacer-unplaced=error,
## which writes no output), and the image's placement record names it, so
## that `spacer check` flags it (test/spacer/check-unplaced.s): the library
## has no slot of a kind it has, a declared kind takes its sections, or a
## file pattern only nearly matches its file.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir -p dir
# RUN: llvm-mc -filetype=obj -triple=x86_64 liba.s -o dir/liba.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libb.s -o libb.o
# RUN: llvm-ar rcs dir/libb.a libb.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

## No data slot: liba's .data stays in the normal layout.
# RUN: %ld_lld --spacer-layout=no-data.json main.o dir/liba.o -o no-data 2>&1 | FileCheck %s --check-prefix=NODATA
# NODATA: warning: no-data.json: library 'liba' has no data slot, so its 1 data section (16 bytes, dir/liba.o:(.data)) stay outside its slots and its pages there will differ between images
## The record says where the data is: a_data's address.
# RUN: llvm-readelf -s no-data > no-data.syms
# RUN: llvm-objcopy --dump-section=.spacer.placement=no-data.rec no-data
# RUN: cat no-data.syms no-data.rec | FileCheck %s --check-prefix=NODATA-REC
# NODATA-REC: {{0*}}[[#%x,DATA:]] {{.*}} a_data
# NODATA-REC: "unplaced":[{"library":"liba","kind":"data","address":"0x{{0*}}[[#%x,DATA]]","size":"0x0000000000000010","why":"the manifest gives the library no data slot"}]}
# RUN: %expect_exit 1 %ld_lld --spacer-unplaced=error --spacer-layout=no-data.json main.o dir/liba.o -o no-data-err 2>&1 | FileCheck %s --check-prefix=NODATA-ERR
# NODATA-ERR: error: no-data.json: library 'liba' has no data slot, so its 1 data section
# RUN: not test -e no-data-err

## A declared kind whose pattern is ".text", with no slot of that kind for
## the library: its code leaves the text slot, and the linker says so.
# RUN: %ld_lld --spacer-layout=declared.json main.o dir/liba.o -o declared 2>&1 | FileCheck %s --check-prefix=DECLARED
# DECLARED: warning: declared.json: library 'liba' has no hot slot, so its 1 hot section (6 bytes, dir/liba.o:(.text)) stay outside its slots

## File patterns that match only when case, or the archive member separator,
## is ignored: the library is named, with the input it most likely meant,
## even though another library of the manifest is placed.
# RUN: %ld_lld --spacer-layout=near.json -u b_func main.o dir/liba.o dir/libb.a -o near 2>&1 | FileCheck %s --check-prefix=NEAR
# NEAR-DAG: warning: near.json: library 'liba' is in the link but not in its slots: no input matches its file patterns, but input 'dir/liba.o' would if letter case or the archive member separator were ignored (file patterns match 'archive:member' exactly, case and all)
# NEAR-DAG: warning: near.json: library 'libb' is in the link but not in its slots: no input matches its file patterns, but input 'dir/libb.a:libb.o' would if
# RUN: llvm-objcopy --dump-section=.spacer.placement=near.rec near
# RUN: FileCheck %s --check-prefix=NEAR-REC < near.rec
# NEAR-REC: "unplaced":[{"library":"liba","kind":"","address":"0x0000000000000000","size":"0x0000000000000000","why":"no input matches its file patterns, but input 'dir/liba.o' would
# NEAR-REC-SAME: {"library":"libb","kind":""

## A library with no input at all, even nearly, is simply absent: no warning.
# RUN: %ld_lld --spacer-layout=near.json main.o dir/liba.o -o only-a 2>&1 | FileCheck %s --check-prefix=ONLYA
# ONLYA: library 'liba'
# ONLYA-NOT: libb

# RUN: %expect_exit 1 %ld_lld --spacer-unplaced=maybe --spacer-layout=no-data.json main.o -o bad 2>&1 | FileCheck %s --check-prefix=VALUE
# VALUE: error: --spacer-unplaced: expected 'warn' or 'error', not 'maybe'
# RUN: not test -e bad

#--- no-data.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["*/liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- declared.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "hot": { "sections": [".text"] } },
  "libraries": [
  { "name": "liba", "match": { "files": ["*/liba.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } } ] }

#--- near.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["*/LibA.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "files": ["*/libb.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } },
  { "name": "main", "match": { "files": ["main.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- liba.s
  .globl a_func, a_data
a_func:
  call a_data
  nop
  .data
a_data:
  .quad 1, 2

#--- libb.s
  .globl b_func
b_func:
  ret

#--- main.s
  .globl _start
_start:
  call a_func
  ret
