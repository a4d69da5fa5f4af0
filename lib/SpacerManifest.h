//===- SpacerManifest.h - The spacer layout manifest ------------*- C++ -*-===//
//
// A spacer layout manifest is the one layout a whole fleet of unikernels
// agrees on: for every shared library, a slot per section kind (text, rodata,
// data, bss) with a page-aligned start address and a capacity. ld.lld places
// each library's sections in its slots (--spacer-layout=FILE), so the
// library's pages are byte-identical in every image and the host can merge
// them.
//
// This library reads, validates and writes manifests. It depends only on
// LLVM's Support library, so the linker and the spacer tools share it; it is
// the only code that knows the on-disk format (docs/manifest.md).
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_MANIFEST_H
#define SPACER_MANIFEST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class MemoryBuffer;
class raw_ostream;
} // namespace llvm

namespace spacer {

/// The manifest format version this library reads and writes.
constexpr unsigned ManifestVersion = 1;

/// The value of the top-level "format" key, so a stray JSON file is not
/// mistaken for a manifest.
constexpr llvm::StringLiteral ManifestFormat = "spacer-layout";

/// The built-in kinds of sections a library has slots for, in canonical
/// order. A manifest may declare more kinds (SectionKind); a kind is then
/// identified by its index: the built-in ones first, the declared ones after
/// them in the order of Manifest::kinds.
enum class SlotKind : unsigned { Text, Rodata, Data, Bss };
constexpr unsigned NumSlotKinds = 4;

llvm::StringRef slotKindName(SlotKind kind);
std::optional<SlotKind> parseSlotKind(llvm::StringRef name);

/// Whether NAME is the section PREFIX or one of its subsections:
/// ".text" and ".text.f", not ".textual".
bool isSectionPrefix(llvm::StringRef prefix, llvm::StringRef name);

/// A file or section name pattern as the linker reads one (lld's
/// SingleStringMatcher): "quoted" for the exact name, a glob (`*`, `?`,
/// `[...]`) otherwise. Manifest validation and the tools use this one type,
/// so a pattern is validated as it is matched.
class NamePattern {
public:
  static llvm::Expected<NamePattern> create(llvm::StringRef pattern);
  bool match(llvm::StringRef name) const;

private:
  std::string exact;
  std::optional<llvm::GlobPattern> glob;
};

/// The built-in kind of an input section, from its name, ELF flags and type,
/// the way lld's default layout picks output sections: executable .text*,
/// read-only .rodata*, writable .data* but not .data.rel.ro*, .bss* but not
/// .bss.rel.ro*, and COMMON. TLS and non-allocated sections have none. The
/// linker and the planner both classify with this, so they agree.
std::optional<SlotKind> classifySection(llvm::StringRef name, uint64_t flags,
                                        uint32_t type);

/// Whether an input section is RELRO data a manifest's `"relro": "data"`
/// puts in its library's data slot: writable, allocated, with contents,
/// not TLS, named .data.rel.ro or .data.rel.ro.*.
bool isRelroData(llvm::StringRef name, uint64_t flags, uint32_t type);

/// The declared kind whose sections have no slot by design and stay where
/// the link puts them (Unikraft's boot code, say): no library has a slot of
/// it, and the linker does not report its sections as left out.
constexpr llvm::StringLiteral UnslottedKind = "unslotted";

/// A kind of sections beyond text, rodata, data and bss, declared by the
/// manifest with section name patterns: a library's init-table entries, say.
struct SectionKind {
  std::string name;
  std::vector<std::string> sections;
};

/// Bytes of one entry of a library's entry table (Library::entries): a jump
/// to the function, padded with trap instructions.
constexpr uint64_t EntryBytes = 8;

/// Bytes of one cell of a library's constant table (Library::constants): a
/// copy of a read-only object of at most this many bytes, zero-padded.
constexpr uint64_t ConstantBytes = 8;

/// A range of addresses reserved for one kind of one library's sections.
struct LibrarySlot {
  unsigned kind = 0; // A SlotKind, or NumSlotKinds + index into kinds.
  uint64_t address = 0;
  uint64_t size = 0;

