## Placement inside a unikernel-style linker script with PHDRS: the
## script's output sections stay in the script's order, each that hosts
## slots split in pieces of the same name (what the script puts before the
## slots, each run of slots, what follows the region) so that the gaps are in
## no segment; its special sections keep their content, the libraries land
## in their slots, and the program's own code follows the regions.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 libsched.s -o libsched.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 libnet.s -o libnet.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 boot.s -o boot.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: %ld_lld -T unikernel.ld --spacer-layout=layout.json boot.o app.o libsched.o libnet.o -o uk
# RUN: llvm-readelf -S -l -s uk | FileCheck %s

# CHECK:      Name        Type     Address          Off    Size
# CHECK-NEXT:             NULL
# CHECK-NEXT: .text       PROGBITS 0000000000100000 {{[0-9a-f]+}} 000006
# CHECK-NEXT: .text       PROGBITS 0000000000110000 {{[0-9a-f]+}} 001007
# CHECK-NEXT: .text       PROGBITS 0000000000113000
# CHECK-NEXT: .rodata     PROGBITS 0000000000200000
# CHECK-NEXT: .rodata     PROGBITS 0000000000202000
# CHECK-NEXT: .uk_inittab PROGBITS
# CHECK-NEXT: .eh_frame   PROGBITS
# CHECK-NEXT: .init_array INIT_ARRAY
# CHECK-NEXT: .tdata      PROGBITS
# CHECK-NEXT: .tbss       NOBITS
# CHECK-NEXT: .data       PROGBITS 0000000000300000
# CHECK-NEXT: .data       PROGBITS 0000000000302000
# CHECK-NEXT: .bss        NOBITS   0000000000400000 {{[0-9a-f]+}} 001100

## The script's PHDRS, each load segment followed by one per piece of its
## sections (sections the script sent to a split section's segment go with
## its last piece), in address order; no segment both writable and
## executable, and none maps a gap.
# CHECK:      Program Headers:
# CHECK-NEXT: Type  Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000100000 0x0000000000100000 0x000006 0x000006 R E 0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000110000 0x0000000000110000 0x001007 0x001007 R E 0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000113000 0x0000000000113000 {{.*}} R E 0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000200000 0x0000000000200000 0x001004 0x001004 R   0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000202000 0x0000000000202000 {{.*}} R   0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000203000 0x0000000000203000 {{.*}} RW  0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000300000 0x0000000000300000 0x001008 0x001008 RW  0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000302000 0x0000000000302000 0x000008 0x000008 RW  0x1000
# CHECK-NEXT: LOAD  {{.*}} 0x0000000000400000 0x0000000000400000 0x000000 0x001100 RW  0x1000
# CHECK-NEXT: TLS   {{.*}} RW  0x1
# CHECK-NOT:  LOAD

## Boot code the script puts first stays first; the libraries sit in their
## slots; the program follows the text region; _etext ends it all.
# CHECK-DAG: 0000000000100000 {{.*}} boot_entry
# CHECK-DAG: 0000000000110000 {{.*}} sched_yield
# CHECK-DAG: 0000000000111000 {{.*}} net_poll
# CHECK-DAG: 0000000000113000 {{.*}} main
# CHECK-DAG: 0000000000113015 {{.*}} _etext
# CHECK-DAG: 0000000000200000 {{.*}} sched_names
# CHECK-DAG: 0000000000201000 {{.*}} net_banner
# CHECK-DAG: 0000000000202000 {{.*}} app_banner
# CHECK-DAG: 0000000000300000 {{.*}} sched_ticks
# CHECK-DAG: 0000000000301000 {{.*}} net_packets
# CHECK-DAG: 0000000000302000 {{.*}} app_state
# CHECK-DAG: 0000000000400000 {{.*}} sched_runq
# CHECK-DAG: 0000000000401000 {{.*}} net_buffers
# CHECK-DAG: 0000000000{{[0-9a-f]+}} {{.*}} __bss_start
# CHECK-DAG: 0000000000{{[0-9a-f]+}} {{.*}} _end

## Tables delimited by symbols inside their output sections keep their
## content: two init entries (app, libnet), one constructor.
# RUN: llvm-nm uk | FileCheck %s --check-prefix=TABLES
# TABLES:      [[#%.16x,CTOR_END:]] {{.*}} __init_array_end
# TABLES-NEXT: [[#%.16x,CTOR_END-8]] {{.*}} __init_array_start
# TABLES-NEXT: [[#%.16x,INIT_END:]] {{.*}} __inittab_end
# TABLES-NEXT: [[#%.16x,INIT_END-16]] {{.*}} __inittab_start

