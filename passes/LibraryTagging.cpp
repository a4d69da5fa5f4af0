//===- LibraryTagging.cpp - The spacer-tag pass ---------------------------===//

#include "LibraryTagging.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace spacer;

// A library name ends up in section names and manifests: keep it to
// characters every assembler and linker script takes as they are.
static bool isValidLibraryName(StringRef name) {
  return !name.empty() && llvm::all_of(name, [](char c) {
    return isAlnum(c) || c == '_' || c == '-' || c == '.';
  });
}

namespace {
// A message of the pass, as an error or a warning of the tool running it.
class TaggingDiagnostic : public DiagnosticInfo {
public:
  TaggingDiagnostic(const Twine &message, DiagnosticSeverity severity)
      : DiagnosticInfo(kind(), severity), message(message.str()) {}
  void print(DiagnosticPrinter &printer) const override {
    printer << "spacer-tag: " << message;
  }

private:
  static int kind() {
    static int k = getNextAvailablePluginDiagnosticKind();
    return k;
  }
  std::string message;
};
} // namespace

static void diagnose(Module &module, const Twine &message,
                     DiagnosticSeverity severity) {
  module.getContext().diagnose(TaggingDiagnostic(message, severity));
}

PreservedAnalyses LibraryTaggingPass::run(Module &module,
                                          ModuleAnalysisManager &) {
  if (!isValidLibraryName(library)) {
    diagnose(module,
             "expected a library name of letters, digits, '_', '-' and '.' "
             "(spacer-tag<NAME>, or -spacer-library=NAME), got '" +
                 library + "'",
             DS_Error);
    return PreservedAnalyses::all();
  }
  std::string suffix = ".spacer." + library;
  auto sectionFor = [&](StringRef kind) { return (kind + suffix).str(); };

  if (!module.getModuleInlineAsm().empty())
    diagnose(module,
             "module '" + module.getModuleIdentifier() +
                 "' has module-level inline assembly, which cannot be "
                 "tagged: what it defines stays in the sections it names",
             DS_Warning);

  bool changed = false;
  for (Function &f : module) {
    if (f.isDeclaration() || f.hasSection())
      continue; // Already tagged, or in a section of its own.
    f.setSection(sectionFor(".text"));
    changed = true;
  }
  for (GlobalVariable &g : module.globals()) {
    if (g.isDeclaration() || g.hasSection() || g.isThreadLocal() ||
        g.hasCommonLinkage() || g.getName().starts_with("llvm."))
      continue;
    StringRef kind = g.isConstant()                        ? ".rodata"
                     : g.getInitializer()->isNullValue() ? ".bss"
                                                           : ".data";
    g.setSection(sectionFor(kind));
    changed = true;
  }
  return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
