//===- CheckCommand.cpp - spacer check ------------------------------------===//
//
// spacer check --layout=M.json [--json] [--record-identities=OUT] IMAGE...
//
// Verifies linked images against the layout manifest. ld.lld records in
// every image it links with a layout what it placed (.spacer.placement);
// check compares that record with the manifest (same libraries, same slot
// addresses and sizes, nothing overflowing), checks that each slot is
// mapped with the permissions its kind needs, and compares each library's
// bytes with the identity the manifest recorded for it. Every violation
// names the library, the kind, the expected and the actual range.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace spacer;

cl::SubCommand spacer::checkCommand(
    "check", "Verify linked images against a layout manifest");

static cl::OptionCategory checkCategory("spacer check options");
static cl::list<std::string> images(cl::Positional, cl::OneOrMore,
                                    cl::desc("<image>..."),
                                    cl::sub(checkCommand),
                                    cl::cat(checkCategory));
static cl::opt<std::string> layoutFile("layout", cl::Required,
                                       cl::desc("The layout manifest"),
                                       cl::value_desc("file"),
                                       cl::sub(checkCommand),
                                       cl::cat(checkCategory));
static cl::opt<bool> jsonOutput("json", cl::desc("Print the results as JSON"),
                          cl::sub(checkCommand), cl::cat(checkCategory));
static cl::opt<std::string> recordIdentities(
    "record-identities",
    cl::desc("Write the manifest with the identity of every library the "
             "images hold, as the reference later checks compare with"),
    cl::value_desc("file"), cl::sub(checkCommand), cl::cat(checkCategory));

namespace {
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
  std::string error; // could not be read at all
  std::vector<std::string> placed, absent;
  StringMap<std::string> identities; // of the placed libraries
  std::vector<Violation> violations;
};
} // namespace

static std::string hex(uint64_t v) { return hexString(v); }

static std::string show(const Range &r) {
  return "[" + hex(r.start) + ", " + hex(r.end) + ")";
}

