//===- ld.lld.cpp - The spacer ld.lld driver ------------------------------===//
//
// lld's ELF port and nothing else: lld's own `lld` tool links every port
// (COFF, Mach-O, wasm), which a unikernel build does not need and which
// would triple the build. Any name this binary is installed under
// (ld.lld, ld.lld-spacer, ...) behaves as the GNU-flavoured ld.lld.
//
//===----------------------------------------------------------------------===//

#include "lld/Common/Driver.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

LLD_HAS_DRIVER(elf)

int main(int argc, const char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // lld picks its flavour from argv[0] unless told; tell it.
  std::vector<const char *> args = {argv[0], "-flavor", "gnu"};
  args.insert(args.end(), argv + 1, argv + argc);
  lld::Result result = lld::lldMain(args, llvm::outs(), llvm::errs(),
                                    {{lld::Gnu, &lld::elf::link}});
  return result.retCode;
}
