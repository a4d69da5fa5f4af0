//===- Workspace.h - The unikernels a layout is planned for -----*- C++ -*-===//
//
// A workspace is a set of unikernels, each a set of link inputs; every input
// file (an object, or an archive as a whole) is one library, named after the
// file ("build/libukalloc.o" is "libukalloc"). Reading a workspace measures
// each library: its bytes per section kind, as the linker will place them,
// and which build it is (lib/SpacerBuild.h), to tell variants apart.
//
// A unikernel is given as
//   - a directory: its *.o and *.a files (a Unikraft build directory, say);
//     a directory without such files but with subdirectories that have
//     them is a workspace of several unikernels, named after the
//     subdirectories;
//   - a list file (*.inputs, *.rsp, *.txt): one input path per line,
//     relative to the file's directory; '#' starts a comment;
//   - NAME=INPUT,INPUT,...: an explicit list.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_WORKSPACE_H
#define SPACER_WORKSPACE_H

#include "Progress.h"
#include "SpacerManifest.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spacer {

/// One library as one unikernel has it.
struct LibraryInput {
  std::string name; // "libukalloc"
  std::string path; // as given
  bool isArchive = false;
  uint16_t machine = 0; // ELF e_machine; 0 if it has no object
  /// Bytes of the sections of each kind, as the linker lays them out one
  /// after the other, and the largest alignment among them.
  std::array<uint64_t, NumSlotKinds> bytes = {};
  std::array<uint64_t, NumSlotKinds> alignment = {};
  /// Bytes of allocated sections of no kind (.eh_frame, .data.rel.ro,
  /// .init_array, TLS data, ...), which stay in the normal layout, by the
  /// kind whose region lld's default layout puts them after: read-only
  /// ones after rodata, code after text, writable data after data,
  /// zero-initialised after bss. RELRO data (relro) comes before data.
  std::array<uint64_t, NumSlotKinds> otherBytes = {};
  uint64_t relroBytes = 0;
  /// With "relro": "data", the bytes of its RELRO data (.data.rel.ro*),
  /// which `bytes` counts as data, after the plain data: where a library
  /// gets no slot, the layout puts them with the other RELRO data.
  uint64_t relroDataBytes = 0;
  /// Which build of the library this is (lib/SpacerBuild.h): equal values,
  /// the same variant.
  uint64_t build = 0;
  /// The global functions (and IFUNCs) the library defines in its code, and the
  /// global symbols it uses without defining them (every member's, for an
  /// archive), sorted: which calls go from one library to another.
  std::vector<std::string> functions, undefined;
  /// Those of `functions` that are IFUNCs: a call reaches them through the
  /// image's IPLT, which moves with the program.
  std::vector<std::string> ifuncs;
  /// Its global read-only objects of at most ConstantBytes that no
  /// relocation writes, sorted: what a constant table can copy.
  std::vector<std::string> constants;
};

struct Unikernel {
  std::string name;
  std::vector<LibraryInput> libraries; // sorted by name
};

/// Turns unikernel specifications into unikernels (without reading the
/// inputs yet). Errors name the specification at fault.
llvm::Expected<std::vector<Unikernel>>
findUnikernels(llvm::ArrayRef<std::string> specifications);

/// Reads and measures every input, each file once however many unikernels
/// use it, in parallel, leaving out sections whose names match one of
/// UNSLOTTED (glob patterns), counting RELRO data as data when RELRO says
/// so, reporting each input read to PROGRESS.
llvm::Error measureInputs(std::vector<Unikernel> &unikernels,
                          llvm::ArrayRef<std::string> unslotted,
                          RelroPlacement relro, ProgressFn progress);

} // namespace spacer

#endif
