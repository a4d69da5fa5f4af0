//===- SpacerLayout.cpp ---------------------------------------------------===//
//
// Placement works inside lld's own linker-script machinery rather than beside
// it. Once every input section has an output section (from the user's script
// or from orphan placement), the sections owned by a manifest slot are taken
// out of the input section descriptions that captured them and put, slot by
// slot in address order, into new descriptions where the layout puts the
// kind's plain sections (the script's *(.text), or lld's own .text), failing
// that where the first of them was:
//
//     . = MAX(., <slot address>);   <library's sections of that kind>
//     . = MAX(., <slot address>);   <next library's sections>
//     . = MAX(., <end of the kind's region>);
//     <everything else, as before>
//
// So output sections, segments and the script's own symbols stay as they
// were; the slots are gaps filled like any other gap in an output section.
// MAX() keeps address assignment from failing in intermediate passes: a slot
// that something else already ran into is reported once addresses are
// final, by checkSpacerSlots(), together with slot overflow.
//
// Mergeable strings and constants are normally pooled per output section,
// which would pull one library's strings into another's pages. Each slot
// gets merge sections of its own instead.
//
//===----------------------------------------------------------------------===//

#include "SpacerLayout.h"
#include "Config.h"
#include "InputFiles.h"
#include "InputSection.h"
#include "LinkerScript.h"
#include "OutputSections.h"
#include "SpacerBuild.h"
#include "SpacerManifest.h"
#include "SymbolTable.h"
#include "SyntheticSections.h"
#include "Target.h"
#include "Writer.h"
#include "lld/Common/ErrorHandler.h"
#include "lld/Common/Memory.h"
#include "lld/Common/Strings.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TimeProfiler.h"
#include <future>

using namespace llvm;
using namespace llvm::ELF;
using namespace lld;
using namespace lld::elf;
using spacer::LibrarySlot;
using spacer::SlotKind;

namespace {
// One slot of the manifest and what this link puts in it.
struct SlotPlacement {
  const spacer::Library *library;
  const LibrarySlot *slot;
  // The library's sections of the slot's kind, in the layout's order (by
  // member name for a library linked whole; RELRO data last) (mergeable
  // ones as they came, before the slot's own merge sections pool them).
  SmallVector<InputSectionBase *, 0> sections;
  // The output section holding them, and their description in it.
  OutputSection *host = nullptr;
  InputSectionDescription *isd = nullptr;
  // The assignment that moves the location counter to the slot; the map
  // file (-Map) shows its text.
  SymbolAssignment *start = nullptr;
  // The location counter just before the slot, in the last address pass.
  uint64_t dotBefore = 0;
  // Whether the library's kind was found split over output sections.
  bool reportedSplit = false;
  // Which build of the library the image holds (fingerprintBuild).
  uint64_t build = 0;
  // The library's entry table, first in its text slot (EntryTableSection),
  // and its constant table, first in its rodata slot
  // (ConstantTableSection).
  SyntheticSection *entries = nullptr;
  SyntheticSection *constants = nullptr;
};

// References from one slot to one symbol outside its library, reached one
// way, for the placement record (--spacer-references).
struct SlotReference {
  unsigned slot; // index into SpacerLayout::slots
  const Symbol *sym;
  std::string to, via;
  SmallVector<std::pair<const InputSectionBase *, uint64_t>, 1> sites;
};

// The libraries' file patterns, indexed so that finding an input file's
// library does not try every pattern: a literal name ("libfmt.o") is looked
// up by name, a literal path after "*/" ("*/libfmt.o") by the name's last
// component, and only other globs are matched one by one. spacer plan
// writes the first two forms for objects (its archive patterns, "lib.a:*",
// are matched as globs); matching every glob against every file is
// quadratic in a fleet's libraries (docs/performance.md).
struct FilePatternIndex {
  StringMap<SmallVector<unsigned, 1>> exact;
  // Last path component -> (library, the "/..." suffix a name must end in).
  StringMap<SmallVector<std::pair<unsigned, std::string>, 1>> suffixes;
  std::vector<std::pair<unsigned, SingleStringMatcher>> globs;

  void add(unsigned library, StringRef pattern) {
    auto isLiteral = [](StringRef s) {
      return s.find_first_of("*?[\\\"") == StringRef::npos;
    };
    if (isLiteral(pattern)) {
      exact[pattern].push_back(library);
    } else if (pattern.starts_with("*/") && isLiteral(pattern.drop_front(2))) {
      StringRef literal = pattern.drop_front(1); // keeps the '/'
      suffixes[literal.rsplit('/').second].push_back({library, literal.str()});
    } else {
      globs.push_back({library, SingleStringMatcher(pattern)});
    }
  }

  // Every library with a pattern that matches NAME, in manifest order.
  SmallVector<unsigned, 2> lookup(StringRef name) const {
    SmallVector<unsigned, 2> found;
    auto it = exact.find(name);
    if (it != exact.end())
      found.append(it->second.begin(), it->second.end());
    auto sit = suffixes.find(name.rsplit('/').second);
    if (sit != suffixes.end())
      for (const auto &[library, suffix] : sit->second)
        if (name.ends_with(suffix))
          found.push_back(library);
    for (const auto &[library, matcher] : globs)
      if (matcher.match(name))
        found.push_back(library);
    llvm::sort(found);
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
  }
};

// The manifest being parsed: the manifest or the messages of what is wrong
// with it (not an llvm::Error, which a link that fails before
// finishSpacerLayout() would drop unchecked).
struct ParsedManifest {
  std::optional<spacer::Manifest> manifest;
  std::vector<std::string> errors;
};
} // namespace

// The feature's state for one link, held by lld's context
// (ctx.spacerLayout), so that lld's own reset between links clears it.
struct lld::elf::SpacerLayout {
  std::string path;
  // The manifest, parsed on a thread of its own until finishSpacerLayout()
  // takes it.
  std::future<ParsedManifest> pending;
  spacer::Manifest manifest;
  // The libraries' file patterns; per library, its section name patterns.
  FilePatternIndex filePatterns;
  std::vector<StringMatcher> sectionMatchers;
  bool anySectionPatterns = false;
  // Each input file's library, found once.
  DenseMap<const InputFile *, std::optional<unsigned>> libraryOfFile;
  // Per declared kind, its section name patterns.
  std::vector<StringMatcher> kindMatchers;
  // Every slot of the manifest, sorted by address.
  std::vector<SlotPlacement> slots;
  // The descriptions holding slotted sections; nothing may reorder them.
  DenseSet<const InputSectionDescription *> slotDescriptions;
  // Which libraries this link holds (by file or by section name).
  std::vector<bool> present;
  // Per library and kind, the library's sections that are in the link but
  // not in a slot, because the library has no slot of their kind; and the
  // libraries whose place in the link cannot be told at all (bitcode, a
  // file pattern that only nearly matches), with why.
  MapVector<std::pair<unsigned, unsigned>, SmallVector<InputSectionBase *, 0>>
      unplacedSections;
  std::vector<std::pair<unsigned, std::string>> unplacedLibraries;
  // Set when assigning failed: checking would only repeat the problem.
  bool assignFailed = false;
  // The output sections splitting made (splitHost), each with the location
  // counter before it in the last address pass; and how many PHDRS
  // segments splitting named.
  DenseMap<const OutputSection *, uint64_t> pieces;
  unsigned segmentCount = 0;
  // The libraries' builds being hashed (fingerprintLibraries).
  std::future<void> builds;
  // With --spacer-references: the slots' references to outside their
  // library (collectReferences).
  std::vector<SlotReference> references;
  bool referencesCollected = false;
  // Whether calls were sent to the entry tables and reads to the constant
  // tables (redirectToTables).
  bool callsRedirected = false;
};

static std::string range(uint64_t start, uint64_t end) {
  return "[" + spacer::hexString(start) + ", " + spacer::hexString(end) + ")";
}

// A kind's name in this link's manifest.
static StringRef kindName(unsigned kind) {
  return ctx.spacerLayout->manifest.kindName(kind);
}

// "library 'libfoo': text slot [0x400000, 0x402000)"
static std::string describe(const SlotPlacement &p) {
  return "library '" + p.library->name + "': " + kindName(p.slot->kind).str() +
         " slot " + range(p.slot->address, p.slot->end());
}

void elf::readSpacerLayout(StringRef path) {
  if (path.empty()) {
    error("--spacer-layout: expected the name of a layout manifest");
    return;
  }
  if (config->spacerUnplaced != "warn" && config->spacerUnplaced != "error")
    error("--spacer-unplaced: expected 'warn' or 'error', not '" +
          config->spacerUnplaced + "'");
  // A device or a pipe could be read forever, a huge file exhaust memory.
  // (A missing file is for readFile() to report, as lld reports others.)
  if (Error e = sys::fs::exists(path)
                    ? spacer::checkRegularFile(
                          path, spacer::InputLimits::MaxJSONBytes)
                    : Error::success()) {
    error("--spacer-layout: " + toString(std::move(e)));
    return;
  }
  // readFile() also packs the manifest into a --reproduce tarball.
  std::optional<MemoryBufferRef> buffer = readFile(path);
  if (!buffer)
    return;
  // llvm::json is slow on a fleet's manifest (docs/performance.md): parse
  // it on a thread of its own while lld reads the inputs (with
  // --threads=1, when it is needed). The text is copied: a link that fails
  // before finishSpacerLayout() frees lld's buffers while the thread may run.
  ctx.spacerLayout = std::make_shared<SpacerLayout>();
  ctx.spacerLayout->path = path.str();
  ctx.spacerLayout->pending = std::async(
      config->threadCount > 1 ? std::launch::async : std::launch::deferred,
      [text = buffer->getBuffer().str()] {
        ParsedManifest parsed;
        Expected<spacer::Manifest> manifest = spacer::parseManifest(text);
        if (manifest)
          parsed.manifest = std::move(*manifest);
        else
          handleAllErrors(manifest.takeError(), [&](const ErrorInfoBase &e) {
            parsed.errors.push_back(e.message());
          });
        return parsed;
      });
}

static void findBitcodeLibraries();
static std::optional<unsigned> findLibraryOfFile(const InputFile *file);

template <class ELFT> static void initWholeMember(ELFFileBase *file) {
  auto *obj = cast<ObjFile<ELFT>>(file);
  obj->initSectionsAndLocalSyms(/*ignoreComdats=*/false);
  obj->postParse();
}

// Libraries the manifest links whole ("whole": true): every member of their
// archives that defines a global symbol is extracted, as --whole-archive
// would, so that each image holds the same members, the same build, whatever
// its program uses. Before LTO, like -u: what the members need is extracted
// in turn.
static void extractWholeLibraries() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  if (llvm::none_of(manifest.libraries,
                    [](const spacer::Library &lib) { return lib.whole; }))
    return;
  // Extracting adds symbols: the files are found first.
  SetVector<InputFile *> members;
  for (Symbol *sym : symtab.getSymbols())
    if (sym->isLazy() && sym->file && sym->file->lazy)
      if (std::optional<unsigned> lib = findLibraryOfFile(sym->file))
        if (manifest.libraries[*lib].whole)
          members.insert(sym->file);
  size_t objects = ctx.objectFiles.size(), bitcode = ctx.bitcodeFiles.size();
  for (InputFile *file : members)
    if (file->lazy) {
      file->lazy = false;
      parseFile(file);
    }
  // What lld did for the files read before, for those extracted now (and
  // whatever they extracted in turn).
  for (ELFFileBase *file : ArrayRef(ctx.objectFiles).drop_front(objects))
    invokeELFT(initWholeMember, file);
  for (BitcodeFile *file : ArrayRef(ctx.bitcodeFiles).drop_front(bitcode))
    file->postParse();
}

