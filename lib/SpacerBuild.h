//===- SpacerBuild.h - Which build of a library is this ---------*- C++ -*-===//
//
// A library's *build* is what it is compiled to, before any link: the
// sections that go to its slots (names, types, flags, alignments, entry
// sizes, sizes, their bytes and their relocations: place, type, addend and
// the symbol each names) and its objects' symbol tables. Two images
// hold the same build of a library when it was compiled from the same
// sources with the same configuration; then its slots can hold the same
// bytes in both, and `spacer share` counts it once for the ideal bound.
// Addresses do not enter it, so the link the library is in does not change
// it; a change of code of the same size does.
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

/// The bytes of an array of ELF structures (relocations, symbols), as they
/// are in the file.
template <class T> llvm::ArrayRef<uint8_t> bytesOf(llvm::ArrayRef<T> array) {
  return {reinterpret_cast<const uint8_t *>(array.data()),
          array.size() * sizeof(T)};
}

class BuildFingerprint {
public:
  /// A section of slot kind KIND that the library's slots hold.
  void addSection(unsigned kind, llvm::StringRef name, uint32_t type,
                  uint64_t flags, uint64_t alignment, uint64_t entrySize,
                  uint64_t size, uint64_t relocations) {
    items.append({kind, llvm::xxh3_64bits(name), type, flags, alignment,
                  entrySize, size, relocations});
  }
  /// Bytes of the section last added, as compiled: its contents (none for
  /// SHT_NOBITS), and its relocation section whole when its object belongs
  /// to the library whole (symbols are then told by their index in the
  /// object's symbol table, whose entries and names are added too).
  void addBytes(llvm::ArrayRef<uint8_t> bytes) {
    items.push_back(llvm::xxh3_64bits(bytes));
  }
  /// The same, hashed only by value(), which may then run on another
  /// thread: the bytes must stay where they are until then.
  void addBytesLater(llvm::ArrayRef<uint8_t> bytes) {
    later.push_back({items.size(), bytes});
    items.push_back(0);
  }
  /// A relocation of the section last added, when its object holds other
  /// libraries' code too (LTO's output), whose symbol indices say nothing of
  /// this library: the symbol is told by name. A section symbol
  /// (STT_SECTION), whose name is usually empty, is told by the index of its
  /// section.
  void addRelocation(uint64_t offset, uint32_t type, int64_t addend,
                     llvm::StringRef symbol, uint64_t sectionIndex) {
    items.append({offset, type, uint64_t(addend), llvm::xxh3_64bits(symbol),
                  sectionIndex});
  }
  bool empty() const { return items.empty(); }
  /// The fingerprint: the values hashed little-endian, the same on every
  /// host.
  uint64_t value() const {
    llvm::SmallVector<uint8_t, 0> bytes(items.size() * sizeof(uint64_t));
    for (size_t i = 0, e = items.size(); i != e; ++i)
      llvm::support::endian::write64le(&bytes[i * sizeof(uint64_t)], items[i]);
    for (const auto &[index, data] : later)
      llvm::support::endian::write64le(&bytes[index * sizeof(uint64_t)],
                                       llvm::xxh3_64bits(data));
    return llvm::xxh3_64bits(bytes);
  }

private:
  llvm::SmallVector<uint64_t, 0> items;
  // Items whose bytes addBytesLater left for value() to hash.
  llvm::SmallVector<std::pair<size_t, llvm::ArrayRef<uint8_t>>, 0> later;
};

} // namespace spacer

#endif