  uint64_t end() const { return address + size; }
};

/// A library the fleet shares, and where it goes.
struct Library {
  std::string name;
  /// Input files that belong to the library: glob patterns with the rules of
  /// linker-script file patterns (matched against an object's path, or
  /// "archive:member" for an archive member).
  std::vector<std::string> files;
  /// Input sections that belong to the library whatever their file: glob
  /// patterns on the section name. LTO merges all files into one, so the
  /// tagging pass names a library's sections after it (".text.spacer.libfmt")
  /// and the library matches them with "*.spacer.libfmt".
  std::vector<std::string> sections;
  /// The library's content identity, written by `spacer check
  /// --record-identities` and compared by later checks; empty if unknown.
  std::string identity;
  /// Link every member of the library's archives, as --whole-archive would,
  /// so that every image holds the same build of it whatever its program
  /// uses ("whole": true).
  bool whole = false;
  /// Functions of the library that other libraries call, each given an
  /// entry of its own at the start of the library's text slot ("entries"):
  /// the linker puts a jump to the function there and sends the other
  /// libraries' calls to it, so that their code is the same whichever
  /// build of this library an image holds. The order is the entries'
  /// order in the slot, each EntryBytes long.
  std::vector<std::string> entries;
  /// Read-only objects of the library, of at most ConstantBytes each, that
  /// other libraries read ("constants"): the linker copies each into a
  /// cell of a table at the start of the library's rodata slot and sends
  /// the other libraries' references to the copy, so that their code is
  /// the same whichever build of this library (and so wherever the
  /// object) an image holds. In order, ConstantBytes each.
  std::vector<std::string> constants;
  /// At most one slot per kind, in kind order.
  std::vector<LibrarySlot> slots;

  const LibrarySlot *slot(unsigned kind) const;
  const LibrarySlot *slot(SlotKind kind) const {
    return slot(static_cast<unsigned>(kind));
  }
};

/// How an image stores the segments of its slots (docs/manifest.md). Gaps
/// between slots are never stored; what differs is the file offset of each
/// segment. Paged: congruent with its address modulo the page size, as a
/// loader that maps the file needs (Linux exec), at the cost of up to a
/// page of padding per segment. Packed: aligned only as its sections need,
/// for loaders that copy each segment to its address (QEMU's PVH -kernel
/// path, Firecracker).
enum class SegmentLayout { Paged, Packed };

/// Where a library's RELRO data (.data.rel.ro*) goes (docs/manifest.md).
/// Keep: the normal layout, outside the slots, read-only once the program
/// has started where the loader applies PT_GNU_RELRO; the library's code
/// that reads it then differs between images. Data: the library's data
/// slot, at the same address in every image, writable for the life of the
/// program.
enum class RelroPlacement { Keep, Data };

struct Manifest {
  unsigned version = ManifestVersion;
  /// Slot addresses and sizes are multiples of this.
  uint64_t pageSize = 4096;
  SegmentLayout segments = SegmentLayout::Paged;
  RelroPlacement relro = RelroPlacement::Keep;
  /// Declared kinds, sorted by name.
  std::vector<SectionKind> kinds;
  std::vector<Library> libraries;

