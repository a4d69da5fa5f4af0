## Without --spacer-layout the patched ld.lld writes what Debian's stock
## ld.lld 19 writes for the same inputs. Only the linker's name in .comment
## differs ("spacer LLD" vs "Debian LLD"), so compare with .comment removed.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

# RUN: %ld_lld main.o lib.o -o patched
# RUN: %stock_ld_lld main.o lib.o -o stock
# RUN: llvm-objcopy --remove-section=.comment patched patched.nc
# RUN: llvm-objcopy --remove-section=.comment stock stock.nc
# RUN: cmp patched.nc stock.nc
# RUN: llvm-readelf -p .comment patched | FileCheck %s --check-prefix=PATCHED
# PATCHED: Linker: spacer LLD 19.1.7

## The same with --gc-sections, a PIE and a linker script.
# RUN: %ld_lld --gc-sections -pie main.o lib.o -o patched
# RUN: %stock_ld_lld --gc-sections -pie main.o lib.o -o stock
# RUN: llvm-objcopy --remove-section=.comment patched patched.nc
# RUN: llvm-objcopy --remove-section=.comment stock stock.nc
# RUN: cmp patched.nc stock.nc
# RUN: %ld_lld -T script.ld main.o lib.o -o patched
# RUN: %stock_ld_lld -T script.ld main.o lib.o -o stock
# RUN: llvm-objcopy --remove-section=.comment patched patched.nc
# RUN: llvm-objcopy --remove-section=.comment stock stock.nc
# RUN: cmp patched.nc stock.nc

#--- lib.s
  .text
  .globl lib_func
lib_func:
  leaq lib_msg(%rip), %rax
  ret
  .section .rodata.str1.1,"aMS",@progbits,1
lib_msg:
  .asciz "library"
  .data
  .quad lib_func
  .bss
  .zero 16

#--- main.s
  .globl _start
_start:
  call lib_func
  .section .rodata.str1.1,"aMS",@progbits,1
  .asciz "library"

#--- script.ld
SECTIONS {
  . = 0x100000;
  .text : { *(.text*) }
  .rodata : { *(.rodata*) }
  .data : { *(.data*) }
  .bss : { *(.bss*) }
}
