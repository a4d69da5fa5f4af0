//===- ld.lld.cpp - The spacer ld.lld driver ------------------------------===//
//
// lld's ELF port and nothing else: lld's own `lld` tool links every port
// (COFF, Mach-O, wasm), which a unikernel build does not need and which
// would triple the build. Any name this binary is installed under
// (ld.lld, ld.lld-spacer, ...) behaves as the GNU-flavoured ld.lld.
//
// Like lld's own tool, it exits without freeing anything once the output
// is written, unless LLD_IN_TEST asks for the clean-up path (lld's tests
// set it, and with 2 link twice in one process).
//
//===----------------------------------------------------------------------===//

#include "lld/Common/Driver.h"
#include "lld/Common/ErrorHandler.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <optional>
#include <vector>

LLD_HAS_DRIVER(elf)

namespace lld {
extern bool inTestOutputDisabled;
// lldMain without the crash recovery and, with exitEarly, without the
// clean-up: lld's tool declares it the same way.
int unsafeLldMain(llvm::ArrayRef<const char *> args,
                  llvm::raw_ostream &stdoutOS, llvm::raw_ostream &stderrOS,
                  llvm::ArrayRef<DriverDef> drivers, bool exitEarly);
} // namespace lld

// How many times to link in this process: 0 outside lld's tests.
static unsigned inTestVerbosity() {
  unsigned v = 0;
  llvm::StringRef(getenv("LLD_IN_TEST")).getAsInteger(10, v);
  return v;
}

int main(int argc, const char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // lld picks its flavour from argv[0] unless told; tell it.
  std::vector<const char *> args = {argv[0], "-flavor", "gnu"};
  args.insert(args.end(), argv + 1, argv + argc);
  const lld::DriverDef drivers[] = {{lld::Gnu, &lld::elf::link}};

  // Freeing a big link's memory takes longer than the process's exit.
  if (!inTestVerbosity())
    return lld::unsafeLldMain(args, llvm::outs(), llvm::errs(), drivers,
                              /*exitEarly=*/true);

  std::optional<int> first;
  llvm::CrashRecoveryContext::Enable();
  for (unsigned i = inTestVerbosity(); i > 0; --i) {
    // Only the last run prints anything.
    lld::inTestOutputDisabled = i != 1;
    lld::Result r = lld::lldMain(args, llvm::outs(), llvm::errs(), drivers);
    if (!r.canRunAgain)
      lld::exitLld(r.retCode);
    if (!first)
      first = r.retCode;
    else if (r.retCode != *first)
      return r.retCode; // A second run that differs fails the test.
  }
  return *first;
}
