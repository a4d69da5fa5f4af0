; Tagging twice changes nothing, even under another name: what is tagged
; stays with the library it was first tagged for.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<liba>' -S %s -o %t.once.ll
; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<liba>,spacer-tag<liba>' -S %s -o %t.twice.ll
; RUN: diff %t.once.ll %t.twice.ll
; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<libb>' -S %t.once.ll | FileCheck %s

; CHECK: @data = global i32 1, section ".data.spacer.liba"
; CHECK: define void @f() section ".text.spacer.liba"
@data = global i32 1

define void @f() {
  ret void
}
