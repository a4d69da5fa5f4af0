//===- Planner.cpp - Plan a fleet's layout --------------------------------===//

#include "Planner.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MathExtras.h"
#include <deque>
#include <map>
#include <set>

using namespace llvm;
using namespace spacer;

namespace {
// Everything the workspace says about one library.
struct LibraryFacts {
  PlannedLibrary planned;
  std::vector<std::string> files; // manifest file patterns
  DenseSet<uint64_t> builds;      // BuildFingerprint values seen
  bool archive = false;           // some unikernel links it from an archive
};
} // namespace

// Patterns that match the library's file wherever it is: "libfoo.o" given
// relative to the link's directory, "*/libfoo.o" with a directory, and the
// same with ":*" for every member of an archive.
static void addPatterns(const LibraryInput &in, std::vector<std::string> &out) {
  std::string file = in.name + (in.isArchive ? ".a:*" : ".o");
  for (std::string p : {file, "*/" + file})
    if (!llvm::is_contained(out, p))
      out.push_back(p);
}

namespace {
// One planning run: the stages of planLayout, in order, and what they share.
class Planner {
public:
  Planner(ArrayRef<Unikernel> unikernels, const PlanOptions &options)
      : unikernels(unikernels), options(options), page(options.pageSize),
        previous(options.previous) {}

  Expected<Plan> run();

private:
  Error checkOptions() const;
  void gatherFacts();
  void chooseSlotOwners();
  void chooseEntries();
  LibraryFacts *combine(ArrayRef<LibraryFacts *> members);
  void measureRoom();
  void startManifest();
  Error placeRegions();
  Error placeRegion(SlotKind kind, uint64_t &cursor,
                    std::vector<std::string> &outgrown);
  void summarise();
  Error checkRegionsLeaveRoom() const;
  void measurePadding();

  // Shared, and with something to place: a library with no sections of any
  // kind (Unikraft's header-only libraries) gets no slots.
  bool getsSlots(const LibraryFacts &f) const {
    return f.planned.unikernels >= options.minShare &&
           llvm::any_of(f.planned.bytes, [](uint64_t b) { return b != 0; });
  }
  uint64_t slotSize(uint64_t bytes) const {
    if (!bytes)
      return 0;
    uint64_t room = bytes + bytes * options.headroomPercent / 100 +
                    options.headroomPages * page;
    return alignTo(room, page);
  }

  ArrayRef<Unikernel> unikernels;
  const PlanOptions &options;
  const uint64_t page;
  const Manifest *previous;

  std::map<std::string, LibraryFacts> facts;
  // Slot owners, most widely shared first: libraries, or groups of them.
  std::deque<LibraryFacts> groups;
  std::vector<LibraryFacts *> owners;
  StringSet<> slottedNames;
  // Per unikernel, the room it needs after each region; the largest.
  std::vector<std::array<uint64_t, NumSlotKinds>> needs;
  std::array<uint64_t, NumSlotKinds> programBytes = {};
  // The manifest's libraries by name, as they are being placed.
  std::map<std::string, Library> libraries;
  Plan plan;
};
} // namespace

Error Planner::checkOptions() const {
  if (!isPowerOf2_64(page))
    return makeError("the page size " + Twine(page) + " is not a power of two");
  if (options.start % page)
    return makeError("the start address " + hexString(options.start) +
                     " is not a multiple of the page size " + hexString(page));
  if (options.minShare < 1)
    return makeError("a library must be shared by at least 1 unikernel");
  if (previous && (options.compact || options.groupBelow))
    return makeError("--compact and --group-below regroup libraries, which "
                     "moves them; they need a fresh plan, not --update");
  if (previous && previous->pageSize != page)
    return makeError("the manifest to update uses pages of " +
                     hexString(previous->pageSize) + " bytes, not " +
                     hexString(page));
  return Error::success();
}

// What each library is: in how many unikernels, how many variants, its
// largest size and alignment per kind.
void Planner::gatherFacts() {
  for (const Unikernel &uk : unikernels)
    for (const LibraryInput &in : uk.libraries) {
      LibraryFacts &f = facts[in.name];
      f.planned.name = in.name;
      ++f.planned.unikernels;
      f.builds.insert(in.build);
      f.archive |= in.isArchive;
      for (unsigned k = 0; k != NumSlotKinds; ++k) {
        f.planned.bytes[k] = std::max(f.planned.bytes[k], in.bytes[k]);
        f.planned.alignment[k] =
            std::max(f.planned.alignment[k], in.alignment[k]);
      }
      addPatterns(in, f.files);
    }
  for (auto &[name, f] : facts) {
    f.planned.variants = f.builds.size();
    llvm::sort(f.files);
  }
}

