; Operands the backend reads as the symbol itself stay direct, with a
; warning, and the module stays valid: exception handling (landingpad catch
; and filter clauses, Windows EH pads, llvm.eh.typeid.for, which must name
; the same type information as the clause it is compared with), operand
; bundles, and outside symbols inside constant aggregates (a vector of
; pointers), which the pass does not take apart. Other references in the
; same functions still go through the table.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>,verify' -S %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=WARN < %t.err
; WARN-DAG: warning: spacer-indirect: 'catches' refers to '_ZTIi' in exception handling information, which must stay a constant: the reference stays direct
; WARN-DAG: warning: spacer-indirect: 'catches' refers to '_ZTIl' in exception handling information, which must stay a constant: the reference stays direct
; WARN-DAG: warning: spacer-indirect: 'filters' refers to '_ZTIi' in exception handling information, which must stay a constant: the reference stays direct
; WARN-DAG: warning: spacer-indirect: 'bundles' refers to 'objc_retainAutoreleasedReturnValue' in an operand bundle, which the pass leaves alone: it stays direct
; WARN-DAG: warning: spacer-indirect: 'vectors' refers to 'ext_var' inside a constant aggregate, which the pass does not take apart: the reference stays direct

; CHECK-LABEL: define void @catches(
; CHECK:         %thrower.address = load ptr, ptr @__spacer_indirect.liba
; CHECK:         landingpad { ptr, i32 }
; CHECK-NEXT:      catch ptr @_ZTIi
; CHECK-NEXT:      catch ptr @_ZTIl
; CHECK:         call i32 @llvm.eh.typeid.for.p0(ptr @_ZTIl)
; CHECK-LABEL: define void @filters(
; CHECK:         landingpad { ptr, i32 }
; CHECK-NEXT:      filter [1 x ptr] [ptr @_ZTIi]
; CHECK-LABEL: define void @bundles(
; CHECK:         call ptr %make.address() [ "clang.arc.attachedcall"(ptr @objc_retainAutoreleasedReturnValue) ]
; CHECK-LABEL: define <2 x ptr> @vectors(
; CHECK-NEXT:    ret <2 x ptr> <ptr @ext_var, ptr @own>

@_ZTIi = external constant ptr
@_ZTIl = external constant ptr
@ext_var = external global i32
@own = global i32 0
declare void @thrower()
declare ptr @make()
declare ptr @objc_retainAutoreleasedReturnValue(ptr)
declare i32 @__gxx_personality_v0(...)
declare i32 @llvm.eh.typeid.for.p0(ptr)

define void @catches() personality ptr @__gxx_personality_v0 {
entry:
  invoke void @thrower() to label %ok unwind label %lp
ok:
  ret void
lp:
  %lpv = landingpad { ptr, i32 } catch ptr @_ZTIi catch ptr @_ZTIl
  %sel = extractvalue { ptr, i32 } %lpv, 1
  %tid = call i32 @llvm.eh.typeid.for.p0(ptr @_ZTIl)
  %m = icmp eq i32 %sel, %tid
  ret void
}

define void @filters() personality ptr @__gxx_personality_v0 {
entry:
  invoke void @thrower() to label %ok unwind label %lp
ok:
  ret void
lp:
  %lpv = landingpad { ptr, i32 } filter [1 x ptr] [ptr @_ZTIi]
  resume { ptr, i32 } %lpv
}

define void @bundles() {
  %r = call ptr @make() [ "clang.arc.attachedcall"(ptr @objc_retainAutoreleasedReturnValue) ]
  ret void
}

define <2 x ptr> @vectors() {
  ret <2 x ptr> <ptr @ext_var, ptr @own>
}

; Windows exception handling: catchpad arguments stay as they are.
; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>,verify' -S %S/Inputs/indirect-catchpad.ll 2>&1 | FileCheck %s --check-prefix=WINEH
; WINEH: warning: spacer-indirect: 'f' refers to '??_R0H@8' in exception handling information
; WINEH: catchpad within %s [ptr @"??_R0H@8", i32 0, ptr null]
