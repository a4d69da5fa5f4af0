## The defined treatment of a library's sections that are not text, rodata,
## data or bss:
##  - COMMON symbols are bss: they go to the library's bss slot;
##  - .tdata/.tbss stay in the TLS template (normal layout): TLS offsets are
##    relative to the thread pointer, and the template is not shared memory;
##  - .eh_frame is combined into the image's one .eh_frame (normal layout);
##    it refers to the library's code, which stays in its slot;
##  - .init_array, .data.rel.ro and .bss.rel.ro stay in the normal layout:
##    tables must be contiguous, and relro data is protected with the
##    program's own.
## A declared kind can claim any of them (test/lld/declared-kind.s).

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: %ld_lld --eh-frame-hdr --spacer-layout=layout.json main.o lib.o -o out
# RUN: llvm-readelf -S -s out | FileCheck %s

# CHECK:     .rodata
# CHECK:     .eh_frame_hdr
# CHECK:     .eh_frame
# CHECK:     .text
# CHECK:     .tdata
# CHECK:     .init_array
# CHECK:     .data.rel.ro
# CHECK:     .bss
# CHECK-DAG: 0000000000400000 {{.*}} lib_func
# CHECK-DAG: {{0+6000[0-9a-f]+}} {{.*}} lib_zeroed
# CHECK-DAG: {{0+6000[0-9a-f]+}} {{.*}} lib_common
# CHECK-DAG: {{0+}}0 {{.*}} TLS {{.*}} lib_tls
# CHECK-DAG: {{0+402[0-9a-f]+}} {{.*}} lib_relro
# CHECK-DAG: {{0+402[0-9a-f]+}} {{.*}} lib_bss_relro

## The unwind table points at the library's code in its slot.
# RUN: llvm-readelf --unwind out | FileCheck %s --check-prefix=UNWIND
# UNWIND: initial_location: 0x400000

## The constructor table holds the library's constructor, in its slot.
# RUN: llvm-readelf -x .init_array out | FileCheck %s --check-prefix=INIT
# INIT: 0x{{[0-9a-f]+}} 00004000 00000000

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" },
               "bss": { "address": "0x600000", "size": "0x1000" } } } ] }

#--- lib.s
  .text
  .globl lib_func
  .type lib_func,@function
lib_func:
  .cfi_startproc
  movq %fs:lib_tls@tpoff, %rax
  ret
  .cfi_endproc

  .bss
  .globl lib_zeroed
lib_zeroed:
  .zero 256
  .comm lib_common, 64, 16

  .section .tdata,"awT",@progbits
  .globl lib_tls
lib_tls:
  .quad 3

  .section .init_array,"aw",@init_array
  .quad lib_func

  .section .data.rel.ro,"aw",@progbits
  .globl lib_relro
lib_relro:
  .quad lib_func

  .section .bss.rel.ro,"aw",@nobits
  .globl lib_bss_relro
lib_bss_relro:
  .zero 8

#--- main.s
  .globl _start
_start:
  call lib_func
  .section .rodata,"a"
  .quad 1
