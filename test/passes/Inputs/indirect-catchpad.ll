; Input of indirect-fixed-operands.ll: a catchpad naming outside type
; information (Windows exception handling).
target triple = "x86_64-pc-windows-msvc"
@"??_R0H@8" = external global ptr
declare void @thrower()
declare i32 @__CxxFrameHandler3(...)
define void @f() personality ptr @__CxxFrameHandler3 {
entry:
  invoke void @thrower() to label %ok unwind label %cs
ok:
  ret void
cs:
  %s = catchswitch within none [label %h] unwind to caller
h:
  %p = catchpad within %s [ptr @"??_R0H@8", i32 0, ptr null]
  catchret from %p to label %ok
}
