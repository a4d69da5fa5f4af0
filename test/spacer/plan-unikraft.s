## spacer plan reads Unikraft build directories as they are: the inputs of
## the image's final link come from build/IMAGE.dbg.cmd, in the order the
## build passes them, so the intermediate libNAME.ld.o and objects left over
## from an earlier configuration are not libraries; without that file the
## directory's objects are used, still without NAME.ld.o beside NAME.o.
## Header-only libraries (no sections) get no slots. --no-slot-sections
## leaves the platform's boot code where the script puts it. Then both
## images link with a Unikraft-style script, with boot code first, the
## script's tables and symbols intact and W^X segments.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir -p uk1/build uk2/build
# RUN: llvm-mc -filetype=obj -triple=x86_64 plat-boot.s -o plat-boot.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 plat-setup.s -o plat-setup.o
# RUN: %ld_lld -r plat-boot.o plat-setup.o -o uk1/build/libkvmplat.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 alloc.s -o uk1/build/libukalloc.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 empty.s -o uk1/build/libukatomic.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app1.s -o uk1/build/app1.o
# RUN: cp uk1/build/libukalloc.o uk1/build/libukalloc.ld.o
# RUN: cp uk1/build/libukalloc.o uk1/build/libstale.o
# RUN: echo '""clang-19 -Wl,-m,elf_x86_64 -Wl,--entry=boot_entry %t/uk1/build/libkvmplat.o %t/uk1/build/app1.o libukalloc.o %t/uk1/build/libukatomic.o -Wl,--start-group -Wl,--end-group -nostdlib -Wl,-dT,libkvmplat/link64.lds -o %t/uk1/build/uk1_qemu-x86_64.dbg' > uk1/build/uk1_qemu-x86_64.dbg.cmd
# RUN: cp uk1/build/libkvmplat.o uk1/build/libukalloc.o uk1/build/libukalloc.ld.o uk1/build/libukatomic.o uk2/build/
# RUN: llvm-mc -filetype=obj -triple=x86_64 app2.s -o uk2/build/app2.o

# RUN: spacer plan -o layout.json --kind-order=text,rodata,data,bss --start=0x101000 --no-slot-sections='.text.boot*,.data.boot*' uk1/build uk2/build | FileCheck %s --check-prefix=PLAN
# PLAN:      spacer plan: 2 unikernels, 5 libraries, 2 with slots
# PLAN-EMPTY:
# PLAN-NEXT: library     unikernels variants      text    rodata      data       bss  status
# PLAN-NEXT: libkvmplat           2        1      0x20       0xe       0x8    0x1000  new
# PLAN-NEXT: libukalloc           2        1      0x30       0x0       0x0      0x40  new
# PLAN-NEXT: app1                 1        1       0x3       0x0       0x0       0x0  private
# PLAN-NEXT: app2                 1        1       0x8       0x0       0x0       0x0  private
# PLAN-NEXT: libukatomic          2        1       0x0       0x0       0x0       0x0  empty
# RUN: FileCheck %s --check-prefix=KIND < layout.json
# KIND:      "kinds": {
# KIND-NEXT:   "unslotted": {
# KIND-NEXT:     "sections": [
# KIND-NEXT:       ".text.boot*",
# KIND-NEXT:       ".data.boot*"

## The manifest's file patterns match the inputs wherever they are.
# RUN: %ld_lld -T unikraft.ld --spacer-layout=layout.json uk1/build/libkvmplat.o uk1/build/app1.o uk1/build/libukalloc.o uk1/build/libukatomic.o -o uk1.img
# RUN: %ld_lld -T unikraft.ld --spacer-layout=layout.json uk2/build/libkvmplat.o uk2/build/libukalloc.o uk2/build/app2.o -o uk2.img
# RUN: llvm-readelf -l -s uk1.img | FileCheck %s --check-prefix=IMG
# RUN: llvm-readelf -l -s uk2.img | FileCheck %s --check-prefix=IMG
## A segment for what the script puts first, one per run of slots, one for
## what follows each region; none maps a gap.
# IMG:      Program Headers:
# IMG-NEXT: Type  Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align
# IMG-NEXT: LOAD  {{.*}} 0x0000000000100000 0x0000000000100000 {{.*}} R E 0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000101000 0x0000000000101000 {{.*}} R E 0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000103000 0x0000000000103000 {{.*}} R E 0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000115000 0x0000000000115000 {{.*}} R   0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000116000 0x0000000000116000 {{.*}} R   0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000117000 0x0000000000117000 {{.*}} RW  0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000128000 0x0000000000128000 {{.*}} RW  0x1000
# IMG-NEXT: LOAD  {{.*}} 0x0000000000139000 0x0000000000139000 0x000000 {{.*}} RW  0x1000
# IMG-NOT:  LOAD
## Boot code and its data stay where the script puts them, first.
# IMG-DAG: 0000000000100000 {{.*}} boot_entry
# IMG-DAG: [[DATA:[0-9a-f]+]] {{.*}} boot_gdt
## The libraries' slots follow, at the plan's addresses.
# IMG-DAG: 0000000000101000 {{.*}} plat_setup
# IMG-DAG: 0000000000102000 {{.*}} uk_malloc
# IMG-DAG: 0000000000115000 {{.*}} plat_banner
## The script's table keeps both entries between its symbols.
# IMG-DAG: 0000000000116000 {{.*}} uk_inittab_start
# IMG-DAG: 0000000000116010 {{.*}} uk_inittab_end
# RUN: llvm-readelf -x .uk_inittab uk1.img | FileCheck %s --check-prefix=TABLE
# TABLE: 0x00116000 00001000 00000000 00201000 00000000

