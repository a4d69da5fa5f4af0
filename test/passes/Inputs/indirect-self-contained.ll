; A library module that refers to nothing outside itself.
@counter = global i32 0
define void @bump() {
  %v = load i32, ptr @counter
  %w = add i32 %v, 1
  store i32 %w, ptr @counter
  ret void
}
