//===- PassSupport.cpp - What spacer's passes share -----------------------===//

#include "PassSupport.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

bool spacer::isValidLibraryName(StringRef name) {
  return !name.empty() && llvm::all_of(name, [](char c) {
    return isAlnum(c) || c == '_' || c == '-' || c == '.';
  });
}

namespace {
class PassDiagnostic : public DiagnosticInfo {
public:
  PassDiagnostic(StringRef pass, const Twine &message,
                 DiagnosticSeverity severity)
      : DiagnosticInfo(kind(), severity), pass(pass.str()),
        message(message.str()) {}
  void print(DiagnosticPrinter &printer) const override {
    printer << pass << ": " << message;
  }

private:
  static int kind() {
    static int k = getNextAvailablePluginDiagnosticKind();
    return k;
  }
  std::string pass, message;
};
} // namespace

void spacer::diagnose(Module &module, StringRef pass, const Twine &message,
                      DiagnosticSeverity severity) {
  module.getContext().diagnose(PassDiagnostic(pass, message, severity));
}
