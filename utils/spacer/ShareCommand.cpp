//===- ShareCommand.cpp - spacer share ------------------------------------===//
//
// spacer share [--layout=M.json] [--json] [--svg=FILE] IMAGE...
//
// Loads every image's PT_LOAD segments as a loader would, and reports how
// many physical pages a host with perfect page deduplication would hold:
// per image, for all images, and per library when the layout is given, with
// the ideal bound. The table, the JSON and the picture all print the same
// SharingReport.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Explain.h"
#include "SharePicture.h"
#include "Sharing.h"
#include "SpacerManifest.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace spacer;

cl::SubCommand spacer::shareCommand(
    "share", "Count the pages a host would hold for a set of images");

cl::OptionCategory spacer::shareCategory("spacer share options");
static cl::list<std::string> images(cl::Positional, cl::OneOrMore,
                                    cl::desc("<image>..."),
                                    cl::sub(shareCommand),
                                    cl::cat(shareCategory));
static cl::opt<std::string>
    layoutFile("layout",
               cl::desc("Layout manifest: attribute pages to its "
                        "libraries and compute the ideal bound"),
               cl::value_desc("file"), cl::sub(shareCommand),
               cl::cat(shareCategory));
static cl::opt<uint64_t> pageSize("page-size",
                                  cl::desc("Page size in bytes (default 4096)"),
                                  cl::init(4096), cl::sub(shareCommand),
                                  cl::cat(shareCategory));
static cl::opt<bool> jsonOutput("json", cl::desc("Print the report as JSON"),
                                cl::sub(shareCommand), cl::cat(shareCategory));
static cl::opt<std::string>
    svgFile("svg",
            cl::desc("Also draw the pages as an SVG picture: one row per "
                     "image, shared / unique / zero"),
            cl::value_desc("file"), cl::sub(shareCommand),
            cl::cat(shareCategory));
static cl::opt<bool> keepGoing(
    "keep-going",
    cl::desc("Report images that cannot be read and go on with the others"),
    cl::sub(shareCommand), cl::cat(shareCategory));
static cl::opt<std::string> explainLibrary(
    "explain", cl::ValueOptional,
    cl::desc("Instead of the report: for each library (or LIB) whose pages "
             "differ between images holding the same build of it, what "
             "differs (images linked with ld.lld --spacer-references)"),
    cl::value_desc("LIB"), cl::sub(shareCommand), cl::cat(shareCategory));
static cl::opt<bool>
    progress("progress",
             cl::desc("Show progress on stderr (default: when a terminal)"),
             cl::sub(shareCommand), cl::cat(shareCategory));

static std::string ratio(double r) {
  std::string s;
  raw_string_ostream(s) << format("%.2f", r);
  return s;
}

static void printTable(const SharingReport &r, raw_ostream &os) {
  os << "spacer share: " << r.images.size() << " image"
     << (r.images.size() == 1 ? "" : "s") << ", " << r.pageSize
     << "-byte pages\n\n";
  size_t width = 5;
  for (const ImageSharing &image : r.images)
    width = std::max(width, image.path.size());
  auto row = [&](StringRef name, uint64_t pages, uint64_t zero, uint64_t shared,
                 uint64_t unique) {
    os << left_justify(name, width)
       << format("  %8llu %8llu %8llu %8llu\n", (unsigned long long)pages,
                 (unsigned long long)zero, (unsigned long long)shared,
                 (unsigned long long)unique);
  };
  os << left_justify("image", width)
     << "     pages     zero   shared   unique\n";
  uint64_t shared = 0, unique = 0;
  for (const ImageSharing &image : r.images) {
    row(image.path, image.pages, image.zeroPages, image.sharedPages,
        image.uniquePages);
    shared += image.sharedPages;
    unique += image.uniquePages;
  }
  row("all", r.totalPages, r.zeroPages, shared, unique);

  os << "\nphysical pages with perfect merging: " << r.distinctPages << " of "
     << r.totalPages << " (" << r.distinctNonZeroPages
     << " non-zero), saving factor " << ratio(r.savingFactor()) << "x\n";
  if (r.idealPages) {
    os << "ideal bound, each library build stored once: " << *r.idealPages
       << " pages (" << ratio(double(r.totalPages) / *r.idealPages)
       << "x); this set reaches "
       << format("%.1f", 100.0 * *r.idealPages / r.distinctPages)
       << "% of it\n";
    size_t libWidth = 7;
    for (const LibrarySharing &lib : r.libraries)
      libWidth = std::max(libWidth, lib.name.size());
    os << "\n"
       << left_justify("library", libWidth)
       << "  images builds    pages distinct   shared  largest    ideal\n";
    for (const LibrarySharing &lib : r.libraries)
      os << left_justify(lib.name, libWidth)
         << format("  %6u %6s %8llu %8llu %8llu %8llu %8llu\n", lib.images,
                   lib.builds ? std::to_string(lib.builds).c_str() : "-",
                   (unsigned long long)lib.pages,
                   (unsigned long long)lib.distinctPages,
                   (unsigned long long)lib.sharedPages,
                   (unsigned long long)lib.largestPages,
                   (unsigned long long)lib.idealPages);
    // Where the layout falls short of the bound, and why.
    for (const LibrarySharing &lib : r.libraries)
      if (lib.excessPages)
        os << "\n"
           << lib.name << ": " << lib.excessPages << " page"
           << (lib.excessPages == 1 ? "" : "s")
           << " over its ideal: images with the same build of it hold "
              "different bytes in its slots (most often its code or data "
              "refers to addresses that differ between them, such as those "
              "of a library linked in another configuration, which "
              "spacer-indirect keeps out of its code); spacer share "
              "--explain="
           << lib.name << " says which\n";
  }
}