bool elf::finishSpacerLayout() {
  if (!ctx.spacerLayout)
    return !errorCount(); // readSpacerLayout() reported why.
  llvm::TimeTraceScope timeScope("Read spacer layout");
  ParsedManifest parsed = ctx.spacerLayout->pending.get();
  for (const std::string &message : parsed.errors)
    error(spacer::inFile(ctx.spacerLayout->path, message));
  if (!parsed.manifest) {
    ctx.spacerLayout.reset();
    return false;
  }
  ctx.spacerLayout->manifest = std::move(*parsed.manifest);
  for (const spacer::SectionKind &kind : ctx.spacerLayout->manifest.kinds) {
    StringMatcher &sections = ctx.spacerLayout->kindMatchers.emplace_back();
    for (const std::string &pattern : kind.sections)
      sections.addPattern(SingleStringMatcher(pattern));
  }
  for (const spacer::Library &lib : ctx.spacerLayout->manifest.libraries) {
    unsigned index = &lib - ctx.spacerLayout->manifest.libraries.data();
    for (const std::string &pattern : lib.files)
      ctx.spacerLayout->filePatterns.add(index, pattern);
    StringMatcher &sections = ctx.spacerLayout->sectionMatchers.emplace_back();
    for (const std::string &pattern : lib.sections)
      sections.addPattern(SingleStringMatcher(pattern));
    ctx.spacerLayout->anySectionPatterns |= !lib.sections.empty();
    for (const LibrarySlot &slot : lib.slots)
      ctx.spacerLayout->slots.push_back({&lib, &slot, {}});
  }
  llvm::sort(ctx.spacerLayout->slots,
             [](const SlotPlacement &a, const SlotPlacement &b) {
               return a.slot->address < b.slot->address;
             });
  findBitcodeLibraries();
  extractWholeLibraries();
  return true;
}

// Why a section cannot be moved into a slot of a declared kind, if it cannot:
// a slot leaves gaps around it, and these sections must stay contiguous
// with the others of their kind.
static const char *whyNotSlottable(const InputSectionBase *s) {
  if (s->flags & SHF_TLS)
    return "it is thread-local: the TLS template must stay contiguous";
  if (s->type == SHT_INIT_ARRAY || s->type == SHT_FINI_ARRAY ||
      s->type == SHT_PREINIT_ARRAY ||
      spacer::isSectionPrefix(".ctors", s->name) ||
      spacer::isSectionPrefix(".dtors", s->name))
    return "it is part of a constructor or destructor table, which startup "
           "code walks without gaps";
  if (s->flags & SHF_LINK_ORDER)
    return "it is ordered with the section it is linked to";
  if (isValidCIdentifier(s->name))
    return "its name makes it a __start_/__stop_ table, which programs walk "
           "without gaps";
  return nullptr;
}

// RELRO data that the manifest puts in its library's data slot.
static bool isRelroForData(const InputSectionBase *s) {
  return ctx.spacerLayout->manifest.relro == spacer::RelroPlacement::Data &&
         spacer::isRelroData(s->name, s->flags, s->type);
}

// The kind of slot an input section goes to: a kind the manifest declares,
// if the section's name matches its patterns, else a built-in kind by the
// same names lld's default layout uses to pick an output section. Sections
// of no kind (.data.rel.ro unless the manifest says "relro": "data",
// .init_array, .eh_frame, TLS, notes, ...) stay in the normal layout.
// Problems are reported when DIAGNOSE is set (when the section is claimed).
static std::optional<unsigned> getSlotKind(const InputSectionBase *s,
                                           bool diagnose = true) {
  if (!(s->flags & SHF_ALLOC))
    return std::nullopt;
  StringRef name = s->name;
  std::optional<unsigned> declared;
  for (unsigned i = 0, e = ctx.spacerLayout->kindMatchers.size(); i != e; ++i) {
    if (!ctx.spacerLayout->kindMatchers[i].match(name))
      continue;
    unsigned kind = spacer::NumSlotKinds + i;
    if (declared) {
      if (diagnose)
        error(ctx.spacerLayout->path + ": section " + toString(s) +
              " matches kind '" + kindName(*declared) + "' and kind '" +
              kindName(kind) + "'");
      return std::nullopt;
    }
    declared = kind;
  }
  if (declared) {
    if (const char *why = whyNotSlottable(s)) {
      if (diagnose)
        error(ctx.spacerLayout->path + ": kind '" + kindName(*declared) +
              "' matches " + toString(s) +
              ", which cannot have a slot: " + why);
      return std::nullopt;
    }
    return declared;
  }
  if (std::optional<SlotKind> builtin =
          spacer::classifySection(name, s->flags, s->type))
    return unsigned(*builtin);
  if (isRelroForData(s))
    return unsigned(SlotKind::Data);
  return std::nullopt;
}

// Which manifest library, if any, an input file belongs to. An input that two
// libraries claim is an error: placing it in either would be a guess.
static std::optional<unsigned> findLibraryOfFile(const InputFile *file) {
  auto [cached, inserted] = ctx.spacerLayout->libraryOfFile.try_emplace(file);
  if (!inserted)
    return cached->second;
  StringRef name = file->getNameForScript();
  SmallVector<unsigned, 2> found = ctx.spacerLayout->filePatterns.lookup(name);
  if (found.size() > 1)
    error(ctx.spacerLayout->path + ": input file '" + name +
          "' matches both library '" +
          ctx.spacerLayout->manifest.libraries[found[0]].name +
          "' and library '" +
          ctx.spacerLayout->manifest.libraries[found[1]].name + "'");
  if (!found.empty())
    cached->second = found[0];
  return cached->second;
}

// Which manifest library, if any, claims a section by its name (sections the
// LTO tagging pass named after their library).
static std::optional<unsigned> findLibraryOfSection(const InputSectionBase *s,
                                                    bool diagnose = true) {
  std::optional<unsigned> found;
  if (!ctx.spacerLayout->anySectionPatterns)
    return found;
  for (unsigned i = 0, e = ctx.spacerLayout->sectionMatchers.size(); i != e;
       ++i) {
    if (!ctx.spacerLayout->sectionMatchers[i].match(s->name))
      continue;
    if (found) {
      if (diagnose)
        error(ctx.spacerLayout->path + ": section " + toString(s) +
              " matches the section patterns of both library '" +
              ctx.spacerLayout->manifest.libraries[*found].name +
              "' and library '" + ctx.spacerLayout->manifest.libraries[i].name +
              "'");
      return found;
    }
    found = i;
  }
  return found;
}

// Under --gc-sections, the sections that claimLibrarySections() will put in a
// slot are roots, by the same rules: those of a library's file or matching
// its section patterns, of a kind the library has a slot of. (Its other
// sections, .data.rel.ro say, are collected as in any link.)
bool elf::isSpacerKept(const InputSectionBase *s) {
  if (!ctx.spacerLayout || !s->file || s->file == ctx.internalFile ||
      !(s->flags & SHF_ALLOC))
    return false;
  std::optional<unsigned> lib = findLibraryOfSection(s, /*diagnose=*/false);
  if (!lib)
    lib = findLibraryOfFile(s->file);
  if (!lib)
    return false;
  std::optional<unsigned> kind = getSlotKind(s, /*diagnose=*/false);
  return kind && ctx.spacerLayout->manifest.libraries[*lib].slot(*kind);
}

// With COMDAT groups (C++ inline functions, templates) the first file that
// defines a group keeps it and the others drop their copies. A library that
// loses a group to a file outside it has the group's code elsewhere in this
// image but maybe in its slot in another, so its slot's bytes depend on the
// rest of the link. That is a warning, not an error: the link is correct,
// only sharing suffers.
template <class ELFT> static void checkComdatGroups() {
  for (ELFFileBase *file : ctx.objectFiles) {
    std::optional<unsigned> lib = findLibraryOfFile(file);
    if (!lib)
      continue;
    llvm::object::ELFFile<ELFT> obj = file->getObj<ELFT>();
    typename ELFT::SymRange syms = file->getELFSyms<ELFT>();
    for (const typename ELFT::Shdr &sec : file->getELFShdrs<ELFT>()) {
      if (sec.sh_type != SHT_GROUP || sec.sh_info >= syms.size())
        continue;
      Expected<ArrayRef<typename ELFT::Word>> entries =
          obj.template getSectionContentsAsArray<typename ELFT::Word>(sec);
      if (!entries) {
        consumeError(entries.takeError());
        continue;
      }
      if (entries->empty() || !((*entries)[0] & GRP_COMDAT))
        continue;
      Expected<StringRef> signature =
          syms[sec.sh_info].getName(file->getStringTable());
      if (!signature) {
        consumeError(signature.takeError());
        continue;
      }
      const InputFile *winner =
          symtab.comdatGroups.lookup(CachedHashStringRef(*signature));
      if (!winner || winner == file || findLibraryOfFile(winner) == lib)
        continue;
      warn(ctx.spacerLayout->path + ": library '" +
           ctx.spacerLayout->manifest.libraries[*lib].name +
           "' loses COMDAT group '" + *signature + "' of " + toString(file) +
           " to " + toString(winner) +
           ", which is outside the library: the library's slot then holds "
           "different bytes in images where it keeps the group");
    }
  }
}

namespace {
// A slot's pool of mergeable strings or constants: each distinct piece
// once, in the order of first occurrence. lld's MergeNoTailSection shards
// its pieces over 32 string tables filled in parallel, made for one pool
// per output section holding millions of pieces; a slot's pool is one
// library's, and with hundreds of slots the shards and the hand-offs
// between threads cost more than the merging.
class SlotMergeSection final : public MergeSyntheticSection {
public:
  SlotMergeSection(StringRef name, uint32_t type, uint64_t flags,
                   uint32_t addralign)
      : MergeSyntheticSection(name, type, flags, addralign),
        builder(StringTableBuilder::RAW, llvm::Align(addralign)) {}

  size_t getSize() const override { return builder.getSize(); }
  void writeTo(uint8_t *buf) override { builder.write(buf); }
  void finalizeContents() override {
    for (MergeInputSection *sec : sections)
      for (size_t i = 0, e = sec->pieces.size(); i != e; ++i)
        if (sec->pieces[i].live)
          sec->pieces[i].outputOff = builder.add(sec->getData(i));
    builder.finalizeInOrder();
  }

private:
  StringTableBuilder builder;
};
} // namespace

// With -O2, strings are tail-merged as lld does for -O2.
static MergeSyntheticSection *createMergeSection(const MergeInputSection *ms) {
  if ((ms->flags & SHF_STRINGS) && config->optimize >= 2)
    return make<MergeTailSection>(ms->name, ms->type, ms->flags, ms->addralign);
  return make<SlotMergeSection>(ms->name, ms->type, ms->flags, ms->addralign);
}