// "sha256:<hex>" of the memory of all of a library's slots, in kind order:
// equal identities mean byte-identical slots, hence pages that merge.
static std::string identityOf(const Image &image, const Library &lib) {
  SHA256 hasher;
  std::vector<uint8_t> bytes;
  for (const LibrarySlot &slot : lib.slots) {
    bytes.resize(slot.size);
    image.read(slot.address, bytes);
    hasher.update(bytes);
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
  ImageChecker(const Image &image, const Manifest &manifest,
               ImageCheck &result)
      : image(image), manifest(manifest), result(result) {}

  void run(const Placement &placement);

private:
  void violate(StringRef library, StringRef kind,
               std::optional<Range> expected, std::optional<Range> actual,
               const Twine &message) {
    result.violations.push_back(
        {library.str(), kind.str(), expected, actual, message.str()});
  }
  void checkRecordedSlot(const PlacedSlot &got);
  void checkMissingSlots(const Placement &placement);
  void checkUnplaced(const Placement &placement);
  void checkSymbolsInSlots(const Placement &placement);
  void checkIdentities();

  const Image &image;
  const Manifest &manifest;
  ImageCheck &result;
  // Libraries the record names: placed in slots, or in the link but not.
  StringMap<bool> inImage;
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
            "the image has a " + got.kind + " slot of library '" +
                got.library + "', the manifest has none");
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
            "the library overflows its slot: " + hex(got.used) +
                " bytes used of " + hex(got.size));
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
      if (llvm::any_of(placement.slots, [&](const PlacedSlot &got) {
            return got.library == lib.name && got.kind == kind;
          }))
        continue;
      Range expected{want.address, want.end()};
      if (placement.listsEverySlot())
        violate(lib.name, kind, expected, std::nullopt,
                "the manifest gives the library a " + kind +
                    " slot, but the image was linked without it: the "
                    "library's " + kind + " sections are not in the slot");
      else
        violate(lib.name, kind, expected, std::nullopt,
                "the image's placement record (version " +
                    Twine(placement.version) +
                    ") does not list empty slots, so whether the library's " +
                    kind + " is in its slot cannot be verified; relink "
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
void ImageChecker::checkSymbolsInSlots(const Placement &placement) {
  ArrayRef<ImageSymbol> symbols = image.symbols();
  for (const Library &lib : manifest.libraries)
    for (const LibrarySlot &slot : lib.slots) {
      StringRef kind = manifest.kindName(slot.kind);
      const PlacedSlot *got = nullptr;
      for (const PlacedSlot &p : placement.slots)
        if (p.library == lib.name && p.kind == kind)
          got = &p;
      if (!got && inImage.lookup(lib.name))
        continue; // Reported as a missing slot.
      uint64_t free = slot.address;
      if (got) {
        if (got->address != slot.address || got->size != slot.size ||
            got->used > got->size)
          continue; // Reported already.
        free += got->used;
      }
      auto it = llvm::partition_point(symbols, [&](const ImageSymbol &s) {
        return s.address < free;
      });
      for (; it != symbols.end() && it->address < slot.end(); ++it) {
        if (it->marker)
          continue;
        Range expected{slot.address, slot.end()};
        Range actual{it->address, it->address + std::max<uint64_t>(it->size, 1)};
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
    std::string identity = identityOf(image, lib);
    if (!lib.identity.empty() && lib.identity != identity)
      violate(lib.name, "", std::nullopt, std::nullopt,
              "the library's bytes differ from the manifest's identity "
              "(image " + identity + ", manifest " + lib.identity +
                  "): its pages will not merge with images of the recorded "
                  "version");
    result.identities[lib.name] = identity;
  }
}

void ImageChecker::run(const Placement &placement) {
  for (const PlacedSlot &got : placement.slots)
    checkRecordedSlot(got);
  checkUnplaced(placement);
  checkMissingSlots(placement);
  checkSymbolsInSlots(placement);
  checkIdentities();
}

static ImageCheck checkImage(StringRef path, const Manifest &manifest) {
  ImageCheck result;
  result.path = path.str();
  Expected<std::unique_ptr<Image>> opened = Image::open(path);
  if (!opened) {
    result.error = toString(opened.takeError());
    return result;
  }
  const Image &image = **opened;

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

static void printText(ArrayRef<ImageCheck> results, raw_ostream &os) {
  for (const ImageCheck &r : results) {
    if (!r.error.empty())
      continue; // reported as an error
    if (r.violations.empty()) {
      os << r.path << ": ok: " << r.placed.size() << " librar"
         << (r.placed.size() == 1 ? "y" : "ies") << " in their slots";
      if (!r.placed.empty())
        os << " (" << join(r.placed, ", ") << ")";
      if (!r.absent.empty())
        os << "; absent: " << join(r.absent, ", ");
      os << "\n";
      continue;
    }
    os << r.path << ": " << r.violations.size() << " violation"
       << (r.violations.size() == 1 ? "" : "s") << "\n";
    for (const Violation &v : r.violations) {
      os << "  ";
      if (!v.library.empty())
        os << "library '" << v.library << "'"
           << (v.kind.empty() ? "" : " " + v.kind) << ": ";
      os << v.message << "\n";
      if (v.expected)
        os << "    expected " << show(*v.expected) << "\n";
      if (v.actual)
        os << "    actual   " << show(*v.actual) << "\n";
    }
  }
}

static void printJSON(ArrayRef<ImageCheck> results, raw_ostream &os) {
  auto range = [](json::OStream &out, StringRef key,
                  const std::optional<Range> &r) {
    if (r)
      out.attributeObject(key, [&] {
        out.attribute("start", hex(r->start));
        out.attribute("end", hex(r->end));
      });
  };
  json::OStream out(os, 2);
  out.object([&] {
    out.attribute("ok", llvm::all_of(results, [](const ImageCheck &r) {
                    return r.error.empty() && r.violations.empty();
                  }));
    out.attributeArray("images", [&] {
      for (const ImageCheck &r : results)
        out.object([&] {
          out.attribute("path", r.path);
          if (!r.error.empty()) {
            out.attribute("error", r.error);
            return;
          }
          out.attribute("ok", r.violations.empty());
          out.attributeArray("placed", [&] {
            for (const std::string &name : r.placed)
              out.object([&] {
                out.attribute("library", name);
                out.attribute("identity", r.identities.lookup(name));
              });
          });
          out.attributeArray("absent", [&] {
            for (const std::string &name : r.absent)
              out.value(name);
          });
          out.attributeArray("violations", [&] {
            for (const Violation &v : r.violations)
              out.object([&] {
                out.attribute("library", v.library);
                out.attribute("kind", v.kind);
                range(out, "expected", v.expected);
                range(out, "actual", v.actual);
                out.attribute("message", v.message);
              });
          });
        });
    });
  });
  os << "\n";
}

int spacer::runCheck() {
  // The manifest.
  Expected<Manifest> manifest = readManifestFile(layoutFile);
  if (!manifest) {
    reportError(toString(manifest.takeError()));
    return ExitError;
  }

  // Each image.
  std::vector<ImageCheck> results;
  for (const std::string &path : images)
    results.push_back(checkImage(path, *manifest));

  // Identities to record, only from images that could be read: a library's
  // identity is recorded when every image that holds it has the same bytes
  // and none has a violation for it. Images that disagree are a violation
  // of the later one (they will not share the library's pages); the written
  // manifest then keeps what the manifest had for that library.
  if (!recordIdentities.empty() &&
      llvm::all_of(results, [](const ImageCheck &r) { return r.error.empty(); })) {
    StringMap<std::pair<std::string, std::string>> seen; // identity, image
    StringSet<> notRecorded;
    for (ImageCheck &r : results) {
      for (const Violation &v : r.violations)
        notRecorded.insert(v.library);
      for (const auto &entry : r.identities) {
        auto [it, inserted] = seen.try_emplace(
            entry.first(), entry.second, r.path);
        if (!inserted && it->second.first != entry.second) {
          notRecorded.insert(entry.first());
          r.violations.push_back(
              {entry.first().str(), "", std::nullopt, std::nullopt,
               "the library's bytes differ from those in " +
                   it->second.second + " (" + entry.second + " vs " +
                   it->second.first + "): identity not recorded"});
        }
      }
    }
    Manifest recorded = *manifest;
    for (Library &lib : recorded.libraries) {
      auto it = seen.find(lib.name);
      if (it != seen.end() && !notRecorded.contains(lib.name))
        lib.identity = it->second.first;
    }
    std::error_code ec;
    ToolOutputFile out(recordIdentities, ec, sys::fs::OF_Text);
    if (ec) {
      reportError(recordIdentities + ": " + ec.message());
      return ExitError;
    }
    writeManifest(recorded, out.os());
    out.keep();
  }

  // Report.
  if (jsonOutput)
    printJSON(results, outs());
  else
    printText(results, outs());
  bool unreadable = false, violations = false;
  for (const ImageCheck &r : results) {
    if (!r.error.empty()) {
      reportError(r.error);
      unreadable = true;
    }
    violations |= !r.violations.empty();
  }
  if (unreadable)
    return ExitError;
  return violations ? ExitFindings : ExitOk;
}
