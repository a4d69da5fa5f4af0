//===- Check.cpp - Verify a linked image against the layout ---------------===//
//
// The steps of `spacer check` for one image: the slots its placement record
// lists against the manifest, the slots the manifest gives that the record
// lacks, what the linker left outside a library's slots, the record against
// the image's own symbols, and each library's identity.
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/SHA256.h"
#include <map>

using namespace llvm;
using namespace spacer;

// "sha256:<hex>" of a library's content as the image has it: per slot the
// record lists, in kind order, its kind, how many bytes it holds and those
// bytes as a loader fills them (zero fill and holes as their lengths, so a
// huge slot costs nothing to hash). Equal identities mean byte-identical
// content at the same addresses, hence pages that merge.
static std::string identityOf(
    const Image &image, const Manifest &manifest, const Library &lib,
    function_ref<ArrayRef<const PlacedSlot *>(StringRef kind)> recorded) {
  SHA256 hasher;
  auto number = [&](uint64_t n) {
    uint8_t le[8];
    support::endian::write64le(le, n);
    hasher.update(ArrayRef(le));
  };
  for (const LibrarySlot &slot : lib.slots) {
    StringRef kind = manifest.kindName(slot.kind);
    for (const PlacedSlot *got : recorded(kind)) {
      if (got->address != slot.address || got->used > slot.size)
        continue;
      hasher.update(kind);
      number(got->used);
      image.forEachSpan(
          got->address, got->used,
          [&](ArrayRef<uint8_t> bytes) {
            hasher.update(uint8_t('F'));
            number(bytes.size());
            hasher.update(bytes);
          },
          [&](uint64_t zeros) {
            hasher.update(uint8_t('Z'));
            number(zeros);
          },
          [&](uint64_t hole) {
            hasher.update(uint8_t('U'));
            number(hole);
          });
    }
  }
  std::array<uint8_t, 32> digest = hasher.final();
  return "sha256:" + toHex(digest, /*LowerCase=*/true);
}

// What memory a slot of this kind needs: code executable, read-only data
// not writable, data and bss writable. Declared kinds need nothing.
static const char *wrongPermissions(const Manifest &manifest, unsigned kind,
                                    const LoadSegment &seg) {
  if (kind == unsigned(SlotKind::Text) && !seg.executable)
    return "executable";
  if (kind == unsigned(SlotKind::Rodata) && seg.writable)
    return "read-only";
  if ((kind == unsigned(SlotKind::Data) || kind == unsigned(SlotKind::Bss)) &&
      !seg.writable)
    return "writable";
  return nullptr;
}

namespace {
// One image's check in progress: the image, the manifest, what was found.
class ImageChecker {
public:
  ImageChecker(const Image &image, const Manifest &manifest, ImageCheck &result)
      : image(image), manifest(manifest), result(result) {}

  void run(const Placement &placement);

private:
  void violate(StringRef library, StringRef kind, std::optional<Range> expected,
               std::optional<Range> actual, const Twine &message) {
    result.violations.push_back(
        {library.str(), kind.str(), expected, actual, message.str()});
  }
  void checkRecordedSlot(const PlacedSlot &got);
  void checkMissingSlots(const Placement &placement);
  void checkUnplaced(const Placement &placement);
  void checkSymbolsInSlots();
  void checkIdentities();
  // The record's entries for a library's slot of a kind, in record order
  // (more than one only in a tampered record).
  ArrayRef<const PlacedSlot *> recorded(StringRef library,
                                        StringRef kind) const {
    auto it = recordedSlots.find({library, kind});
    return it == recordedSlots.end() ? ArrayRef<const PlacedSlot *>()
                                     : ArrayRef(it->second);
  }

  const Image &image;
  const Manifest &manifest;
  ImageCheck &result;
  // Libraries the record names: placed in slots, or in the link but not.
  StringMap<bool> inImage;
  // The record's slots by library and kind, indexed once.
  std::map<std::pair<StringRef, StringRef>, SmallVector<const PlacedSlot *, 1>>
      recordedSlots;
};
} // namespace

// A slot the record lists: where the manifest has it, not overflowing, and
// mapped with the permissions its kind needs.
void ImageChecker::checkRecordedSlot(const PlacedSlot &got) {
  Range actual{got.address, got.address + got.size};
  const Library *lib = manifest.findLibrary(got.library);
  if (!lib) {
    violate(got.library, got.kind, std::nullopt, actual,
            "the image holds library '" + got.library +
                "', which the manifest does not name (linked with another "
                "manifest?)");
    return;
  }
  inImage[lib->name] = true;
  std::optional<unsigned> kind = manifest.findKind(got.kind);
  const LibrarySlot *want = kind ? lib->slot(*kind) : nullptr;
  if (!want) {
    violate(got.library, got.kind, std::nullopt, actual,
            "the image has a " + got.kind + " slot of library '" + got.library +
                "', the manifest has none");
    return;
  }
  Range expected{want->address, want->end()};
  if (got.address != want->address || got.size != want->size) {
    violate(got.library, got.kind, expected, actual,
            "the slot is elsewhere in the image than in the manifest "
            "(linked with another version of it?)");
    return;
  }
  Range content{got.address, got.address + got.used};
  if (got.used > got.size) {
    violate(got.library, got.kind, expected, content,
            "the library overflows its slot: " + hexString(got.used) +
                " bytes used of " + hexString(got.size));
    return;
  }
  if (got.used == 0)
    return;
  const LoadSegment *seg = image.segmentAt(got.address);
  if (!seg || seg->end() < content.end) {
    violate(got.library, got.kind, expected, content,
            "the library's content is not (entirely) mapped by a PT_LOAD "
            "segment");
    return;
  }
  if (const char *need = wrongPermissions(manifest, *kind, *seg))
    violate(got.library, got.kind, expected, content,
            "mapped with permissions '" + seg->permissions() + "', but a " +
                got.kind + " slot must be " + need);
}

