//===- Sharing.h - Page sharing across a set of images ----------*- C++ -*-===//
//
// What a host with perfect page deduplication (KSM at its best) would hold
// for a set of images: every page the images' loaders fill, hashed, counted
// once per distinct content. Optionally, with the layout manifest, which
// library each page belongs to, and the ideal bound: the physical pages if
// each build of every library were stored once.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_SHARING_H
#define SPACER_SHARING_H

#include "Progress.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace spacer {

struct Manifest;

enum class PageClass : uint8_t {
  Zero,   // all zero bytes (bss, padding)
  Shared, // its content is in at least one other image too
  Unique, // its content is in this image only
};

/// Consecutive pages of one class and library, for pictures.
struct PageRun {
  uint64_t firstPage = 0;
  uint64_t count = 0;
  PageClass pageClass = PageClass::Zero;
  int library = -1; // index into SharingReport::libraries, or -1
};

struct ImageSharing {
  std::string path;
  uint64_t pages = 0, zeroPages = 0, sharedPages = 0, uniquePages = 0;
  bool hasPlacement = false; // linked with --spacer-layout
  std::vector<PageRun> runs;
};

struct LibrarySharing {
  std::string name;
  unsigned images = 0;        // images holding some of it
  uint64_t pages = 0;         // its pages, over all images
  uint64_t distinctPages = 0; // distinct contents among them
  uint64_t sharedPages = 0;   // non-zero pages whose content another image has
  /// Its non-zero pages in the image where it is largest: among the images
  /// linked with the layout if any (page-aligned there, so exactly what it
  /// needs), else among all.
  uint64_t largestPages = 0;
  /// Its builds (configurations) among the images linked with the layout,
  /// by their placement records; 0 if any of them does not say (a version
  /// 1 record).
  unsigned builds = 0;
  /// Its part of the ideal bound: each build's non-zero pages where that
  /// build is largest, or largestPages when the builds are not known.
  uint64_t idealPages = 0;
  /// Non-zero page contents of it, in the images linked with the layout,
  /// beyond idealPages: the same build with different bytes in different
  /// images (its code refers to addresses that differ between them).
  uint64_t excessPages = 0;
};

struct SharingReport {
  uint64_t pageSize = 4096;
  std::vector<ImageSharing> images;
  uint64_t totalPages = 0, zeroPages = 0;
  uint64_t distinctPages = 0; // zero content counted once, if present
  uint64_t distinctNonZeroPages = 0;
  /// With a manifest: per library, and the ideal bound in pages: every
  /// library's content once (each of its builds, at its non-zero pages in
  /// the image where that build is largest), plus the distinct pages of
  /// everything else, plus one zero page.
  std::vector<LibrarySharing> libraries;
  std::optional<uint64_t> idealPages;
  /// Images that could not be analysed (with keepGoing), and why.
  std::vector<std::string> failures;

  double savingFactor() const {
    return distinctPages ? double(totalPages) / distinctPages : 1.0;
  }
};

struct SharingOptions {
  uint64_t pageSize = 4096;
  const Manifest *manifest = nullptr;
  /// Skip images that cannot be read instead of failing.
  bool keepGoing = false;
  /// Called now and then with (images done, images in all).
  ProgressFn progress;
};

llvm::Expected<SharingReport> analyseSharing(llvm::ArrayRef<std::string> paths,
                                             const SharingOptions &options);

} // namespace spacer

#endif
