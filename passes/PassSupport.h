//===- PassSupport.h - What spacer's passes share ---------------*- C++ -*-===//
//
// The rules and diagnostics every spacer pass uses: which library names are
// valid, and messages reported through the LLVM context, so that opt, clang
// and the LTO linker print them as their own errors and warnings.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_PASSES_PASSSUPPORT_H
#define SPACER_PASSES_PASSSUPPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/DiagnosticInfo.h"

namespace llvm {
class Module;
}

namespace spacer {

/// A library name ends up in section and symbol names and in manifests: it
/// is letters, digits, '_', '-' and '.' only.
bool isValidLibraryName(llvm::StringRef name);

/// Reports MESSAGE, prefixed with the pass's name ("spacer-tag: ..."), as an
/// error or warning of the tool running the pass.
void diagnose(llvm::Module &module, llvm::StringRef pass,
              const llvm::Twine &message, llvm::DiagnosticSeverity severity);

} // namespace spacer

#endif
