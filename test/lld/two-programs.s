## Two different programs that share two libraries, linked with one layout
## manifest: each library's sections sit at its slot addresses in both
## images, and the bytes in the slots are identical, although the programs'
## own code differs in size and the inputs come in a different order.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 libfmt.s -o libfmt.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libstr.s -o libstr.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app1.s -o app1.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app2.s -o app2.o
# RUN: %ld_lld --spacer-layout=layout.json app1.o libfmt.o libstr.o -o app1
# RUN: %ld_lld --spacer-layout=layout.json libstr.o app2.o libfmt.o -o app2

# RUN: llvm-readelf -s app1 | FileCheck %s --check-prefixes=SYMS,APP1
# RUN: llvm-readelf -s app2 | FileCheck %s --check-prefixes=SYMS,APP2

# SYMS-DAG: 0000000000400000 {{.*}} fmt_print
# SYMS-DAG: 0000000000401000 {{.*}} str_len
# SYMS-DAG: 0000000000300000 {{.*}} fmt_digits
# SYMS-DAG: 0000000000301000 {{.*}} str_hello
# SYMS-DAG: 0000000000500000 {{.*}} fmt_count
# SYMS-DAG: 0000000000501000 {{.*}} str_table
# SYMS-DAG: 0000000000600000 {{.*}} fmt_buf
# SYMS-DAG: 0000000000601000 {{.*}} str_scratch
## The programs' own code comes after the libraries' regions.
# APP1-DAG: 0000000000402000 {{.*}} _start
# APP2-DAG: 0000000000402000 {{.*}} _start
# APP1-DAG: 0000000000302000 {{.*}} app1_msg
# APP2-DAG: 0000000000302000 {{.*}} app2_msg

## The memory of every slot is the same in both images, bss included (past
## what the library uses, no segment maps a slot).
# RUN: spacer-memdump app1 0x300000 0x302000 > app1.rodata
# RUN: spacer-memdump app2 0x300000 0x302000 > app2.rodata
# RUN: cmp app1.rodata app2.rodata
# RUN: FileCheck %s --check-prefix=RODATA < app1.rodata
# RODATA:      0000000000300000: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66
# RODATA:      0000000000301000: 68 65 6c 6c 6f 00 -- --

# RUN: spacer-memdump app1 0x400000 0x402000 > app1.text
# RUN: spacer-memdump app2 0x400000 0x402000 > app2.text
# RUN: cmp app1.text app2.text
# RUN: spacer-memdump app1 0x500000 0x502000 > app1.data
# RUN: spacer-memdump app2 0x500000 0x502000 > app2.data
# RUN: cmp app1.data app2.data
# RUN: spacer-memdump app1 0x600000 0x602000 > app1.bss
# RUN: spacer-memdump app2 0x600000 0x602000 > app2.bss
# RUN: cmp app1.bss app2.bss
## fmt_count holds fmt_print's address, str_table str_hello's.
# RUN: FileCheck %s --check-prefix=DATA < app1.data
# DATA:      0000000000500000: 00 00 40 00 00 00 00 00 00 00 00 00 00 00 00 00
# DATA:      0000000000501000: 00 10 30 00 00 00 00 00 -- -- -- -- -- -- -- --
# RUN: FileCheck %s --check-prefix=BSS < app1.bss
# BSS: 0000000000600000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00

## The code refers to the libraries' data by absolute address and calls
## across libraries, so it is only identical because the addresses are.
# RUN: llvm-objdump -d --no-show-raw-insn app1 | FileCheck %s --check-prefix=DIS
# DIS:      <fmt_print>:
# DIS-NEXT:   400000: movabsq $0x300000, %rax
# DIS-NEXT:           movabsq $0x500000, %rcx
# DIS-NEXT:           incq (%rcx)
# DIS-NEXT:           callq 0x401000 <str_len>

## Without the layout, the same libraries land at different addresses in
## the two programs, so their pages could not be shared.
# RUN: %ld_lld app1.o libfmt.o libstr.o -o app1.stock
# RUN: %ld_lld libstr.o app2.o libfmt.o -o app2.stock
# RUN: llvm-readelf -s app1.stock app2.stock | FileCheck %s --check-prefix=STOCK
# STOCK:      File: app1.stock
# STOCK:      {{0+}}[[ADDR:[0-9a-f]+]] {{.*}} fmt_print
# STOCK:      File: app2.stock
# STOCK-NOT:  {{0+}}[[ADDR]] {{.*}} fmt_print
# STOCK:      {{0+}}{{[0-9a-f]+}} {{.*}} fmt_print

#--- layout.json
{
  "format": "spacer-layout",
  "version": 1,
  "libraries": [
    {
      "name": "libfmt",
      "match": { "files": ["*libfmt.o"] },
      "slots": {
        "text":   { "address": "0x400000", "size": "0x1000" },
        "rodata": { "address": "0x300000", "size": "0x1000" },
        "data":   { "address": "0x500000", "size": "0x1000" },
        "bss":    { "address": "0x600000", "size": "0x1000" }
      }
    },
    {
      "name": "libstr",
      "match": { "files": ["*libstr.o"] },
      "slots": {
        "text":   { "address": "0x401000", "size": "0x1000" },
        "rodata": { "address": "0x301000", "size": "0x1000" },
        "data":   { "address": "0x501000", "size": "0x1000" },
        "bss":    { "address": "0x601000", "size": "0x1000" }
      }
    }
  ]
}

#--- libfmt.s
  .text
  .globl fmt_print
  .type fmt_print,@function
fmt_print:
  movabsq $fmt_digits, %rax
  movabsq $fmt_count, %rcx
  incq (%rcx)
  call str_len
  ret

  .section .rodata,"a"
  .globl fmt_digits
fmt_digits:
  .asciz "0123456789abcdef"

  .data
  .globl fmt_count
fmt_count:
  .quad fmt_print

  .bss
  .globl fmt_buf
fmt_buf:
  .zero 64

#--- libstr.s
  .text
  .globl str_len
  .type str_len,@function
str_len:
  xorl %eax, %eax
  ret

  .section .rodata.str1.1,"aMS",@progbits,1
  .globl str_hello
str_hello:
  .asciz "hello"

  .data
  .globl str_table
str_table:
  .quad str_hello

  .bss
  .globl str_scratch
str_scratch:
  .zero 32

#--- app1.s
  .text
  .globl _start
_start:
  call fmt_print
  call str_len
  ret

  .section .rodata,"a"
  .globl app1_msg
app1_msg:
  .asciz "app one"

#--- app2.s
  .text
  .globl _start
_start:
  call str_len
  .fill 300, 1, 0x90
  call fmt_print
  ret

  .section .rodata,"a"
  .globl app2_msg
app2_msg:
  .asciz "the second application"