// Every slot the manifest gives a library the image holds must be in the
// record: a slot missing from it is one the image was linked without, so
// that kind of the library is somewhere else. Records before version 3 left
// empty slots out, so with them a missing slot cannot be told from an empty
// one: that is not "ok" either.
void ImageChecker::checkMissingSlots(const Placement &placement) {
  for (const Library &lib : manifest.libraries) {
    if (!inImage.lookup(lib.name))
      continue;
    for (const LibrarySlot &want : lib.slots) {
      StringRef kind = manifest.kindName(want.kind);
      if (!recorded(lib.name, kind).empty())
        continue;
      Range expected{want.address, want.end()};
      if (placement.listsEverySlot())
        violate(lib.name, kind, expected, std::nullopt,
                "the manifest gives the library a " + kind +
                    " slot, but the image was linked without it: the "
                    "library's " +
                    kind + " sections are not in the slot");
      else
        violate(lib.name, kind, expected, std::nullopt,
                "the image's placement record (version " +
                    Twine(placement.version) +
                    ") does not list empty slots, so whether the library's " +
                    kind +
                    " is in its slot cannot be verified; relink "
                    "with this spacer's ld.lld");
    }
  }
}

// What the linker placed outside a library's slots.
void ImageChecker::checkUnplaced(const Placement &placement) {
  for (const UnplacedSections &u : placement.unplaced) {
    inImage[u.library] = true;
    std::optional<Range> where;
    if (u.size)
      where = Range{u.address, u.address + u.size};
    violate(u.library, u.kind, std::nullopt, where,
            "in the image but not in its slots: " + u.why);
  }
}

// Checks the record against the image itself: no symbol that occupies
// memory may lie in a slot beyond the content the record gives it, or in
// the slot of a library the image does not hold. (Markers, such as
// linker-script symbols, occupy nothing.)
void ImageChecker::checkSymbolsInSlots() {
  ArrayRef<ImageSymbol> symbols = image.symbols();
  for (const Library &lib : manifest.libraries)
    for (const LibrarySlot &slot : lib.slots) {
      StringRef kind = manifest.kindName(slot.kind);
      ArrayRef<const PlacedSlot *> entries = recorded(lib.name, kind);
      const PlacedSlot *got = entries.empty() ? nullptr : entries.back();
      if (!got && inImage.lookup(lib.name))
        continue; // Reported as a missing slot.
      uint64_t free = slot.address;
      if (got) {
        if (got->address != slot.address || got->size != slot.size ||
            got->used > got->size)
          continue; // Reported already.
        free += got->used;
      }
      auto it = llvm::partition_point(
          symbols, [&](const ImageSymbol &s) { return s.address < free; });
      for (; it != symbols.end() && it->address < slot.end(); ++it) {
        if (it->marker)
          continue;
        Range expected{slot.address, slot.end()};
        Range actual{it->address,
                     it->address + std::max<uint64_t>(it->size, 1)};
        violate(lib.name, kind, expected, actual,
                "symbol '" + it->name + "' lies in the slot " +
                    (got ? "beyond the library's content, where the image's "
                           "record says nothing is"
                         : "of a library the image does not hold"));
        break;
      }
    }
}

// Each library's bytes against the identity the manifest recorded.
void ImageChecker::checkIdentities() {
  for (const Library &lib : manifest.libraries) {
    if (!inImage.lookup(lib.name)) {
      result.absent.push_back(lib.name);
      continue;
    }
    result.placed.push_back(lib.name);
    std::string identity =
        identityOf(image, manifest, lib,
                   [&](StringRef kind) { return recorded(lib.name, kind); });
    if (!lib.identity.empty() && lib.identity != identity)
      violate(lib.name, "", std::nullopt, std::nullopt,
              "the library's bytes differ from the manifest's identity "
              "(image " +
                  identity + ", manifest " + lib.identity +
                  "): its pages will not merge with images of the recorded "
                  "version");
    result.identities[lib.name] = identity;
  }
}

void ImageChecker::run(const Placement &placement) {
  for (const PlacedSlot &got : placement.slots) {
    recordedSlots[{got.library, got.kind}].push_back(&got);
    checkRecordedSlot(got);
  }
  checkUnplaced(placement);
  checkMissingSlots(placement);
  checkSymbolsInSlots();
  checkIdentities();
}

ImageCheck spacer::checkImage(const Image &image, const Manifest &manifest) {
  ImageCheck result;
  StringRef path = image.path();
  result.path = path.str();

  // The linker's record of what it placed.
  std::optional<StringRef> text = image.placementRecord();
  if (!text) {
    result.violations.push_back(
        {"", "", std::nullopt, std::nullopt,
         "not linked with --spacer-layout: the image has no " +
             PlacementSectionName.str() +
             " record, so no library is in its slots"});
    for (const Library &lib : manifest.libraries)
      result.absent.push_back(lib.name);
    return result;
  }
  Expected<Placement> placement = parsePlacement(*text);
  if (!placement) {
    result.error = path.str() + ": unreadable " + PlacementSectionName.str() +
                   " record: " + toString(placement.takeError());
    return result;
  }
  ImageChecker(image, manifest, result).run(*placement);
  return result;
}

ImageCheck spacer::checkImageFile(StringRef path, const Manifest &manifest) {
  Expected<std::unique_ptr<Image>> opened = Image::open(path);
  if (!opened) {
    ImageCheck result;
    result.path = path.str();
    result.error = toString(opened.takeError());
    return result;
  }
  return checkImage(**opened, manifest);
}
