; With split (spacer-tag<NAME;split>, or -spacer-split-sections with clang),
; every function and variable gets a section of its own, the library's name
; then the symbol's, as -ffunction-sections and -fdata-sections would give:
; the manifest's pattern "*.spacer.libfmt.*" finds them, and the linker can
; still order or collect them one by one. Private symbols have no name of
; their own to give and share the kind's section.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<libfmt;split>' -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%passes -spacer-library=libfmt -spacer-split-sections -passes='spacer-tag' -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<libfmt>' -S %s | FileCheck %s --check-prefix=WHOLE

; Placed by the manifest's pattern for split sections.
; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<libfmt;split>' %s -o %t.bc
; RUN: llc -mtriple=x86_64-linux-gnu -filetype=obj %t.bc -o %t.o
; RUN: echo '{ "format": "spacer-layout", "version": 1, "libraries": [ { "name": "libfmt", "match": { "sections": ["*.spacer.libfmt.*", "*.spacer.libfmt"] }, "slots": { "text": { "address": "0x400000", "size": "0x1000" }, "bss": { "address": "0x600000", "size": "0x1000" } } } ] }' > %t.json
; RUN: %ld_lld --spacer-layout=%t.json -e print %t.o -o %t.out
; RUN: llvm-readelf -s %t.out | FileCheck %s --check-prefix=PLACED
; PLACED-DAG: 0000000000400000 {{.*}} print
; PLACED-DAG: 0000000000600000 {{.*}} counter

; CHECK: @counter = global i32 0, section ".bss.spacer.libfmt.counter"
; CHECK: @table = global [2 x i32] [i32 1, i32 2], section ".data.spacer.libfmt.table"
; CHECK: @message = private unnamed_addr constant [6 x i8] c"hello\00", section ".rodata.spacer.libfmt"
; CHECK: @limit = constant i64 42, section ".rodata.spacer.libfmt.limit"
; CHECK: define void @print() section ".text.spacer.libfmt.print"
; CHECK: define internal void @helper() section ".text.spacer.libfmt.helper"
; WHOLE: define void @print() section ".text.spacer.libfmt"{{ }}
@counter = global i32 0
@table = global [2 x i32] [i32 1, i32 2]
@message = private unnamed_addr constant [6 x i8] c"hello\00"
@limit = constant i64 42

define void @print() {
  call void @helper()
  ret void
}
define internal void @helper() {
  ret void
}
