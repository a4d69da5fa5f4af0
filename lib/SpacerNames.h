//===- SpacerNames.h - Library names and the sections named after them ----===//
//
// The names every component agrees on: what a library's name may be (the
// manifest, the planner's workspace, the passes' options), and the sections
// the tagging and indirection passes name after a library, which a manifest
// then matches with "*.spacer.<library>" patterns. Header only, so the pass
// plugin uses it without linking the manifest library.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_NAMES_H
#define SPACER_NAMES_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <string>

namespace spacer {

/// What a library name may hold, for messages.
constexpr llvm::StringLiteral LibraryNameRule =
    "letters, digits, '_', '-', '.' and '+'";

/// A library name ends up in section and symbol names, manifests and
/// reports: it is non-empty and of LibraryNameRule only. '+' joins the
/// members of a group of libraries sharing slots ("libfoo+libbar").
inline bool isValidLibraryName(llvm::StringRef name) {
  return !name.empty() && llvm::all_of(name, [](char c) {
    return llvm::isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '+';
  });
}

/// The section the passes give LIBRARY's code or data of the output section
/// KIND (".text", ".rodata", ".data", ".bss"): "<kind>.spacer.<library>".
/// With a SYMBOL, a section of its own: "<kind>.spacer.<library>.<symbol>".
inline std::string taggedSectionName(llvm::StringRef kind,
                                     llvm::StringRef library,
                                     llvm::StringRef symbol = "") {
  std::string name = (kind + ".spacer." + library).str();
  if (!symbol.empty())
    name += ("." + symbol).str();
  return name;
}

} // namespace spacer

#endif