static void printJSON(const SharingReport &r, raw_ostream &os) {
  json::OStream out(os, 2);
  out.object([&] {
    out.attribute("page_size", r.pageSize);
    out.attributeArray("images", [&] {
      for (const ImageSharing &image : r.images)
        out.object([&] {
          out.attribute("path", image.path);
          out.attribute("linked_with_layout", image.hasPlacement);
          out.attribute("pages", image.pages);
          out.attribute("zero_pages", image.zeroPages);
          out.attribute("shared_pages", image.sharedPages);
          out.attribute("unique_pages", image.uniquePages);
        });
    });
    out.attribute("total_pages", r.totalPages);
    out.attribute("zero_pages", r.zeroPages);
    out.attribute("distinct_pages", r.distinctPages);
    out.attribute("distinct_nonzero_pages", r.distinctNonZeroPages);
    out.attribute("saving_factor", r.savingFactor());
    if (r.idealPages) {
      out.attribute("ideal_pages", *r.idealPages);
      out.attribute("ideal_saving_factor",
                    double(r.totalPages) / *r.idealPages);
      out.attributeArray("libraries", [&] {
        for (const LibrarySharing &lib : r.libraries)
          out.object([&] {
            out.attribute("name", lib.name);
            out.attribute("images", lib.images);
            out.attribute("pages", lib.pages);
            out.attribute("distinct_pages", lib.distinctPages);
            out.attribute("shared_pages", lib.sharedPages);
            out.attribute("largest_pages", lib.largestPages);
            out.attribute("builds", lib.builds);
            out.attribute("ideal_pages", lib.idealPages);
            out.attribute("excess_pages", lib.excessPages);
          });
      });
    }
    out.attributeArray("skipped", [&] {
      for (const std::string &failure : r.failures)
        out.value(failure);
    });
  });
  os << "\n";
}

static std::string hex(uint64_t n) { return hexString(n); }

static void printExplanation(ArrayRef<LibraryExplanation> libraries,
                             raw_ostream &os) {
  if (libraries.empty())
    os << "spacer share --explain: every library's pages are alike in the "
          "images that hold the same build of it\n";
  for (const LibraryExplanation &lib : libraries) {
    os << lib.name << ": " << lib.builds << " build"
       << (lib.builds == 1 ? "" : "s") << "\n";
    if (lib.groups.empty())
      os << "  its pages are alike in the images that hold the same build\n";
    for (const BuildGroup &g : lib.groups) {
      os << "  build " << hex(g.build) << " in " << g.images.size()
         << " images (" << join(g.images, ", ") << "): " << g.differingPages
         << " of " << g.pages << " pages differ\n";
      std::optional<std::pair<DifferenceCause, std::string>> heading;
      for (const MovedReference &r : g.moved) {
        if (!heading || heading->first != r.cause ||
            heading->second != r.detail) {
          heading = {r.cause, r.detail};
          os << "    " << causeName(r.cause)
             << (r.detail.empty() ? "" : " (" + r.detail + ")") << ": "
             << causeSummary(r.cause) << "\n";
        }
        os << "      " << r.kind << "+" << hex(r.sites[0]);
        if (r.sites.size() > 1)
          os << " and " << r.sites.size() - 1 << " more";
        os << ": " << r.symbol << " (" << r.to << ", " << r.via << ") at";
        for (size_t i = 0; i != r.targets.size(); ++i)
          os << (i ? ", " : " ")
             << (r.targets[i] ? hex(r.targets[i]) : std::string("-"));
        os << "\n";
      }
      for (const auto &[kind, offset] : g.unexplained)
        os << "    unexplained: the " << kind << " page at +" << hex(offset)
           << " differs where no recorded reference moves\n";
      if (!g.withoutReferences.empty())
        os << "    no references recorded in "
           << join(g.withoutReferences, ", ")
           << ": link with --spacer-references to see what differs\n";
    }
  }
}

