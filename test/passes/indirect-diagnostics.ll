; Diagnostics of spacer-indirect: a missing or unusable library name is an
; error. Warnings name the function and the symbol whose reference stays
; direct: thread-local variables (their address depends on the thread),
; inline assembly operands, exception type information; and module-level
; inline assembly, which the pass cannot see into. Each is warned once per
; function.

; RUN: %expect_exit 1 opt -load-pass-plugin=%passes -passes='spacer-indirect' -disable-output %s 2>&1 | FileCheck %s --check-prefix=NONAME
; NONAME: error: spacer-indirect: expected a library name of letters, digits, '_', '-', '.' and '+' (spacer-indirect<NAME>, or -spacer-indirect=NAME), got ''
; RUN: %expect_exit 1 opt -load-pass-plugin=%passes -passes='spacer-indirect<lib fmt>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADNAME
; BADNAME: error: spacer-indirect: expected a library name {{.*}}, got 'lib fmt'

; RUN: opt -load-pass-plugin=%passes -spacer-indirect=libx -passes='spacer-indirect' -S %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=WARN < %t.err
; WARN:      warning: spacer-indirect: module '{{.*}}indirect-diagnostics.ll' has module-level inline assembly: what it refers to is not routed through the table
; WARN-NEXT: warning: spacer-indirect: 'tls' refers to 'ext_tls' which is thread-local: its address depends on the thread, so the reference stays direct
; WARN-NEXT: warning: spacer-indirect: 'asm_operand' refers to 'ext_var' through an inline assembly operand, which the pass cannot route through the table: it stays direct
; WARN-NEXT: warning: spacer-indirect: 'exceptions' refers to 'ext_typeinfo' in exception handling information, which must stay a constant: the reference stays direct
; WARN-NOT:  warning

; What could be routed still is: the call in 'exceptions' goes through the table.
; CHECK: @__spacer_indirect.libx = internal global [1 x ptr] [ptr @ext_may_throw]
; CHECK-LABEL: define i32 @tls(
; CHECK-NEXT:    %a = load i32, ptr @ext_tls
; CHECK-NEXT:    %b = load i32, ptr @ext_tls
; CHECK-LABEL: define void @asm_operand(
; CHECK-NEXT:    call void asm sideeffect "incl $0", "*m"(ptr elementtype(i32) @ext_var)
; CHECK-LABEL: define void @exceptions(
; CHECK:         %ext_may_throw.address = load ptr, ptr @__spacer_indirect.libx
; CHECK-NEXT:    invoke void %ext_may_throw.address()
; CHECK:         landingpad { ptr, i32 }
; CHECK-NEXT:      catch ptr @ext_typeinfo

module asm "  .globl asm_helper"

@ext_tls = external thread_local global i32
@ext_var = external global i32
@ext_typeinfo = external constant ptr

declare void @ext_may_throw()
declare i32 @__gxx_personality_v0(...)

define i32 @tls() {
  %a = load i32, ptr @ext_tls
  %b = load i32, ptr @ext_tls
  %s = add i32 %a, %b
  ret i32 %s
}

define void @asm_operand() {
  call void asm sideeffect "incl $0", "*m"(ptr elementtype(i32) @ext_var)
  ret void
}

define void @exceptions() personality ptr @__gxx_personality_v0 {
entry:
  invoke void @ext_may_throw() to label %done unwind label %caught
caught:
  %lp = landingpad { ptr, i32 } catch ptr @ext_typeinfo
  ret void
done:
  ret void
}
