## Libraries match sections by name as well as by file: after LTO, one
## object holds every library, and the tagging pass names each library's
## sections after it. A section claimed by two libraries, or by one library
## through its file and by another through its name, is an error.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 merged.s -o merged.o
# RUN: %ld_lld --spacer-layout=layout.json merged.o -o out
# RUN: llvm-readelf -s out | FileCheck %s
# CHECK-DAG: 0000000000400000 {{.*}} a_func
# CHECK-DAG: 0000000000401000 {{.*}} b_func
# CHECK-DAG: 0000000000500000 {{.*}} a_var
# CHECK-DAG: 0000000000402000 {{.*}} _start

## The same libraries in a program with more code of its own: the same bytes
## in every slot (a_func's reference to a_var included).
# RUN: llvm-mc -filetype=obj -triple=x86_64 --defsym=BIGGER=1 merged.s -o merged2.o
# RUN: %ld_lld --spacer-layout=layout.json merged2.o -o out-b
# RUN: llvm-readelf -s out-b | FileCheck %s --check-prefix=LIBS
# LIBS-DAG: 0000000000400000 {{.*}} a_func
# LIBS-DAG: 0000000000401000 {{.*}} b_func
# LIBS-DAG: 0000000000500000 {{.*}} a_var
# RUN: spacer-memdump out 0x400000 0x402000 > text1
# RUN: spacer-memdump out-b 0x400000 0x402000 > text2
# RUN: cmp text1 text2
# RUN: FileCheck %s --check-prefix=TEXT < text1
# TEXT: 0000000000400000: 48 b8 00 00 50 00 00 00 00 00 c3
# TEXT: 0000000000401000: c3
# RUN: spacer-memdump out 0x500000 0x501000 > data1
# RUN: spacer-memdump out-b 0x500000 0x501000 > data2
# RUN: cmp data1 data2

# RUN: %expect_exit 1 %ld_lld --spacer-layout=twice.json merged.o -o out2 2>&1 | FileCheck %s --check-prefix=TWICE
# TWICE: error: twice.json: section merged.o:(.text.spacer.liba) matches the section patterns of both library 'liba' and library 'any'
# RUN: not test -e out2

# RUN: %expect_exit 1 %ld_lld --spacer-layout=file-and-name.json merged.o -o out2 2>&1 | FileCheck %s --check-prefix=BOTH
# BOTH: error: file-and-name.json: section merged.o:(.text.spacer.libb) belongs to library 'liba' by its file and to library 'libb' by its name
# RUN: not test -e out2

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "sections": ["*.spacer.liba"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" },
               "data": { "address": "0x500000", "size": "0x1000" } } },
  { "name": "libb", "match": { "sections": ["*.spacer.libb"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- twice.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "sections": ["*.spacer.liba"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "any", "match": { "sections": ["*.spacer.*"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- file-and-name.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "liba", "match": { "files": ["merged.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } },
  { "name": "libb", "match": { "sections": ["*.spacer.libb"] },
    "slots": { "text": { "address": "0x401000", "size": "0x1000" } } } ] }

#--- merged.s
  .text
  .globl _start
_start:
.ifdef BIGGER
  .fill 0x80, 1, 0x90
.endif
  call a_func
  call b_func
  .section .text.spacer.liba,"ax",@progbits
  .globl a_func
a_func:
  movabsq $a_var, %rax
  ret
  .section .text.spacer.libb,"ax",@progbits
  .globl b_func
b_func:
  ret
  .section .data.spacer.liba,"aw",@progbits
  .globl a_var
a_var:
  .quad 1
