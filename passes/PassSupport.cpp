//===- PassSupport.cpp - What spacer's passes share -----------------------===//

#include "PassSupport.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

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
