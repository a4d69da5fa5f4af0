## A library's "constants": idlib is generated per image (as Unikraft's
## libuklibid is): build 2 has another object before id_reader and another
## value in it. reader reads id_reader three ways (a load, its address as an
## immediate, a pointer in data). With the constant table, its references go
## to a copy at the start of idlib's rodata slot, and its slots are the same
## bytes in both images while the copies hold each build's value (reader2
## reads objects a copy cannot stand for). Without
## it, reader's code and data name id_reader where each build has it.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: mkdir b1 b2
# RUN: llvm-mc -filetype=obj -triple=x86_64 idlib.s -o b1/idlib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=BUILD2=1 idlib.s -o b2/idlib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 reader.s -o reader.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 reader2.s -o reader2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: %ld_lld --spacer-layout=constants.json app.o reader.o reader2.o b1/idlib.o -o img1
# RUN: %ld_lld --spacer-layout=constants.json app.o reader.o reader2.o b2/idlib.o -o img2

## The table: each cell a copy of the object, zero-padded; a constant the
## build lacks is zeros.
# RUN: llvm-objdump -s --start-address=0x300000 --stop-address=0x300010 img1 | FileCheck %s --check-prefix=TABLE1
# TABLE1: 300000 03000000 00000000 00000000 00000000
# RUN: llvm-objdump -s --start-address=0x300000 --stop-address=0x300010 img2 | FileCheck %s --check-prefix=TABLE2
# TABLE2: 300000 05000000 00000000 00000000 00000000

## reader's load, immediate and pointer name the copy; the program's own
## read keeps the object's address.
# RUN: llvm-objdump -d --no-show-raw-insn img1 | FileCheck %s --check-prefix=CODE1
# CODE1:      <reader_fn>:
# CODE1-NEXT: movzwl {{.*}}(%rip), %eax # 0x300000
# CODE1-NEXT: movl $0x300000, %ecx
# CODE1-NEXT: leaq {{.*}}(%rip), %rdx # 0x300000
# CODE1-NEXT: addq $0x300000, %rsi
# CODE1:      <reader2_fn>:
# CODE1-NEXT: movl {{.*}}(%rip), %eax # 0x300020 <big>
# CODE1:      <_start>:
# CODE1-NEXT: movzwl {{.*}}(%rip), %eax # 0x300010 <id_reader>
# RUN: llvm-objdump -s -j .data img1 | FileCheck %s --check-prefix=POINTER
# POINTER: 600000 00003000 00000000
# RUN: spacer-memdump img1 0x401000 0x402000 | cut -d: -f2 > text1
# RUN: spacer-memdump img2 0x401000 0x402000 | cut -d: -f2 > text2
# RUN: cmp text1 text2
# RUN: spacer-memdump img1 0x600000 0x601000 | cut -d: -f2 > data1
# RUN: spacer-memdump img2 0x600000 0x601000 | cut -d: -f2 > data2
# RUN: cmp data1 data2
# RUN: spacer share --layout=constants.json img1 img2 | FileCheck %s --check-prefix=SHARE
# SHARE:      idlib 2 2 6 4 4 3 4
# SHARE-NEXT: reader 2 1 4 2 4 2 2
# RUN: spacer check --layout=constants.json img1 img2 | FileCheck %s --check-prefix=CHECKED
# CHECKED: img1: ok
# CHECKED: img2: ok

## Without the table, reader's code and data differ, and the record says
## why.
# RUN: %ld_lld --spacer-layout=plain.json --spacer-references app.o reader.o reader2.o b1/idlib.o -o plain1
# RUN: %ld_lld --spacer-layout=plain.json --spacer-references app.o reader.o reader2.o b2/idlib.o -o plain2
# RUN: spacer-memdump plain1 0x401000 0x402000 | cut -d: -f2 > plaintext1
# RUN: spacer-memdump plain2 0x401000 0x402000 | cut -d: -f2 > plaintext2
# RUN: not cmp -s plaintext1 plaintext2
# RUN: spacer share --explain=reader plain1 plain2 | FileCheck %s --check-prefix=WHY
# WHY:      generated (idlib): a library it refers to is another build in every image
# WHY-NEXT:   data+0x0: id_reader (library:idlib, direct) at 0x300000, 0x300010
# WHY-NEXT:   text+0x3 and 3 more: id_reader (library:idlib, direct) at 0x300000, 0x300010

