//===- Sharing.cpp - Page sharing across a set of images ------------------===//
//
// The stages: hash every image's pages (in parallel: hashing is the cost),
// drop what cannot be compared, count in how many images each content
// occurs, attribute pages to libraries, then classify every page and sum
// up per library. Contents are keyed by their 128-bit xxh3 hash; a collision
// between two of the few million pages of a fleet is not a practical
// concern, and would only make the count one page too low.
//
//===----------------------------------------------------------------------===//

#include "Sharing.h"
#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;
using namespace spacer;

namespace {
using PageKey = std::pair<uint64_t, uint64_t>;

struct HashedImage {
  std::unique_ptr<Image> image;
  // Its placement record, if it was linked with a layout.
  std::optional<Placement> placement;
  std::string error;
  // Pages with non-zero contents, in address order.
  std::vector<std::pair<uint64_t, PageKey>> contentPages;
  // Runs of zero pages (zero fill, or file bytes that are all zero).
  std::vector<std::pair<uint64_t, uint64_t>> zeroRuns;
  uint64_t pages = 0;
};

bool isZero(ArrayRef<uint8_t> bytes) {
  static const uint8_t zeros[4096] = {};
  for (size_t i = 0; i < bytes.size(); i += sizeof(zeros)) {
    size_t n = std::min(sizeof(zeros), bytes.size() - i);
    if (memcmp(bytes.data() + i, zeros, n))
      return false;
  }
  return true;
}

void hashImage(const std::string &path, uint64_t pageSize, HashedImage &out) {
  Expected<std::unique_ptr<Image>> image = Image::open(path);
  if (!image) {
    out.error = toString(image.takeError());
    return;
  }
  out.image = std::move(*image);
  // The record is input from the image file, as untrusted as the rest.
  if (std::optional<StringRef> record = out.image->placementRecord()) {
    Expected<Placement> placement = parsePlacement(*record);
    if (!placement) {
      out.error = path + ": unreadable " + PlacementSectionName.str() +
                  " record: " + toString(placement.takeError());
      return;
    }
    out.placement = std::move(*placement);
  }
  auto addZero = [&](uint64_t first, uint64_t count) {
    out.pages += count;
    if (!out.zeroRuns.empty() &&
        out.zeroRuns.back().first + out.zeroRuns.back().second == first)
      out.zeroRuns.back().second += count;
    else
      out.zeroRuns.push_back({first, count});
  };
  out.image->forEachPage(
      pageSize,
      [&](uint64_t page, ArrayRef<uint8_t> bytes) {
        if (isZero(bytes))
          return addZero(page, 1);
        XXH128_hash_t h = xxh3_128bits(bytes);
        out.contentPages.push_back({page, {h.low64, h.high64}});
        ++out.pages;
      },
      addZero);
}

// Which library each attributed page of one image belongs to.
using PageLibraries = DenseMap<uint64_t, int>;

void attributeRange(PageLibraries &map, uint64_t start, uint64_t size,
                    uint64_t pageSize, int library) {
  if (size == 0)
    return;
  for (uint64_t p = start / pageSize, e = (start + size - 1) / pageSize; p <= e;
       ++p)
    map.try_emplace(p, library); // The first claim wins a boundary page.
}
} // namespace

namespace {
// One analysis: the stages of analyseSharing, in order, and what they share.
class SharingAnalysis {
public:
  SharingAnalysis(ArrayRef<std::string> paths, const SharingOptions &options)
      : paths(paths), options(options), pageSize(options.pageSize) {
    report.pageSize = pageSize;
  }

  Expected<SharingReport> run();

private:
  void hashImages();
  Error dropIncomparable();
  void countOccurrences();
  void attributeLibraries();
  struct ImageTally;
  void classifyImage(size_t i);
  void classifyZeroRun(size_t i, uint64_t first, uint64_t count,
                       ArrayRef<uint64_t> attributed, ImageTally &tally);
  void classifyContentPage(size_t i, uint64_t page, PageKey key,
                           ImageTally &tally);
  int libraryOf(size_t i, uint64_t page) const;
  uint64_t buildOf(size_t i, int lib) const;
  void addToLibrary(size_t l, bool placed, uint64_t build, uint64_t pages,
                    uint64_t nonZeroPages, std::vector<PageKey> keys);
  void finishLibraries();

