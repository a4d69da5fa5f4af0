//===- LibraryTagging.h - The spacer-tag pass -------------------*- C++ -*-===//
//
// spacer-tag puts every function and global variable a module defines into
// sections named after a library: ".text.spacer.<library>",
// ".rodata.spacer.<library>", ".data.spacer.<library>",
// ".bss.spacer.<library>". ld.lld --spacer-layout places a library by these
// names (the manifest's "sections" patterns, e.g. "*.spacer.libfmt"), so
// placement survives LTO, which merges all input files into one.
//
//   opt -load-pass-plugin=SpacerPasses.so -passes='spacer-tag<libfmt>'
//   clang -flto -fpass-plugin=SpacerPasses.so \
//     -Xclang -load -Xclang SpacerPasses.so -mllvm -spacer-library=libfmt
//   opt ... -passes='spacer-tag<libfmt;split>'    (or -spacer-split-sections)
//     one section per function and variable, ".text.spacer.libfmt.NAME",
//     for the manifest pattern "*.spacer.libfmt.*"
//
// Left as they are, with the reason in docs/passes.md: declarations,
// globals with a section of their own, thread-local variables (the TLS
// template is not a slot), common symbols, aliases and ifuncs (they follow
// what they point to), and LLVM's own globals (llvm.used, ...). Module-level
// inline assembly cannot be tagged: the pass warns.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_PASSES_LIBRARYTAGGING_H
#define SPACER_PASSES_LIBRARYTAGGING_H

#include "llvm/IR/PassManager.h"
#include <string>

namespace spacer {

struct LibraryTaggingPass : llvm::PassInfoMixin<LibraryTaggingPass> {
  explicit LibraryTaggingPass(std::string library, bool split = false)
      : library(std::move(library)), split(split) {}
  llvm::PreservedAnalyses run(llvm::Module &module,
                              llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

  std::string library;
  /// A section per function and variable, ".text.spacer.<library>.<name>",
  /// as -ffunction-sections/-fdata-sections would give: what a user who
  /// asked for those flags keeps (spacer-tag<NAME;split>).
  bool split;
};

} // namespace spacer

#endif