## The init table holds the addresses of the app's and libnet's init
## functions (main at 0x113000, net_init at 0x111006), in the script's SORT
## order (.uk_inittab_1 before .uk_inittab_2).
# RUN: llvm-objdump -s -j .uk_inittab uk | FileCheck %s --check-prefix=INITTAB
# INITTAB: Contents of section .uk_inittab:
# INITTAB-NEXT: {{[0-9a-f]+}} 00301100 00000000 06101100 00000000

## The exception frames stay in the script's .eh_frame and describe the
## library's code in its slot.
# RUN: llvm-readelf --unwind uk | FileCheck %s --check-prefix=UNWIND
# UNWIND: initial_location: 0x110000

## TLS stays in the script's TLS sections, outside the slots.
# RUN: llvm-readelf -s uk | FileCheck %s --check-prefix=TLS
# TLS: {{0+}}8 {{.*}} TLS {{.*}} net_tls_counter

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "libsched", "match": { "files": ["libsched.o"] },
    "slots": { "text": { "address": "0x110000", "size": "0x1000" },
               "rodata": { "address": "0x200000", "size": "0x1000" },
               "data": { "address": "0x300000", "size": "0x1000" },
               "bss": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libnet", "match": { "files": ["libnet.o"] },
    "slots": { "text": { "address": "0x111000", "size": "0x2000" },
               "rodata": { "address": "0x201000", "size": "0x1000" },
               "data": { "address": "0x301000", "size": "0x1000" },
               "bss": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- unikernel.ld
ENTRY(boot_entry)
PHDRS {
  text PT_LOAD FLAGS(5);
  rodata PT_LOAD FLAGS(4);
  data PT_LOAD FLAGS(6);
  tls PT_TLS;
}
SECTIONS {
  . = 0x100000;
  _text = .;
  .text : {
    KEEP(*(.text.boot))
    *(.text)
    *(.text.*)
  } :text
  _etext = .;

  . = ALIGN(0x1000);
  _rodata = .;
  .rodata : { *(.rodata) *(.rodata.*) } :rodata
  .uk_inittab : {
    __inittab_start = .;
    KEEP(*(SORT(.uk_inittab_*)))
    __inittab_end = .;
  } :rodata
  .eh_frame : {
    __eh_frame_start = .;
    KEEP(*(.eh_frame))
  } :rodata
  _erodata = .;

  . = ALIGN(0x1000);
  .init_array : {
    __init_array_start = .;
    KEEP(*(SORT_BY_INIT_PRIORITY(.init_array.*)))
    KEEP(*(.init_array))
    __init_array_end = .;
  } :data
  .tdata : { *(.tdata .tdata.*) } :data :tls
  .tbss : { *(.tbss .tbss.*) } :data :tls
  _data = .;
  .data : { *(.data) *(.data.*) } :data
  _edata = .;
  __bss_start = .;
  .bss : { *(.bss) *(.bss.*) *(COMMON) } :data
  _end = .;
}

#--- boot.s
  .section .text.boot,"ax",@progbits
  .globl boot_entry
boot_entry:
  call main
  hlt

#--- app.s
  .text
  .globl main
main:
  call sched_yield
  call net_poll
  movabsq $app_banner, %rax
  ret
  .section .rodata,"a"
  .globl app_banner
app_banner:
  .asciz "app"
  .data
  .globl app_state
app_state:
  .quad 7
  .section .uk_inittab_1,"a"
  .quad main
  .section .init_array,"aw",@init_array
  .quad main
  .section .tdata,"awT",@progbits
  .globl app_tls
app_tls:
  .quad 5

#--- libsched.s
  .text
  .globl sched_yield
sched_yield:
  .cfi_startproc
  movabsq $sched_ticks, %rax
  incq (%rax)
  ret
  .cfi_endproc
  .section .rodata,"a"
  .globl sched_names
sched_names:
  .asciz "idle"
  .data
  .globl sched_ticks
sched_ticks:
  .quad 0
  .bss
  .globl sched_runq
sched_runq:
  .zero 128

#--- libnet.s
  .text
  .globl net_poll
net_poll:
  call sched_yield
  ret
  .section .text.net_init,"ax",@progbits
  .globl net_init
net_init:
  ret
  .section .rodata,"a"
  .globl net_banner
net_banner:
  .asciz "net"
  .data
  .globl net_packets
net_packets:
  .quad 0
  .bss
  .globl net_buffers
net_buffers:
  .zero 256
  .section .uk_inittab_2,"a"
  .quad net_init
  .section .tbss,"awT",@nobits
  .globl net_tls_counter
net_tls_counter:
  .zero 8
