; Read-only data that holds an outside address would differ between images
; like code would: it moves to writable data (which differs per image
; anyway), also out of a tagged rodata section into the tagged data one.
; Constants that point only inside the library stay read-only.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>' -S %s | FileCheck %s

; CHECK: @handlers = global [2 x ptr] [ptr @ext_handler, ptr @own_handler]
; CHECK: @tagged = global ptr @ext_var, section ".data.spacer.liba"
; CHECK: @nested = global { i32, ptr } { i32 1, ptr getelementptr inbounds ([4 x i32], ptr @ext_table, i64 0, i64 2) }
; CHECK: @own_only = constant [1 x ptr] [ptr @own_handler]
; CHECK: @text = constant [3 x i8] c"hi\00"
; CHECK: @labels = private unnamed_addr constant [2 x ptr] [ptr blockaddress(@interpreter, %a), ptr blockaddress(@interpreter, %b)]
; CHECK-NOT: __spacer_indirect

@handlers = constant [2 x ptr] [ptr @ext_handler, ptr @own_handler]
@tagged = constant ptr @ext_var, section ".rodata.spacer.liba"
@nested = constant { i32, ptr } { i32 1, ptr getelementptr inbounds ([4 x i32], ptr @ext_table, i64 0, i64 2) }
@own_only = constant [1 x ptr] [ptr @own_handler]
@text = constant [3 x i8] c"hi\00"
@ext_var = external global i32
@ext_table = external global [4 x i32]

declare void @ext_handler()
define void @own_handler() {
  ret void
}

; A computed-goto table points at the library's own code: it stays
; read-only.
@labels = private unnamed_addr constant [2 x ptr] [ptr blockaddress(@interpreter, %a), ptr blockaddress(@interpreter, %b)]
define i32 @interpreter(i32 %op) {
entry:
  %slot = getelementptr [2 x ptr], ptr @labels, i32 0, i32 %op
  %target = load ptr, ptr %slot
  indirectbr ptr %target, [label %a, label %b]
a:
  ret i32 1
b:
  ret i32 2
}