static void printExplanationJSON(ArrayRef<LibraryExplanation> libraries,
                                 raw_ostream &os) {
  json::OStream out(os, 2);
  out.object([&] {
    out.attributeArray("libraries", [&] {
      for (const LibraryExplanation &lib : libraries)
        out.object([&] {
          out.attribute("name", lib.name);
          out.attribute("builds", lib.builds);
          out.attributeArray("groups", [&] {
            for (const BuildGroup &g : lib.groups)
              out.object([&] {
                out.attribute("build", hex(g.build));
                out.attributeArray("images", [&] {
                  for (const std::string &i : g.images)
                    out.value(i);
                });
                out.attribute("pages", g.pages);
                out.attribute("differing_pages", g.differingPages);
                out.attributeArray("moved", [&] {
                  for (const MovedReference &r : g.moved)
                    out.object([&] {
                      out.attribute("cause", causeName(r.cause));
                      out.attribute("detail", r.detail);
                      out.attribute("kind", r.kind);
                      out.attribute("symbol", r.symbol);
                      out.attribute("to", r.to);
                      out.attribute("via", r.via);
                      out.attributeArray("sites", [&] {
                        for (uint64_t s : r.sites)
                          out.value(hex(s));
                      });
                      out.attributeArray("targets", [&] {
                        for (uint64_t t : r.targets)
                          out.value(hex(t));
                      });
                    });
                });
                out.attributeArray("unexplained", [&] {
                  for (const auto &page : g.unexplained)
                    out.object([&] {
                      out.attribute("kind", page.first);
                      out.attribute("offset", hex(page.second));
                    });
                });
                out.attributeArray("without_references", [&] {
                  for (const std::string &i : g.withoutReferences)
                    out.value(i);
                });
              });
          });
        });
    });
  });
  os << "\n";
}

static int runExplain() {
  Expected<std::vector<LibraryExplanation>> explained =
      explainDifferences(images, pageSize, explainLibrary);
  if (!explained) {
    reportError(toString(explained.takeError()));
    return ExitError;
  }
  if (jsonOutput)
    printExplanationJSON(*explained, outs());
  else
    printExplanation(*explained, outs());
  return ExitOk;
}

int spacer::runShare() {
  // Options.
  if (!isPowerOf2_64(pageSize) || pageSize < 256) {
    reportError("--page-size=" + Twine(pageSize) +
                ": expected a power of two of at least 256");
    return ExitError;
  }
  if (explainLibrary.getNumOccurrences())
    return runExplain();
  std::optional<Manifest> manifest;
  if (!layoutFile.empty()) {
    manifest = readManifestOrReport(layoutFile);
    if (!manifest)
      return ExitError;
  }

  // Analyse.
  auto onProgress = progressLine(progress, "spacer share:", "images", 64);
  SharingOptions options;
  options.pageSize = pageSize;
  options.manifest = manifest ? &*manifest : nullptr;
  options.keepGoing = keepGoing;
  options.progress = onProgress;
  Expected<SharingReport> report = analyseSharing(images, options);
  if (!report) {
    reportError(toString(report.takeError()));
    return ExitError;
  }

  // Report.
  if (!svgFile.empty()) {
    std::error_code ec;
    ToolOutputFile out(svgFile, ec, sys::fs::OF_None);
    if (ec) {
      reportError(svgFile + ": " + ec.message());
      return ExitError;
    }
    writeSharingPicture(*report, out.os());
    out.keep();
  }
  if (jsonOutput)
    printJSON(*report, outs());
  else
    printTable(*report, outs());
  for (const std::string &failure : report->failures)
    reportError(failure);
  return report->failures.empty() ? ExitOk : ExitFindings;
}
