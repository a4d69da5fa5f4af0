//===- Planner.h - Plan a fleet's layout ------------------------*- C++ -*-===//
//
// From the measured unikernels of a workspace, the layout manifest: which
// libraries are shared (by at least minShare unikernels), and a slot per
// library and kind, sized for the largest variant plus headroom. Each kind's
// slots form a region, most widely shared libraries first; after a region
// comes room for the programs' own sections of that kind (the largest
// program's, plus a gap), then the next kind's region.
//
// Libraries can share slots: a group of rarely shared libraries, or packs of
// small ones. Such a manifest library is named after its members joined
// with '+', and matches all of their files.
//
// Given the manifest in use, planning updates it instead: every slot stays
// where it is, new libraries get slots after the existing ones, and a
// library that outgrew its slot is moved (or, with noMove, is an error):
// a layout that moves breaks sharing with images already running.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_PLANNER_H
#define SPACER_PLANNER_H

#include "SpacerManifest.h"
#include "Workspace.h"
#include "llvm/Support/Error.h"
#include <array>
#include <vector>

namespace spacer {

struct PlanOptions {
  unsigned minShare = 2;
  uint64_t start = 0x202000;
  uint64_t pageSize = 4096;
  unsigned headroomPercent = 0;
  uint64_t headroomPages = 0;
  /// The order of the kinds' regions in memory: the order the link puts the
  /// output sections in (lld's default layout: rodata, text, data, bss).
  std::vector<SlotKind> kindOrder = {SlotKind::Rodata, SlotKind::Text,
                                     SlotKind::Data, SlotKind::Bss};
  /// Space after each region beyond the largest program's own sections of
  /// that kind, for other output sections and growth.
  uint64_t gap = 0x10000;
  /// Libraries shared by fewer unikernels than this (but by minShare at
  /// least) share one group of slots (0: no group).
  unsigned groupBelow = 0;
  /// How images store the slots' segments (the manifest's "segments"); with
  /// --update and no choice, the manifest's own.
  std::optional<SegmentLayout> segments;
  /// Where libraries' RELRO data goes (the manifest's "relro"); with
  /// --update and no choice, the manifest's own (the command fills it in).
  RelroPlacement relro = RelroPlacement::Keep;
  /// Pack consecutive libraries smaller than a page into shared slots,
  /// rather than giving each its own pages.
  bool compact = false;
  /// Mark every library that comes in archives "whole": each image links
  /// all its members, so all hold the same build.
  bool wholeArchives = false;
  const Manifest *previous = nullptr;
  bool noMove = false;
  /// Section name patterns that get no slot and stay where the link's
  /// script puts them (Unikraft's boot code, .text.boot*): the manifest
  /// declares them as kind "unslotted", and they are not measured.
  std::vector<std::string> unslottedSections;
};

enum class LibraryStatus { Private, New, Kept, Moved, Unused, Empty };

struct PlannedLibrary {
  std::string name;
  unsigned unikernels = 0;
  unsigned variants = 0;
  /// Per kind, the most any variant has.
  std::array<uint64_t, NumSlotKinds> bytes = {};
  /// The largest alignment of its sections per kind: a slot's address is a
  /// multiple of it (and of the page size).
  std::array<uint64_t, NumSlotKinds> alignment = {};
  /// The functions other libraries call, for a library in several builds:
  /// its entry table (Library::entries), which bytes[Text] includes.
  std::vector<std::string> entries;
  /// The read-only objects other libraries read, for a library in several
  /// builds: its constant table (Library::constants), which bytes[Rodata]
  /// includes.
  std::vector<std::string> constants;
  LibraryStatus status = LibraryStatus::Private;
};

struct PlannedRegion {
  SlotKind kind;
  uint64_t start = 0, slotsEnd = 0, programRoom = 0;
};

struct Plan {
  Manifest manifest;
  /// Slot owners in slot order, then libraries of an earlier manifest no
  /// unikernel uses, then the rest by name (summarise()).
  std::vector<PlannedLibrary> libraries;
  std::vector<PlannedRegion> regions;
  /// Per unikernel: slot bytes it reserves beyond its own libraries' bytes.
  std::vector<std::pair<std::string, uint64_t>> padding;
};

llvm::Expected<Plan> planLayout(llvm::ArrayRef<Unikernel> unikernels,
                                const PlanOptions &options);

} // namespace spacer

#endif