// Pools the slot's mergeable sections into merge sections of the slot's own,
// the way OutputSection::finalizeInputSections would for the whole output
// section, so identical strings of two libraries stay in their own slots.
// Returns what the slot's description holds; the new merge sections are
// added to POOLS, to be finalized together.
static SmallVector<InputSectionBase *, 0>
mergeWithinSlot(ArrayRef<InputSectionBase *> sections,
                SmallVector<MergeSyntheticSection *, 0> &pools) {
  SmallVector<MergeSyntheticSection *, 0> merged;
  SmallVector<InputSectionBase *, 0> result;
  for (InputSectionBase *s : sections) {
    auto *ms = dyn_cast<MergeInputSection>(s);
    if (!ms) {
      result.push_back(s);
      continue;
    }
    if (!ms->isLive())
      continue;
    // --gc-sections keeps a library's mergeable sections but only the pieces
    // something refers to; keep every piece, or the slot's bytes would
    // depend on what the program uses.
    for (SectionPiece &piece : ms->pieces)
      piece.live = true;
    auto it = llvm::find_if(merged, [&](MergeSyntheticSection *syn) {
      return syn->flags == ms->flags && syn->entsize == ms->entsize &&
             (syn->addralign == ms->addralign || !(ms->flags & SHF_STRINGS));
    });
    if (it == merged.end()) {
      MergeSyntheticSection *syn = createMergeSection(ms);
      syn->entsize = ms->entsize;
      merged.push_back(syn);
      result.push_back(syn);
      it = std::prev(merged.end());
    }
    (*it)->addSection(ms);
  }
  pools.append(merged.begin(), merged.end());
  return result;
}

// Bytes from the slot address to the end of the library's content, once
// addresses are assigned.
static uint64_t usedBytes(const SlotPlacement &p) {
  uint64_t end = p.slot->address;
  if (!p.isd)
    return 0;
  for (InputSection *s : p.isd->sections)
    if (s->getSize())
      end = std::max(end, s->getVA() + s->getSize());
  return end - p.slot->address;
}

// A section's bytes and relocations as compiled, for the build
// fingerprint. In an object of the library alone, relocations are hashed
// whole, as spacer plan hashes them (Workspace.cpp); in one it shares (LTO's
// output), one by one, with their symbols by name. Bytes in the input files
// are hashed later, on another thread; a compressed section's, which lld
// decompresses into memory freed with the link, now.
template <class ELFT>
static void addContentAndRelocations(spacer::BuildFingerprint &build,
                                     InputSectionBase &s, ObjFile<ELFT> &file,
                                     bool wholeFile) {
  if (s.type != SHT_NOBITS) {
    if (s.compressed)
      build.addBytes(s.content());
    else
      build.addBytesLater(s.content());
  }
  if (!s.relSecIdx)
    return;
  const RelsOrRelas<ELFT> rels = s.template relsOrRelas<ELFT>();
  if (wholeFile) {
    build.addBytesLater(rels.rels.empty() ? spacer::bytesOf(rels.relas)
                                          : spacer::bytesOf(rels.rels));
    return;
  }
  ArrayRef<typename ELFT::Sym> syms = file.template getELFSyms<ELFT>();
  StringRef strings = file.getStringTable();
  auto add = [&](const auto &rel, int64_t addend) {
    uint32_t index = rel.getSymbol(config->isMips64EL);
    StringRef name;
    uint64_t section = 0;
    if (index < syms.size()) {
      name = check(syms[index].getName(strings));
      if (syms[index].getType() == STT_SECTION)
        section = syms[index].st_shndx;
    }
    build.addRelocation(rel.r_offset, rel.getType(config->isMips64EL), addend,
                        name, section);
  };
  for (const typename ELFT::Rel &rel : rels.rels)
    add(rel, 0);
  for (const typename ELFT::Rela &rel : rels.relas)
    add(rel, rel.r_addend);
}

// Which build of a library an image holds (lib/SpacerBuild.h), so that tools
// can tell two configurations of a library from one build whose bytes the
// rest of the link changed: its slotted input sections and, for files that
// belong to the library whole (by its file patterns), their symbol tables.
// Every slot of the library records it.
template <class ELFT>
static void fingerprintBuild(ArrayRef<SlotPlacement *> slots,
                             spacer::BuildFingerprint &build) {
  unsigned library =
      slots.front()->library - ctx.spacerLayout->manifest.libraries.data();
  SmallSetVector<ObjFile<ELFT> *, 2> files;
  for (SlotPlacement *p : slots) {
    // An empty slot says nothing of the build.
    for (InputSectionBase *s : p->sections) {
      uint64_t relocations = 0;
      ObjFile<ELFT> *file = nullptr;
      if (s->file && s->file->kind() == InputFile::ObjKind) {
        file = s->getFile<ELFT>();
        if (s->relSecIdx) {
          const typename ELFT::Shdr &rel =
              file->template getELFShdrs<ELFT>()[s->relSecIdx];
          relocations =
              rel.sh_entsize ? rel.sh_size / rel.sh_entsize : rel.sh_size;
        }
      }
      // A file the library shares (LTO's output, holding sections that
      // section patterns assign) says nothing of the library alone.
      bool wholeFile = file && findLibraryOfFile(file) == library;
      if (wholeFile)
        files.insert(file);
      build.addSection(p->slot->kind, s->name, s->type, s->flags, s->addralign,
                       s->entsize, s->getSize(), relocations);
      if (file)
        addContentAndRelocations(build, *s, *file, wholeFile);
    }
  }
  for (ObjFile<ELFT> *file : files) {
    build.addBytesLater(spacer::bytesOf(file->template getELFSyms<ELFT>()));
    build.addBytesLater(arrayRefFromStringRef(file->getStringTable()));
  }
}

// The fingerprint of each present library's build, in all of its slots:
// what the headers say now, the bytes on a thread of their own while lld
// lays the image out (they are most of the work: every byte of every
// library). waitForBuilds() takes the values.
static void fingerprintLibraries() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  MapVector<const spacer::Library *, SmallVector<SlotPlacement *, 0>> byLibrary;
  for (SlotPlacement &p : ctx.spacerLayout->slots)
    if (ctx.spacerLayout->present[p.library - manifest.libraries.data()])
      byLibrary[p.library].push_back(&p);
  std::vector<
      std::pair<SmallVector<SlotPlacement *, 0>, spacer::BuildFingerprint>>
      builds;
  for (auto &entry : byLibrary) {
    SmallVector<SlotPlacement *, 0> &slots = entry.second;
    llvm::sort(slots, [](SlotPlacement *a, SlotPlacement *b) {
      return a->slot->kind < b->slot->kind;
    });
    builds.emplace_back(slots, spacer::BuildFingerprint());
    invokeELFT(fingerprintBuild, slots, builds.back().second);
  }
  ctx.spacerLayout->builds = std::async(
      config->threadCount > 1 ? std::launch::async : std::launch::deferred,
      [builds = std::move(builds)] {
        for (const auto &[slots, build] : builds) {
          uint64_t value = build.value();
          for (SlotPlacement *p : slots)
            p->build = value;
        }
      });
}

// The builds, once hashed. Before the record is written, and before any
// error ends the link: the thread reads the input files' bytes.
static void waitForBuilds() {
  if (!ctx.spacerLayout->builds.valid())
    return;
  llvm::TimeTraceScope timeScope("Wait for spacer builds");
  ctx.spacerLayout->builds.get();
}

static constexpr StringLiteral EntryTableName = ".spacer.entries";
static constexpr StringLiteral ConstantTableName = ".spacer.constants";

namespace {
// A library's entry table (the manifest's "entries"), at the start of its
// text slot: per entry, a jump to the function of that name in this image's
// build of the library, padded with traps, or only traps where the build
// has no such function. Other libraries' calls to those functions, and
// every library's calls to those that are IFUNCs, are sent to the entries
// (redirectToTables), so the callers' code names the same addresses
// whichever build of the library an image holds and wherever its IPLT is;
// only the jumps differ, in the library's own pages.
class EntryTableSection final : public SyntheticSection {
public:
  explicit EntryTableSection(const spacer::Library &library)
      : SyntheticSection(SHF_ALLOC | SHF_EXECINSTR, SHT_PROGBITS,
                         spacer::EntryBytes, EntryTableName),
        library(library), targets(library.entries.size()) {}
  size_t getSize() const override {
    return library.entries.size() * spacer::EntryBytes;
  }
  void writeTo(uint8_t *buf) override;

  const spacer::Library &library;
  // Per entry, the function it jumps to, if this image's build has it.
  SmallVector<const Defined *, 0> targets;
};

// A library's constant table (the manifest's "constants"), at the start of
// its rodata slot: per constant, a copy of the read-only object of that
// name in this image's build of the library, zero-padded, or zeros where
// the build has no such object. Other libraries' references to those
// objects are sent to the copies (redirectToTables), so their code names
// the same addresses whichever build of the library an image holds, though
// the object lies elsewhere in each (Unikraft's generated library ids);
// only the copies differ, in the library's own pages. A copy is aligned to
// 8 bytes, whatever the object asked for.
class ConstantTableSection final : public SyntheticSection {
public:
  explicit ConstantTableSection(const spacer::Library &library)
      : SyntheticSection(SHF_ALLOC, SHT_PROGBITS, spacer::ConstantBytes,
                         ConstantTableName),
        library(library), targets(library.constants.size()) {}
  size_t getSize() const override {
    return library.constants.size() * spacer::ConstantBytes;
  }
  void writeTo(uint8_t *buf) override {
    memset(buf, 0, getSize());
    for (size_t i = 0, e = targets.size(); i != e; ++i)
      if (const Defined *d = targets[i]) {
        ArrayRef<uint8_t> bytes = cast<InputSection>(d->section)->content();
        memcpy(buf + i * spacer::ConstantBytes, bytes.data() + d->value,
               d->size);
      }
  }

  const spacer::Library &library;
  // Per constant, the object it copies, if this image's build has it.
  SmallVector<const Defined *, 0> targets;
};
} // namespace

// What a reference's symbol is, for the record's "to": the manifest
// library whose input defines it, the program (an input of no library),
// or the linker.
static std::string referenceTarget(const Symbol &sym) {
  const InputFile *file = sym.file;
  if (const auto *d = dyn_cast<Defined>(&sym)) {
    if (!d->section)
      return d->scriptDefined || !file || file == ctx.internalFile ? "linker"
                                                                   : "absolute";
    if (d->section->name == EntryTableName ||
        d->section->name == ConstantTableName)
      for (const SlotPlacement &p : ctx.spacerLayout->slots)
        if ((p.entries && d->section == p.entries) ||
            (p.constants && d->section == p.constants))
          return "library:" + p.library->name; // its entry or constant table
    if (auto *s = dyn_cast<InputSectionBase>(d->section)) {
      if (std::optional<unsigned> lib =
              findLibraryOfSection(s, /*diagnose=*/false))
        return "library:" + ctx.spacerLayout->manifest.libraries[*lib].name;
      file = s->file;
    } else {
      return "linker"; // an output section: a script's symbol
    }
  } else if (!sym.isDefined()) {
    return "undefined";
  }
  if (!file || file == ctx.internalFile)
    return "linker";
  if (std::optional<unsigned> lib = findLibraryOfFile(file))
    return "library:" + ctx.spacerLayout->manifest.libraries[*lib].name;
  return "program";
}

