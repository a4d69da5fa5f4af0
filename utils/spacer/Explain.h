//===- Explain.h - Why a library's pages differ between images --*- C++ -*-===//
//
// `spacer share --explain`: for each library whose slots hold different
// bytes in images that hold the same build of it, what differs. The images'
// placement records say which build each holds and, when linked with
// --spacer-references, every reference from the library's slots to outside
// the library: a reference whose target lies at another address in another
// image explains the pages its sites are on, and its target says why
// (another build of the library it calls, a table generated per image, a
// symbol of the linker script, an entry of a synthetic section such as the
// PLT, the program's own code). Differing pages no such reference explains
// are listed as they are.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_EXPLAIN_H
#define SPACER_EXPLAIN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace spacer {

/// The causes, each a reason the target of a reference moves between
/// images holding the same build of the referring library.
enum class DifferenceCause {
  OtherBuild,     // the target's library is another build in some images
  GeneratedTable, // the target's library is a different build in every one
                  // (generated per image, or other archive members)
  Synthetic,      // the reference goes through the PLT, IPLT or GOT
  LinkerSymbol,   // the linker or its script defines the target
  Program,        // the target is the program's own code or data
  OtherLibrary,   // a library's sections outside the slots (itself too)
  Other,          // absolute or undefined symbols
};
llvm::StringRef causeName(DifferenceCause cause);    // "other-build", ...
llvm::StringRef causeSummary(DifferenceCause cause); // for people

/// One symbol a library's slot refers to, reached one way, whose address
/// differs between the images of a build group.
struct MovedReference {
  std::string kind, symbol, via, to;
  DifferenceCause cause = DifferenceCause::Other;
  /// What the cause names: the target's library, the synthetic section.
  std::string detail;
  std::vector<uint64_t> sites;   // offsets from the slot's address
  std::vector<uint64_t> targets; // per image of the group, 0 if it has none
};

/// Images holding one build of a library.
struct BuildGroup {
  uint64_t build = 0;
  std::vector<std::string> images;
  uint64_t pages = 0;          // the library's pages in one of them
  uint64_t differingPages = 0; // pages not alike in all of them
  std::vector<MovedReference> moved;
  /// Differing pages no moved reference explains: (kind, offset of the
  /// page from the slot's address).
  std::vector<std::pair<std::string, uint64_t>> unexplained;
  /// Images of the group whose records hold no references.
  std::vector<std::string> withoutReferences;
};

struct LibraryExplanation {
  std::string name;
  unsigned builds = 0;            // among all the images
  std::vector<BuildGroup> groups; // those with differing pages
};

/// Explains every library whose pages differ within a build group, or only
/// `library` when it is not empty (then an error if no image holds it).
llvm::Expected<std::vector<LibraryExplanation>>
explainDifferences(llvm::ArrayRef<std::string> paths, uint64_t pageSize,
                   llvm::StringRef library);

} // namespace spacer

#endif