## Objects a copy cannot stand for: a warning naming the library, the
## constant and why, and their references keep the object's address.
# RUN: %ld_lld --spacer-layout=uncopyable.json app.o reader.o reader2.o b1/idlib.o -o uncopyable 2>&1 | FileCheck %s --check-prefix=WARN
# WARN-DAG: warning: uncopyable.json: library 'idlib': constant 'big' gets no copy, and other libraries' references to it keep its address: it is not 1 to 8 bytes long
# WARN-DAG: warning: uncopyable.json: library 'idlib': constant 'counter' gets no copy, and other libraries' references to it keep its address: it is not in read-only data
# WARN-DAG: warning: uncopyable.json: library 'idlib': constant 'self' gets no copy, and other libraries' references to it keep its address: the linker writes some of its bytes (a relocation)
# WARN-DAG: warning: uncopyable.json: library 'idlib': constant 'tinyfn' gets no copy, and other libraries' references to it keep its address: it is not a data object
# WARN-DAG: warning: uncopyable.json: library 'idlib': constant 'mconst' gets no copy, and other libraries' references to it keep its address: it is in a mergeable section, whose pieces the link may pool
# RUN: llvm-objdump -d --no-show-raw-insn uncopyable | FileCheck %s --check-prefix=KEPT
# KEPT:      <reader2_fn>:
# KEPT-NEXT: movl
# KEPT-NEXT: leaq {{.*}}(%rip), %rdx # 0x{{[0-9a-f]+}} <big>
# KEPT-NEXT: leaq {{.*}}(%rip), %rsi # 0x{{[0-9a-f]+}} <self>
# KEPT-NEXT: incl {{.*}}(%rip) # 0x{{[0-9a-f]+}} <counter>
# KEPT-NEXT: leaq {{.*}}(%rip), %rdi # 0x{{[0-9a-f]+}} <tinyfn>
# KEPT-NEXT: movzwl {{.*}}(%rip), %eax # 0x{{[0-9a-f]+}} <mconst>

## spacer plan gives idlib, two builds, a constant for each small read-only
## object another slotted library reads and no relocation writes: not big
## (16 bytes), counter (writable), self (a pointer), tinyfn (code) or
## mconst (in a mergeable section).
# RUN: spacer plan -o planned.json one=app.o,reader.o,reader2.o,b1/idlib.o two=app.o,reader.o,reader2.o,b2/idlib.o | FileCheck %s --check-prefix=SUMMARY
# SUMMARY: constant tables, for reads from other libraries (in rodata): idlib 1{{$}}
# RUN: FileCheck %s --check-prefix=PLANNED < planned.json
# PLANNED:      "name": "idlib",
# PLANNED:      "constants": [
# PLANNED-NEXT:   "id_reader"
# PLANNED-NEXT: ],
# RUN: %ld_lld --spacer-layout=planned.json app.o reader.o reader2.o b1/idlib.o -o planned1
# RUN: %ld_lld --spacer-layout=planned.json app.o reader.o reader2.o b2/idlib.o -o planned2
# RUN: spacer share --layout=planned.json planned1 planned2 | FileCheck %s --check-prefix=PLANSHARE
# PLANSHARE: reader 2 1 {{[0-9]+}} {{[0-9]+}} {{[0-9]+}} {{[0-9]+}} {{[0-9]+}}{{$}}
# PLANSHARE-NOT: reader: {{.*}} over its ideal

## Manifests that get constants wrong: an error naming the library, and no
## output.
# RUN: %expect_exit 1 %ld_lld --spacer-layout=bad.json app.o reader.o reader2.o b1/idlib.o -o bad 2>&1 | FileCheck %s --check-prefix=BAD
# BAD-DAG: error: bad.json: library 'idlib': constant 'id_reader' is listed twice
# BAD-DAG: error: bad.json: library 'idlib': a constant has an empty name
# BAD-DAG: error: bad.json: library 'norodata': has constants but no rodata slot to hold them
# BAD-DAG: error: bad.json: library 'small': its 3 constants take 0x18 bytes, more than its rodata slot's 0x10
# RUN: not test -e bad
# RUN: %expect_exit 1 %ld_lld --spacer-layout=badtype.json app.o -o bad 2>&1 | FileCheck %s --check-prefix=BADTYPE
# BADTYPE: error: badtype.json: library 'idlib': 'constants' must be an array of strings
# RUN: not test -e bad

## Other targets build an address from two relocations (AArch64's adrp and
## its low 12 bits): constants are for x86-64 links only.
# RUN: llvm-mc -filetype=obj -triple=aarch64 a64.s -o a64.o
# RUN: %expect_exit 1 %ld_lld --spacer-layout=a64.json a64.o -o a64 2>&1 | FileCheck %s --check-prefix=MACHINE
# MACHINE: error: a64.json: library 'a64' has constants, which ld.lld makes for x86-64 only; this link is for AArch64{{$}}
# RUN: not test -e a64

