; Input of indirect-linkage.ll: available_externally copies of a function
; and a constant defined elsewhere.
@vt = available_externally unnamed_addr constant [2 x ptr] [ptr null, ptr @vf]
define available_externally i32 @helper(i32 %x) noinline {
  %y = add i32 %x, 1
  ret i32 %y
}
declare void @vf()
define i32 @f(i32 %x) {
  %r = call i32 @helper(i32 %x)
  ret i32 %r
}
define ptr @g() {
  ret ptr getelementptr (i8, ptr @vt, i64 8)
}
