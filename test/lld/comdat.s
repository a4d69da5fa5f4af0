## A library that loses a COMDAT group (an inline function, say) to a file
## outside it has that code in its slot in some images and not in others:
## the link is correct, but a warning says the slot's bytes now depend on
## the rest of the link. A group kept within the library, or lost to
## another file of the same library, is fine.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib.s -o lib.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 lib2.s -o lib2.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 app.s -o app.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o

# RUN: %ld_lld --spacer-layout=layout.json main.o app.o lib.o -o out 2>&1 | FileCheck %s
# CHECK: warning: layout.json: library 'lib' loses COMDAT group 'inline_helper' of lib.o to app.o, which is outside the library: the library's slot then holds different bytes in images where it keeps the group

# RUN: %ld_lld --spacer-layout=layout.json main.o lib.o app.o -o out 2>&1 | count 0
# RUN: %ld_lld --spacer-layout=layout.json main.o lib2.o lib.o -o out 2>&1 | count 0

#--- layout.json
{ "format": "spacer-layout", "version": 1, "libraries": [
  { "name": "lib", "match": { "files": ["lib.o", "lib2.o"] },
    "slots": { "text": { "address": "0x400000", "size": "0x1000" } } } ] }

#--- lib.s
  .section .text.inline_helper,"axG",@progbits,inline_helper,comdat
  .weak inline_helper
inline_helper:
  movl $1, %eax
  ret
  .text
  .globl lib_func
lib_func:
  call inline_helper

#--- lib2.s
  .section .text.inline_helper,"axG",@progbits,inline_helper,comdat
  .weak inline_helper
inline_helper:
  movl $1, %eax
  ret

#--- main.s
  .globl _start
_start:
  call lib_func

#--- app.s
  .section .text.inline_helper,"axG",@progbits,inline_helper,comdat
  .weak inline_helper
inline_helper:
  movl $1, %eax
  ret
