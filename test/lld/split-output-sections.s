## A slot lies in one output section. If a linker script sends one kind of a
## library's sections to two output sections, the link fails and names both
## and the section that went astray; a declared kind can give those
## sections a slot of their own instead.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: not %ld_lld -T script.ld --spacer-layout=layout.json lib.o -o out 2>&1 | FileCheck %s
# CHECK: error: layout.json: library 'lib': text slot [0x400000, 0x401000): the library's sections are assigned to output section '.boot' and to '.text' (lib.o:(.text)); a slot lies in one output section
# RUN: not test -e out

# RUN: %ld_lld -T script.ld --spacer-layout=with-kind.json lib.o -o out
# RUN: llvm-readelf -s out | FileCheck %s --check-prefix=KIND
# KIND-DAG: 0000000000100000 {{.*}} lib_boot
# KIND-DAG: 0000000000400000 {{.*}} lib_func

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- with-kind.json
{ "format": "spacer-layout", "version": 1,
  "kinds": { "boot": { "sections": [".text.boot"] } },
  "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "boot": { "address": "0x100000", "size": "0x1000" } } } ] }

#--- script.ld
SECTIONS {
  . = 0x100000;
  .boot : { *(.text.boot) }
  . = 0x300000;
  .text : { *(.text) }
}

#--- lib.s
  .section .text.boot,"ax",@progbits
  .globl lib_boot
lib_boot:
  call lib_func
  .text
  .globl lib_func
lib_func:
  ret