// A group of libraries sharing one slot per kind, named after its members
// joined with '+'. Its bytes are identical between two images only if both
// hold the same members, linked in the same order.
LibraryFacts *Planner::combine(ArrayRef<LibraryFacts *> members) {
  if (members.size() == 1)
    return members[0];
  LibraryFacts &g = groups.emplace_back();
  std::vector<std::string> names;
  for (LibraryFacts *m : members) {
    names.push_back(m->planned.name);
    for (unsigned k = 0; k != NumSlotKinds; ++k) {
      uint64_t align = std::max<uint64_t>(m->planned.alignment[k], 16);
      g.planned.bytes[k] =
          alignTo(g.planned.bytes[k], align) + alignTo(m->planned.bytes[k], 16);
      g.planned.alignment[k] =
          std::max(g.planned.alignment[k], m->planned.alignment[k]);
    }
    g.planned.variants = std::max(g.planned.variants, m->planned.variants);
    g.archive |= m->archive;
    g.planned.unikernels =
        std::max(g.planned.unikernels, m->planned.unikernels);
    for (const std::string &p : m->files)
      if (!llvm::is_contained(g.files, p))
        g.files.push_back(p);
  }
  g.planned.name = join(names, "+");
  llvm::sort(g.files);
  return &g;
}

// Which libraries get slots, most widely shared first: each shared library,
// or groups of them sharing one slot per kind. Rarely shared libraries
// (--group-below) go into one group; with compact packing, consecutive
// libraries smaller than a page share slots.
void Planner::chooseSlotOwners() {
  std::vector<LibraryFacts *> shared;
  for (auto &[name, f] : facts)
    if (getsSlots(f))
      shared.push_back(&f);
  llvm::stable_sort(shared, [](const LibraryFacts *a, const LibraryFacts *b) {
    if (a->planned.unikernels != b->planned.unikernels)
      return a->planned.unikernels > b->planned.unikernels;
    return a->planned.name < b->planned.name;
  });

  std::vector<LibraryFacts *> rare, small;
  auto flushSmall = [&] {
    if (!small.empty())
      owners.push_back(combine(small));
    small.clear();
  };
  for (LibraryFacts *f : shared) {
    slottedNames.insert(f->planned.name);
    if (f->planned.unikernels < options.groupBelow) {
      rare.push_back(f);
      continue;
    }
    if (!options.compact) {
      owners.push_back(f);
      continue;
    }
    // Compact: add to the current pack while every kind stays within a page.
    bool fits = llvm::all_of(llvm::seq(0u, NumSlotKinds), [&](unsigned k) {
      uint64_t sum = alignTo(f->planned.bytes[k], 16);
      for (LibraryFacts *m : small)
        sum += alignTo(m->planned.bytes[k], 16);
      return sum <= page;
    });
    if (!fits)
      flushSmall();
    bool isSmall =
        llvm::all_of(f->planned.bytes, [&](uint64_t b) { return b <= page; });
    if (isSmall)
      small.push_back(f);
    else
      owners.push_back(f);
  }
  flushSmall();
  if (!rare.empty())
    owners.push_back(combine(rare));
}

