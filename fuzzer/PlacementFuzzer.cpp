//===- PlacementFuzzer.cpp - libFuzzer target for placement records -------===//
//
// A placement record is read from an image file, so it is as untrusted as
// the image: feeds arbitrary bytes to parsePlacement(). Beyond "no crash, no
// sanitizer report", every accepted record must be within the input limits,
// hold no slot that wraps around the address space, and round-trip:
// written back and parsed again, it gives the same record.
//
//   build/bin/spacer-placement-fuzzer -max_total_time=600 \
//     -dict=fuzzer/placement.dict /tmp/corpus \
//     fuzzer/placement-corpus
//
//===----------------------------------------------------------------------===//

#include "SpacerManifest.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace spacer;

static void fail(const llvm::Twine &why, llvm::StringRef text) {
  llvm::errs() << why << "\n" << text << "\n";
  abort();
}

static std::string written(const Placement &p) {
  std::string text;
  llvm::raw_string_ostream os(text);
  writePlacement(p, os);
  return text;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  llvm::Expected<Placement> placement = parsePlacement(text);
  if (!placement) {
    llvm::consumeError(placement.takeError());
    return 0;
  }
  if (llvm::Error e = checkJSONLimits(text))
    fail("accepted a record beyond the limits: " + toString(std::move(e)),
         text);
  for (const PlacedSlot &s : placement->slots)
    if (s.address + s.size < s.address || s.address + s.used < s.address)
      fail("accepted a slot that wraps around", text);
  for (const UnplacedSections &u : placement->unplaced)
    if (u.address + u.size < u.address)
      fail("accepted an unplaced range that wraps around", text);

  std::string first = written(*placement);
  if (first.size() != placementSize(*placement))
    fail("placementSize() disagrees with what is written", first);
  llvm::Expected<Placement> again = parsePlacement(first);
  if (!again)
    fail("written record does not parse: " + toString(again.takeError()),
         first);
  if (written(*again) != first)
    fail("record does not round-trip", first);
  return 0;
}
