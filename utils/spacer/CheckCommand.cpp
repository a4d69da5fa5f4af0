//===- CheckCommand.cpp - spacer check ------------------------------------===//
//
// spacer check --layout=M.json [--json] [--record-identities=OUT] IMAGE...
//
// Verifies linked images against the layout manifest. ld.lld records in
// every image it links with a layout what it placed (.spacer.placement);
// check compares that record with the manifest (same libraries, same slot
// addresses and sizes, nothing overflowing), checks that each slot is
// mapped with the permissions its kind needs, and compares each library's
// bytes with the identity the manifest recorded for it. Every violation
// names the library, the kind, the expected and the actual range.
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Commands.h"
#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace spacer;

cl::SubCommand
    spacer::checkCommand("check",
                         "Verify linked images against a layout manifest");

cl::OptionCategory spacer::checkCategory("spacer check options");
static cl::list<std::string> images(cl::Positional, cl::OneOrMore,
                                    cl::desc("<image>..."),
                                    cl::sub(checkCommand),
                                    cl::cat(checkCategory));
static cl::opt<std::string> layoutFile("layout", cl::Required,
                                       cl::desc("The layout manifest"),
                                       cl::value_desc("file"),
                                       cl::sub(checkCommand),
                                       cl::cat(checkCategory));
static cl::opt<bool> jsonOutput("json", cl::desc("Print the results as JSON"),
                                cl::sub(checkCommand), cl::cat(checkCategory));
static cl::opt<std::string> recordIdentities(
    "record-identities",
    cl::desc("Write the manifest with the identity of every library the "
             "images hold, as the reference later checks compare with"),
    cl::value_desc("file"), cl::sub(checkCommand), cl::cat(checkCategory));

static std::string show(const Range &r) {
  return "[" + hexString(r.start) + ", " + hexString(r.end) + ")";
}

static void printText(ArrayRef<ImageCheck> results, raw_ostream &os) {
  for (const ImageCheck &r : results) {
    if (!r.error.empty())
      continue; // reported as an error
    if (r.violations.empty()) {
      os << r.path << ": ok: " << r.placed.size() << " librar"
         << (r.placed.size() == 1 ? "y" : "ies") << " in their slots";
      if (!r.placed.empty())
        os << " (" << join(r.placed, ", ") << ")";
      if (!r.absent.empty())
        os << "; absent: " << join(r.absent, ", ");
      os << "\n";
      continue;
    }
    os << r.path << ": " << r.violations.size() << " violation"
       << (r.violations.size() == 1 ? "" : "s") << "\n";
    for (const Violation &v : r.violations) {
      os << "  ";
      if (!v.library.empty())
        os << "library '" << v.library << "'"
           << (v.kind.empty() ? "" : " " + v.kind) << ": ";
      os << v.message << "\n";
      if (v.expected)
        os << "    expected " << show(*v.expected) << "\n";
      if (v.actual)
        os << "    actual   " << show(*v.actual) << "\n";
    }
  }
}

static void printJSON(ArrayRef<ImageCheck> results, raw_ostream &os) {
  auto range = [](json::OStream &out, StringRef key,
                  const std::optional<Range> &r) {
    if (r)
      out.attributeObject(key, [&] {
        out.attribute("start", hexString(r->start));
        out.attribute("end", hexString(r->end));
      });
  };
  json::OStream out(os, 2);
  out.object([&] {
    out.attribute("ok", llvm::all_of(results, [](const ImageCheck &r) {
                    return r.error.empty() && r.violations.empty();
                  }));
    out.attributeArray("images", [&] {
      for (const ImageCheck &r : results)
        out.object([&] {
          out.attribute("path", r.path);
          if (!r.error.empty()) {
            out.attribute("error", r.error);
            return;
          }
          out.attribute("ok", r.violations.empty());
          out.attributeArray("placed", [&] {
            for (const std::string &name : r.placed)
              out.object([&] {
                out.attribute("library", name);
                out.attribute("identity", r.identities.lookup(name));
              });
          });
          out.attributeArray("absent", [&] {
            for (const std::string &name : r.absent)
              out.value(name);
          });
          out.attributeArray("violations", [&] {
            for (const Violation &v : r.violations)
              out.object([&] {
                out.attribute("library", v.library);
                out.attribute("kind", v.kind);
                range(out, "expected", v.expected);
                range(out, "actual", v.actual);
                out.attribute("message", v.message);
              });
          });
        });
    });
  });
  os << "\n";
}

int spacer::runCheck() {
  // The manifest.
  std::optional<Manifest> manifest = readManifestOrReport(layoutFile);
  if (!manifest)
    return ExitError;

  // Each image.
  std::vector<ImageCheck> results;
  for (const std::string &path : images)
    results.push_back(checkImageFile(path, *manifest));

  // Identities are recorded only when every image could be read (else no
  // file is written): a library's
  // identity is recorded when every image that holds it has the same bytes
  // and none has a violation for it. Images that disagree are a violation
  // of the later one (they will not share the library's pages); the written
  // manifest then keeps what the manifest had for that library.
  if (!recordIdentities.empty() &&
      llvm::all_of(results,
                   [](const ImageCheck &r) { return r.error.empty(); })) {
    StringMap<std::pair<std::string, std::string>> seen; // identity, image
    StringSet<> notRecorded;
    for (ImageCheck &r : results) {
      for (const Violation &v : r.violations)
        notRecorded.insert(v.library);
      for (const auto &entry : r.identities) {
        auto [it, inserted] =
            seen.try_emplace(entry.first(), entry.second, r.path);
        if (!inserted && it->second.first != entry.second) {
          notRecorded.insert(entry.first());
          r.violations.push_back(
              {entry.first().str(), "", std::nullopt, std::nullopt,
               "the library's bytes differ from those in " + it->second.second +
                   " (" + entry.second + " vs " + it->second.first +
                   "): identity not recorded"});
        }
      }
    }
    Manifest recorded = *manifest;
    for (Library &lib : recorded.libraries) {
      auto it = seen.find(lib.name);
      if (it != seen.end() && !notRecorded.contains(lib.name))
        lib.identity = it->second.first;
    }
    std::error_code ec;
    ToolOutputFile out(recordIdentities, ec, sys::fs::OF_Text);
    if (ec) {
      reportError(recordIdentities + ": " + ec.message());
      return ExitError;
    }
    writeManifest(recorded, out.os());
    out.keep();
  }

  // Report.
  if (jsonOutput)
    printJSON(results, outs());
  else
    printText(results, outs());
  bool unreadable = false, violations = false;
  for (const ImageCheck &r : results) {
    if (!r.error.empty()) {
      reportError(r.error);
      unreadable = true;
    }
    violations |= !r.violations.empty();
  }
  if (unreadable)
    return ExitError;
  return violations ? ExitFindings : ExitOk;
}
