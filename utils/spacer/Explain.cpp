//===- Explain.cpp - Why a library's pages differ between images ----------===//

#include "Explain.h"
#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <map>
#include <set>

using namespace llvm;
using namespace spacer;

StringRef spacer::causeName(DifferenceCause cause) {
  switch (cause) {
  case DifferenceCause::OtherBuild:
    return "other-build";
  case DifferenceCause::GeneratedTable:
    return "generated";
  case DifferenceCause::Synthetic:
    return "synthetic";
  case DifferenceCause::LinkerSymbol:
    return "linker-symbol";
  case DifferenceCause::Program:
    return "program";
  case DifferenceCause::OtherLibrary:
    return "other-library";
  case DifferenceCause::Other:
    return "other";
  }
  llvm_unreachable("unknown cause");
}

StringRef spacer::causeSummary(DifferenceCause cause) {
  switch (cause) {
  case DifferenceCause::OtherBuild:
    return "a library it refers to is linked in another build";
  case DifferenceCause::GeneratedTable:
    return "a library it refers to is another build in every image (a "
           "table generated per image, or another set of archive members "
           "in each)";
  case DifferenceCause::Synthetic:
    return "references through a synthetic section of each image";
  case DifferenceCause::LinkerSymbol:
    return "symbols the linker or its script defines per image";
  case DifferenceCause::Program:
    return "the program's own code or data";
  case DifferenceCause::OtherLibrary:
    return "a library's sections outside the slots, at another address in "
           "each image (RELRO data, a library without a slot; the library "
           "itself too)";
  case DifferenceCause::Other:
    return "absolute or undefined symbols";
  }
  llvm_unreachable("unknown cause");
}

namespace {
struct LoadedImage {
  std::unique_ptr<Image> image;
  Placement record;
};

// Per library, the build each image holds.
using BuildsByImage = std::map<size_t, uint64_t>;

class Explainer {
public:
  Explainer(std::vector<LoadedImage> images, uint64_t pageSize)
      : images(std::move(images)), page(pageSize) {
    for (size_t i = 0; i != this->images.size(); ++i)
      for (const PlacedSlot &s : this->images[i].record.slots)
        builds[s.library][i] = s.build;
  }

  bool holds(StringRef library) const { return builds.count(library.str()); }
  std::vector<LibraryExplanation> run(StringRef only);

private:
  void explainGroup(const std::string &library, BuildGroup &group,
                    ArrayRef<size_t> members);
  void findDifferingPages(const std::string &library, BuildGroup &group,
                          ArrayRef<size_t> members,
                          std::set<std::pair<std::string, uint64_t>> &pages);
  void classify(MovedReference &r, ArrayRef<size_t> members) const;

  std::vector<LoadedImage> images;
  uint64_t page;
  std::map<std::string, BuildsByImage> builds;
};
} // namespace

// Pages of the library's slots whose bytes are not alike in all members.
void Explainer::findDifferingPages(
    const std::string &library, BuildGroup &group, ArrayRef<size_t> members,
    std::set<std::pair<std::string, uint64_t>> &pages) {
  std::vector<uint8_t> first(page), other(page);
  for (const PlacedSlot &slot : images[members[0]].record.slots) {
    if (slot.library != library)
      continue;
    uint64_t used = 0;
    for (size_t m : members)
      for (const PlacedSlot &s : images[m].record.slots)
        if (s.library == library && s.kind == slot.kind)
          used = std::max(used, s.used);
    uint64_t count = divideCeil(used, page);
    group.pages += count;
    for (uint64_t p = 0; p != count; ++p) {
      uint64_t address = slot.address + p * page;
      images[members[0]].image->read(address, first);
      for (size_t m : members.drop_front()) {
        images[m].image->read(address, other);
        if (first != other) {
          pages.insert({slot.kind, p * page});
          break;
        }
      }
    }
  }
  group.differingPages = pages.size();
}

// Why a moved reference's target moves, from what it is and the builds of
// its library.
void Explainer::classify(MovedReference &r, ArrayRef<size_t> members) const {
  if (r.via != "direct") {
    r.cause = DifferenceCause::Synthetic;
    r.detail = r.via;
    return;
  }
  StringRef to = r.to;
  if (to.consume_front("library:")) {
    r.detail = to.str();
    auto it = builds.find(r.detail);
    std::set<uint64_t> inGroup, inAll;
    if (it != builds.end()) {
      for (size_t m : members)
        if (it->second.count(m))
          inGroup.insert(it->second.at(m));
      for (const auto &[image, build] : it->second)
        inAll.insert(build);
    }
    if (inGroup.size() <= 1)
      r.cause = DifferenceCause::OtherLibrary;
    else if (inAll.size() == it->second.size())
      r.cause = DifferenceCause::GeneratedTable;
    else
      r.cause = DifferenceCause::OtherBuild;
    return;
  }
  if (to == "program")
    r.cause = DifferenceCause::Program;
  else if (to == "linker")
    r.cause = DifferenceCause::LinkerSymbol;
  else
    r.cause = DifferenceCause::Other;
}

