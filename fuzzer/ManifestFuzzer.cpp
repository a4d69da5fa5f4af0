//===- ManifestFuzzer.cpp - libFuzzer target for the manifest library -----===//
//
// Feeds arbitrary bytes to parseManifest() and parsePlacement(). Beyond "no
// crash, no sanitizer report", it checks the library's own promises on every
// input it accepts: the manifest is within the input limits and validates,
// and writing it gives the canonical form, which parses back to the same
// canonical text; a placement record written back parses again.
// (spacer-placement-fuzzer concentrates on placement records.)
//
//   build/bin/spacer-manifest-fuzzer -max_total_time=600 \
//     -dict=fuzzer/manifest.dict /tmp/corpus fuzzer/corpus
//
// (New inputs go to the first directory, /tmp/corpus, not to the seeds.)
//
//===----------------------------------------------------------------------===//

#include "SpacerManifest.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

// Placement records (written by ld.lld, read by spacer check) go through the
// same JSON reader; the same bytes exercise both.
static void fuzzPlacement(llvm::StringRef text) {
  llvm::Expected<spacer::Placement> placement = spacer::parsePlacement(text);
  if (!placement) {
    llvm::consumeError(placement.takeError());
    return;
  }
  std::string first;
  llvm::raw_string_ostream os(first);
  spacer::writePlacement(*placement, os);
  llvm::Expected<spacer::Placement> again = spacer::parsePlacement(first);
  if (!again || again->slots.size() != placement->slots.size()) {
    llvm::errs() << "placement record does not round-trip:\n" << first;
    abort();
  }
  llvm::consumeError(again.takeError());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  fuzzPlacement(text);
  llvm::Expected<spacer::Manifest> manifest = spacer::parseManifest(text);
  if (!manifest) {
    llvm::consumeError(manifest.takeError());
    return 0;
  }
  // The input limits hold for everything accepted: no nesting, size or
  // number of values beyond them gets through.
  if (llvm::Error e = spacer::checkJSONLimits(text)) {
    llvm::errs() << "accepted a manifest beyond the limits: "
                 << llvm::toString(std::move(e)) << "\n";
    abort();
  }
  if (llvm::Error e = spacer::validateManifest(*manifest)) {
    llvm::errs() << "accepted manifest fails validation: "
                 << llvm::toString(std::move(e)) << "\n";
    abort();
  }

  std::string first;
  llvm::raw_string_ostream os(first);
  spacer::writeManifest(*manifest, os);
  llvm::Expected<spacer::Manifest> again = spacer::parseManifest(first);
  if (!again) {
    llvm::errs() << "canonical output does not parse: "
                 << llvm::toString(again.takeError()) << "\n"
                 << first;
    abort();
  }
  std::string second;
  llvm::raw_string_ostream os2(second);
  spacer::writeManifest(*again, os2);
  if (first != second) {
    llvm::errs() << "canonical output is not stable:\n"
                 << first << "\n---\n"
                 << second;
    abort();
  }
  return 0;
}