# RUN: spacer check --layout=layout.json uk1.img uk2.img | FileCheck %s --check-prefix=CHECKED
# CHECKED: uk1.img: ok: 2 libraries in their slots (libkvmplat, libukalloc)
# CHECKED: uk2.img: ok: 2 libraries in their slots (libkvmplat, libukalloc)

## Updating keeps what the manifest in use leaves to the script out of the
## measurement, without repeating --no-slot-sections; quoted patterns are
## exact names, as in the linker.
# RUN: spacer plan -o update.json --update=layout.json --kind-order=text,rodata,data,bss --start=0x101000 uk1/build uk2/build | FileCheck %s --check-prefix=UPDATE
# UPDATE: libkvmplat           2        1      0x20       0xe       0x8    0x1000  kept
# RUN: spacer plan -o quoted.json --kind-order=text,rodata,data,bss --start=0x101000 --no-slot-sections='".text.boot",".data.boot"' uk1/build uk2/build | FileCheck %s --check-prefix=QUOTED
# QUOTED: libkvmplat           2        1      0x20       0xe       0x8    0x1000  new

## Errors: an input of the link command that is not there, two link
## commands, a bad pattern.
# RUN: cp -r uk1 broken && rm broken/build/libukalloc.o
# RUN: %expect_exit 2 spacer plan -o bad.json broken/build uk2/build 2>&1 | FileCheck %s --check-prefix=MISSING
# MISSING: spacer: error: broken/build/uk1_qemu-x86_64.dbg.cmd: link input 'libukalloc.o' does not exist (rebuild, or give the inputs as a list file)
# RUN: cp uk1/build/uk1_qemu-x86_64.dbg.cmd uk2/build/other_qemu-x86_64.dbg.cmd
# RUN: cp uk1/build/uk1_qemu-x86_64.dbg.cmd uk2/build/uk2_qemu-x86_64.dbg.cmd
# RUN: %expect_exit 2 spacer plan -o bad.json uk1/build uk2/build 2>&1 | FileCheck %s --check-prefix=TWO
# TWO: spacer: error: uk2/build: several final link commands (uk2/build/other_qemu-x86_64.dbg.cmd, uk2/build/uk2_qemu-x86_64.dbg.cmd); give one image's inputs as a list file
# RUN: %expect_exit 2 spacer plan -o bad.json --no-slot-sections='[z-a]' uk1/build 2>&1 | FileCheck %s --check-prefix=PATTERN
# PATTERN: spacer: error: --no-slot-sections: bad pattern '[z-a]': invalid glob pattern: [z-a]
# RUN: not ls bad.json

#--- plat-boot.s
## The platform's boot code, which the script puts first.
  .section .text.boot,"ax",@progbits
  .globl boot_entry
boot_entry:
  call plat_setup
  hlt
  .p2align 4
  .section .data.boot,"aw",@progbits
  .globl boot_gdt
boot_gdt:
  .quad 0, 0x00209a0000000000

#--- plat-setup.s
  .text
  .globl plat_setup
plat_setup:
  call uk_malloc
  ret
  .fill 26, 1, 0x90
  .section .rodata,"a"
  .globl plat_banner
plat_banner:
  .asciz "Powered by us"
  .data
  .quad plat_banner
  .bss
  .zero 4096
  .section .uk_inittab,"a"
  .quad boot_entry

#--- alloc.s
  .text
  .globl uk_malloc
uk_malloc:
  ret
  .fill 47, 1, 0x90
  .bss
  .zero 64
  .section .uk_inittab,"a"
  .quad uk_malloc

#--- empty.s
## A header-only library: its object has no code or data.

#--- app1.s
  .text
  .globl main
main:
  xorl %eax, %eax
  ret

#--- app2.s
  .text
  .globl main
main:
  movl $2, %eax
  ret
  .fill 2, 1, 0x90

#--- unikraft.ld
/* A Unikraft-style platform script: boot code first in .text and boot data
 * first in .data, a constructor-like table delimited by symbols inside its
 * output section, the kinds on pages of their own. */
ENTRY(boot_entry)
SECTIONS
{
  . = 0x100000;
  .text : {
    KEEP(*(.text.boot))
    . = ALIGN(0x1000);
    *(.text .text.*)
  }
  . = ALIGN(0x1000);
  .rodata : { *(.rodata .rodata.*) }
  .uk_inittab : {
    uk_inittab_start = .;
    KEEP(*(.uk_inittab))
    uk_inittab_end = .;
  }
  . = ALIGN(0x1000);
  .data : {
    KEEP(*(.data.boot))
    *(.data .data.*)
  }
  .bss : { *(.bss .bss.*) *(COMMON) }
  /DISCARD/ : { *(.note.GNU-stack) }
}
