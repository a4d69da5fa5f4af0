//===- spacer.cpp - The spacer command ------------------------------------===//
//
// One tool, one subcommand per job:
//
//   spacer plan -o M UNIKERNEL...    the layout a fleet agrees on
//   spacer share IMAGE...            page sharing a host would get
//   spacer check --layout M IMAGE... verify images against the layout
//
// Each subcommand lives in its own file and reads as a list of stages.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace spacer;

void spacer::reportError(const Twine &message) {
  // One error a line: a manifest can have several mistakes.
  SmallVector<StringRef, 4> lines;
  std::string text = message.str();
  StringRef(text).split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines)
    WithColor::error(errs(), "spacer") << line << "\n";
}

std::optional<spacer::Manifest> spacer::readManifestOrReport(StringRef path) {
  Expected<Manifest> manifest = readManifestFile(path);
  if (!manifest) {
    reportError(toString(manifest.takeError()));
    return std::nullopt;
  }
  return std::move(*manifest);
}

static void printVersion(raw_ostream &os) {
  os << "spacer (LLVM " << LLVM_VERSION_STRING << ")\n";
}

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  cl::SetVersionPrinter(printVersion);
  // The LLVM library registers hundreds of options of its own (code
  // generators, passes); --help shows only spacer's, though all still parse.
  for (cl::SubCommand *sub :
       {&cl::SubCommand::getTopLevel(), &spacer::planCommand,
        &spacer::shareCommand, &spacer::checkCommand})
    cl::HideUnrelatedOptions(
        {&spacer::planCategory, &spacer::shareCategory, &spacer::checkCategory},
        *sub);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "spacer: one memory layout for a fleet of unikernels\n\n"
          "  spacer plan -o M.json UNIKERNEL... plan the layout of a fleet\n"
          "  spacer share IMAGE...             page sharing a host would get\n"
          "  spacer check --layout=M IMAGE...  verify images against a "
          "layout\n\n"
          "  spacer SUBCOMMAND --help          options of a subcommand\n",
          &errs()))
    return spacer::ExitError;

  if (spacer::planCommand)
    return spacer::runPlan();
  if (spacer::shareCommand)
    return spacer::runShare();
  if (spacer::checkCommand)
    return spacer::runCheck();
  spacer::reportError("expected a subcommand: plan, share or check "
                      "(see spacer --help)");
  return spacer::ExitError;
}
