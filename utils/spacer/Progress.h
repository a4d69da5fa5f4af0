//===- Progress.h - Progress of the long parallel loops ---------*- C++ -*-===//
//
// spacer plan reads thousands of inputs and spacer share hashes thousands of
// images, each in a parallel loop; both report how far they got the same
// way.
//
//===----------------------------------------------------------------------===//

#ifndef SPACER_PROGRESS_H
#define SPACER_PROGRESS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <functional>

namespace spacer {

/// Told (done, all) after each item of a loop, one call at a time.
using ProgressFn = llvm::function_ref<void(size_t done, size_t all)>;

/// Runs BODY(i) for every i in [0, N) on all cores, reporting every finished
/// item to PROGRESS (if set).
void parallelForWithProgress(size_t n, llvm::function_ref<void(size_t)> body,
                             ProgressFn progress);

/// A subcommand's progress line on stderr, "\r<PREFIX> <done>/<all> <UNIT>",
/// every EVERY items and at the end; nothing unless SHOW (--progress, or
/// stderr is a terminal).
std::function<void(size_t, size_t)> progressLine(bool show,
                                                 llvm::StringRef prefix,
                                                 llvm::StringRef unit,
                                                 size_t every);

} // namespace spacer

#endif
