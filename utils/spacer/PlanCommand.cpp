//===- PlanCommand.cpp - spacer plan --------------------------------------===//
//
// spacer plan [options] -o layout.json UNIKERNEL...
//
// Reads a workspace of unikernels, finds the libraries they share and
// writes the layout manifest, with a summary (or --json) on stdout. With
// --update=OLD.json the manifest in use is extended without moving
// anything already placed. Nothing is written when planning fails.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Planner.h"
#include "Workspace.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace spacer;

cl::SubCommand spacer::planCommand(
    "plan", "Plan the layout manifest of a workspace of unikernels");

cl::OptionCategory spacer::planCategory("spacer plan options");
static cl::list<std::string>
    specifications(cl::Positional, cl::OneOrMore,
                   cl::desc("<unikernel>... (a directory of .o/.a files, a "
                            "directory of such directories, a list file, or "
                            "NAME=INPUT,...)"),
                   cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<std::string> output("o", cl::Required,
                                   cl::desc("Write the manifest here"),
                                   cl::value_desc("file"), cl::sub(planCommand),
                                   cl::cat(planCategory));
static cl::list<std::string>
    only("uks", cl::CommaSeparated,
         cl::desc("Plan for these unikernels only (names, comma-separated)"),
         cl::value_desc("name,..."), cl::sub(planCommand),
         cl::cat(planCategory));
static cl::opt<unsigned>
    minShare("min-share",
             cl::desc("Give slots to libraries of at least this many "
                      "unikernels (default 2)"),
             cl::init(2), cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<std::string>
    start("start",
          cl::desc("Address of the first region (default 0x202000: after "
                   "the headers in lld's own layout, with room for every "
                   "program header an image's slots can need)"),
          cl::init("0x202000"), cl::value_desc("address"), cl::sub(planCommand),
          cl::cat(planCategory));
static cl::opt<std::string> kindOrder(
    "kind-order",
    cl::desc("Order of the kinds' regions in memory, as the link orders "
             "output sections (default rodata,text,data,bss: lld's own "
             "layout; Unikraft's scripts: text,rodata,data,bss)"),
    cl::init("rodata,text,data,bss"), cl::sub(planCommand),
    cl::cat(planCategory));
static cl::opt<unsigned> headroomPercent(
    "headroom-percent",
    cl::desc("Extra room in every slot for later versions, in percent"),
    cl::init(0), cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<uint64_t>
    headroomPages("headroom-pages",
                  cl::desc("Extra room in every slot, in pages"), cl::init(0),
                  cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<std::string>
    gap("gap",
        cl::desc("Space after each region beyond the largest program's own "
                 "sections of that kind (default 0x10000)"),
        cl::init("0x10000"), cl::value_desc("bytes"), cl::sub(planCommand),
        cl::cat(planCategory));
static cl::opt<uint64_t> pageSize("page-size",
                                  cl::desc("Page size (default 4096)"),
                                  cl::init(4096), cl::sub(planCommand),
                                  cl::cat(planCategory));
static cl::opt<SegmentLayout> segments(
    "segments",
    cl::desc("How images store the slots' segments (default: paged, or the "
             "updated manifest's)"),
    cl::values(clEnumValN(SegmentLayout::Paged, "paged",
                          "At file offsets congruent with their addresses, "
                          "for loaders that map the file (Linux)"),
               clEnumValN(SegmentLayout::Packed, "packed",
                          "One after the other, for loaders that copy each "
                          "segment (QEMU -kernel, Firecracker)")),
    cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<RelroPlacement> relro(
    "relro",
    cl::desc("Where libraries' RELRO data (.data.rel.ro) goes (default: keep, "
             "or the updated manifest's)"),
    cl::values(clEnumValN(RelroPlacement::Keep, "keep",
                          "In the normal layout, outside the slots: read-only "
                          "once started where the loader applies RELRO"),
               clEnumValN(RelroPlacement::Data, "data",
                          "In the library's data slot: the same address in "
                          "every image, writable")),
    cl::sub(planCommand), cl::cat(planCategory));
static cl::list<std::string> noSlotSections(
    "no-slot-sections",
    cl::desc("Sections that get no slot and stay where the linker script puts "
             "them, as glob patterns (Unikraft: '.text.boot*,.data.boot*')"),
    cl::value_desc("pattern,..."), cl::CommaSeparated, cl::sub(planCommand),
    cl::cat(planCategory));
static cl::opt<unsigned> groupBelow(
    "group-below",
    cl::desc("Put libraries shared by fewer unikernels than this into one "
             "group of slots"),
    cl::init(0), cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<bool> compact(
    "compact",
    cl::desc("Pack libraries smaller than a page together into shared slots "
             "(default: every library on pages of its own)"),
    cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<bool> wholeArchives(
    "whole-archives",
    cl::desc("Link every library that comes in archives whole (every "
             "member in every image), so that all images hold the same "
             "build of it"),
    cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<std::string>
    update("update",
           cl::desc("Extend this manifest: keep every slot where it is"),
           cl::value_desc("file"), cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<bool> noMove(
    "no-move",
    cl::desc("With --update: fail rather than move a library that outgrew "
             "its slot"),
    cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<bool> jsonOutput("json", cl::desc("Print the summary as JSON"),
                                cl::sub(planCommand), cl::cat(planCategory));
static cl::opt<bool>
    progress("progress",
             cl::desc("Show progress on stderr (default: when a terminal)"),
             cl::sub(planCommand), cl::cat(planCategory));

static StringRef statusName(LibraryStatus s) {
  switch (s) {
  case LibraryStatus::Private:
    return "private";
  case LibraryStatus::New:
    return "new";
  case LibraryStatus::Kept:
    return "kept";
  case LibraryStatus::Moved:
    return "moved";
  case LibraryStatus::Unused:
    return "unused";
  case LibraryStatus::Empty:
    return "empty";
  }
  return "";
}

static std::optional<uint64_t> parseAddress(StringRef s) {
  uint64_t v;
  if (s.getAsInteger(0, v))
    return std::nullopt;
  return v;
}

static void printSummary(const Plan &plan, size_t unikernels, raw_ostream &os) {
  size_t slotted = 0;
  for (const PlannedLibrary &lib : plan.libraries)
    slotted += lib.status != LibraryStatus::Private &&
               lib.status != LibraryStatus::Empty;
  os << "spacer plan: " << unikernels << " unikernel"
     << (unikernels == 1 ? "" : "s") << ", " << plan.libraries.size()
     << " libraries, " << slotted << " with slots\n\n";
  size_t width = 7;
  for (const PlannedLibrary &lib : plan.libraries)
    width = std::max(width, lib.name.size());
  os << left_justify("library", width)
     << "  unikernels variants      text    rodata      data       bss  "
        "status\n";
  for (const PlannedLibrary &lib : plan.libraries) {
    os << left_justify(lib.name, width)
       << format("  %10u %8u", lib.unikernels, lib.variants);
    for (SlotKind k :
         {SlotKind::Text, SlotKind::Rodata, SlotKind::Data, SlotKind::Bss})
      os << format(" %9s", hexString(lib.bytes[unsigned(k)]).c_str());
    os << "  " << statusName(lib.status) << "\n";
  }
  std::vector<std::string> tables;
  for (const PlannedLibrary &lib : plan.libraries)
    if (!lib.entries.empty())
      tables.push_back(lib.name + " " + std::to_string(lib.entries.size()));
  if (!tables.empty())
    os << "\nentry tables, for calls from other libraries and to IFUNCs (in "
          "text): "
       << join(tables, ", ") << "\n";
  std::vector<std::string> constants;
  for (const PlannedLibrary &lib : plan.libraries)
    if (!lib.constants.empty())
      constants.push_back(lib.name + " " +
                          std::to_string(lib.constants.size()));
  if (!constants.empty())
    os << "constant tables, for reads from other libraries (in rodata): "
       << join(constants, ", ") << "\n";
  os << "\nregions (slots, then room for the programs' own sections):\n";
  for (const PlannedRegion &r : plan.regions)
    os << "  " << left_justify(slotKindName(r.kind), 7) << "slots ["
       << hexString(r.start) << ", " << hexString(r.slotsEnd) << "), programs "
       << hexString(r.programRoom) << " bytes\n";
  uint64_t most = 0, total = 0;
  for (const auto &[name, bytes] : plan.padding) {
    most = std::max(most, bytes);
    total += bytes;
  }
  if (!plan.padding.empty())
    os << "\naddress space in slots but not used by a unikernel's own "
          "libraries: "
       << total / plan.padding.size() / 1024 << " KiB on average, "
       << most / 1024 << " KiB at most\n";
}

static void printJSON(const Plan &plan, size_t unikernels, raw_ostream &os) {
  json::OStream out(os, 2);
  out.object([&] {
    out.attribute("unikernels", int64_t(unikernels));
    out.attributeArray("libraries", [&] {
      for (const PlannedLibrary &lib : plan.libraries)
        out.object([&] {
          out.attribute("name", lib.name);
          out.attribute("unikernels", lib.unikernels);
          out.attribute("variants", lib.variants);
          out.attributeObject("bytes", [&] {
            for (unsigned k = 0; k != NumSlotKinds; ++k)
              out.attribute(slotKindName(SlotKind(k)), lib.bytes[k]);
          });
          out.attribute("entries", int64_t(lib.entries.size()));
          out.attribute("constants", int64_t(lib.constants.size()));
          out.attribute("status", statusName(lib.status));
        });
    });
    out.attributeArray("regions", [&] {
      for (const PlannedRegion &r : plan.regions)
        out.object([&] {
          out.attribute("kind", slotKindName(r.kind));
          out.attribute("start", hexString(r.start));
          out.attribute("slots_end", hexString(r.slotsEnd));
          out.attribute("program_room", r.programRoom);
        });
    });
    out.attributeArray("padding", [&] {
      for (const auto &entry : plan.padding)
        out.object([&] {
          out.attribute("unikernel", entry.first);
          out.attribute("bytes", entry.second);
        });
    });
  });
  os << "\n";
}

// The command line as planner options (without the manifest to update).
static Expected<PlanOptions> readPlanOptions() {
  PlanOptions options;
  options.minShare = minShare;
  options.pageSize = pageSize;
  options.headroomPercent = headroomPercent;
  options.headroomPages = headroomPages;
  options.noMove = noMove;
  options.groupBelow = groupBelow;
  options.compact = compact;
  options.wholeArchives = wholeArchives;
  if (segments.getNumOccurrences())
    options.segments = segments;
  options.relro = relro;
  options.unslottedSections.assign(noSlotSections.begin(),
                                   noSlotSections.end());
  for (const std::string &pattern : options.unslottedSections)
    if (Expected<NamePattern> p = NamePattern::create(pattern); !p)
      return makeError("--no-slot-sections: bad pattern '" + pattern +
                       "': " + toString(p.takeError()));
  std::optional<uint64_t> startAddress = parseAddress(start);
  std::optional<uint64_t> gapBytes = parseAddress(gap);
  if (!startAddress || !gapBytes)
    return makeError("--start and --gap take numbers, such as 0x400000");
  options.start = *startAddress;
  options.gap = *gapBytes;
  options.kindOrder.clear();
  SmallVector<StringRef, 4> kinds;
  StringRef(kindOrder).split(kinds, ',');
  for (StringRef name : kinds) {
    std::optional<SlotKind> kind = parseSlotKind(name.trim());
    if (!kind || llvm::is_contained(options.kindOrder, *kind))
      return makeError("--kind-order: expected text, rodata, data and bss, "
                       "each once, in some order; got '" +
                       kindOrder + "'");
    options.kindOrder.push_back(*kind);
  }
  if (options.kindOrder.size() != NumSlotKinds)
    return makeError("--kind-order: expected all of text, rodata, data and "
                     "bss");
  if (noMove && update.empty())
    return makeError("--no-move only applies with --update");
  return options;
}

// The unikernels of the workspace (only those --uks names), measured.
static Expected<std::vector<Unikernel>>
readWorkspace(ArrayRef<std::string> unslottedSections,
              RelroPlacement relroPlacement) {
  Expected<std::vector<Unikernel>> unikernels = findUnikernels(specifications);
  if (!unikernels)
    return unikernels.takeError();
  if (!only.empty()) {
    StringSet<> wanted;
    for (const std::string &name : only)
      wanted.insert(name);
    for (const std::string &name : only)
      if (llvm::none_of(*unikernels,
                        [&](const Unikernel &uk) { return uk.name == name; }))
        return makeError("--uks: no unikernel named '" + name + "'");
    llvm::erase_if(*unikernels, [&](const Unikernel &uk) {
      return !wanted.contains(uk.name);
    });
  }
  auto onProgress = progressLine(progress, "spacer plan: read", "inputs", 256);
  if (Error e = measureInputs(*unikernels, unslottedSections, relroPlacement,
                              onProgress))
    return std::move(e);
  return unikernels;
}

int spacer::runPlan() {
  // Options, and the manifest in use with --update.
  Expected<PlanOptions> options = readPlanOptions();
  if (!options) {
    reportError(toString(options.takeError()));
    return ExitError;
  }
  std::optional<Manifest> previous;
  if (!update.empty()) {
    previous = readManifestOrReport(update);
    if (!previous)
      return ExitError;
    options->previous = &*previous;
    if (!relro.getNumOccurrences())
      options->relro = previous->relro;
    // What the manifest in use leaves to the script stays unmeasured, as
    // the linker will leave it there.
    for (const SectionKind &kind : previous->kinds)
      if (kind.name == UnslottedKind)
        for (const std::string &pattern : kind.sections)
          if (!llvm::is_contained(options->unslottedSections, pattern))
            options->unslottedSections.push_back(pattern);
  }

  // The workspace, and the plan.
  Expected<std::vector<Unikernel>> unikernels =
      readWorkspace(options->unslottedSections, options->relro);
  if (!unikernels) {
    reportError(toString(unikernels.takeError()));
    return ExitError;
  }
  Expected<Plan> plan = planLayout(*unikernels, *options);
  if (!plan) {
    reportError(toString(plan.takeError()));
    return ExitError;
  }

  // The manifest, then the summary.
  std::error_code ec;
  ToolOutputFile out(output, ec, sys::fs::OF_Text);
  if (ec) {
    reportError(output + ": " + ec.message());
    return ExitError;
  }
  writeManifest(plan->manifest, out.os());
  out.keep();
  if (jsonOutput)
    printJSON(*plan, unikernels->size(), outs());
  else
    printSummary(*plan, unikernels->size(), outs());
  return ExitOk;
}