// The entry tables: a library in several builds gets an entry for each
// function another slotted library calls, so that the caller's code is the
// same whichever build an image holds (SpacerLayout.cpp sends the calls to
// the entries). So does one that comes in an archive, unless linked whole:
// each image links the members its program needs, a build of its own. Every
// IFUNC of a slotted library gets one too. Such a library also gets a constant
// table: a copy of each small read-only object other slotted libraries read.
// Entries and constants an updated manifest has keep their places; new ones
// follow, by name. A group of libraries gets none: its members' order already
// makes its bytes depend on the image.
void Planner::chooseEntries() {
  for (LibraryFacts *f : owners) {
    const std::string &name = f->planned.name;
    const Library *old = previous ? previous->findLibrary(name) : nullptr;
    bool whole = options.wholeArchives || (old && old->whole);
    bool builds = f->builds.size() > 1 || (f->archive && !whole);
    std::set<std::string> called, read;
    for (const Unikernel &uk : unikernels) {
      auto callee = llvm::find_if(uk.libraries, [&](const LibraryInput &in) {
        return in.name == name;
      });
      if (callee == uk.libraries.end())
        continue;
      // Every IFUNC of it, since calls to one go through the IPLT, which
      // moves with the program (and its own calls from within one object
      // show in no symbol table); calls from other libraries, when the
      // callee's functions move with its build.
      called.insert(callee->ifuncs.begin(), callee->ifuncs.end());
      auto listed = [](const std::vector<std::string> &names,
                       const std::string &symbol) {
        return std::binary_search(names.begin(), names.end(), symbol);
      };
      for (const LibraryInput &caller : uk.libraries) {
        if (!slottedNames.contains(caller.name))
          continue;
        bool other = caller.name != name;
        for (const std::string &symbol : caller.undefined) {
          if (other && builds && listed(callee->functions, symbol))
            called.insert(symbol);
          // Reads of its constants from other libraries, when they move
          // with its build.
          if (other && builds && listed(callee->constants, symbol))
            read.insert(symbol);
        }
      }
    }
    // Old tables keep their order; new names follow, sorted. Each table
    // comes first in its slot, the library's sections after it, aligned as
    // they are.
    auto fill = [&](std::vector<std::string> &table,
                    const std::vector<std::string> *oldTable,
                    const std::set<std::string> &names, SlotKind kind,
                    uint64_t bytes) {
      if (oldTable)
        table = *oldTable;
      for (const std::string &symbol : names)
        if (!llvm::is_contained(table, symbol))
          table.push_back(symbol);
      if (table.empty())
        return;
      uint64_t align =
          std::max<uint64_t>(f->planned.alignment[unsigned(kind)], 1);
      f->planned.bytes[unsigned(kind)] += alignTo(table.size() * bytes, align);
    };
    fill(f->planned.entries, old ? &old->entries : nullptr, called,
         SlotKind::Text, EntryBytes);
    fill(f->planned.constants, old ? &old->constants : nullptr, read,
         SlotKind::Rodata, ConstantBytes);
  }
}

// The room each unikernel needs after each region, for what the link puts
// there besides slots: its libraries without a slot, and every input's
// sections of no kind (.eh_frame after rodata, RELRO data before data, ...),
// plus what the linker makes of them (.eh_frame_hdr, up to half of
// .eh_frame) and a page where a segment may start.
void Planner::measureRoom() {
  auto precedes = [&](SlotKind a, SlotKind b) {
    auto at = [&](SlotKind k) {
      return llvm::find(options.kindOrder, k) - options.kindOrder.begin();
    };
    return at(a) + 1 == at(b);
  };
  for (const Unikernel &uk : unikernels) {
    std::array<uint64_t, NumSlotKinds> own = {};
    uint64_t relro = 0;
    for (const LibraryInput &in : uk.libraries) {
      bool slotted = getsSlots(facts[in.name]) ||
                     (previous && previous->findLibrary(in.name));
      // A library without a slot: its sections of a kind after the kind's
      // region, its RELRO data before the data (bytes[Data] holds both).
      for (unsigned k = 0; k != NumSlotKinds; ++k)
        own[k] += in.otherBytes[k] +
                  (slotted ? 0
                           : in.bytes[k] - (k == unsigned(SlotKind::Data)
                                                ? in.relroDataBytes
                                                : 0));
      relro += in.relroBytes + (slotted ? 0 : in.relroDataBytes);
    }
    own[unsigned(SlotKind::Rodata)] += own[unsigned(SlotKind::Rodata)] / 2;
    for (SlotKind kind : options.kindOrder) {
      unsigned k = unsigned(kind);
      if (precedes(kind, SlotKind::Data))
        own[k] += relro;
      if (own[k])
        own[k] = alignTo(own[k], page) + page;
      programBytes[k] = std::max(programBytes[k], own[k]);
    }
    needs.push_back(own);
  }
}

// The manifest to fill: the one in use when updating, with the kind of
// sections that get no slot.
void Planner::startManifest() {
  plan.manifest.pageSize = page;
  if (previous)
    plan.manifest = *previous;
  if (options.segments)
    plan.manifest.segments = *options.segments;
  plan.manifest.relro = options.relro;
  if (!options.unslottedSections.empty()) {
    auto it = llvm::find_if(plan.manifest.kinds, [](const SectionKind &k) {
      return k.name == UnslottedKind;
    });
    if (it == plan.manifest.kinds.end())
      it = plan.manifest.kinds.insert(plan.manifest.kinds.end(),
                                      {UnslottedKind.str(), {}});
    for (const std::string &p : options.unslottedSections)
      if (!llvm::is_contained(it->sections, p))
        it->sections.push_back(p);
  }
  for (const Library &lib : plan.manifest.libraries)
    libraries[lib.name] = lib;
}

