//===- LibraryTagging.cpp - The spacer-tag pass ---------------------------===//

#include "LibraryTagging.h"
#include "PassSupport.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace spacer;

static void report(Module &module, const Twine &message,
                   DiagnosticSeverity severity) {
  spacer::diagnose(module, "spacer-tag", message, severity);
}

PreservedAnalyses LibraryTaggingPass::run(Module &module,
                                          ModuleAnalysisManager &) {
  if (!isValidLibraryName(library)) {
    report(module,
           "expected a library name of " + LibraryNameRule +
               " (spacer-tag<NAME>, or -spacer-library=NAME), got '" + library +
               "'",
           DS_Error);
    return PreservedAnalyses::all();
  }
  // With split, the symbol's name follows, as -ffunction-sections would
  // append it: the linker sees (and can order, or collect) each one.
  auto sectionFor = [&](StringRef kind, const GlobalObject &go) {
    if (split && go.hasName() && !go.hasPrivateLinkage())
      return taggedSectionName(kind, library, go.getName());
    return taggedSectionName(kind, library);
  };

  if (!module.getModuleInlineAsm().empty())
    report(module,
           "module '" + module.getModuleIdentifier() +
               "' has module-level inline assembly, which cannot be "
               "tagged: what it defines stays in the sections it names",
           DS_Warning);

  bool changed = false;
  for (Function &f : module) {
    if (f.isDeclaration() || f.hasSection())
      continue; // Already tagged, or in a section of its own.
    f.setSection(sectionFor(".text", f));
    changed = true;
  }
  for (GlobalVariable &g : module.globals()) {
    if (g.isDeclaration() || g.hasSection() || g.isThreadLocal() ||
        g.hasCommonLinkage() || g.getName().starts_with("llvm."))
      continue;
    StringRef kind = g.isConstant()                      ? ".rodata"
                     : g.getInitializer()->isNullValue() ? ".bss"
                                                         : ".data";
    g.setSection(sectionFor(kind, g));
    changed = true;
  }
  return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