// Through which synthetic section a reference reaches its symbol.
static StringRef referenceVia(RelExpr expr, const Symbol &sym) {
  switch (expr) {
  case R_PLT_PC:
  case R_PLT:
  case R_PLT_GOTPLT:
  case R_PLT_GOTREL:
    return sym.isInIplt ? "iplt" : "plt";
  case R_GOT:
  case R_GOT_OFF:
  case R_GOT_PC:
  case R_GOTPLT:
  case R_GOTPLT_PC:
    return "got";
  default:
    break;
  }
  // A non-preemptible IFUNC's calls go to its IPLT entry, which the symbol
  // then stands for.
  if (const auto *d = dyn_cast<Defined>(&sym))
    if (d->section && d->section == in.iplt.get())
      return "iplt";
  return "direct";
}

static uint64_t referenceAddress(StringRef via, const Symbol &sym) {
  if (via == "plt" || (via == "iplt" && sym.isInPlt()))
    return sym.getPltVA();
  if (via == "got")
    return sym.getGotVA();
  return sym.getVA();
}

// Each slotted section's library (its index in the manifest).
static DenseMap<const SectionBase *, unsigned> slottedSections() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  DenseMap<const SectionBase *, unsigned> slotted;
  for (const SlotPlacement &p : ctx.spacerLayout->slots)
    for (InputSectionBase *s : p.sections)
      slotted[s] = p.library - manifest.libraries.data();
  return slotted;
}

// Every reference from a present library's slot to outside the library's
// slots (or through a synthetic section), grouped by slot, symbol and way;
// found once, after relocations were scanned (the record is sized then).
static void collectReferences() {
  SpacerLayout &layout = *ctx.spacerLayout;
  const spacer::Manifest &manifest = layout.manifest;
  DenseMap<const SectionBase *, unsigned> slotted = slottedSections();
  MapVector<std::tuple<unsigned, const Symbol *, StringRef>, unsigned> groups;
  for (unsigned i = 0, e = layout.slots.size(); i != e; ++i) {
    const SlotPlacement &p = layout.slots[i];
    unsigned library = p.library - manifest.libraries.data();
    if (!layout.present[library])
      continue;
    for (InputSectionBase *s : p.sections)
      for (const Relocation &r : s->relocs()) {
        if (!r.sym || r.expr == R_NONE)
          continue;
        StringRef via = referenceVia(r.expr, *r.sym);
        if (via == "direct")
          if (const auto *d = dyn_cast<Defined>(r.sym)) {
            auto it = slotted.find(d->section);
            if (it != slotted.end() && it->second == library)
              continue; // within the library's slots
          }
        auto [at, inserted] = groups.try_emplace({i, r.sym, via}, 0);
        if (inserted) {
          at->second = layout.references.size();
          layout.references.push_back(
              {i, r.sym, referenceTarget(*r.sym), via.str(), {}});
        }
        layout.references[at->second].sites.push_back({s, r.offset});
      }
    // An entry that jumps to an IFUNC goes through this image's IPLT.
    if (p.entries) {
      auto *table = static_cast<EntryTableSection *>(p.entries);
      for (size_t k = 0, n = table->targets.size(); k != n; ++k) {
        const Defined *d = table->targets[k];
        if (!d || !d->isInIplt)
          continue;
        auto [at, inserted] = groups.try_emplace({i, d, "iplt"}, 0);
        if (inserted) {
          at->second = layout.references.size();
          layout.references.push_back({i, d, referenceTarget(*d), "iplt", {}});
        }
        layout.references[at->second].sites.push_back(
            {table, k * spacer::EntryBytes});
      }
    }
  }
  layout.referencesCollected = true;
}

// The references, in the record: addresses once they are final.
static void addReferences(spacer::Placement &placement, bool final) {
  if (!ctx.spacerLayout->referencesCollected)
    collectReferences();
  placement.version = spacer::PlacementVersion;
  for (const SlotReference &r : ctx.spacerLayout->references) {
    const SlotPlacement &p = ctx.spacerLayout->slots[r.slot];
    spacer::PlacedReference &out = placement.references.emplace_back();
    out.library = p.library->name;
    out.kind = kindName(p.slot->kind).str();
    // A section symbol has no name: the section's tells more.
    const auto *d = dyn_cast<Defined>(r.sym);
    out.symbol = r.sym->getName().str();
    if (r.sym->isSection() && d && d->section) {
      out.symbol = "section " + d->section->name.str();
      if (const auto *s = dyn_cast<InputSectionBase>(d->section))
        if (s->file)
          out.symbol += " of " + s->file->getName().str();
    }
    out.to = r.to;
    out.via = r.via;
    out.target = final ? referenceAddress(r.via, *r.sym) : 0;
    for (const auto &[section, offset] : r.sites)
      out.sites.push_back(final ? section->getVA(offset) - p.slot->address : 0);
  }
}

static void redirectToTables();

namespace {
// The non-loaded .spacer.placement section: which manifest libraries this
// image holds, how full their slots are, and which build of each library,
// for `spacer check` and `spacer share`. It is sized
// before addresses are known; the record's numbers have a fixed width, so
// its length does not change when they are.
class PlacementSection final : public SyntheticSection {
public:
  PlacementSection()
      : SyntheticSection(0, SHT_PROGBITS, 1, spacer::PlacementSectionName) {}
  // The record's length depends on the names only: it is computed from
  // them, once, not on every query.
  size_t getSize() const override {
    if (!size) {
      // The first query comes once relocations are scanned, before
      // addresses are assigned.
      redirectToTables();
      size = spacer::placementSize(record(/*final=*/false));
    }
    return *size;
  }
  void writeTo(uint8_t *buf) override {
    waitForBuilds();
    std::string t;
    raw_string_ostream os(t);
    // Buffered: the JSON writer writes a character at a time.
    os.SetBuffered();
    spacer::writePlacement(record(/*final=*/true), os);
    os.flush();
    if (t.size() != getSize()) {
      error(ctx.spacerLayout->path +
            ": internal error: the placement record takes " + Twine(t.size()) +
            " bytes, not the " + Twine(getSize()) + " it was sized for");
      return;
    }
    memcpy(buf, t.data(), t.size());
  }

private:
  mutable std::optional<size_t> size;

  // Before addresses are final, the numbers are placeholders. Every slot of
  // every library the link holds is listed, empty ones too, so that a slot
  // missing from the record is one the link's manifest did not have.
  spacer::Placement record(bool final) const {
    spacer::Placement placement;
    const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
    for (const SlotPlacement &p : ctx.spacerLayout->slots) {
      if (!ctx.spacerLayout->present[p.library - manifest.libraries.data()])
        continue;
      placement.slots.push_back(
          {p.library->name, kindName(p.slot->kind).str(), p.slot->address,
           p.slot->size, final ? usedBytes(p) : 0, final ? p.build : 0});
    }
    for (const auto &[lib, why] : ctx.spacerLayout->unplacedLibraries)
      placement.unplaced.push_back(
          {manifest.libraries[lib].name, "", 0, 0, why});
    for (const auto &[key, sections] : ctx.spacerLayout->unplacedSections) {
      uint64_t start = UINT64_MAX, end = 0;
      auto span = [&](const InputSectionBase *s, uint64_t offset,
                      uint64_t size) {
        if (!size)
          return;
        start = std::min(start, s->getVA(offset));
        end = std::max(end, s->getVA(offset) + size);
      };
      if (final)
        for (InputSectionBase *s : sections) {
          // Pooled strings and constants lie wherever their pool put them.
          if (auto *ms = dyn_cast<MergeInputSection>(s)) {
            for (size_t i = 0, e = ms->pieces.size(); i != e; ++i)
              if (ms->pieces[i].live)
                span(ms, ms->pieces[i].inputOff, ms->getData(i).size());
          } else if (s->getOutputSection()) {
            span(s, 0, s->getSize());
          }
        }
      if (start > end)
        start = end = 0;
      std::string kind = kindName(key.second).str();
      placement.unplaced.push_back(
          {manifest.libraries[key.first].name, kind, start, end - start,
           "the manifest gives the library no " + kind + " slot"});
    }
    if (config->spacerReferences)
      addReferences(placement, final);
    return placement;
  }
};
} // namespace

// Where an entry jumps: the function, or for an IFUNC its IPLT entry in
// this image (the callers' code then stays the same wherever the IPLT is;
// only the entry, in the library's own pages, differs).
static uint64_t entryTarget(const Defined &d) {
  return d.isInIplt ? d.getPltVA() : d.getVA();
}

// x86-64: jmp rel32, then int3; AArch64: b imm26 (after bti c with BTI),
// then brk #0.
void EntryTableSection::writeTo(uint8_t *buf) {
  const uint64_t n = spacer::EntryBytes;
  for (size_t i = 0, e = targets.size(); i != e; ++i) {
    uint8_t *entry = buf + i * n;
    uint64_t at = getVA(i * n);
    if (config->emachine == EM_X86_64) {
      memset(entry, 0xcc, n);
      if (const Defined *d = targets[i]) {
        entry[0] = 0xe9;
        uint64_t rel = entryTarget(*d) - (at + 5);
        checkInt(entry, rel, 32, {R_PC, R_X86_64_PLT32, 0, 0, nullptr});
        support::endian::write32le(entry + 1, rel);
      }
    } else {
      for (uint64_t off = 0; off < n; off += 4)
        support::endian::write32le(entry + off, 0xd4200000); // brk #0
      if (const Defined *d = targets[i]) {
        // With BTI, an indirect branch (a range-extension thunk's br) may
        // reach the entry: it starts with a landing pad.
        if (config->andFeatures & GNU_PROPERTY_AARCH64_FEATURE_1_BTI) {
          support::endian::write32le(entry, 0xd503245f); // bti c
          entry += 4;
          at += 4;
        }
        uint64_t rel = entryTarget(*d) - at;
        checkInt(entry, rel, 28, {R_PC, R_AARCH64_JUMP26, 0, 0, nullptr});
        support::endian::write32le(entry,
                                   0x14000000 | ((rel >> 2) & 0x3ffffff));
      }
    }
  }
}

// Whether a relocation of code is a call or tail call to the start of a
// function, whose target the linker may change for an entry that jumps to
// it: to a function, or through the IPLT to an IFUNC. Another addend
// (`jmp f+16`), or a call-type relocation in data (a table of `f@PLT - .`),
// means something else at the entry.
static bool isCall(const InputSectionBase &s, const Relocation &r) {
  if (!(s.flags & SHF_EXECINSTR))
    return false;
  if (r.expr != R_PC && !(r.expr == R_PLT_PC && r.sym->isInIplt))
    return false;
  if (config->emachine == EM_X86_64)
    return r.type == R_X86_64_PLT32 && r.addend == -4;
  if (config->emachine == EM_AARCH64)
    return (r.type == R_AARCH64_CALL26 || r.type == R_AARCH64_JUMP26) &&
           r.addend == 0;
  return false;
}

// Whether D is LIBRARY's: defined in its slots, or an IFUNC of one of its
// files that the link made its IPLT entry. A program's or another
// library's symbol of the same name is not what an entry or a constant
// means.
static bool
isLibrarySymbol(const Defined &d, unsigned library,
                const DenseMap<const SectionBase *, unsigned> &slotted) {
  auto owner = slotted.find(d.section);
  if (owner != slotted.end())
    return owner->second == library;
  return d.isInIplt && d.section == in.iplt.get() && d.file &&
         findLibraryOfFile(d.file) == library;
}

