//===- LibraryIndirection.h - The spacer-indirect pass ----------*- C++ -*-===//
//
// spacer-indirect makes a library's code and read-only data independent of
// where everything outside the library is placed. Every reference from the
// module's functions to a symbol the module does not define for good (a
// declaration, or a weak definition another file may replace) becomes a
// load from a per-library table, "__spacer_indirect.<library>", which lives
// in the library's data slot (section ".data.spacer.<library>") and holds
// the symbols' addresses, filled in by the linker. Calls become indirect
// calls through the table. Constant data that points outside the library
// moves to writable data (the table's kind), so rodata holds no outside
// address either. With ld.lld --spacer-layout, the library's text and
// rodata slots are then byte-identical in every image, whatever the other
// libraries' slots or the application look like: the basis of sharing with
// per-image shuffled library slots (docs/aslr.md).
//
//   opt -load-pass-plugin=SpacerPasses.so \
//       -passes='default<O2>,spacer-indirect<libfmt>' lib.bc -o lib.ind.bc
//   clang -O2 -fpass-plugin=SpacerPasses.so \
//     -Xclang -load -Xclang SpacerPasses.so -mllvm -spacer-indirect=libfmt
//
// Run it on the whole library (llvm-link its files first) so that only
// symbols outside the library go through the table, and after the
// optimizer (clang runs it last): the cost is one load per reference.
//
// Handled as documented in docs/passes.md: calls, address-taken functions,
// global variable accesses, constant expressions and PHIs, weak and extern
// weak symbols, memcpy/memmove/memset intrinsics (they are library calls).
// Left direct, with a warning: thread-local variables, operands of inline
// assembly, exception handling information, operand bundles, constant
// aggregates; module-level inline assembly cannot be seen into.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_PASSES_LIBRARYINDIRECTION_H
#define SPACER_PASSES_LIBRARYINDIRECTION_H

#include "llvm/IR/PassManager.h"
#include <string>

namespace spacer {

struct LibraryIndirectionPass : llvm::PassInfoMixin<LibraryIndirectionPass> {
  explicit LibraryIndirectionPass(std::string library)
      : library(std::move(library)) {}
  llvm::PreservedAnalyses run(llvm::Module &module,
                              llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

  std::string library;
};

} // namespace spacer

#endif
