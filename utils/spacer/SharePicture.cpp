//===- SharePicture.cpp - Sharing as a picture ----------------------------===//
//
// The address axis is cut at every run boundary of every image; between two
// cuts each image's row is uniform, so a stretch is one rectangle per row.
// Long stretches of zero pages in every image are squeezed to a fixed width
// so that the pages that matter are not lost between megabytes of bss.
//
//===----------------------------------------------------------------------===//

#include "SharePicture.h"
#include "Sharing.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace llvm;
using namespace spacer;

static constexpr unsigned cellWidth = 3, rowHeight = 16, labelWidth = 260,
                          squeezedCells = 6, squeezeAbove = 24;

static StringRef colour(PageClass c) {
  switch (c) {
  case PageClass::Shared:
    return "#2e7d32";
  case PageClass::Unique:
    return "#c62828";
  case PageClass::Zero:
    return "#d9d9d9";
  }
  return "#ffffff";
}

static StringRef className(PageClass c) {
  switch (c) {
  case PageClass::Shared:
    return "shared";
  case PageClass::Unique:
    return "unique";
  case PageClass::Zero:
    return "zero";
  }
  return "";
}

static std::string escape(StringRef s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

namespace {
// The picture's columns: the page axis cut at every run boundary of every
// image into stretches, each image's class and library per stretch
// (nullopt: not mapped), and each stretch's x position; stretches that are
// zero or unmapped everywhere and long are squeezed.
struct Grid {
  struct Cell {
    PageClass pageClass;
    int library;
  };
  std::vector<uint64_t> cuts;
  size_t stretches = 0;
  std::vector<std::vector<std::optional<Cell>>> cells;
  std::vector<uint64_t> x;
  std::vector<bool> squeezed;
};
} // namespace

static Grid buildGrid(const SharingReport &report) {
  Grid g;
  for (const ImageSharing &image : report.images)
    for (const PageRun &run : image.runs) {
      g.cuts.push_back(run.firstPage);
      g.cuts.push_back(run.firstPage + run.count);
    }
  llvm::sort(g.cuts);
  g.cuts.erase(std::unique(g.cuts.begin(), g.cuts.end()), g.cuts.end());
  g.stretches = g.cuts.empty() ? 0 : g.cuts.size() - 1;

  g.cells.resize(report.images.size());
  for (size_t i = 0; i != report.images.size(); ++i) {
    g.cells[i].resize(g.stretches);
    size_t s = 0;
    for (const PageRun &run : report.images[i].runs) {
      while (s < g.stretches && g.cuts[s] < run.firstPage)
        ++s;
      for (; s < g.stretches && g.cuts[s] < run.firstPage + run.count; ++s)
        g.cells[i][s] = Grid::Cell{run.pageClass, run.library};
    }
  }

  g.x.resize(g.stretches + 1);
  g.squeezed.resize(g.stretches);
  g.x[0] = labelWidth;
  for (size_t s = 0; s != g.stretches; ++s) {
    uint64_t pages = g.cuts[s + 1] - g.cuts[s];
    bool dull = llvm::all_of(g.cells, [&](const auto &row) {
      return !row[s] || row[s]->pageClass == PageClass::Zero;
    });
    g.squeezed[s] = dull && pages > squeezeAbove;
    g.x[s + 1] = g.x[s] + cellWidth * (g.squeezed[s] ? squeezedCells : pages);
  }
  return g;
}

static void writeLegend(raw_ostream &os) {
  unsigned lx = 10;
  for (PageClass c : {PageClass::Shared, PageClass::Unique, PageClass::Zero}) {
    os << "<rect x=\"" << lx << "\" y=\"8\" width=\"12\" height=\"12\" fill=\""
       << colour(c) << "\"/><text x=\"" << lx + 16 << "\" y=\"18\">"
       << className(c) << "</text>\n";
    lx += 90;
  }
  os << "<text x=\"" << lx << "\" y=\"18\">| library boundary; squeezed: "
     << "long stretches of zero pages</text>\n";
}

// One image's row at height Y: its label, then a rectangle per run of
// stretches with the same cell, and a line where a library starts.
static void writeRow(raw_ostream &os, const SharingReport &report,
                     const Grid &g, size_t i, uint64_t y) {
  const ImageSharing &image = report.images[i];
  const auto &row = g.cells[i];
  os << "<text x=\"4\" y=\"" << y + 12 << "\">" << escape(image.path)
     << "</text>\n";
  size_t s = 0;
  while (s < g.stretches) {
    std::optional<Grid::Cell> cell = row[s];
    size_t e = s + 1;
    while (e < g.stretches && row[e].has_value() == cell.has_value() &&
           (!cell || (row[e]->pageClass == cell->pageClass &&
                      row[e]->library == cell->library)))
      ++e;
    if (cell) {
      std::string library =
          cell->library >= 0 ? report.libraries[cell->library].name : "";
      os << "<rect x=\"" << g.x[s] << "\" y=\"" << y + 2 << "\" width=\""
         << g.x[e] - g.x[s] << "\" height=\"" << rowHeight - 4 << "\" fill=\""
         << colour(cell->pageClass) << "\"><title>" << escape(image.path)
         << ": pages 0x" << utohexstr(g.cuts[s]) << "-0x"
         << utohexstr(g.cuts[e] - 1) << " ("
         << (g.cuts[e] - g.cuts[s]) * report.pageSize / 1024 << " KiB), "
         << className(cell->pageClass)
         << (library.empty() ? "" : ", " + escape(library))
         << "</title></rect>\n";
      bool boundary =
          cell->library >= 0 &&
          (s == 0 || !row[s - 1] || row[s - 1]->library != cell->library);
      if (boundary)
        os << "<line x1=\"" << g.x[s] << "\" y1=\"" << y << "\" x2=\"" << g.x[s]
           << "\" y2=\"" << y + rowHeight << "\" stroke=\"#000\" "
           << "stroke-width=\"1\"/>\n";
    }
    s = e;
  }
}

void spacer::writeSharingPicture(const SharingReport &report, raw_ostream &os) {
  Grid g = buildGrid(report);
  uint64_t width = std::max<uint64_t>(g.x[g.stretches] + 10, 760);
  uint64_t top = 40;
  uint64_t height = top + rowHeight * report.images.size() + 30;
  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
     << "\" height=\"" << height << "\" font-family=\"monospace\" "
     << "font-size=\"11\">\n";
  os << "<title>spacer share: " << report.images.size() << " images, "
     << report.distinctPages << " distinct pages of " << report.totalPages
     << "</title>\n";
  writeLegend(os);
  for (size_t i = 0; i != report.images.size(); ++i)
    writeRow(os, report, g, i, top + rowHeight * i);
  // Squeezed stretches: a marker below the rows.
  uint64_t by = top + rowHeight * report.images.size() + 4;
  for (size_t s = 0; s != g.stretches; ++s)
    if (g.squeezed[s])
      os << "<rect x=\"" << g.x[s] << "\" y=\"" << by << "\" width=\""
         << g.x[s + 1] - g.x[s] << "\" height=\"4\" fill=\"#999\"><title>"
         << g.cuts[s + 1] - g.cuts[s] << " pages squeezed</title></rect>\n";
  os << "</svg>\n";
}