void Explainer::explainGroup(const std::string &library, BuildGroup &group,
                             ArrayRef<size_t> members) {
  std::set<std::pair<std::string, uint64_t>> differing;
  findDifferingPages(library, group, members, differing);
  if (differing.empty())
    return;
  // The references of every member, by (kind, symbol, way, and which of
  // the entries so named in the record: two objects' section symbols may
  // share a name).
  std::map<std::tuple<std::string, std::string, std::string, unsigned>,
           MovedReference>
      byKey;
  for (size_t i = 0; i != members.size(); ++i) {
    const LoadedImage &image = images[members[i]];
    if (!image.record.hasReferences()) {
      group.withoutReferences.push_back(image.image->path());
      continue;
    }
    std::map<std::tuple<std::string, std::string, std::string>, unsigned> seen;
    for (const PlacedReference &ref : image.record.references) {
      if (ref.library != library)
        continue;
      unsigned n = seen[{ref.kind, ref.symbol, ref.via}]++;
      MovedReference &r = byKey[{ref.kind, ref.symbol, ref.via, n}];
      if (r.targets.empty()) {
        r.kind = ref.kind;
        r.symbol = ref.symbol;
        r.via = ref.via;
        r.to = ref.to;
        r.sites = ref.sites;
        r.targets.assign(members.size(), 0);
      }
      r.targets[i] = ref.target;
    }
  }
  std::set<std::pair<std::string, uint64_t>> explained;
  for (auto &[key, r] : byKey) {
    if (llvm::all_equal(r.targets))
      continue;
    classify(r, members);
    // A site's bytes may run into the next page.
    for (uint64_t site : r.sites)
      for (uint64_t at : {site, site + 7})
        explained.insert({r.kind, at / page * page});
    group.moved.push_back(std::move(r));
  }
  llvm::stable_sort(group.moved,
                    [](const MovedReference &a, const MovedReference &b) {
                      return std::tie(a.cause, a.detail, a.kind, a.sites[0]) <
                             std::tie(b.cause, b.detail, b.kind, b.sites[0]);
                    });
  for (const auto &p : differing)
    if (!explained.count(p))
      group.unexplained.push_back(p);
}

std::vector<LibraryExplanation> Explainer::run(StringRef only) {
  std::vector<LibraryExplanation> out;
  for (const auto &[library, byImage] : builds) {
    if (!only.empty() && library != only)
      continue;
    LibraryExplanation lib;
    lib.name = library;
    std::map<uint64_t, std::vector<size_t>> groups;
    for (const auto &[image, build] : byImage)
      groups[build].push_back(image);
    lib.builds = groups.size();
    for (const auto &[build, members] : groups) {
      if (members.size() < 2)
        continue;
      BuildGroup group;
      group.build = build;
      for (size_t m : members)
        group.images.push_back(images[m].image->path());
      explainGroup(library, group, members);
      if (group.differingPages)
        lib.groups.push_back(std::move(group));
    }
    if (!lib.groups.empty() || !only.empty())
      out.push_back(std::move(lib));
  }
  return out;
}

Expected<std::vector<LibraryExplanation>>
spacer::explainDifferences(ArrayRef<std::string> paths, uint64_t pageSize,
                           StringRef library) {
  std::vector<LoadedImage> images;
  for (const std::string &path : paths) {
    Expected<std::unique_ptr<Image>> image = Image::open(path);
    if (!image)
      return image.takeError();
    std::optional<StringRef> text = (*image)->placementRecord();
    if (!text)
      return makeError(path + ": no placement record (link it with "
                              "--spacer-layout, and --spacer-references for "
                              "the references to explain)");
    Expected<Placement> record = parsePlacement(*text);
    if (!record)
      return makeError(path + ": " + toString(record.takeError()));
    images.push_back({std::move(*image), std::move(*record)});
  }
  Explainer explainer(std::move(images), pageSize);
  if (!library.empty() && !explainer.holds(library))
    return makeError("--explain=" + library + ": no image holds library '" +
                     library + "'");
  return explainer.run(library);
}