#--- a64.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "a64", "match": { "files": ["a64.o"] }, "constants": ["a64_id"],
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" } } } ] }

#--- a64.s
  .section .rodata,"a",@progbits
  .globl a64_id
  .type a64_id, @object
  .size a64_id, 2
a64_id:
  .short 1

#--- constants.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "idlib", "match": { "files": ["*/idlib.o"] },
    "constants": ["id_reader", "id_other"],
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" },
               "text": { "address": "0x403000", "size": "0x1000" },
               "data": { "address": "0x601000", "size": "0x1000" } } },
  { "name": "reader", "match": { "files": ["reader.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" },
               "data": { "address": "0x600000", "size": "0x1000" } } },
  { "name": "reader2", "match": { "files": ["reader2.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- plain.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "idlib", "match": { "files": ["*/idlib.o"] },
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" },
               "text": { "address": "0x403000", "size": "0x1000" },
               "data": { "address": "0x601000", "size": "0x1000" } } },
  { "name": "reader", "match": { "files": ["reader.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" },
               "data": { "address": "0x600000", "size": "0x1000" } } },
  { "name": "reader2", "match": { "files": ["reader2.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- uncopyable.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "idlib", "match": { "files": ["*/idlib.o"] },
    "constants": ["big", "counter", "self", "tinyfn", "mconst"],
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" },
               "text": { "address": "0x403000", "size": "0x1000" },
               "data": { "address": "0x601000", "size": "0x1000" } } },
  { "name": "reader", "match": { "files": ["reader.o"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" },
               "data": { "address": "0x600000", "size": "0x1000" } } },
  { "name": "reader2", "match": { "files": ["reader2.o"] },
    "slots": { "text": { "address": "0x402000", "size": "0x1000" } } } ] }

#--- bad.json
{ "format": "spacer-layout", "version": 1, "page_size": 16, "libraries": [
  { "name": "idlib", "match": { "files": ["*/idlib.o"] },
    "constants": ["id_reader", "", "id_reader"],
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" } } },
  { "name": "norodata", "match": { "files": ["none.o"] }, "constants": ["x"],
    "slots": { "text": { "address": "0x700000", "size": "0x1000" } } },
  { "name": "small", "match": { "files": ["small.o"] },
    "constants": ["x", "y", "z"],
    "slots": { "rodata": { "address": "0x800000", "size": "0x10" } } } ] }

#--- badtype.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "idlib", "match": { "files": ["*/idlib.o"] }, "constants": "x",
    "slots": { "rodata": { "address": "0x300000", "size": "0x1000" } } } ] }

#--- idlib.s
  .section .rodata,"a",@progbits
.ifdef BUILD2
  .globl id_extra
  .type id_extra, @object
  .size id_extra, 2
id_extra:
  .short 9
.endif
  .globl id_reader
  .type id_reader, @object
  .size id_reader, 2
  .p2align 4
id_reader:
.ifdef BUILD2
  .short 5
.else
  .short 3
.endif
  .globl big
  .type big, @object
  .size big, 16
  .p2align 4
big:
  .quad 1, 2
  .globl self
  .type self, @object
  .size self, 8
self:
  .quad self
  .section .rodata.cst2,"aM",@progbits,2
  .globl mconst
  .type mconst, @object
  .size mconst, 2
mconst:
  .short 7
  .data
  .globl counter
  .type counter, @object
  .size counter, 4
counter:
  .long 1
  .text
  .globl tinyfn
  .type tinyfn, @function
  .size tinyfn, 3
tinyfn:
  xorl %eax, %eax
  ret

#--- reader.s
  .text
  .globl reader_fn
  .type reader_fn, @function
reader_fn:
  movzwl id_reader(%rip), %eax
  movl $id_reader, %ecx
  movq id_reader@GOTPCREL(%rip), %rdx
  addq id_reader@GOTPCREL(%rip), %rsi
  ret
  .data
  .globl reader_ptr
reader_ptr:
  .quad id_reader

#--- reader2.s
  .text
  .globl reader2_fn
  .type reader2_fn, @function
reader2_fn:
  movl id_reader+16(%rip), %eax
  leaq big(%rip), %rdx
  leaq self(%rip), %rsi
  incl counter(%rip)
  leaq tinyfn(%rip), %rdi
  movzwl mconst(%rip), %eax
  ret

#--- app.s
  .text
  .globl _start
_start:
  movzwl id_reader(%rip), %eax
  call reader_fn
  call reader2_fn
