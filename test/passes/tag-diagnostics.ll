; Diagnostics: a missing or unusable library name is an error; module-level
; inline assembly, which the pass cannot tag, is a warning.

; RUN: %expect_exit 1 opt -load-pass-plugin=%passes -passes='spacer-tag' -disable-output %s 2>&1 | FileCheck %s --check-prefix=NONAME
; NONAME: error: spacer-tag: expected a library name of letters, digits, '_', '-', '.' and '+' (spacer-tag<NAME>, or -spacer-library=NAME), got ''
; RUN: %expect_exit 1 opt -load-pass-plugin=%passes -passes='spacer-tag<lib/fmt>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADNAME
; BADNAME: error: spacer-tag: expected a library name {{.*}}, got 'lib/fmt'

; With the option instead of the parameter.
; RUN: opt -load-pass-plugin=%passes -spacer-library=libx -passes='spacer-tag' -S %s 2>&1 | FileCheck %s --check-prefix=OPTION
; OPTION: warning: spacer-tag: module '{{.*}}tag-diagnostics.ll' has module-level inline assembly, which cannot be tagged: what it defines stays in the sections it names
; OPTION: define void @f() section ".text.spacer.libx"

module asm ".globl asm_function"
module asm "asm_function: ret"

define void @f() {
  ret void
}