  const Library *findLibrary(llvm::StringRef name) const;
  unsigned numKinds() const { return NumSlotKinds + kinds.size(); }
  llvm::StringRef kindName(unsigned kind) const;
  std::optional<unsigned> findKind(llvm::StringRef name) const;
};

/// "0x" and lower-case hexadecimal digits: how addresses and sizes read in
/// manifests and in every message about them.
std::string hexString(uint64_t value);

/// An error with this message: the one error maker of the library and of
/// the tools (ld.lld reports through lld's own error()).
llvm::Error makeError(const llvm::Twine &message);

/// Names the file in one of this library's error messages, the way compilers
/// do: "m.json:3:5: malformed JSON: ..." for a syntax error, which starts
/// with its position, "m.json: library 'x': ..." for the rest.
std::string inFile(llvm::StringRef path, llvm::StringRef message);

/// What the readers accept, so that no file a user or an attacker hands the
/// tools can exhaust the stack, the memory or the time of a link. llvm::json
/// parses recursively and spends about 3.6 KB on every non-empty object: a
/// library costs about 28 KB while parsing. docs/manifest.md states these.
struct InputLimits {
  /// Bytes of a manifest or placement record.
  static constexpr uint64_t MaxJSONBytes = 16 << 20;
  /// Nesting of arrays and objects: a manifest needs 5, a record 3.
  static constexpr unsigned MaxJSONDepth = 32;
  /// Arrays and objects in one document: 8 per library of a typical
  /// manifest, so about 6,000 libraries, and at most about 180 MB.
  static constexpr uint64_t MaxJSONContainers = 50000;
  /// Strings, arrays, objects and elements after a comma in one document.
  static constexpr uint64_t MaxJSONValues = 1000000;
};

/// Checks, without parsing, that a JSON text stays within the limits: its
/// size, its nesting, how many containers and values it has. A text beyond
/// them is refused before llvm::json, which would recurse once per level
/// and allocate per value, sees it. Errors give the line and column.
llvm::Error checkJSONLimits(llvm::StringRef text);

/// Opens a file that a tool reads whole: it must be a regular file (reading
/// a device or a pipe may never end) of at most maxBytes. Errors name the
/// file and what it is.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readRegularFile(llvm::StringRef path, uint64_t maxBytes);

/// The same check, for a file that someone else reads (ld.lld reads the
/// manifest through its own readFile, for --reproduce).
llvm::Error checkRegularFile(llvm::StringRef path, uint64_t maxBytes);

/// Reads and parses a manifest file; every error names the file.
llvm::Expected<Manifest> readManifestFile(llvm::StringRef path);

/// Parses and validates a manifest. Errors name the JSON position (line and
/// column for syntax errors, the path of the offending value otherwise) and
/// the library at fault; callers prefix the file name.
llvm::Expected<Manifest> parseManifest(llvm::StringRef text);

/// Checks the rules every manifest obeys: known version, a power-of-two page
/// size, declared kinds with unique new names and valid section patterns,
/// unique non-empty library names, at least one file or section
/// pattern per library, valid patterns, page-aligned non-empty slots that fit
/// the address space and do not overlap each other.
llvm::Error validateManifest(const Manifest &manifest);

/// Writes the manifest in its canonical form: kinds and libraries sorted by
/// name, slots in kind order, addresses and sizes in hexadecimal, two-space
/// indentation. Parsing the output gives back an equal manifest.
void writeManifest(const Manifest &manifest, llvm::raw_ostream &os);

/// What ld.lld placed in an image, recorded in the image's non-loaded
/// ".spacer.placement" section, so that tools can check an image on its own:
/// which libraries of the manifest it holds, and how full each slot is.
constexpr llvm::StringLiteral PlacementSectionName = ".spacer.placement";
constexpr llvm::StringLiteral PlacementFormat = "spacer-placement";
/// Version 2 added each slot's `build`; version 3 lists every slot of each
/// library the image holds, empty ones too, and what of a library lies
/// outside its slots; version 4 adds the slots' references to what lies
/// outside their library, and is written only when they are recorded
/// (ld.lld --spacer-references). Versions 1 to 3 are still read.
constexpr unsigned PlacementVersion = 4;
constexpr unsigned PlacementVersionWithoutReferences = 3;

struct PlacedSlot {
  std::string library;
  std::string kind;
  uint64_t address = 0;
  uint64_t size = 0;
  /// Bytes from the slot address to the end of the library's content.
  uint64_t used = 0;
  /// Which build of the library the image holds, the same in each of its
  /// slots: a fingerprint of its input sections' headers as compiled and of
  /// its files' symbol tables, equal for the same objects in any link; 0 in
  /// version 1 records, which do not say.
  uint64_t build = 0;
};

/// Sections of a library this image holds that are not in its slots, and
/// why: the library has no slot of their kind, or its files are LLVM
/// bitcode that LTO compiled together with the rest of the link. The range
/// spans them (empty when the linker cannot tell where they are).
struct UnplacedSections {
  std::string library;
  std::string kind; // empty when unknown
  uint64_t address = 0;
  uint64_t size = 0;
  std::string why;
};

/// References from a library's slot of one kind to one symbol outside the
/// library (or to anything through a synthetic section), all alike: what
/// the symbol is (`to`), how the code reaches it (`via`), the address it
/// reaches in this image, and where in the slot each reference is.
struct PlacedReference {
  std::string library;
  std::string kind;
  std::string symbol;
  /// "library:NAME" (a manifest library), "program" (an input of no
  /// manifest library), "linker" (a symbol the linker or its script
  /// defines), "absolute", "undefined".
  std::string to;
  /// "direct", or the synthetic section the reference goes through: "plt",
  /// "iplt", "got".
  std::string via;
  uint64_t target = 0;
  /// Offsets from the slot's address.
  std::vector<uint64_t> sites;
};

struct Placement {
  unsigned version = PlacementVersionWithoutReferences;
  std::vector<PlacedSlot> slots;
  std::vector<UnplacedSections> unplaced;
  /// With version 4.
  std::vector<PlacedReference> references;
  bool hasReferences() const { return version >= 4; }

  /// Whether the record lists the empty slots of the libraries it names
  /// (version 3), so that a slot missing from it is one the link did not
  /// have.
  bool listsEverySlot() const { return version >= 3; }
};

/// Writes a placement record. Numbers have a fixed width, so the length of
/// the text depends on the names only: the linker sizes the section before
/// it knows how full the slots are.
void writePlacement(const Placement &placement, llvm::raw_ostream &os);
/// The length of what writePlacement writes, without writing it.
size_t placementSize(const Placement &placement);
llvm::Expected<Placement> parsePlacement(llvm::StringRef text);

} // namespace spacer

#endif