  ArrayRef<std::string> paths;
  const SharingOptions &options;
  const uint64_t pageSize;
  SharingReport report;

  std::vector<HashedImage> hashed;
  // The images that could be read and compared.
  std::vector<HashedImage *> images;
  // In how many images each content occurs.
  struct Occurrence {
    uint32_t images = 0;
    uint32_t lastImage = ~0u;
  };
  DenseMap<PageKey, Occurrence> occurrences;
  // Per image, which library each attributed page belongs to; per image
  // linked with the layout, per library, the build it holds (0: not said).
  std::vector<PageLibraries> pageLibraries;
  std::vector<std::vector<uint64_t>> imageBuilds;

  // Per library, over all images: its distinct contents, whether it has a
  // zero page, its non-zero pages where it is largest in the images linked
  // with the layout (page-aligned, so exactly what it needs); per build,
  // its page contents in the image where that build is largest (in the
  // ideal, every image holds those); its contents in the images that say
  // which build they hold; whether some image linked with the layout holds
  // it without saying which build (a version 1 record).
  std::vector<DenseSet<PageKey>> libraryContents;
  std::vector<bool> libraryHasZero;
  std::vector<uint64_t> largestPlaced;
  std::vector<MapVector<uint64_t, std::vector<PageKey>>> builds;
  std::vector<DenseSet<PageKey>> placedContents;
  std::vector<bool> unknownBuild;
  // Contents of pages no library claims, and whether any page is zero.
  DenseSet<PageKey> otherContents;
  bool anyZero = false;
};
} // namespace

// Hashes every image's pages, in parallel: hashing is the cost.
void SharingAnalysis::hashImages() {
  hashed.resize(paths.size());
  parallelForWithProgress(
      paths.size(), [&](size_t i) { hashImage(paths[i], pageSize, hashed[i]); },
      options.progress);
}

// Images that could not be read, and images of another machine than the
// first that could (their pages are not comparable), are an error, or with
// --keep-going a failure to report.
Error SharingAnalysis::dropIncomparable() {
  const Image *reference = nullptr;
  for (HashedImage &h : hashed) {
    if (!h.image)
      continue;
    if (!reference) {
      reference = h.image.get();
      continue;
    }
    if (h.image->machine() != reference->machine())
      h.error = h.image->path() + ": an " + h.image->machineName().str() +
                " image, but " + reference->path() + " is " +
                reference->machineName().str() +
                ": pages of different machines are not comparable";
  }
  for (HashedImage &h : hashed) {
    if (h.error.empty()) {
      images.push_back(&h);
      continue;
    }
    if (!options.keepGoing)
      return makeError(h.error);
    report.failures.push_back(h.error);
    h.image.reset();
  }
  return Error::success();
}

void SharingAnalysis::countOccurrences() {
  for (uint32_t i = 0; i != images.size(); ++i)
    for (const auto &[page, key] : images[i]->contentPages) {
      Occurrence &o = occurrences[key];
      if (o.lastImage != i) {
        o.lastImage = i;
        ++o.images;
      }
    }
}

// Which pages belong to which library. An image linked with the layout says
// where each library is (its placement record); in the others, a library is
// found by the names of the symbols it has in the placed ones.
void SharingAnalysis::attributeLibraries() {
  pageLibraries.resize(images.size());
  const Manifest *manifest = options.manifest;
  if (!manifest)
    return;
  StringMap<int> libraryIndex;
  for (const Library &lib : manifest->libraries) {
    libraryIndex[lib.name] = report.libraries.size();
    report.libraries.push_back({lib.name});
  }
  StringMap<int> symbolLibrary; // -2: names of several libraries
  imageBuilds.assign(images.size(), {});
  for (size_t i = 0; i != images.size(); ++i) {
    const Image &image = *images[i]->image;
    const std::optional<Placement> &placement = images[i]->placement;
    if (!placement)
      continue;
    imageBuilds[i].assign(report.libraries.size(), 0);
    for (const PlacedSlot &slot : placement->slots) {
      auto it = libraryIndex.find(slot.library);
      if (it == libraryIndex.end())
        continue;
      imageBuilds[i][it->second] = slot.build;
      attributeRange(pageLibraries[i], slot.address, slot.used, pageSize,
                     it->second);
      for (const ImageSymbol &sym : image.symbols())
        if (sym.address >= slot.address &&
            sym.address < slot.address + std::max<uint64_t>(slot.used, 1)) {
          auto [s, inserted] = symbolLibrary.try_emplace(sym.name, it->second);
          if (!inserted && s->second != it->second)
            s->second = -2;
        }
    }
  }
  for (size_t i = 0; i != images.size(); ++i) {
    if (images[i]->placement)
      continue;
    for (const ImageSymbol &sym : images[i]->image->symbols()) {
      auto it = symbolLibrary.find(sym.name);
      if (it != symbolLibrary.end() && it->second >= 0)
        attributeRange(pageLibraries[i], sym.address,
                       std::max<uint64_t>(sym.size, 1), pageSize, it->second);
    }
  }
}

