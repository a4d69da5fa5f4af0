; spacer-indirect routes every reference from the library's functions to a
; symbol outside it through the table in its data slot: direct calls become
; indirect calls, address-taken functions and global variables are loaded
; from the table, constant expressions over them become instructions, and a
; PHI's value is loaded in the incoming block. The table holds the addresses
; (filled by the linker), sits in ".data.spacer.LIBRARY" and is kept by
; llvm.compiler.used. What the module defines for good stays direct.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>,verify' -S %s | FileCheck %s

; CHECK: @own = global i32 0
; CHECK: @__spacer_indirect.liba = internal global [5 x ptr] [ptr @ext_call, ptr @ext_var, ptr @ext_array, ptr @ext_callback, ptr @register], section ".data.spacer.liba", align 8
; CHECK: @llvm.compiler.used = appending global [1 x ptr] [ptr @__spacer_indirect.liba], section "llvm.metadata"

@own = global i32 0
@ext_var = external global i32
@ext_array = external global [8 x i32]

declare i32 @ext_call(i32)
declare void @ext_callback()
declare void @register(ptr)
define internal void @own_helper() {
  ret void
}

; CHECK-LABEL: define i32 @calls(
; CHECK-NEXT:    %ext_call.address = load ptr, ptr @__spacer_indirect.liba, align 8, !invariant.load
; CHECK-NEXT:    %r = call i32 %ext_call.address(i32 %x)
; CHECK-NEXT:    call void @own_helper()
define i32 @calls(i32 %x) {
  %r = call i32 @ext_call(i32 %x)
  call void @own_helper()
  ret i32 %r
}

; CHECK-LABEL: define i32 @variables(
; CHECK-NEXT:    %ext_var.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 1)
; CHECK-NEXT:    %v = load i32, ptr %ext_var.address
; CHECK-NEXT:    %o = load i32, ptr @own
; CHECK:         %ext_array.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 2)
; CHECK-NEXT:    [[FIELD:%.*]] = getelementptr inbounds [8 x i32], ptr %ext_array.address, i64 0, i64 3
; CHECK-NEXT:    %e = load i32, ptr [[FIELD]]
define i32 @variables() {
  %v = load i32, ptr @ext_var
  %o = load i32, ptr @own
  %s = add i32 %v, %o
  %e = load i32, ptr getelementptr inbounds ([8 x i32], ptr @ext_array, i64 0, i64 3)
  %t = add i32 %s, %e
  ret i32 %t
}

; An address passed on: loaded from the table; the library's own function
; is passed directly.
; CHECK-LABEL: define void @address_taken(
; CHECK-NEXT:    %ext_callback.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 3)
; CHECK-NEXT:    %register.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 4)
; CHECK-NEXT:    call void %register.address(ptr %ext_callback.address)
; CHECK-NEXT:    %register.address1 = load ptr
; CHECK-NEXT:    call void %register.address1(ptr @own_helper)
define void @address_taken() {
  call void @register(ptr @ext_callback)
  call void @register(ptr @own_helper)
  ret void
}

; CHECK-LABEL: define ptr @phi(
; CHECK:       then:
; CHECK-NEXT:    %ext_var.address{{[0-9]*}} = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 1)
; CHECK-NEXT:    br label %join
; CHECK:       join:
; CHECK-NEXT:    %p = phi ptr [ %ext_var.address{{[0-9]*}}, %then ], [ @own, %entry ]
define ptr @phi(i1 %c) {
entry:
  br i1 %c, label %then, label %join
then:
  br label %join
join:
  %p = phi ptr [ @ext_var, %then ], [ @own, %entry ]
  ret ptr %p
}

; A PHI that lists one block twice (a switch with two cases to the same
; block) gets one value for it, for a symbol and for an expression over it.
; CHECK-LABEL: define ptr @phi_twice(
; CHECK:       entry:
; CHECK-NEXT:    %ext_var.address{{[0-9]*}} = load ptr
; CHECK-NEXT:    switch
; CHECK:         %p = phi ptr [ %ext_var.address[[N:[0-9]*]], %entry ], [ %ext_var.address[[N]], %entry ], [ null, %other ]
define ptr @phi_twice(i32 %x) {
entry:
  switch i32 %x, label %other [ i32 1, label %join
                                i32 2, label %join ]
other:
  br label %join
join:
  %p = phi ptr [ @ext_var, %entry ], [ @ext_var, %entry ], [ null, %other ]
  ret ptr %p
}
; CHECK-LABEL: define ptr @phi_twice_expr(
; CHECK:       entry:
; CHECK-NEXT:    %ext_array.address{{[0-9]*}} = load ptr
; CHECK-NEXT:    [[FIELD:%[0-9]+]] = getelementptr i8, ptr %ext_array.address{{[0-9]*}}, i64 4
; CHECK-NEXT:    switch
; CHECK:         %p = phi ptr [ [[FIELD]], %entry ], [ [[FIELD]], %entry ], [ null, %other ]
define ptr @phi_twice_expr(i32 %x) {
entry:
  switch i32 %x, label %other [ i32 1, label %join
                                i32 2, label %join ]
other:
  br label %join
join:
  %p = phi ptr [ getelementptr (i8, ptr @ext_array, i64 4), %entry ], [ getelementptr (i8, ptr @ext_array, i64 4), %entry ], [ null, %other ]
  ret ptr %p
}
