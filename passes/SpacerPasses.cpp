//===- SpacerPasses.cpp - The spacer pass plugin --------------------------===//
//
// Registers spacer's passes with the new pass manager:
//   spacer-tag<LIBRARY>      put a library's code and data into sections
//                            named after it (LibraryTagging.h)
//   spacer-indirect<LIBRARY> route a library's references to symbols outside
//                            it through a table in its data slot
//                            (LibraryIndirection.h)
// With clang: -mllvm -spacer-library=NAME runs spacer-tag at the start of
// every pipeline (including -flto's pre-link one), so the names are in the
// bitcode before LTO merges it; -mllvm -spacer-indirect=NAME runs
// spacer-indirect at the end of the optimisation pipeline.
//
//===----------------------------------------------------------------------===//

#include "LibraryIndirection.h"
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

static cl::opt<bool> splitOption(
    "spacer-split-sections",
    cl::desc("With -spacer-library: a section per function and variable, "
             "as -ffunction-sections and -fdata-sections would give"));

static cl::opt<std::string> indirectOption(
    "spacer-indirect",
    cl::desc("Route the module's references to symbols outside this library "
             "through its table (runs spacer-indirect in clang's pipelines)"),
    cl::value_desc("name"));

// NAME<LIBRARY>, or NAME alone with the library from OPTION.
static std::optional<std::string>
parseLibraryPass(StringRef element, StringRef name, StringRef option) {
  if (!element.consume_front(name))
    return std::nullopt;
  if (element.consume_front("<") && element.consume_back(">"))
    return element.str();
  if (!element.empty())
    return std::nullopt;
  return option.str();
}

static void registerPasses(PassBuilder &builder) {
  builder.registerPipelineParsingCallback(
      [](StringRef name, ModulePassManager &passes,
         ArrayRef<PassBuilder::PipelineElement>) {
        // spacer-tag<libfmt>, spacer-tag<libfmt;split>, or spacer-tag with
        // -spacer-library=libfmt.
        if (auto library =
                parseLibraryPass(name, "spacer-tag", libraryOption)) {
          StringRef value = *library;
          bool split = value.consume_back(";split") || splitOption;
          passes.addPass(spacer::LibraryTaggingPass(value.str(), split));
          return true;
        }
        if (auto library =
                parseLibraryPass(name, "spacer-indirect", indirectOption)) {
          passes.addPass(spacer::LibraryIndirectionPass(*library));
          return true;
        }
        return false;
      });
  builder.registerPipelineStartEPCallback([](ModulePassManager &passes,
                                             OptimizationLevel) {
    if (!libraryOption.empty())
      passes.addPass(spacer::LibraryTaggingPass(libraryOption, splitOption));
  });
  // Last, so that no optimisation sees the table's initial contents and
  // folds the loads back into direct references.
  builder.registerOptimizerLastEPCallback(
      [](ModulePassManager &passes, OptimizationLevel) {
        if (!indirectOption.empty())
          passes.addPass(spacer::LibraryIndirectionPass(indirectOption));
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "SpacerPasses", "0.1", registerPasses};
}