// Why a library's object cannot have a copy in its constant table, if it
// cannot: the copy must hold what the object holds, all the program long.
static const char *whyNotCopyable(const Defined &d) {
  if (d.type != STT_OBJECT && d.type != STT_NOTYPE)
    return "it is not a data object";
  if (d.section && isa<MergeInputSection>(d.section))
    return "it is in a mergeable section, whose pieces the link may pool";
  auto *isec = dyn_cast_or_null<InputSection>(d.section);
  if (!isec || isec->type == SHT_NOBITS ||
      (isec->flags & (SHF_WRITE | SHF_EXECINSTR | SHF_TLS)))
    return "it is not in read-only data";
  if (d.size == 0 || d.size > spacer::ConstantBytes)
    return "it is not 1 to 8 bytes long";
  if (d.value + d.size > isec->content().size())
    return "it runs past the end of its section";
  // A relocation writes up to 8 bytes from its offset.
  for (const Relocation &r : isec->relocs())
    if (r.offset < d.value + d.size && r.offset + 8 > d.value)
      return "the linker writes some of its bytes (a relocation)";
  return nullptr;
}

// Whether an x86-64 relocation to an object of SIZE bytes refers to a byte
// of it, by an expression that names the symbol's address itself: an
// absolute one with the byte's offset as addend, or a PC-relative one
// (also a GOT load lld relaxed to one), whose addend is the byte's offset
// less the 4 to 8 bytes between the field and the instruction's end.
static bool readsWithin(const Relocation &r, uint64_t size) {
  int64_t n = size;
  switch (r.expr) {
  case R_ABS:
    return r.addend >= 0 && r.addend < n;
  case R_PC:
  case R_RELAX_GOT_PC:
  case R_RELAX_GOT_PC_NOPIC:
    return r.addend >= -8 && r.addend + 4 < n;
  default:
    return false;
  }
}

// Once relocations are scanned: sends every call from a library's slots to
// a function that another library's entry table lists to that entry, and
// every call to an IFUNC that a table lists, the library's own too (its
// IPLT entry moves with the program); and every reference from a library's
// slots to an object that another library's constant table lists to its
// copy. Only calls go to entries: an address taken (a function pointer)
// stays the function's own, so that pointers to it compare equal
// everywhere in the image.
static void redirectToTables() {
  SpacerLayout &layout = *ctx.spacerLayout;
  if (layout.callsRedirected)
    return;
  layout.callsRedirected = true;
  const spacer::Manifest &manifest = layout.manifest;
  DenseMap<const SectionBase *, unsigned> slotted = slottedSections();
  // The symbols the tables list, each with its entry or copy and its
  // library.
  DenseMap<const Symbol *, std::pair<Defined *, unsigned>> entryOf, copyOf;
  for (const SlotPlacement &p : layout.slots) {
    unsigned library = p.library - manifest.libraries.data();
    for (size_t i = 0, e = p.entries ? p.library->entries.size() : 0; i != e;
         ++i) {
      const std::string &name = p.library->entries[i];
      auto *d = dyn_cast_or_null<Defined>(symtab.find(name));
      if (!d || !isLibrarySymbol(*d, library, slotted))
        continue;
      static_cast<EntryTableSection *>(p.entries)->targets[i] = d;
      Defined *entry = makeDefined(
          ctx.internalFile, saver().save(name), STB_LOCAL, STV_DEFAULT,
          STT_FUNC, i * spacer::EntryBytes, spacer::EntryBytes, p.entries);
      entryOf[d] = {entry, library};
    }
    for (size_t i = 0, e = p.constants ? p.library->constants.size() : 0;
         i != e; ++i) {
      const std::string &name = p.library->constants[i];
      auto *d = dyn_cast_or_null<Defined>(symtab.find(name));
      if (!d || !isLibrarySymbol(*d, library, slotted))
        continue;
      if (const char *why = whyNotCopyable(*d)) {
        warn(layout.path + ": library '" + p.library->name + "': constant '" +
             name + "' gets no copy, and other libraries' references to it " +
             "keep its address: " + why);
        continue;
      }
      static_cast<ConstantTableSection *>(p.constants)->targets[i] = d;
      Defined *copy = makeDefined(
          ctx.internalFile, saver().save(name), STB_LOCAL, STV_DEFAULT,
          STT_OBJECT, i * spacer::ConstantBytes, d->size, p.constants);
      copyOf[d] = {copy, library};
    }
  }
  if (entryOf.empty() && copyOf.empty())
    return;
  for (const SlotPlacement &p : layout.slots) {
    unsigned library = p.library - manifest.libraries.data();
    if (!layout.present[library])
      continue;
    for (InputSectionBase *s : p.sections)
      for (Relocation &r : s->relocations) {
        if (!r.sym)
          continue;
        if (isCall(*s, r)) {
          auto it = entryOf.find(r.sym);
          if (it != entryOf.end() &&
              (it->second.second != library || r.sym->isInIplt)) {
            r.sym = it->second.first;
            r.expr = R_PC; // the entry, not its IPLT entry
          }
          continue;
        }
        // A read, or the object's address (then the copy's): the copy holds
        // the same bytes for good. References through a GOT entry lld keeps
        // (the entry holds the object's address) stay, as do those whose
        // addend reaches outside the object.
        auto it = copyOf.find(r.sym);
        if (it != copyOf.end() && it->second.second != library &&
            readsWithin(r, r.sym->getSize()))
          r.sym = it->second.first;
      }
  }
}

// `. = MAX(., target)`, shown as `text` in the map file.
static SymbolAssignment *moveDotTo(std::function<uint64_t()> target,
                                   std::string text) {
  Expr e = [=]() -> ExprValue { return std::max(script->getDot(), target()); };
  auto *cmd = make<SymbolAssignment>(".", e, 0, ctx.spacerLayout->path);
  cmd->commandString = std::move(text);
  return cmd;
}

// The map file line of a slot: "spacer slot libfmt:text [0x400000,
// 0x401000)", and once addresses are final, how full it is.
static std::string slotMapText(const SlotPlacement &p,
                               std::optional<uint64_t> used) {
  std::string text = "spacer slot " + p.library->name + ":" +
                     kindName(p.slot->kind).str() + " " +
                     range(p.slot->address, p.slot->end());
  if (used)
    text += " holds " + spacer::hexString(*used) + " of " +
            spacer::hexString(p.slot->size) + " bytes";
  return text;
}

// Whether an input section description takes the plain sections of a
// built-in kind (".text" for text) of every file: one of the script's
// patterns matches the name, or, for a description lld made for orphans, the
// output section has the name lld's default layout gives the kind.
static bool takesPlainSections(const OutputSection *osec,
                               const InputSectionDescription *isd,
                               unsigned kind) {
  if (kind >= spacer::NumSlotKinds)
    return false;
  std::string plain = ("." + spacer::slotKindName(SlotKind(kind))).str();
  if (isd->sectionPatterns.empty())
    return osec->name == plain;
  // A file pattern that matches even a nameless file matches every file
  // (`*`); `big.o(.text)` is not the plain sections.
  return isd->matchesFile(nullptr) &&
         llvm::any_of(isd->sectionPatterns, [&](const SectionPattern &p) {
           return p.sectionPat.match(plain);
         });
}

// The output section where the layout puts the plain sections of a
// built-in kind, if any.
static OutputSection *findKindOutputSection(unsigned kind) {
  for (SectionCommand *cmd : script->sectionCommands)
    if (auto *osd = dyn_cast<OutputDesc>(cmd))
      for (SectionCommand *sub : osd->osec.commands)
        if (auto *isd = dyn_cast<InputSectionDescription>(sub))
          if (takesPlainSections(&osd->osec, isd, kind))
            return &osd->osec;
  return nullptr;
}

// Tells the user, as --spacer-unplaced says, that a library of the manifest
// is in the link but not (all) in its slots.
static void unplaced(const Twine &message) {
  if (config->spacerUnplaced == "error")
    error(message);
  else
    warn(message);
}

// A library whose files are LLVM bitcode and that is matched by file only:
// LTO compiles its code together with the rest of the link into one object,
// where no file pattern can find it. Called before LTO, while the bitcode
// files are still there.
static void findBitcodeLibraries() {
  for (BitcodeFile *file : ctx.bitcodeFiles) {
    std::optional<unsigned> lib = findLibraryOfFile(file);
    if (!lib || !ctx.spacerLayout->manifest.libraries[*lib].sections.empty())
      continue;
    if (llvm::any_of(ctx.spacerLayout->unplacedLibraries,
                     [&](const auto &u) { return u.first == *lib; }))
      continue;
    ctx.spacerLayout->unplacedLibraries.push_back(
        {*lib, "its file " + toString(file) +
                   " is LLVM bitcode, which LTO compiles together with the "
                   "rest of the link, so no file pattern finds its sections "
                   "(build it with the spacer-tag pass and match its "
                   "sections by name)"});
  }
}

// A library no input belongs to, although one of its file patterns matches
// an input when letter case is ignored and an archive member's
// "archive:member" is read as a path ("lib.a/member.o"): most likely a
// pattern written for another spelling of the same file.
static void findNearMisses() {
  std::vector<bool> &present = ctx.spacerLayout->present;
  FilePatternIndex relaxed;
  bool any = false;
  auto loosen = [](StringRef name) {
    std::string s = name.lower();
    std::replace(s.begin(), s.end(), ':', '/');
    return s;
  };
  for (size_t i = 0, e = ctx.spacerLayout->manifest.libraries.size(); i != e;
       ++i)
    if (!present[i])
      for (const std::string &pattern :
           ctx.spacerLayout->manifest.libraries[i].files) {
        relaxed.add(i, loosen(pattern));
        any = true;
      }
  if (!any)
    return;
  auto check = [&](InputFile *file) {
    StringRef name = file->getNameForScript();
    for (unsigned lib : relaxed.lookup(loosen(name))) {
      if (present[lib])
        continue;
      present[lib] = true;
      ctx.spacerLayout->unplacedLibraries.push_back(
          {lib, "no input matches its file patterns, but input '" + name.str() +
                    "' would if letter case or the archive member "
                    "separator were ignored (file patterns match "
                    "'archive:member' exactly, case and all)"});
    }
  };
  for (ELFFileBase *file : ctx.objectFiles)
    check(file);
  for (BitcodeFile *file : ctx.bitcodeFiles)
    check(file);
}

// Reports every library that is in the link but not wholly in its slots.
static void reportUnplaced() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  for (const auto &[lib, why] : ctx.spacerLayout->unplacedLibraries)
    unplaced(ctx.spacerLayout->path + ": library '" +
             manifest.libraries[lib].name +
             "' is in the link but not in its slots: " + why);
  for (const auto &[key, sections] : ctx.spacerLayout->unplacedSections) {
    uint64_t bytes = 0;
    for (InputSectionBase *s : sections)
      bytes += s->getSize();
    StringRef kind = kindName(key.second);
    unplaced(ctx.spacerLayout->path + ": library '" +
             manifest.libraries[key.first].name + "' has no " + kind +
             " slot, so its " + Twine(sections.size()) + " " + kind +
             " section" + (sections.size() == 1 ? "" : "s") + " (" +
             Twine(bytes) + " bytes, " + toString(sections.front()) +
             (sections.size() == 1 ? "" : ", ...") +
             ") stay outside its slots and its pages there will differ "
             "between images");
  }
}