// Slots, region by region. Fresh: from the start address. Update: every
// existing slot stays; new and moved slots go after each region's last.
Error Planner::placeRegions() {
  std::vector<std::string> outgrown;
  uint64_t cursor = options.start;
  for (SlotKind kind : options.kindOrder)
    if (Error e = placeRegion(kind, cursor, outgrown))
      return e;
  if (!outgrown.empty() && options.noMove)
    return makeError("libraries outgrew their slots, and --no-move forbids "
                     "moving them: " +
                     join(outgrown, "; "));
  return Error::success();
}

Error Planner::placeRegion(SlotKind kind, uint64_t &cursor,
                           std::vector<std::string> &outgrown) {
  unsigned k = unsigned(kind);
  // The output section that holds a region is aligned as its most aligned
  // input section, program's or library's: the region must start on such a
  // boundary, or the output section would start past its first slot.
  uint64_t regionAlign = page;
  for (const Unikernel &uk : unikernels)
    for (const LibraryInput &in : uk.libraries)
      regionAlign = std::max(regionAlign, in.alignment[k]);
  cursor = alignTo(cursor, regionAlign);
  PlannedRegion region{kind, cursor, cursor, 0};
  if (previous) {
    // The region as it is: from its first to its last slot.
    uint64_t lo = UINT64_MAX, hi = 0;
    for (const Library &lib : previous->libraries)
      if (const LibrarySlot *s = lib.slot(kind)) {
        lo = std::min(lo, s->address);
        hi = std::max(hi, s->end());
      }
    if (lo != UINT64_MAX) {
      region.start = lo;
      region.slotsEnd = hi;
      if (lo % regionAlign)
        return makeError(
            "the " + slotKindName(kind).str() + " region at " + hexString(lo) +
            " is not aligned to " + hexString(regionAlign) +
            ", the alignment of the workspace's most aligned " +
            slotKindName(kind).str() +
            " section, so its output section would start past the region's "
            "first slot; plan afresh without --update, which moves every "
            "library");
    } else {
      region.start = region.slotsEnd = alignTo(cursor, page);
    }
  }
  for (LibraryFacts *f : owners) {
    uint64_t size = slotSize(f->planned.bytes[k]);
    Library &lib = libraries[f->planned.name];
    if (lib.name.empty()) {
      lib.name = f->planned.name;
      f->planned.status = LibraryStatus::New;
    } else if (f->planned.status == LibraryStatus::Private) {
      f->planned.status = LibraryStatus::Kept;
    }
    for (const std::string &p : f->files)
      if (!llvm::is_contained(lib.files, p))
        lib.files.push_back(p);
    lib.whole |= options.wholeArchives && f->archive;
    lib.entries = f->planned.entries;
    lib.constants = f->planned.constants;
    if (!size)
      continue;
    // A section aligned beyond the page needs a slot address aligned as
    // much, or the linker would start the library past it.
    uint64_t align = std::max(page, f->planned.alignment[k]);
    auto it = llvm::find_if(lib.slots,
                            [&](const LibrarySlot &s) { return s.kind == k; });
    if (it != lib.slots.end()) {
      bool fits = f->planned.bytes[k] <= it->size;
      bool aligned = it->address % align == 0;
      if (fits && aligned)
        continue; // Still fits where it is.
      outgrown.push_back(lib.name + " (" + slotKindName(kind).str() + ": " +
                         (fits ? "needs an address aligned to " +
                                     hexString(align) + ", slot at " +
                                     hexString(it->address)
                               : "needs " + hexString(size) + ", slot holds " +
                                     hexString(it->size)) +
                         ")");
      f->planned.status = LibraryStatus::Moved;
      lib.slots.erase(it);
    }
    region.slotsEnd = alignTo(region.slotsEnd, align);
    lib.slots.push_back({k, region.slotsEnd, size});
    region.slotsEnd += size;
  }
  region.programRoom = programBytes[k];
  plan.regions.push_back(region);
  cursor = alignTo(region.slotsEnd + region.programRoom + options.gap, page);
  return Error::success();
}

