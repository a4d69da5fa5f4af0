; Input of indirect-idempotent.ll: a module spacer-indirect has run on,
; with a new reference outside since.
@__spacer_indirect.liba = internal global [1 x ptr] [ptr @ext_call], section ".data.spacer.liba", align 8
@llvm.compiler.used = appending global [1 x ptr] [ptr @__spacer_indirect.liba], section "llvm.metadata"

declare i32 @ext_call(i32)
declare i32 @ext_other(i32)

define i32 @f(i32 %x) {
  %ext_call.address = load ptr, ptr @__spacer_indirect.liba, align 8, !invariant.load !0
  %r = call i32 %ext_call.address(i32 %x)
  %s = call i32 @ext_other(i32 %r)
  ret i32 %s
}

!0 = !{}
