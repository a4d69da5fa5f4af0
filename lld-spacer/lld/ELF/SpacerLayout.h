//===- SpacerLayout.h -------------------------------------------*- C++ -*-===//
//
// --spacer-layout=FILE places the input sections of every library named in a
// spacer layout manifest at the slot addresses the manifest gives, so that a
// fleet of images linked with the same manifest has each shared library at
// the same addresses, with the same bytes, in every image.
//
// The feature is four steps, called from the driver and the writer:
//  - readSpacerLayout() reads the manifest (readConfigs) and starts parsing
//    it on a thread of its own, while lld reads the input files;
//  - finishSpacerLayout() takes the parsed and validated manifest once the
//    inputs are read (before LTO); false if the manifest is bad;
//  - assignSpacerSlots() moves each library's sections into an input section
//    description of their own, preceded by an assignment of the location
//    counter to the slot address, inside the output section the sections
//    were assigned to (after orphan placement, before input sections are
//    finalized);
//  - checkSpacerSlots() verifies, once addresses are final (before the map
//    file is written, so -Map shows how full each slot is), that each
//    library fits its slots and that nothing else lies in any slot.
//
// The state of one link lives in lld's context, ctx.spacerLayout, which
// lld's reset between links clears.
//
//===----------------------------------------------------------------------===//

#ifndef LLD_ELF_SPACER_LAYOUT_H
#define LLD_ELF_SPACER_LAYOUT_H

#include "llvm/ADT/StringRef.h"

namespace lld::elf {
class InputSectionBase;
class InputSectionDescription;

void readSpacerLayout(llvm::StringRef path);
bool finishSpacerLayout();
void assignSpacerSlots();
void checkSpacerSlots();

// With a manifest that packs segments, aligns the load segments of the
// slots only as their sections need (before file offsets are assigned).
void alignSpacerSegments();

// Whether a description holds a slot's sections, which nothing may reorder
// (--symbol-ordering-file, call-graph sorting, --shuffle-sections): their
// order must be the same in every image.
bool isSpacerSlot(const InputSectionDescription *isd);

// Whether garbage collection must keep a section as a root: a slot holds all
// of its library, whatever the program uses of it, or the library's content
// (and its pages) would depend on the program.
bool isSpacerKept(const InputSectionBase *s);
} // namespace lld::elf

#endif