namespace {
// The output sections that host slots: per output section, its slots in
// address order, the end of what it reserves (a whole kind's region where
// the layout puts the kind's plain sections, else its own slots), and the
// kinds it hosts.
struct SlotHosts {
  MapVector<OutputSection *, SmallVector<SlotPlacement *, 0>> slots;
  MapVector<OutputSection *, uint64_t> regionEnd;
  DenseMap<OutputSection *, SmallVector<unsigned, 4>> kinds;
};
} // namespace

// Claims the input sections of manifest libraries for their slots, walking
// the output sections' descriptions: they hold every section assigned so
// far, mergeable ones included, in the order the layout would use. Notes
// which libraries the link holds and what of them cannot go to a slot.
// Returns each claimed section's slot.
static DenseMap<const InputSectionBase *, SlotPlacement *>
claimLibrarySections() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  DenseMap<std::pair<const spacer::Library *, unsigned>, SlotPlacement *>
      slotOf;
  for (SlotPlacement &p : ctx.spacerLayout->slots)
    slotOf[{p.library, p.slot->kind}] = &p;

  DenseMap<const InputSectionBase *, SlotPlacement *> owner;
  std::vector<bool> &present = ctx.spacerLayout->present;
  present.resize(manifest.libraries.size());
  for (const auto &[lib, why] : ctx.spacerLayout->unplacedLibraries)
    present[lib] = true;
  // With "relro": "data", a library's RELRO data goes to its data slot,
  // in the output section that takes plain data, out of the output section
  // the layout gave it (.data.rel.ro) unless that is the same.
  OutputSection *dataHost = nullptr;
  if (manifest.relro == spacer::RelroPlacement::Data)
    dataHost = findKindOutputSection(unsigned(SlotKind::Data));
  SmallPtrSet<InputSectionDescription *, 4> movedFrom;
  DenseSet<unsigned> relroLeft;
  auto claim = [&](InputSectionBase *s, OutputSection *osec,
                   InputSectionDescription *isd) {
    // Synthetic sections belong to the link, not to a library; COMMON
    // symbols' sections keep the file that declared them.
    if (!s->isLive() || !s->file || s->file == ctx.internalFile ||
        !(s->flags & SHF_ALLOC))
      return;
    std::optional<unsigned> byFile = findLibraryOfFile(s->file);
    if (byFile)
      present[*byFile] = true;
    std::optional<unsigned> bySection = findLibraryOfSection(s);
    if (byFile && bySection && *byFile != *bySection) {
      error(ctx.spacerLayout->path + ": section " + toString(s) +
            " belongs to library '" + manifest.libraries[*byFile].name +
            "' by its file and to library '" +
            manifest.libraries[*bySection].name + "' by its name");
      return;
    }
    std::optional<unsigned> index = bySection ? bySection : byFile;
    if (!index)
      return;
    present[*index] = true;
    std::optional<unsigned> kind = getSlotKind(s);
    if (!kind)
      return;
    const spacer::Library *lib = &manifest.libraries[*index];
    SlotPlacement *p = slotOf.lookup({lib, *kind});
    if (!p) {
      // The library has no slot of this kind: its pages will not be shared.
      if (kindName(*kind) != spacer::UnslottedKind && s->getSize())
        ctx.spacerLayout->unplacedSections[{*index, *kind}].push_back(s);
      return;
    }
    if (*kind == unsigned(SlotKind::Data) && isRelroForData(s)) {
      if (!dataHost) {
        // Its data slot would lie in a RELRO output section, inside
        // PT_GNU_RELRO: the data stays where the layout put it.
        if (relroLeft.insert(*index).second)
          warn(ctx.spacerLayout->path + ": library '" +
               manifest.libraries[*index].name +
               "': its RELRO data stays outside its slots: no output section "
               "of this link takes plain data (.data), where its data slot "
               "would hold it");
        return;
      }
      if (osec != dataHost) {
        movedFrom.insert(isd);
        osec = dataHost;
      }
    }
    if (!p->host) {
      p->host = osec;
    } else if (p->host != osec) {
      if (!p->reportedSplit)
        error(ctx.spacerLayout->path + ": " + describe(*p) +
              ": the library's sections are assigned to output section '" +
              p->host->name + "' and to '" + osec->name + "' (" + toString(s) +
              "); a slot lies in one output section");
      p->reportedSplit = true;
      return;
    }
    p->sections.push_back(s);
    owner[s] = p;
    // Identical code folding runs later; folding a library's section into
    // an identical one elsewhere would take it out of its slot.
    s->keepUnique = true;
  };
  for (SectionCommand *cmd : script->sectionCommands)
    if (auto *osd = dyn_cast<OutputDesc>(cmd))
      for (SectionCommand *sub : osd->osec.commands)
        if (auto *isd = dyn_cast<InputSectionDescription>(sub))
          for (InputSectionBase *s : isd->sectionBases)
            claim(s, &osd->osec, isd);
  for (InputSectionDescription *isd : movedFrom)
    llvm::erase_if(isd->sectionBases,
                   [&](InputSectionBase *s) { return owner.count(s); });
  // A library linked whole has its members in input order only where the
  // program extracts none of them: what the program extracts comes first.
  // Its slots take them by member name, the same in every image.
  for (SlotPlacement &p : ctx.spacerLayout->slots)
    if (p.library->whole)
      llvm::stable_sort(p.sections,
                        [](InputSectionBase *a, InputSectionBase *b) {
                          return (a->file ? a->file->getName() : "") <
                                 (b->file ? b->file->getName() : "");
                        });
  // Whether the layout met the RELRO data's output section or the plain
  // data's first depends on the program's inputs: the slot holds its plain
  // data first, then its RELRO data, each in the order above.
  if (manifest.relro == spacer::RelroPlacement::Data)
    for (SlotPlacement &p : ctx.spacerLayout->slots)
      if (p.slot->kind == unsigned(SlotKind::Data))
        std::stable_partition(
            p.sections.begin(), p.sections.end(),
            [](InputSectionBase *s) { return !isRelroForData(s); });
  return owner;
}

// Fleet images rarely have every library, so an absent one is only noted
// with --verbose; but when not one library is present, the patterns are
// most likely wrong.
static void noteAbsentLibraries() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  const std::vector<bool> &present = ctx.spacerLayout->present;
  for (size_t i = 0, e = manifest.libraries.size(); i != e; ++i)
    if (!present[i])
      log(ctx.spacerLayout->path + ": library '" + manifest.libraries[i].name +
          "' is not in this link; its slots stay empty");
  if (!manifest.libraries.empty() &&
      llvm::none_of(present, [](bool b) { return b; }))
    warn(ctx.spacerLayout->path +
         ": no input belongs to any library of the manifest; "
         "check the libraries' file and section patterns");
}

// Groups the slots by the output section that hosts them. A kind no library
// of this link fills still has its region kept clear, in the output section
// where the layout puts that kind's sections, so that the application's
// sections start after the agreed region in every image.
static SlotHosts findSlotHosts() {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  SlotHosts hosts;
  std::vector<uint64_t> kindEnd(manifest.numKinds());
  std::vector<bool> kindHosted(manifest.numKinds());
  for (SlotPlacement &p : ctx.spacerLayout->slots)
    kindEnd[p.slot->kind] = std::max(kindEnd[p.slot->kind], p.slot->end());
  for (SlotPlacement &p : ctx.spacerLayout->slots)
    if (p.host) {
      hosts.slots[p.host].push_back(&p);
      kindHosted[p.slot->kind] = true;
    }
  // The application's sections of a kind come after the kind's whole
  // region; an output section that holds only libraries' sections ends
  // after its own slots, so that the next output section can hold slots.
  std::vector<OutputSection *> plainHost(manifest.numKinds());
  for (unsigned k = 0; k != spacer::NumSlotKinds; ++k)
    plainHost[k] = findKindOutputSection(k);
  for (auto &[osec, slots] : hosts.slots)
    for (SlotPlacement *p : slots) {
      unsigned k = p->slot->kind;
      uint64_t &end = hosts.regionEnd[osec];
      end = std::max(end, plainHost[k] == osec ? kindEnd[k] : p->slot->end());
      if (!llvm::is_contained(hosts.kinds[osec], k))
        hosts.kinds[osec].push_back(k);
    }
  for (unsigned k = 0; k != spacer::NumSlotKinds; ++k) {
    if (kindHosted[k] || !kindEnd[k])
      continue;
    if (OutputSection *osec = plainHost[k]) {
      hosts.slots[osec];
      uint64_t &end = hosts.regionEnd[osec];
      end = std::max(end, kindEnd[k]);
      hosts.kinds[osec].push_back(k);
    }
  }
  return hosts;
}

// Takes the owned sections out of the descriptions of OSEC that captured
// them, and returns where the slots go: where the layout puts the kind's
// plain sections (the script's `*(.text)`, say), whether or not any library
// is present, so that what the script puts before them stays before them
// in every image; failing that, where the first owned section was.
static size_t takeOwnedSections(
    OutputSection *osec, ArrayRef<unsigned> kinds,
    const DenseMap<const InputSectionBase *, SlotPlacement *> &owner) {
  std::optional<size_t> insertAt, firstOwned, firstDescription;
  for (size_t i = 0, e = osec->commands.size(); i != e; ++i) {
    auto *isd = dyn_cast<InputSectionDescription>(osec->commands[i]);
    if (!isd)
      continue;
    if (!firstDescription)
      firstDescription = i;
    if (!insertAt && llvm::any_of(kinds, [&](unsigned k) {
          return takesPlainSections(osec, isd, k);
        }))
      insertAt = i;
    size_t before = isd->sectionBases.size();
    llvm::erase_if(isd->sectionBases,
                   [&](InputSectionBase *s) { return owner.count(s); });
    if (!firstOwned && isd->sectionBases.size() != before)
      firstOwned = i;
  }
  if (insertAt)
    return *insertAt;
  return firstOwned ? *firstOwned : firstDescription.value_or(0);
}

// Gives each slot its commands: the move to its address, shown in the map
// file, and a description of its own with its sections (mergeable ones
// pooled per slot, the pools added to POOLS), a text slot's entry table
// first.
static void makeSlotCommands(ArrayRef<SlotPlacement *> slots,
                             SmallVector<MergeSyntheticSection *, 0> &pools) {
  for (SlotPlacement *p : slots) {
    uint64_t address = p->slot->address;
    p->start = moveDotTo(
        [=] {
          p->dotBefore = script->getDot();
          return address;
        },
        config->mapFile.empty() ? "" : slotMapText(*p, std::nullopt));
    p->isd = make<InputSectionDescription>("");
    ctx.spacerLayout->slotDescriptions.insert(p->isd);
    p->isd->sectionBases = mergeWithinSlot(p->sections, pools);
    if (p->slot->kind == unsigned(SlotKind::Text) &&
        !p->library->entries.empty()) {
      if (config->emachine != EM_X86_64 && config->emachine != EM_AARCH64) {
        error(ctx.spacerLayout->path + ": library '" + p->library->name +
              "' has entries, which ld.lld makes for x86-64 and AArch64 "
              "only; this link is for " +
              convertEMachineToArchName(config->emachine));
        continue;
      }
      p->entries = make<EntryTableSection>(*p->library);
      p->isd->sectionBases.insert(p->isd->sectionBases.begin(), p->entries);
    }
    if (p->slot->kind == unsigned(SlotKind::Rodata) &&
        !p->library->constants.empty()) {
      // Other targets form an address from two relocations (AArch64's adrp
      // and its low 12 bits), which would have to move together.
      if (config->emachine != EM_X86_64) {
        error(ctx.spacerLayout->path + ": library '" + p->library->name +
              "' has constants, which ld.lld makes for x86-64 only; this "
              "link is for " +
              convertEMachineToArchName(config->emachine));
        continue;
      }
      p->constants = make<ConstantTableSection>(*p->library);
      p->isd->sectionBases.insert(p->isd->sectionBases.begin(), p->constants);
    }
  }
}