// The manifest's libraries, and the summary: slot owners (most widely
// shared first), then libraries of the old manifest the workspace no longer
// has (their slots stay: running images may still use them), then the rest.
void Planner::summarise() {
  for (LibraryFacts *f : owners)
    plan.libraries.push_back(f->planned);
  plan.manifest.libraries.clear();
  for (auto &[name, lib] : libraries) {
    llvm::sort(lib.slots, [](const LibrarySlot &a, const LibrarySlot &b) {
      return a.kind < b.kind;
    });
    plan.manifest.libraries.push_back(lib);
    const std::string &libName = name;
    bool planned = facts.count(name) || llvm::any_of(owners, [&](auto *f) {
                     return f->planned.name == libName;
                   });
    if (!planned) {
      PlannedLibrary unused;
      unused.name = name;
      unused.status = LibraryStatus::Unused;
      plan.libraries.push_back(unused);
    }
  }
  for (auto &[name, f] : facts) {
    if (getsSlots(f))
      continue;
    if (f.planned.unikernels >= options.minShare)
      f.planned.status = LibraryStatus::Empty;
    // Shared no more, but its slots stay for the images that have it.
    if (libraries.count(name))
      f.planned.status = LibraryStatus::Kept;
    plan.libraries.push_back(f.planned);
  }
}

// Regions must not run into each other, programs' room included: every
// unikernel planned for must link with the manifest. A fresh plan leaves
// room by construction; an updated one keeps its regions where they are.
Error Planner::checkRegionsLeaveRoom() const {
  for (size_t i = 0; i + 1 < plan.regions.size(); ++i) {
    const PlannedRegion &r = plan.regions[i];
    const PlannedRegion &next = plan.regions[i + 1];
    if (next.start < r.start)
      continue; // Not after this one: nothing to run into.
    std::string fix = previous ? "; plan afresh without --update, which "
                                 "moves every library"
                               : "; give a larger --gap";
    if (next.start < r.slotsEnd)
      return makeError("the " + slotKindName(r.kind).str() + " region [" +
                       hexString(r.start) + ", " + hexString(r.slotsEnd) +
                       ") runs into the " + slotKindName(next.kind).str() +
                       " region at " + hexString(next.start) + fix);
    uint64_t room = next.start - r.slotsEnd;
    for (size_t u = 0; u != unikernels.size(); ++u) {
      uint64_t need = needs[u][unsigned(r.kind)];
      if (need <= room)
        continue;
      return makeError(
          "unikernel '" + unikernels[u].name + "' would not link: it needs " +
          hexString(need) + " bytes after the " + slotKindName(r.kind).str() +
          " region [" + hexString(r.start) + ", " + hexString(r.slotsEnd) +
          ") for its own sections and those that get no slot, but the " +
          slotKindName(next.kind).str() + " region starts at " +
          hexString(next.start) + fix);
    }
  }
  return Error::success();
}

// What each unikernel pays in address space: the slots it reserves beyond
// its own libraries' bytes (its absent libraries' slots included).
void Planner::measurePadding() {
  uint64_t reserved = 0;
  for (const Library &lib : plan.manifest.libraries)
    for (const LibrarySlot &s : lib.slots)
      reserved += s.size;
  for (const Unikernel &uk : unikernels) {
    uint64_t own = 0;
    for (const LibraryInput &in : uk.libraries)
      if (slottedNames.contains(in.name) || libraries.count(in.name))
        for (uint64_t b : in.bytes)
          own += b;
    plan.padding.push_back({uk.name, reserved - std::min(reserved, own)});
  }
}

Expected<Plan> Planner::run() {
  if (Error e = checkOptions())
    return std::move(e);
  gatherFacts();
  chooseSlotOwners();
  chooseEntries();
  measureRoom();
  startManifest();
  if (Error e = placeRegions())
    return std::move(e);
  summarise();
  if (Error e = checkRegionsLeaveRoom())
    return std::move(e);
  if (Error e = validateManifest(plan.manifest))
    return makeError("the planned layout is not valid: " +
                     toString(std::move(e)));
  measurePadding();
  return std::move(plan);
}

Expected<Plan> spacer::planLayout(ArrayRef<Unikernel> unikernels,
                                  const PlanOptions &options) {
  return Planner(unikernels, options).run();
}
