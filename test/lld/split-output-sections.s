## A slot lies in one output section. If a linker script sends one kind of a
## library's sections to two output sections, the link fails and names both
## and the section that went astray; a declared kind can give those
## sections a slot of their own instead.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: %expect_exit 1 %ld_lld -T script.ld --spacer-layout=layout.json lib.o -o out 2>&1 | FileCheck %s
# CHECK: error: layout.json: library 'lib': text slot [0x400000, 0x401000): the library's sections are assigned to output section '.boot' and to '.text' (lib.o:(.text)); a slot lies in one output section
# RUN: not test -e out

# RUN: %ld_lld -T script.ld --spacer-layout=with-kind.json lib.o -o out
# RUN: llvm-readelf -s out | FileCheck %s --check-prefix=KIND
# KIND-DAG: 0000000000100000 {{.*}} lib_boot
# KIND-DAG: 0000000000400000 {{.*}} lib_func

## With a program of its own around it, the library's two slots hold the
## same bytes (lib_boot's call into the text slot included).
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld -T script.ld --spacer-layout=with-kind.json main.o lib.o -o out2
# RUN: llvm-readelf -s out2 | FileCheck %s --check-prefix=KIND
# RUN: spacer-memdump out 0x100000 0x101000 > boot1
# RUN: spacer-memdump out2 0x100000 0x101000 > boot2
# RUN: cmp boot1 boot2
# RUN: FileCheck %s --check-prefix=BOOT < boot1
# BOOT: 0000000000100000: e8 fb ff 2f 00
# RUN: spacer-memdump out 0x400000 0x401000 > text1
# RUN: spacer-memdump out2 0x400000 0x401000 > text2
# RUN: cmp text1 text2

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

#--- main.s
  .section .text.boot,"ax",@progbits
  .globl _start
_start:
  .fill 0x20, 1, 0x90
  call lib_boot
  .text
main_code:
  .fill 0x100, 1, 0x90
  call lib_func

#--- lib.s
  .section .text.boot,"ax",@progbits
  .globl lib_boot
lib_boot:
  call lib_func
  .text
  .globl lib_func
lib_func:
  ret
