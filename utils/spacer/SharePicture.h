//===- SharePicture.h - Sharing as a picture --------------------*- C++ -*-===//

#ifndef SPACER_SHAREPICTURE_H
#define SPACER_SHAREPICTURE_H

namespace llvm {
class raw_ostream;
}

namespace spacer {
struct SharingReport;

/// Draws the report as SVG: one row per image, one cell per page at the same
/// column for the same address in every row, coloured shared / unique /
/// zero, with library boundaries marked and every stretch titled (hover
/// shows image, pages, library, class). Stretches where every image holds
/// only zero pages, or nothing, are drawn narrow.
void writeSharingPicture(const SharingReport &report, llvm::raw_ostream &os);
} // namespace spacer

#endif
