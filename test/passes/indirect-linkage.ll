; Which symbols are outside the library: declarations, and definitions the
; linker may replace with another file's (weak, linkonce, common, extern
; weak). Strong and internal definitions, aliases of them and LLVM's
; intrinsics stay direct. Extern weak symbols go through the table too: the
; linker fills their entry with 0, so a test against null still works.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>' -S %s | FileCheck %s

; CHECK: @__spacer_indirect.liba = internal global [6 x ptr] [ptr @weak_def, ptr @linkonce_def, ptr @odr_def, ptr @optional, ptr @weak_alias, ptr @common_var]

@strong_var = global i32 1
@common_var = common global i32 0
@strong_alias = alias i32, ptr @strong_var
@weak_alias = weak alias i32, ptr @strong_var

define void @strong_def() {
  ret void
}
define weak void @weak_def() {
  ret void
}
define linkonce void @linkonce_def() {
  ret void
}
define linkonce_odr void @odr_def() {
  ret void
}
declare extern_weak void @optional()
declare i64 @llvm.ctpop.i64(i64)

; CHECK-LABEL: define i32 @user(
; CHECK-NEXT:    call void @strong_def()
; CHECK-NEXT:    %weak_def.address = load ptr, ptr @__spacer_indirect.liba
; CHECK-NEXT:    call void %weak_def.address()
; CHECK:         call void %linkonce_def.address()
; CHECK:         call void %odr_def.address()
; CHECK:         %optional.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 3)
; CHECK-NEXT:    %present = icmp ne ptr %optional.address, null
; CHECK:         %c = call i64 @llvm.ctpop.i64(i64 7)
; CHECK-NEXT:    %a = load i32, ptr @strong_var
; CHECK-NEXT:    %b = load i32, ptr @strong_alias
; CHECK-NEXT:    %weak_alias.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 4)
define i32 @user() {
  call void @strong_def()
  call void @weak_def()
  call void @linkonce_def()
  call void @odr_def()
  %present = icmp ne ptr @optional, null
  br i1 %present, label %call, label %done
call:
  call void @optional()
  br label %done
done:
  %c = call i64 @llvm.ctpop.i64(i64 7)
  %a = load i32, ptr @strong_var
  %b = load i32, ptr @strong_alias
  %w = load i32, ptr @weak_alias
  %m = load i32, ptr @common_var
  %s = add i32 %a, %b
  %t = add i32 %s, %w
  %u = add i32 %t, %m
  ret i32 %u
}

; available_externally definitions are copies of definitions elsewhere,
; dropped at code generation: outside too. The copy of a constant is not
; moved to data (it is not emitted).
; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>,verify' -S %S/Inputs/indirect-available-externally.ll | FileCheck %s --check-prefix=AE
; AE: @vt = available_externally unnamed_addr constant [2 x ptr] [ptr null, ptr @vf]
; AE: @__spacer_indirect.liba = internal global [2 x ptr] [ptr @helper, ptr @vt]
; AE: %helper.address = load ptr, ptr @__spacer_indirect.liba
; AE: %vt.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 1)

; Nothing outside is referred to: no table.
; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>' -S %S/Inputs/indirect-self-contained.ll | FileCheck %s --check-prefix=NONE
; NONE-NOT: __spacer_indirect
