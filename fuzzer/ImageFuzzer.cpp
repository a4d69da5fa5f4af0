//===- ImageFuzzer.cpp - libFuzzer target for spacer's image reader -------===//
//
// An image is input to `spacer share` and `spacer check`, which a user or
// an attacker can hand them anything as. Feeds arbitrary bytes to the image
// reader (llvm/Object underneath) and to what both commands do with an
// image: walk its pages as a loader fills them, read memory, parse its
// placement record and check it against a manifest. Beyond "no crash, no
// hang, no sanitizer report": every content page visited holds file bytes
// of a segment, its bytes are those Image::read gives, and pages come in
// address order.
//
//   build/bin/spacer-image-fuzzer -max_total_time=600 /tmp/corpus \
//     build/test/lld/Output/fuzzer-corpus.test.tmp/images
//
// (The seed images are linked by test/lld/fuzzer-corpus.test.)
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace spacer;

// Slots over the addresses lld gives small x86-64 programs, so that the
// seeds' libraries are placed and checked.
static const char *const manifestText = R"({
  "format": "spacer-layout", "version": 1,
  "libraries": [
    { "name": "liba", "match": { "files": ["liba.o"] },
      "slots": { "text": { "address": "0x400000", "size": "0x1000" },
                 "data": { "address": "0x500000", "size": "0x1000" },
                 "bss": { "address": "0x600000", "size": "0x100000" } } },
    { "name": "libb", "match": { "files": ["libb.o"] },
      "slots": { "text": { "address": "0x201000", "size": "0x1000" } } } ] })";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const Manifest manifest = [] {
    llvm::Expected<Manifest> m = parseManifest(manifestText);
    if (!m) {
      llvm::errs() << llvm::toString(m.takeError()) << "\n";
      abort();
    }
    return std::move(*m);
  }();

  llvm::Expected<std::unique_ptr<Image>> image =
      Image::fromBuffer(llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(
                            reinterpret_cast<const char *>(data), size)),
                        "fuzz");
  if (!image) {
    llvm::consumeError(image.takeError());
    return 0;
  }

  // What share does: every page, with its contents or as zero fill.
  uint64_t last = 0;
  bool first = true;
  auto ordered = [&](uint64_t page) {
    if (!first && page <= last) {
      llvm::errs() << "pages out of order: " << page << " after " << last
                   << "\n";
      abort();
    }
    first = false;
  };
  (*image)->forEachPage(
      4096,
      [&](uint64_t page, llvm::ArrayRef<uint8_t> bytes) {
        ordered(page);
        std::vector<uint8_t> again(4096);
        (*image)->read(page * 4096, again);
        if (llvm::ArrayRef<uint8_t>(again) != bytes) {
          llvm::errs() << "a page's bytes differ from what read() gives\n";
          abort();
        }
        bool inSegment = false;
        // Inclusive bounds: the last page ends at 2^64.
        for (const LoadSegment &s : (*image)->segments())
          inSegment |= s.fileSize && s.address <= page * 4096 + 4095 &&
                       s.address + (s.fileSize - 1) >= page * 4096;
        if (!inSegment) {
          llvm::errs() << "a content page outside every segment's file "
                          "bytes\n";
          abort();
        }
        last = page;
      },
      [&](uint64_t firstPage, uint64_t count) {
        ordered(firstPage);
        last = firstPage + count - 1;
      });

  // What check does: the record against the manifest, identities included.
  ImageCheck result = checkImage(**image, manifest);
  (void)result;
  return 0;
}
