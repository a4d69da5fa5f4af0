//===- Progress.cpp - Progress of the long parallel loops -----------------===//

#include "Progress.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <mutex>

using namespace llvm;

void spacer::parallelForWithProgress(size_t n, function_ref<void(size_t)> body,
                                     ProgressFn progress) {
  std::atomic<size_t> done{0};
  std::mutex lock;
  parallelFor(0, n, [&](size_t i) {
    body(i);
    size_t finished = ++done;
    if (progress) {
      std::lock_guard<std::mutex> guard(lock);
      progress(finished, n);
    }
  });
}

std::function<void(size_t, size_t)> spacer::progressLine(bool show,
                                                         StringRef prefix,
                                                         StringRef unit,
                                                         size_t every) {
  if (!show && !sys::Process::StandardErrIsDisplayed())
    return [](size_t, size_t) {};
  return [prefix = prefix.str(), unit = unit.str(), every](size_t done,
                                                           size_t all) {
    if (done % every == 0 || done == all)
      errs() << "\r" << prefix << " " << done << "/" << all << " " << unit
             << (done == all ? "\n" : "");
  };
}
