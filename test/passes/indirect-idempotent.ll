; Running spacer-indirect twice changes nothing the second time: the table's
; entries are the library's own loads now, and the symbols outside are only
; in the table's initializer. Running it again after new outside references
; appeared (another pass inlined or added code) extends the same table,
; keeping the indices already in use. Optimising afterwards does not fold
; the loads back into direct references.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>' -S %s -o %t.once.ll
; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>,spacer-indirect<liba>' -S %s -o %t.twice.ll
; RUN: diff %t.once.ll %t.twice.ll

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>' -S %S/Inputs/indirect-second-run.ll | FileCheck %s --check-prefix=MORE
; MORE: @llvm.compiler.used = appending global [1 x ptr] [ptr @__spacer_indirect.liba]
; MORE: @__spacer_indirect.liba = internal global [2 x ptr] [ptr @ext_call, ptr @ext_other], section ".data.spacer.liba"
; MORE-NOT: @__spacer_indirect.liba =
; MORE: %ext_call.address = load ptr, ptr @__spacer_indirect.liba
; MORE: %ext_other.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 1)

; RUN: opt -passes='default<O2>' -S %t.once.ll | FileCheck %s --check-prefix=OPTIMISED
; OPTIMISED: load ptr, ptr @__spacer_indirect.liba
; OPTIMISED-NOT: call i32 @ext_call

declare i32 @ext_call(i32)
declare i32 @ext_other(i32)

define i32 @f(i32 %x) {
  %r = call i32 @ext_call(i32 %x)
  ret i32 %r
}