// The move to the end of a kind's region, after its slots.
static SymbolAssignment *moveToRegionEnd(uint64_t regionEnd) {
  return moveDotTo([=] { return regionEnd; },
                   "spacer end of slot region " + spacer::hexString(regionEnd));
}

// The layout of OSEC when it cannot be split (see splitHost): its slots and
// the move to the region's end at INSERTAT, inside it, gaps and all.
static void insertSlotsInPlace(OutputSection *osec, size_t insertAt,
                               ArrayRef<SlotPlacement *> slots,
                               uint64_t regionEnd) {
  SmallVector<SectionCommand *, 0> placed;
  for (SlotPlacement *p : slots)
    placed.append({p->start, p->isd});
  placed.push_back(moveToRegionEnd(regionEnd));
  osec->commands.insert(osec->commands.begin() + insertAt, placed.begin(),
                        placed.end());
}

namespace {
// Slots of one output section whose bytes this image holds as one run, so
// one segment: [start, end) are the addresses of those bytes.
struct SlotRun {
  SmallVector<SlotPlacement *, 4> slots;
  uint64_t start = 0, end = 0;
};

// An output section that hosts slots, and how this image lays it out.
struct HostLayout {
  OutputSection *osec;
  size_t insertAt;
  SmallVector<SlotPlacement *, 0> slots;
  uint64_t regionEnd;
  bool split; // else in place (insertSlotsInPlace)
  SmallVector<SlotRun, 0> runs;
};
} // namespace

// The bytes a slot's sections take, laid out one after the other.
static uint64_t layoutBytes(const SlotPlacement &p) {
  uint64_t size = 0;
  for (InputSectionBase *s : p.isd->sectionBases)
    size = alignTo(size, std::max<uint64_t>(s->addralign, 1)) + s->getSize();
  return size;
}

// The runs of an image's slots: each slot that holds bytes, joined with the
// one before when nothing would be gained by a segment of its own: no byte
// (packed segments) or no whole page (paged ones) lies unused between them.
// Empty slots take nothing.
static SmallVector<SlotRun, 0> findRuns(ArrayRef<SlotPlacement *> slots) {
  const spacer::Manifest &manifest = ctx.spacerLayout->manifest;
  bool packed = manifest.segments == spacer::SegmentLayout::Packed;
  SmallVector<SlotRun, 0> runs;
  for (SlotPlacement *p : slots) {
    uint64_t bytes = layoutBytes(*p);
    if (!bytes)
      continue;
    uint64_t start = p->slot->address, end = start + bytes;
    if (!runs.empty()) {
      SlotRun &last = runs.back();
      uint64_t reach =
          packed ? last.end : alignToPowerOf2(last.end, manifest.pageSize);
      if (start <= reach) {
        last.slots.push_back(p);
        last.end = std::max(last.end, end);
        continue;
      }
    }
    runs.push_back({{p}, start, end});
  }
  return runs;
}

// An image has at most this many segments for its slots, so that its
// program headers stay small (Unikraft's multiboot wrapper keeps them in its
// first 8 KiB). Past it, the runs closest to each other share a segment,
// which then stores the bytes between them.
static constexpr size_t MaxSlotSegments = 128;

// Program headers lld makes besides the slots' (PHDR, the loads of the
// headers and of each kind, TLS, RELRO, EH_FRAME, STACK, notes), with room
// to spare.
static constexpr size_t OtherProgramHeaders = 16;

// How many segments the slots may have. In lld's own layout the ELF header
// and the program headers are loaded at the image base, before everything
// else: their table must not grow into the first slot.
static size_t segmentBudget() {
  size_t budget = MaxSlotSegments;
  if (script->hasSectionsCommand || ctx.spacerLayout->slots.empty())
    return budget;
  uint64_t headers =
      target->getImageBase() +
      (config->is64 ? sizeof(ELF::Elf64_Ehdr) : sizeof(ELF::Elf32_Ehdr));
  uint64_t first = ctx.spacerLayout->slots.front().slot->address;
  if (first <= headers)
    return budget; // The slots start below the headers.
  uint64_t room = (first - headers) / (config->is64 ? sizeof(ELF::Elf64_Phdr)
                                                    : sizeof(ELF::Elf32_Phdr));
  return std::min<size_t>(
      budget, room > OtherProgramHeaders ? room - OtherProgramHeaders : 0);
}

static void mergeClosestRuns(MutableArrayRef<HostLayout> hosts) {
  size_t budget = segmentBudget();
  auto count = [&] {
    size_t n = 0;
    for (const HostLayout &h : hosts)
      n += h.split ? h.runs.size() + 1 : 0; // the runs and the tail
    return n;
  };
  while (count() > budget) {
    HostLayout *best = nullptr;
    size_t bestIndex = 0;
    uint64_t bestGap = UINT64_MAX;
    for (HostLayout &h : hosts)
      for (size_t i = 1; i < h.runs.size(); ++i)
        if (h.runs[i].start - h.runs[i - 1].end < bestGap) {
          bestGap = h.runs[i].start - h.runs[i - 1].end;
          best = &h;
          bestIndex = i;
        }
    if (!best)
      return; // One run per output section: nothing left to merge.
    SlotRun &into = best->runs[bestIndex - 1];
    into.slots.append(best->runs[bestIndex].slots);
    into.end = best->runs[bestIndex].end;
    best->runs.erase(best->runs.begin() + bestIndex);
  }
}

// The load segment (PHDRS name) an output section goes to: its own, else
// that of the last section before it that names one, as lld assigns them.
static std::optional<size_t> findLoadSegment(const OutputDesc *host) {
  ArrayRef<StringRef> names;
  for (SectionCommand *cmd : script->sectionCommands) {
    if (auto *osd = dyn_cast<OutputDesc>(cmd))
      if (!osd->osec.phdrs.empty())
        names = osd->osec.phdrs;
    if (cmd == host)
      break;
  }
  for (StringRef name : names)
    for (size_t i = 0, e = script->phdrsCommands.size(); i != e; ++i)
      if (script->phdrsCommands[i].name == name &&
          script->phdrsCommands[i].type == PT_LOAD)
        return i;
  return std::nullopt;
}

static OutputDesc *findDesc(const OutputSection *osec) {
  for (SectionCommand *cmd : script->sectionCommands)
    if (auto *osd = dyn_cast<OutputDesc>(cmd))
      if (&osd->osec == osec)
        return osd;
  return nullptr;
}

// Whether OSEC can be split into a segment per run: not with MEMORY regions
// (the pieces would need regions of their own), nor when the command line
// gives it an address (-Ttext, --section-start: lld applies it by name, so
// to every piece), and with PHDRS only when it goes to a load segment, after
// which the pieces' segments can go.
static bool canSplit(const OutputSection *osec) {
  if (osec->memRegion || osec->lmaRegion ||
      config->sectionStartMap.count(osec->name))
    return false;
  if (!script->hasPhdrsCommands())
    return true;
  const OutputDesc *osd = findDesc(osec);
  return osd && findLoadSegment(osd);
}

// A piece of HOST: an output section of the same name and kind, at ADDRESS
// (or wherever the location counter is, if beyond), and loaded at its own
// address as HOST is at its own (AT()), which gives it a load segment of
// its own.
static OutputDesc *makePiece(OutputSection *host, uint64_t address) {
  auto *osd = make<OutputDesc>(host->name, host->type, host->flags);
  OutputSection &piece = osd->osec;
  piece.addralign = host->addralign;
  piece.subalignExpr = host->subalignExpr;
  // Zeros between a run's slots, not the host's fill (traps in code): a
  // slot's last page then holds the same bytes whether the next slot is in
  // the run (its gap stored as zeros) or not (its gap left to the loader,
  // which leaves fresh memory zero, or maps the file's zero padding).
  piece.filler = std::array<uint8_t, 4>{0, 0, 0, 0};
  piece.location = host->location;
  piece.typeIsSet = host->typeIsSet;
  piece.partition = host->partition;
  // Where the host is in the script, if it is (orphans have none): lld
  // places and sorts orphan sections by it.
  piece.sectionIndex = host->sectionIndex;
  piece.addrExpr = [=, &piece]() -> ExprValue {
    ctx.spacerLayout->pieces[&piece] = script->getDot();
    return std::max(script->getDot(), address);
  };
  piece.lmaExpr = [=]() -> ExprValue {
    return script->getDot() + (host->getLMA() - host->addr);
  };
  ctx.spacerLayout->pieces[&piece] = 0;
  return osd;
}

// With PHDRS, sections go only to the segments it names: each piece gets a
// load segment of its own, listed after HOSTSEGMENT's, and sections after
// the pieces that name HOSTSEGMENT go to the last piece's (the tail's), which
// now holds what followed the slots.
static void addPieceSegments(size_t hostSegment, ArrayRef<OutputDesc *> pieces,
                             size_t lastPiecePosition) {
  StringRef hostName = script->phdrsCommands[hostSegment].name;
  std::optional<unsigned> flags = script->phdrsCommands[hostSegment].flags;
  StringRef name;
  for (size_t i = 0, e = pieces.size(); i != e; ++i) {
    name = saver().save("spacer." + Twine(ctx.spacerLayout->segmentCount++));
    PhdrsCommand cmd;
    cmd.name = name;
    cmd.type = PT_LOAD;
    cmd.flags = flags;
    script->phdrsCommands.insert(
        script->phdrsCommands.begin() + hostSegment + 1 + i, cmd);
    pieces[i]->osec.phdrs = {name};
  }
  for (size_t i = lastPiecePosition + 1, e = script->sectionCommands.size();
       i != e; ++i) {
    auto *osd = dyn_cast<OutputDesc>(script->sectionCommands[i]);
    if (!osd || osd->osec.phdrs.empty())
      continue;
    bool namesHost = false, namesOtherLoad = false;
    for (StringRef &segment : osd->osec.phdrs) {
      if (segment == hostName) {
        segment = name;
        namesHost = true;
        continue;
      }
      for (const PhdrsCommand &cmd : script->phdrsCommands)
        if (cmd.name == segment && cmd.type == PT_LOAD)
          namesOtherLoad = true;
    }
    if (namesOtherLoad && !namesHost)
      break;
  }
}

// Gives PIECE the flags and type lld will give the host from its sections.
// lld does it only when it finalizes input sections, and sorts output
// sections by them; a piece with no input section of its own (the tail,
// when the program has no sections of the kind) would keep none, and sort
// after every allocated section, taking the region's end with it.
static void giveHostFlags(OutputSection &piece, const HostLayout &h) {
  uint64_t flags = 0;
  bool any = false, nobits = true;
  auto note = [&](const InputSectionBase *s) {
    flags |= s->flags;
    nobits &= s->type == SHT_NOBITS;
    any = true;
  };
  for (const SlotPlacement *p : h.slots)
    for (const InputSectionBase *s : p->sections)
      note(s);
  for (SectionCommand *cmd : h.osec->commands)
    if (auto *isd = dyn_cast<InputSectionDescription>(cmd))
      for (const InputSectionBase *s : isd->sectionBases)
        note(s);
  if (!any)
    return;
  piece.flags = flags & (SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR);
  piece.type = nobits ? SHT_NOBITS : SHT_PROGBITS;
}