// What classifying one image gathers: the image's report, and per library
// its pages, its non-zero pages and (when the image says which build it
// holds) their contents.
struct SharingAnalysis::ImageTally {
  ImageTally(size_t libraries)
      : pages(libraries), nonZeroPages(libraries), keys(libraries) {}

  // Adds COUNT pages from FIRST to the runs, joining the last run if it
  // continues it.
  void addRun(uint64_t first, uint64_t count, PageClass cls, int lib) {
    if (!result.runs.empty()) {
      PageRun &last = result.runs.back();
      if (last.firstPage + last.count == first && last.pageClass == cls &&
          last.library == lib) {
        last.count += count;
        return;
      }
    }
    result.runs.push_back({first, count, cls, lib});
  }

  ImageSharing result;
  std::vector<uint64_t> pages, nonZeroPages;
  std::vector<std::vector<PageKey>> keys;
};

// The library image I's page belongs to, or -1.
int SharingAnalysis::libraryOf(size_t i, uint64_t page) const {
  auto it = pageLibraries[i].find(page);
  return it == pageLibraries[i].end() ? -1 : it->second;
}

// The build of library LIB that image I holds (0: not said).
uint64_t SharingAnalysis::buildOf(size_t i, int lib) const {
  return imageBuilds.empty() || imageBuilds[i].empty() ? 0
                                                       : imageBuilds[i][lib];
}

// A run of zero pages of image I, split at the pages libraries own
// (ATTRIBUTED, sorted).
void SharingAnalysis::classifyZeroRun(size_t i, uint64_t first, uint64_t count,
                                      ArrayRef<uint64_t> attributed,
                                      ImageTally &tally) {
  tally.result.zeroPages += count;
  anyZero = true;
  uint64_t p = first, end = first + count;
  const uint64_t *it = llvm::lower_bound(attributed, first);
  while (p < end) {
    if (it != attributed.end() && *it == p) {
      int lib = libraryOf(i, p);
      ++tally.pages[lib];
      libraryHasZero[lib] = true;
      tally.addRun(p, 1, PageClass::Zero, lib);
      ++p;
      ++it;
      continue;
    }
    uint64_t stop = it != attributed.end() ? std::min(end, *it) : end;
    tally.addRun(p, stop - p, PageClass::Zero, -1);
    p = stop;
  }
}

// A page of image I with content KEY.
void SharingAnalysis::classifyContentPage(size_t i, uint64_t page, PageKey key,
                                          ImageTally &tally) {
  bool shared = occurrences[key].images > 1;
  PageClass cls = shared ? PageClass::Shared : PageClass::Unique;
  ++(shared ? tally.result.sharedPages : tally.result.uniquePages);
  int lib = libraryOf(i, page);
  if (lib >= 0) {
    ++tally.pages[lib];
    ++tally.nonZeroPages[lib];
    libraryContents[lib].insert(key);
    if (buildOf(i, lib))
      tally.keys[lib].push_back(key);
    if (shared)
      ++report.libraries[lib].sharedPages;
  } else {
    otherContents.insert(key);
  }
  tally.addRun(page, 1, cls, lib);
}

