//===- SpacerPasses.cpp - The spacer pass plugin --------------------------===//
//
// Registers spacer's passes with the new pass manager:
//   spacer-tag<LIBRARY>   put a library's code and data into sections named
//                         after it (LibraryTagging.h)
// With clang, the library is named with -mllvm -spacer-library=NAME, and
// the pass runs at the start of every pipeline (including -flto's
// pre-link one), so the names are in the bitcode before LTO merges it.
//
//===----------------------------------------------------------------------===//

#include "LibraryTagging.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

static cl::opt<std::string>
    libraryOption("spacer-library",
                  cl::desc("Tag the module's code and data as this "
                           "library's (runs spacer-tag in clang's pipelines)"),
                  cl::value_desc("name"));

static void registerPasses(PassBuilder &builder) {
  builder.registerPipelineParsingCallback(
      [](StringRef name, ModulePassManager &passes,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (!name.consume_front("spacer-tag"))
          return false;
        // spacer-tag<libfmt>, or spacer-tag with -spacer-library=libfmt.
        std::string library = libraryOption;
        if (name.consume_front("<") && name.consume_back(">"))
          library = name.str();
        else if (!name.empty())
          return false;
        passes.addPass(spacer::LibraryTaggingPass(library));
        return true;
      });
  builder.registerPipelineStartEPCallback(
      [](ModulePassManager &passes, OptimizationLevel) {
        if (!libraryOption.empty())
          passes.addPass(spacer::LibraryTaggingPass(libraryOption));
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "SpacerPasses", "0.1", registerPasses};
}