// Splits HOST so that the image stores none of the gaps between its slots:
// HOST keeps what comes before the slots; each run of slots becomes a piece
// at the run's address; what comes after them (the programs' own sections
// of the kind) becomes a last piece at the end of the region.
static void splitHost(HostLayout &h) {
  OutputSection *host = h.osec;
  OutputDesc *hostDesc = findDesc(host);
  std::optional<size_t> hostSegment;
  if (script->hasPhdrsCommands())
    hostSegment = findLoadSegment(hostDesc);
  OutputDesc *tail = makePiece(host, h.regionEnd);
  giveHostFlags(tail->osec, h);
  SmallVector<SectionCommand *, 0> after(host->commands.begin() + h.insertAt,
                                         host->commands.end());
  host->commands.resize(h.insertAt);

  SmallVector<OutputDesc *, 0> pieces;
  for (SlotRun &run : h.runs) {
    OutputDesc *piece = makePiece(host, run.start);
    for (SlotPlacement *p : run.slots) {
      piece->osec.commands.append({p->start, p->isd});
      p->host = &piece->osec;
    }
    pieces.push_back(piece);
  }
  tail->osec.commands.push_back(moveToRegionEnd(h.regionEnd));
  tail->osec.commands.append(after);
  pieces.push_back(tail);

  auto at = llvm::find(script->sectionCommands, hostDesc) + 1;
  size_t position = at - script->sectionCommands.begin();
  script->sectionCommands.insert(at, pieces.begin(), pieces.end());
  if (hostSegment)
    addPieceSegments(*hostSegment, pieces, position + pieces.size() - 1);
}

// The placement record, in an output section of its own after the others.
static void addPlacementRecord() {
  auto *record = make<PlacementSection>();
  OutputDesc *osd = script->createOutputSection(spacer::PlacementSectionName,
                                                ctx.spacerLayout->path);
  osd->osec.recordSection(record);
  script->sectionCommands.push_back(osd);
}

void elf::assignSpacerSlots() {
  if (!ctx.spacerLayout)
    return;
  llvm::TimeTraceScope timeScope("Assign spacer slots");

  // Which sections go to which slot, and what the user must be told.
  DenseMap<const InputSectionBase *, SlotPlacement *> owner =
      claimLibrarySections();
  if (errorCount()) {
    ctx.spacerLayout->assignFailed = true;
    return;
  }
  invokeELFT(checkComdatGroups, );
  findNearMisses();
  reportUnplaced();
  noteAbsentLibraries();

  // The slots, in the output sections that host them: each run of slots
  // this image fills a piece of the host with a segment of its own, so
  // that the gaps between them are neither in the file nor loaded.
  SlotHosts hosts = findSlotHosts();
  SmallVector<MergeSyntheticSection *, 0> pools;
  SmallVector<HostLayout, 0> layouts;
  for (auto &[osec, slots] : hosts.slots) {
    size_t insertAt = takeOwnedSections(osec, hosts.kinds[osec], owner);
    makeSlotCommands(slots, pools);
    layouts.push_back(
        {osec, insertAt, slots, hosts.regionEnd[osec], canSplit(osec), {}});
  }
  for (MergeSyntheticSection *syn : pools)
    syn->finalizeContents();
  for (HostLayout &h : layouts)
    if (h.split)
      h.runs = findRuns(h.slots);
  mergeClosestRuns(layouts);
  for (HostLayout &h : layouts) {
    if (h.split)
      splitHost(h);
    else
      insertSlotsInPlace(h.osec, h.insertAt, h.slots, h.regionEnd);
  }

  // Each library's build and the record of it all.
  fingerprintLibraries();
  addPlacementRecord();
}

void elf::alignSpacerSegments() {
  if (!ctx.spacerLayout ||
      ctx.spacerLayout->manifest.segments != spacer::SegmentLayout::Packed)
    return;
  // Packed: a piece's segment is aligned only as its sections need, so the
  // file holds its bytes right after the previous segment's.
  for (Partition &part : partitions)
    for (PhdrEntry *phdr : part.phdrs) {
      if (phdr->p_type != PT_LOAD || !phdr->firstSec ||
          !ctx.spacerLayout->pieces.count(phdr->firstSec))
        continue;
      uint64_t align = 1;
      for (OutputSection *osec : outputSections)
        if (osec->ptLoad == phdr)
          align = std::max<uint64_t>(align, osec->addralign);
      phdr->p_align = align;
    }
}

bool elf::isSpacerSlot(const InputSectionDescription *isd) {
  return ctx.spacerLayout && ctx.spacerLayout->slotDescriptions.count(isd);
}

// Reports every range of `what` that falls into a slot it does not own.
static void checkNotInSlots(uint64_t start, uint64_t size,
                            const std::function<std::string()> &what) {
  if (size == 0)
    return;
  uint64_t end = start + size;
  // Slots do not overlap, so sorted by address they are sorted by end too.
  auto it = llvm::partition_point(
      ctx.spacerLayout->slots,
      [&](const SlotPlacement &p) { return p.slot->end() <= start; });
  for (; it != ctx.spacerLayout->slots.end() && it->slot->address < end; ++it)
    error(ctx.spacerLayout->path + ": " + what() + " at " + range(start, end) +
          " is inside the " + kindName(it->slot->kind) + " slot of library '" +
          it->library->name + "' " + range(it->slot->address, it->slot->end()));
}

// Each library's content against its slots: the slot lies inside its
// output section, nothing earlier runs into it, the library starts at the
// slot address and fits.
static void checkSlotContents() {
  // A slot that overflows runs into the next one; report the cause only.
  const SlotPlacement *overflowed = nullptr;
  for (SlotPlacement &p : ctx.spacerLayout->slots) {
    if (!p.isd || p.isd->sections.empty())
      continue;
    // A piece starts at its run's first slot unless earlier output reaches
    // beyond it (or its sections' alignment moves it, said below).
    bool inPiece = ctx.spacerLayout->pieces.count(p.host);
    if (inPiece) {
      uint64_t reach = ctx.spacerLayout->pieces.lookup(p.host);
      if (reach > p.slot->address) {
        if (!overflowed)
          error(ctx.spacerLayout->path + ": " + describe(p) +
                " collides with earlier output, which already reaches " +
                spacer::hexString(reach) + " there");
        continue;
      }
    } else if (p.host->addr > p.slot->address) {
      error(ctx.spacerLayout->path + ": " + describe(p) +
            " lies before the start of "
            "its output section '" +
            p.host->name + "' at " + spacer::hexString(p.host->addr) +
            " (moved there by earlier output, segment alignment, a linker "
            "script, --section-start, -Ttext or --image-base)");
      continue;
    }
    if (p.dotBefore > p.slot->address &&
        !(inPiece && p.dotBefore == p.host->addr)) {
      if (!overflowed || overflowed->host != p.host)
        error(ctx.spacerLayout->path + ": " + describe(p) +
              " collides with earlier output: output section '" + p.host->name +
              "' already reaches " + spacer::hexString(p.dotBefore) + " there");
      continue;
    }
    // Sections aligned beyond the slot address's alignment, or
    // linker-generated code put before them, would shift the library within
    // its slot differently from image to image. Said first: the overflow
    // it causes would only mislead.
    uint64_t start = UINT64_MAX;
    const InputSection *mostAligned = nullptr;
    for (InputSection *s : p.isd->sections) {
      if (s->getSize())
        start = std::min(start, s->getVA());
      if (!mostAligned || s->addralign > mostAligned->addralign)
        mostAligned = s;
    }
    uint64_t needed = usedBytes(p);
    if (!config->mapFile.empty())
      p.start->commandString = slotMapText(p, needed);
    if (start != UINT64_MAX && start != p.slot->address) {
      uint64_t slotAlign =
          p.slot->address ? uint64_t(1) << llvm::countr_zero(p.slot->address)
                          : UINT64_MAX;
      if (mostAligned && mostAligned->addralign > slotAlign)
        error(ctx.spacerLayout->path + ": " + describe(p) + ": section " +
              toString(mostAligned) + " is aligned to " +
              spacer::hexString(mostAligned->addralign) +
              ", more than the slot address, " + "so the library starts at " +
              spacer::hexString(start) +
              "; give the slot an address aligned to " +
              spacer::hexString(mostAligned->addralign));
      else
        error(ctx.spacerLayout->path + ": " + describe(p) +
              ": the library's content " + "starts at " +
              spacer::hexString(start) + ", not at the slot address (" +
              "linker-generated content before it)");
      continue;
    }
    if (needed > p.slot->size) {
      error(ctx.spacerLayout->path + ": library '" + p.library->name +
            "' overflows its " + kindName(p.slot->kind) + " slot: needs " +
            spacer::hexString(needed) + " bytes, capacity " +
            spacer::hexString(p.slot->size) + " (slot at " +
            spacer::hexString(p.slot->address) + ")");
      overflowed = &p;
    }
  }
}

static void checkNothingElseInSlots() {
  // Nothing but the slot's own library may lie in a slot, including the
  // slots of libraries this link does not have.
  DenseSet<const InputSectionDescription *> slotIsds;
  for (SlotPlacement &p : ctx.spacerLayout->slots)
    if (p.isd)
      slotIsds.insert(p.isd);
  for (OutputSection *osec : outputSections) {
    if (!(osec->flags & SHF_ALLOC) || osec->size == 0)
      continue;
    if ((osec->flags & SHF_TLS) && osec->type == SHT_NOBITS)
      continue; // .tbss takes no address space of its own.
    bool hasInputs = false;
    for (SectionCommand *cmd : osec->commands) {
      // BYTE(), LONG(), ... of a linker script.
      if (auto *data = dyn_cast<ByteCommand>(cmd)) {
        checkNotInSlots(osec->addr + data->offset, data->size, [&] {
          return "linker script data '" + data->commandString + "'";
        });
        continue;
      }
      auto *isd = dyn_cast<InputSectionDescription>(cmd);
      if (!isd)
        continue;
      hasInputs = true;
      if (slotIsds.count(isd))
        continue;
      for (InputSection *s : isd->sections)
        checkNotInSlots(s->getVA(), s->getSize(),
                        [&] { return "section " + toString(s); });
    }
    if (!hasInputs)
      checkNotInSlots(osec->addr, osec->size, [&] {
        return "output section '" + osec->name.str() + "'";
      });
  }
  if (Out::elfHeader && Out::elfHeader->ptLoad)
    checkNotInSlots(Out::elfHeader->addr, Out::elfHeader->size,
                    [] { return "the ELF header"; });
  if (Out::programHeaders && Out::programHeaders->ptLoad)
    checkNotInSlots(Out::programHeaders->addr, Out::programHeaders->size,
                    [] { return "the program header table"; });
}

void elf::checkSpacerSlots() {
  if (!ctx.spacerLayout)
    return;
  waitForBuilds();
  if (ctx.spacerLayout->assignFailed)
    return;
  llvm::TimeTraceScope timeScope("Check spacer slots");
  checkSlotContents();
  checkNothingElseInSlots();
}