// Classifies every page of image I (zero, shared, unique), in address
// order, in runs by library, and adds its pages to its libraries' counts.
void SharingAnalysis::classifyImage(size_t i) {
  HashedImage &h = *images[i];
  ImageTally tally(report.libraries.size());
  tally.result.path = h.image->path();
  tally.result.hasPlacement = h.image->placementRecord().has_value();
  tally.result.pages = h.pages;
  std::vector<uint64_t> attributed;
  for (const auto &entry : pageLibraries[i])
    attributed.push_back(entry.first);
  llvm::sort(attributed);

  size_t z = 0;
  for (const auto &[page, key] : h.contentPages) {
    for (; z < h.zeroRuns.size() && h.zeroRuns[z].first < page; ++z)
      classifyZeroRun(i, h.zeroRuns[z].first, h.zeroRuns[z].second, attributed,
                      tally);
    classifyContentPage(i, page, key, tally);
  }
  for (; z < h.zeroRuns.size(); ++z)
    classifyZeroRun(i, h.zeroRuns[z].first, h.zeroRuns[z].second, attributed,
                    tally);

  for (size_t l = 0; l != report.libraries.size(); ++l)
    if (tally.pages[l])
      addToLibrary(l, tally.result.hasPlacement, buildOf(i, l), tally.pages[l],
                   tally.nonZeroPages[l], std::move(tally.keys[l]));
  report.totalPages += tally.result.pages;
  report.zeroPages += tally.result.zeroPages;
  report.images.push_back(std::move(tally.result));
}

// Adds what one image holds of library L: its pages, non-zero ones among
// them, and, when the image says which build it holds, their contents.
void SharingAnalysis::addToLibrary(size_t l, bool placed, uint64_t build,
                                   uint64_t pages, uint64_t nonZeroPages,
                                   std::vector<PageKey> keys) {
  LibrarySharing &lib = report.libraries[l];
  ++lib.images;
  lib.pages += pages;
  lib.largestPages = std::max(lib.largestPages, nonZeroPages);
  if (placed)
    largestPlaced[l] = std::max(largestPlaced[l], nonZeroPages);
  if (placed && !build)
    unknownBuild[l] = true;
  if (build) {
    placedContents[l].insert(keys.begin(), keys.end());
    std::vector<PageKey> &canonical = builds[l][build];
    if (keys.size() > canonical.size())
      canonical = std::move(keys);
  }
}

// The totals, and per library its distinct pages and ideal bound.
void SharingAnalysis::finishLibraries() {
  report.distinctNonZeroPages = occurrences.size();
  report.distinctPages = occurrences.size() + (anyZero ? 1 : 0);
  if (!options.manifest)
    return;
  // Zero pages merge with each other wherever they are: one for all.
  uint64_t ideal = otherContents.size() + (anyZero ? 1 : 0);
  for (size_t l = 0; l != report.libraries.size(); ++l) {
    LibrarySharing &lib = report.libraries[l];
    lib.distinctPages = libraryContents[l].size() + (libraryHasZero[l] ? 1 : 0);
    // Where a library is not page-aligned its pages include neighbours'
    // bytes; the placed images tell its size best.
    if (largestPlaced[l])
      lib.largestPages = largestPlaced[l];
    // A library in two configurations is two contents: no layout can store
    // them once. Pages the configurations have in common still merge.
    lib.builds = unknownBuild[l] ? 0 : builds[l].size();
    lib.idealPages = lib.largestPages;
    if (lib.builds) {
      DenseSet<PageKey> idealContents;
      for (const auto &[build, canonical] : builds[l])
        idealContents.insert(canonical.begin(), canonical.end());
      lib.idealPages = idealContents.size();
      lib.excessPages = placedContents[l].size() - idealContents.size();
    }
    ideal += lib.idealPages;
  }
  report.idealPages = ideal;
}

Expected<SharingReport> SharingAnalysis::run() {
  hashImages();
  if (Error e = dropIncomparable())
    return std::move(e);
  countOccurrences();
  attributeLibraries();
  size_t n = report.libraries.size();
  libraryContents.resize(n);
  libraryHasZero.resize(n);
  largestPlaced.resize(n);
  builds.resize(n);
  placedContents.resize(n);
  unknownBuild.resize(n);
  for (size_t i = 0; i != images.size(); ++i)
    classifyImage(i);
  finishLibraries();
  return std::move(report);
}

Expected<SharingReport> spacer::analyseSharing(ArrayRef<std::string> paths,
                                               const SharingOptions &options) {
  return SharingAnalysis(paths, options).run();
}
