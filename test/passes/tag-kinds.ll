; spacer-tag puts every function and global variable the module defines into
; a section named after the library, by kind: code, read-only data, data,
; zero-initialised data. What it must leave alone keeps no section, or its
; own: declarations, thread-local variables, common symbols, aliases,
; globals with a section of their own, and LLVM's own globals.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-tag<libfmt>' -S %s | FileCheck %s

; CHECK: @counter = global i32 0, section ".bss.spacer.libfmt"
@counter = global i32 0
; CHECK: @table = global [2 x i32] [i32 1, i32 2], section ".data.spacer.libfmt"
@table = global [2 x i32] [i32 1, i32 2]
; CHECK: @message = private unnamed_addr constant [6 x i8] c"hello\00", section ".rodata.spacer.libfmt"
@message = private unnamed_addr constant [6 x i8] c"hello\00"
; CHECK: @weak_default = weak global i32 7, section ".data.spacer.libfmt"
@weak_default = weak global i32 7
; CHECK: @hidden_const = hidden constant i64 42, section ".rodata.spacer.libfmt"
@hidden_const = hidden constant i64 42
; CHECK: @per_thread = thread_local global i32 3{{$}}
@per_thread = thread_local global i32 3
; CHECK: @elsewhere = external global i32{{$}}
@elsewhere = external global i32
; CHECK: @common = common global i32 0{{$}}
@common = common global i32 0
; CHECK: @boot_data = global i32 5, section ".boot.data"
@boot_data = global i32 5, section ".boot.data"
; CHECK: @llvm.used = appending global [1 x ptr] [ptr @f], section "llvm.metadata"
@llvm.used = appending global [1 x ptr] [ptr @f], section "llvm.metadata"
; CHECK: @alias = alias i32, ptr @counter
@alias = alias i32, ptr @counter

; CHECK: define i32 @f() section ".text.spacer.libfmt"
define i32 @f() {
  %v = load i32, ptr @counter
  ret i32 %v
}

; CHECK: define weak void @weak_function() section ".text.spacer.libfmt"
define weak void @weak_function() {
  ret void
}

; CHECK: define internal void @inline_asm_user() section ".text.spacer.libfmt"
define internal void @inline_asm_user() {
  call void asm sideeffect "nop", ""()
  ret void
}

; CHECK: define void @boot() section ".text.boot"
define void @boot() section ".text.boot" {
  ret void
}

; CHECK: declare void @external_function(){{$}}
declare void @external_function()
