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

void spacer::writeSharingPicture(const SharingReport &report, raw_ostream &os) {
  // Cut the page axis at every run boundary.
  std::vector<uint64_t> cuts;
  for (const ImageSharing &image : report.images)
    for (const PageRun &run : image.runs) {
      cuts.push_back(run.firstPage);
      cuts.push_back(run.firstPage + run.count);
    }
  llvm::sort(cuts);
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  size_t stretches = cuts.empty() ? 0 : cuts.size() - 1;

  // Each image's class and library per stretch (nullopt: not mapped).
  struct Cell {
    PageClass pageClass;
    int library;
  };
  std::vector<std::vector<std::optional<Cell>>> grid(report.images.size());
  for (size_t i = 0; i != report.images.size(); ++i) {
    grid[i].resize(stretches);
    size_t s = 0;
    for (const PageRun &run : report.images[i].runs) {
      while (s < stretches && cuts[s] < run.firstPage)
        ++s;
      for (; s < stretches && cuts[s] < run.firstPage + run.count; ++s)
        grid[i][s] = Cell{run.pageClass, run.library};
    }
  }

  // Column positions: squeeze stretches that are zero or unmapped everywhere.
  std::vector<uint64_t> x(stretches + 1);
  std::vector<bool> squeezed(stretches);
  x[0] = labelWidth;
  for (size_t s = 0; s != stretches; ++s) {
    uint64_t pages = cuts[s + 1] - cuts[s];
    bool dull = llvm::all_of(grid, [&](const auto &row) {
      return !row[s] || row[s]->pageClass == PageClass::Zero;
    });
    squeezed[s] = dull && pages > squeezeAbove;
    x[s + 1] = x[s] + cellWidth * (squeezed[s] ? squeezedCells : pages);
  }

  uint64_t width = std::max<uint64_t>(x[stretches] + 10, 760);
  uint64_t top = 40;
  uint64_t height = top + rowHeight * report.images.size() + 30;
  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
     << "\" height=\"" << height << "\" font-family=\"monospace\" "
     << "font-size=\"11\">\n";
  os << "<title>spacer share: " << report.images.size() << " images, "
     << report.distinctPages << " distinct pages of " << report.totalPages
     << "</title>\n";
  // Legend.
  unsigned lx = 10;
  for (PageClass c : {PageClass::Shared, PageClass::Unique, PageClass::Zero}) {
    os << "<rect x=\"" << lx << "\" y=\"8\" width=\"12\" height=\"12\" fill=\""
       << colour(c) << "\"/><text x=\"" << lx + 16 << "\" y=\"18\">"
       << className(c) << "</text>\n";
    lx += 90;
  }
  os << "<text x=\"" << lx << "\" y=\"18\">| library boundary; squeezed: "
     << "long stretches of zero pages</text>\n";

  for (size_t i = 0; i != report.images.size(); ++i) {
    const ImageSharing &image = report.images[i];
    uint64_t y = top + rowHeight * i;
    os << "<text x=\"4\" y=\"" << y + 12 << "\">" << escape(image.path)
       << "</text>\n";
    // Merge neighbouring stretches of the same cell into one rectangle.
    size_t s = 0;
    while (s < stretches) {
      std::optional<Cell> cell = grid[i][s];
      size_t e = s + 1;
      while (e < stretches && grid[i][e].has_value() == cell.has_value() &&
             (!cell || (grid[i][e]->pageClass == cell->pageClass &&
                        grid[i][e]->library == cell->library)))
        ++e;
      if (cell) {
        std::string library =
            cell->library >= 0 ? report.libraries[cell->library].name : "";
        os << "<rect x=\"" << x[s] << "\" y=\"" << y + 2 << "\" width=\""
           << x[e] - x[s] << "\" height=\"" << rowHeight - 4 << "\" fill=\""
           << colour(cell->pageClass) << "\"><title>" << escape(image.path)
           << ": pages 0x" << utohexstr(cuts[s]) << "-0x"
           << utohexstr(cuts[e] - 1) << " ("
           << (cuts[e] - cuts[s]) * report.pageSize / 1024 << " KiB), "
           << className(cell->pageClass)
           << (library.empty() ? "" : ", " + escape(library))
           << "</title></rect>\n";
        bool boundary =
            cell->library >= 0 && (s == 0 || !grid[i][s - 1] ||
                                   grid[i][s - 1]->library != cell->library);
        if (boundary)
          os << "<line x1=\"" << x[s] << "\" y1=\"" << y << "\" x2=\"" << x[s]
             << "\" y2=\"" << y + rowHeight << "\" stroke=\"#000\" "
             << "stroke-width=\"1\"/>\n";
      }
      s = e;
    }
  }
  // Squeezed stretches: a marker below the rows.
  uint64_t by = top + rowHeight * report.images.size() + 4;
  for (size_t s = 0; s != stretches; ++s)
    if (squeezed[s])
      os << "<rect x=\"" << x[s] << "\" y=\"" << by << "\" width=\""
         << x[s + 1] - x[s] << "\" height=\"4\" fill=\"#999\"><title>"
         << cuts[s + 1] - cuts[s] << " pages squeezed</title></rect>\n";
  os << "</svg>\n";
}
