; memcpy, memmove and memset intrinsics are library calls once the backend
; is done with them, unless they are small enough to become moves: those
; above 64 bytes, or of a length known only at run time, become calls
; through the table; small constant ones stay for the backend. A library
; that defines memcpy itself calls its own directly. A volatile one stays
; as it is, with a warning.

; RUN: opt -load-pass-plugin=%passes -passes='spacer-indirect<liba>,verify' -S %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=WARN < %t.err

; CHECK: @__spacer_indirect.liba = internal global [2 x ptr] [ptr @memmove, ptr @memset]

; CHECK-LABEL: define void @copies(
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 64, i1 false)
; CHECK-NEXT:    call ptr @memcpy(ptr %d, ptr %s, i64 65)
; CHECK-NEXT:    %memmove.address = load ptr, ptr @__spacer_indirect.liba
; CHECK-NEXT:    call ptr %memmove.address(ptr %d, ptr %s, i64 %n)
; CHECK-NEXT:    [[BYTE:%.*]] = zext i8 %c to i32
; CHECK-NEXT:    %memset.address = load ptr, ptr getelementptr inbounds (ptr, ptr @__spacer_indirect.liba, i32 1)
; CHECK-NEXT:    call ptr %memset.address(ptr %d, i32 [[BYTE]], i64 %n)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr %d, i8 0, i64 4096, i1 true)
define void @copies(ptr %d, ptr %s, i64 %n, i8 %c) {
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 64, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 65, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %d, i8 %c, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %d, i8 0, i64 4096, i1 true)
  ret void
}
; WARN: warning: spacer-indirect: 'copies' has a volatile llvm.memset.p0.i64, which stays for the backend: if it becomes a call, the call is direct

; The .inline forms promise that no call is made, and the table holds
; addresses in address space 0 only: both stay intrinsics. A 32-bit length
; becomes the size_t the C function takes.
; CHECK-LABEL: define void @special(
; CHECK-NEXT:    call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 256, i1 false)
; CHECK-NEXT:    call void @llvm.memset.inline.p0.i64(ptr %d, i8 0, i64 256, i1 false)
; CHECK-NEXT:    call void @llvm.memmove.p1.p0.i64(ptr addrspace(1) %far, ptr %s, i64 %n, i1 false)
; CHECK-NEXT:    [[LEN:%.*]] = zext i32 %n32 to i64
; CHECK-NEXT:    %memmove.address{{[0-9]*}} = load ptr
; CHECK-NEXT:    call ptr %memmove.address{{[0-9]*}}(ptr %d, ptr %s, i64 [[LEN]])
define void @special(ptr %d, ptr %s, ptr addrspace(1) %far, i64 %n, i32 %n32) {
  call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 256, i1 false)
  call void @llvm.memset.inline.p0.i64(ptr %d, i8 0, i64 256, i1 false)
  call void @llvm.memmove.p1.p0.i64(ptr addrspace(1) %far, ptr %s, i64 %n, i1 false)
  call void @llvm.memmove.p0.p0.i32(ptr %d, ptr %s, i32 %n32, i1 false)
  ret void
}
declare void @llvm.memcpy.inline.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.inline.p0.i64(ptr, i8, i64, i1)
declare void @llvm.memmove.p1.p0.i64(ptr addrspace(1), ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i32(ptr, ptr, i32, i1)

; The library's own memcpy.
define ptr @memcpy(ptr %d, ptr %s, i64 %n) {
  ret ptr %d
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
