//===- Image.h - A linked image as a loader sees it -------------*- C++ -*-===//
//
// An ELF executable read with llvm/Object, reduced to what page sharing and
// layout checks need: its PT_LOAD segments (memory the loader fills: file
// bytes, then zeros up to the memory size), its symbols, and its
// .spacer.placement record if it was linked with a layout.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_IMAGE_H
#define SPACER_IMAGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spacer {

struct LoadSegment {
  uint64_t address = 0;
  uint64_t memorySize = 0;
  uint64_t fileOffset = 0;
  uint64_t fileSize = 0;
  bool readable = false, writable = false, executable = false;

  uint64_t end() const { return address + memorySize; }
  std::string permissions() const; // "R E", "RW ", ...
};

struct ImageSymbol {
  std::string name;
  uint64_t address = 0;
  uint64_t size = 0;
  /// A label with no type and no size (a linker-script symbol, an assembler
  /// label): it marks an address but occupies no memory.
  bool marker = false;
};

/// "x86-64", "aarch64", ... for messages.
llvm::StringRef elfMachineName(uint16_t machine);

class Image {
public:
  /// Reads an ELF executable. Errors name the file and what is wrong with it
  /// (not ELF, truncated, a segment outside the file, ...).
  static llvm::Expected<std::unique_ptr<Image>> open(llvm::StringRef path);
  /// The same, for an image already in memory; `name` stands for its path.
  static llvm::Expected<std::unique_ptr<Image>>
  fromBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef name);

  const std::string &path() const { return filePath; }
  uint16_t machine() const { return elfMachine; }
  llvm::StringRef machineName() const;
  llvm::ArrayRef<LoadSegment> segments() const { return loadSegments; }
  /// Defined functions, objects and labels in allocated sections, sorted by
  /// address.
  llvm::ArrayRef<ImageSymbol> symbols() const { return imageSymbols; }
  /// The contents of the .spacer.placement section, if the image has one.
  std::optional<llvm::StringRef> placementRecord() const { return placement; }

  /// The segment that maps `address`, if any (the last one, as a loader
  /// that loads segments in order would leave it).
  const LoadSegment *segmentAt(uint64_t address) const;

  /// Copies the memory at [address, address + out.size()) as a loader would
  /// fill it; bytes no segment maps read as zero. Returns whether every byte
  /// is mapped.
  bool read(uint64_t address, llvm::MutableArrayRef<uint8_t> out) const;

  /// Walks [address, address + size) as a loader would have filled it, in
  /// address order and in as few pieces as the segments allow: file bytes,
  /// runs of zero fill, and runs no segment maps. Costs nothing per byte of
  /// zero fill or hole, however large.
  void forEachSpan(
      uint64_t address, uint64_t size,
      llvm::function_ref<void(llvm::ArrayRef<uint8_t> bytes)> onFileBytes,
      llvm::function_ref<void(uint64_t count)> onZeroFill,
      llvm::function_ref<void(uint64_t count)> onUnmapped) const;

  /// Visits every page the segments map, in address order: pages holding
  /// file bytes with their contents, and runs of pages that only zero fill
  /// maps as (first page, count), so huge bss costs nothing to walk.
  void forEachPage(
      uint64_t pageSize,
      llvm::function_ref<void(uint64_t page, llvm::ArrayRef<uint8_t> bytes)>
          onContent,
      llvm::function_ref<void(uint64_t firstPage, uint64_t count)> onZero)
      const;

private:
  Image() = default;
  template <class ELFT> llvm::Error load(const void *object);

  std::string filePath;
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  uint16_t elfMachine = 0;
  std::vector<LoadSegment> loadSegments;
  std::vector<ImageSymbol> imageSymbols;
  std::optional<llvm::StringRef> placement;
};

} // namespace spacer

#endif
