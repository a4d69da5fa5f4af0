//===- PassSupport.h - What spacer's passes share ---------------*- C++ -*-===//
//
// The diagnostics every spacer pass uses: messages reported through the LLVM
// context, so that opt, clang and the LTO linker print them as their own
// errors and warnings. The naming rules the passes share with the rest of
// spacer are in lib/SpacerNames.h.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_PASSES_PASSSUPPORT_H
#define SPACER_PASSES_PASSSUPPORT_H

#include "SpacerNames.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/DiagnosticInfo.h"

namespace llvm {
class Module;
}

namespace spacer {

/// Reports MESSAGE, prefixed with the pass's name ("spacer-tag: ..."), as an
/// error or warning of the tool running the pass.
void diagnose(llvm::Module &module, llvm::StringRef pass,
              const llvm::Twine &message, llvm::DiagnosticSeverity severity);

} // namespace spacer

#endif
