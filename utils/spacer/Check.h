//===- Check.h - Verify a linked image against the layout -------*- C++ -*-===//
//
// What `spacer check` finds in one image: every way the image departs from
// the layout manifest, each naming the library, the kind, and the expected
// and actual ranges, so that the command (and the image fuzzer) only read
// the image and print.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_CHECK_H
#define SPACER_CHECK_H

#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace spacer {

struct Range {
  uint64_t start = 0, end = 0;
};

struct Violation {
  std::string library, kind;
  std::optional<Range> expected, actual;
  std::string message;
};

struct ImageCheck {
  std::string path;
  std::string error; // the image or its record could not be read
  std::vector<std::string> placed, absent;
  llvm::StringMap<std::string> identities; // of the placed libraries
  std::vector<Violation> violations;
};

/// Checks an image against the manifest.
ImageCheck checkImage(const Image &image, const Manifest &manifest);
/// The same for an image file; an unreadable one is an ImageCheck::error.
ImageCheck checkImageFile(llvm::StringRef path, const Manifest &manifest);

} // namespace spacer

#endif
