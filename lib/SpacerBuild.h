//===- SpacerBuild.h - Which build of a library is this ---------*- C++ -*-===//
//
// A library's *build* is what it is compiled to, before any link: the
// sections that go to its slots (names, types, flags, alignments, entry
// sizes, sizes, relocation counts) and its objects' symbol tables (sizes).
// Two images hold the same build of a library when it was compiled from the
// same sources with the same configuration; then its slots can hold the same
// bytes in both, and `spacer share` counts it once for the ideal bound.
// Addresses do not enter it, so the link the library is in does not change
// it. It reads headers only: builds that differ only in instruction bytes of
// the same size, or in symbols of the same total length, count as one.
//
// `spacer plan` fingerprints each library input (Workspace.cpp), ld.lld each
// library it places (SpacerLayout.cpp, recorded as "build" in the image's
// placement record), both with this class. What the library's bytes are
// once linked is another thing, its identity (`spacer check`, Check.cpp).
//
// Header only: ld.lld compiles it with its own files.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_BUILD_H
#define SPACER_BUILD_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/xxhash.h"
#include <cstdint>

namespace spacer {

class BuildFingerprint {
public:
  /// A section of slot kind KIND that the library's slots hold.
  void addSection(unsigned kind, llvm::StringRef name, uint32_t type,
                  uint64_t flags, uint64_t alignment, uint64_t entrySize,
                  uint64_t size, uint64_t relocations) {
    items.append({kind, llvm::xxh3_64bits(name), type, flags, alignment,
                  entrySize, size, relocations});
  }
  /// The symbol table of an object that belongs to the library whole.
  void addSymbolTable(uint64_t symbols, uint64_t stringBytes) {
    items.append({symbols, stringBytes});
  }
  bool empty() const { return items.empty(); }
  /// The fingerprint: the values hashed little-endian, the same on every
  /// host.
  uint64_t value() const {
    llvm::SmallVector<uint8_t, 0> bytes(items.size() * sizeof(uint64_t));
    for (size_t i = 0, e = items.size(); i != e; ++i)
      llvm::support::endian::write64le(&bytes[i * sizeof(uint64_t)], items[i]);
    return llvm::xxh3_64bits(bytes);
  }

private:
  llvm::SmallVector<uint64_t, 0> items;
};

} // namespace spacer

#endif
