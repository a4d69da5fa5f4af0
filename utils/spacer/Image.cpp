//===- Image.cpp - A linked image as a loader sees it ---------------------===//

#include "Image.h"
#include "SpacerManifest.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/Format.h"
#include <algorithm>
#include <cstring>

using namespace llvm;
using namespace llvm::object;
using namespace spacer;

std::string LoadSegment::permissions() const {
  std::string p;
  p += readable ? 'R' : ' ';
  p += writable ? 'W' : ' ';
  p += executable ? 'E' : ' ';
  return p;
}

static Error fileError(StringRef path, const Twine &msg) {
  return makeError(path + ": " + msg);
}

Expected<std::unique_ptr<Image>> Image::open(StringRef path) {
  // Mapped, not read: any size will do, but only a regular file (a device
  // or a pipe could be read forever).
  Expected<std::unique_ptr<MemoryBuffer>> buffer =
      readRegularFile(path, UINT64_MAX);
  if (!buffer)
    return buffer.takeError();
  return fromBuffer(std::move(*buffer), path);
}

Expected<std::unique_ptr<Image>>
Image::fromBuffer(std::unique_ptr<MemoryBuffer> buffer, StringRef path) {
  std::unique_ptr<Image> image(new Image);
  image->filePath = path.str();
  image->buffer = std::move(buffer);

  MemoryBufferRef ref = image->buffer->getMemBufferRef();
  Expected<std::unique_ptr<Binary>> binary = createBinary(ref);
  if (!binary) {
    // An ELF file cut short still starts with the magic; say so rather
    // than that it is no ELF file at all.
    if (ref.getBuffer().starts_with(ELF::ElfMagic))
      return fileError(path, "truncated or malformed ELF file: " +
                                 toString(binary.takeError()));
    consumeError(binary.takeError());
    return fileError(path, "not an ELF file");
  }
  Error err = Error::success();
  if (auto *o = dyn_cast<ELF64LEObjectFile>(binary->get()))
    err = image->load<ELF64LE>(o);
  else if (auto *o = dyn_cast<ELF32LEObjectFile>(binary->get()))
    err = image->load<ELF32LE>(o);
  else if (auto *o = dyn_cast<ELF64BEObjectFile>(binary->get()))
    err = image->load<ELF64BE>(o);
  else if (auto *o = dyn_cast<ELF32BEObjectFile>(binary->get()))
    err = image->load<ELF32BE>(o);
  else
    return fileError(path, "not an ELF file");
  if (err)
    return fileError(path, toString(std::move(err)));
  // The object file refers into the buffer, which the image keeps; nothing
  // else of it is needed once loaded.
  return std::move(image);
}

// The PT_LOAD segments that map memory, sorted by address; each must lie
// within the file and fit in the address space.
template <class ELFT>
static Expected<std::vector<LoadSegment>> readSegments(const ELFFile<ELFT> &elf,
                                                       uint64_t fileSize) {
  Expected<typename ELFT::PhdrRange> phdrs = elf.program_headers();
  if (!phdrs)
    return phdrs.takeError();
  std::vector<LoadSegment> segments;
  unsigned index = 0;
  for (const typename ELFT::Phdr &ph : *phdrs) {
    ++index;
    if (ph.p_type != ELF::PT_LOAD)
      continue;
    if (ph.p_filesz > ph.p_memsz)
      return makeError("program header " + Twine(index) +
                       ": file size exceeds memory size");
    if (ph.p_offset > fileSize || ph.p_filesz > fileSize - ph.p_offset)
      return makeError("program header " + Twine(index) +
                       ": segment extends beyond the end of the file "
                       "(truncated?)");
    if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
      return makeError("program header " + Twine(index) +
                       ": segment wraps around the address space");
    LoadSegment seg;
    seg.address = ph.p_vaddr;
    seg.memorySize = ph.p_memsz;
    seg.fileOffset = ph.p_offset;
    seg.fileSize = ph.p_filesz;
    seg.readable = ph.p_flags & ELF::PF_R;
    seg.writable = ph.p_flags & ELF::PF_W;
    seg.executable = ph.p_flags & ELF::PF_X;
    if (seg.memorySize)
      segments.push_back(seg);
  }
  llvm::stable_sort(segments, [](const LoadSegment &a, const LoadSegment &b) {
    return a.address < b.address;
  });
  return segments;
}

// Defined functions, objects and labels in allocated sections, sorted by
// address; not TLS symbols (an offset into the TLS block), undefined,
// absolute or common ones. Read through ELFFile, whose every accessor
// reports a malformed file as an error (ELFObjectFile's symbol iterators
// end the process on one).
template <class ELFT>
static Expected<std::vector<ImageSymbol>>
readSymbols(const ELFFile<ELFT> &elf, typename ELFT::ShdrRange sections) {
  std::vector<ImageSymbol> symbols;
  for (const typename ELFT::Shdr &sec : sections) {
    if (sec.sh_type != ELF::SHT_SYMTAB)
      continue;
    Expected<typename ELFT::SymRange> syms = elf.symbols(&sec);
    if (!syms)
      return syms.takeError();
    Expected<StringRef> strtab = elf.getStringTableForSymtab(sec, sections);
    if (!strtab)
      return strtab.takeError();
    for (const typename ELFT::Sym &sym : *syms) {
      uint8_t type = sym.getType();
      if (type != ELF::STT_FUNC && type != ELF::STT_OBJECT &&
          type != ELF::STT_NOTYPE)
        continue;
      if (sym.st_shndx == ELF::SHN_UNDEF ||
          sym.st_shndx >= ELF::SHN_LORESERVE || sym.st_shndx >= sections.size())
        continue;
      if (!(sections[sym.st_shndx].sh_flags & ELF::SHF_ALLOC))
        continue;
      Expected<StringRef> name = sym.getName(*strtab);
      if (!name) {
        consumeError(name.takeError());
        continue;
      }
      if (name->empty())
        continue;
      symbols.push_back({name->str(), uint64_t(sym.st_value),
                         uint64_t(sym.st_size),
                         type == ELF::STT_NOTYPE && sym.st_size == 0});
    }
  }
  llvm::stable_sort(symbols, [](const ImageSymbol &a, const ImageSymbol &b) {
    return a.address < b.address;
  });
  return symbols;
}

// The contents of the .spacer.placement section, if there is one.
template <class ELFT>
static Expected<std::optional<StringRef>>
readPlacementRecord(const ELFFile<ELFT> &elf,
                    typename ELFT::ShdrRange sections) {
  std::optional<StringRef> record;
  for (const typename ELFT::Shdr &sec : sections) {
    Expected<StringRef> name = elf.getSectionName(sec);
    if (!name) {
      consumeError(name.takeError());
      continue;
    }
    if (*name != PlacementSectionName)
      continue;
    Expected<ArrayRef<uint8_t>> contents = elf.getSectionContents(sec);
    if (!contents)
      return contents.takeError();
    record = toStringRef(*contents);
  }
  return record;
}

template <class ELFT> Error Image::load(const void *object) {
  const auto &obj = *static_cast<const ELFObjectFile<ELFT> *>(object);
  const ELFFile<ELFT> &elf = obj.getELFFile();
  elfMachine = elf.getHeader().e_machine;
  if (elf.getHeader().e_type != ELF::ET_EXEC &&
      elf.getHeader().e_type != ELF::ET_DYN)
    return makeError("not a linked image (an object file?)");
  Expected<std::vector<LoadSegment>> segments =
      readSegments(elf, buffer->getBufferSize());
  if (!segments)
    return segments.takeError();
  loadSegments = std::move(*segments);
  Expected<typename ELFT::ShdrRange> sections = elf.sections();
  if (!sections)
    return sections.takeError();
  Expected<std::vector<ImageSymbol>> symbols = readSymbols(elf, *sections);
  if (!symbols)
    return symbols.takeError();
  imageSymbols = std::move(*symbols);
  Expected<std::optional<StringRef>> record =
      readPlacementRecord(elf, *sections);
  if (!record)
    return record.takeError();
  placement = *record;
  return Error::success();
}

StringRef Image::machineName() const { return elfMachineName(elfMachine); }

StringRef spacer::elfMachineName(uint16_t machine) {
  switch (machine) {
  case ELF::EM_X86_64:
    return "x86-64";
  case ELF::EM_386:
    return "i386";
  case ELF::EM_AARCH64:
    return "aarch64";
  case ELF::EM_ARM:
    return "arm";
  case ELF::EM_RISCV:
    return "riscv";
  default:
    return "another machine";
  }
}

const LoadSegment *Image::segmentAt(uint64_t address) const {
  const LoadSegment *found = nullptr;
  for (const LoadSegment &seg : loadSegments)
    if (address >= seg.address && address < seg.end())
      found = &seg;
  return found;
}

bool Image::read(uint64_t address, MutableArrayRef<uint8_t> out) const {
  std::fill(out.begin(), out.end(), 0);
  if (out.empty())
    return true;
  // Inclusive bounds: the last page of the address space ends at 2^64,
  // which does not fit in a uint64_t. Bytes past it do not exist.
  bool beyondEnd = out.size() - 1 > UINT64_MAX - address;
  uint64_t last = beyondEnd ? UINT64_MAX : address + (out.size() - 1);
  const uint8_t *file =
      reinterpret_cast<const uint8_t *>(buffer->getBufferStart());
  // Segments are few: remember which parts they cover, then check that the
  // union is everything.
  SmallVector<std::pair<uint64_t, uint64_t>, 4> covered; // inclusive
  for (const LoadSegment &seg : loadSegments) {
    uint64_t lo = std::max(address, seg.address);
    uint64_t hi = std::min(last, seg.end() - 1);
    if (lo > hi)
      continue;
    covered.push_back({lo, hi});
    // File bytes; the rest of the overlap is zero fill. A later segment
    // overwrites an earlier one, as a loader loading them in order would.
    if (seg.fileSize && lo - seg.address < seg.fileSize) {
      uint64_t fileHi = std::min(hi, seg.address + (seg.fileSize - 1));
      memcpy(out.data() + (lo - address),
             file + seg.fileOffset + (lo - seg.address), fileHi - lo + 1);
      if (fileHi == hi)
        continue;
      lo = fileHi + 1;
    }
    memset(out.data() + (lo - address), 0, hi - lo + 1);
  }
  if (beyondEnd)
    return false;
  llvm::sort(covered);
  uint64_t reached = address; // the first byte not yet covered
  for (auto [lo, hi] : covered) {
    if (lo > reached)
      return false;
    if (hi == UINT64_MAX)
      return true;
    reached = std::max(reached, hi + 1);
  }
  return reached > last;
}

void Image::forEachSpan(uint64_t address, uint64_t size,
                        function_ref<void(ArrayRef<uint8_t>)> onFileBytes,
                        function_ref<void(uint64_t)> onZeroFill,
                        function_ref<void(uint64_t)> onUnmapped) const {
  const uint8_t *file =
      reinterpret_cast<const uint8_t *>(buffer->getBufferStart());
  uint64_t end = address + size < address ? UINT64_MAX : address + size;
  uint64_t at = address;
  while (at < end) {
    // The segment a loader leaves at `at` (the last that maps it), and
    // where the next change can be: that segment's end or its file bytes'
    // end, or the start of a later segment.
    const LoadSegment *seg = segmentAt(at);
    uint64_t stop = end;
    for (const LoadSegment &s : loadSegments)
      if (s.address > at)
        stop = std::min(stop, s.address);
    if (!seg) {
      onUnmapped(stop - at);
      at = stop;
      continue;
    }
    stop = std::min(stop, seg->end());
    uint64_t fileEnd = seg->address + seg->fileSize;
    if (at < fileEnd) {
      stop = std::min(stop, fileEnd);
      onFileBytes(
          ArrayRef(file + seg->fileOffset + (at - seg->address), stop - at));
    } else {
      onZeroFill(stop - at);
    }
    at = stop;
  }
}

namespace {
struct PageRange {
  uint64_t first, end; // [first, end) in pages
};

// Sorts and merges overlapping or adjacent ranges.
std::vector<PageRange> unite(std::vector<PageRange> ranges) {
  llvm::sort(ranges, [](const PageRange &a, const PageRange &b) {
    return a.first < b.first;
  });
  std::vector<PageRange> out;
  for (const PageRange &r : ranges) {
    if (r.first >= r.end)
      continue;
    if (!out.empty() && r.first <= out.back().end)
      out.back().end = std::max(out.back().end, r.end);
    else
      out.push_back(r);
  }
  return out;
}
} // namespace

void Image::forEachPage(
    uint64_t pageSize,
    function_ref<void(uint64_t, ArrayRef<uint8_t>)> onContent,
    function_ref<void(uint64_t, uint64_t)> onZero) const {
  // Pages with file bytes need their contents; the rest of each segment is
  // zero fill, counted by runs.
  std::vector<PageRange> all, withFile;
  for (const LoadSegment &seg : loadSegments) {
    uint64_t first = seg.address / pageSize;
    all.push_back({first, (seg.end() - 1) / pageSize + 1});
    if (seg.fileSize)
      withFile.push_back(
          {first, (seg.address + seg.fileSize - 1) / pageSize + 1});
  }
  all = unite(std::move(all));
  withFile = unite(std::move(withFile));

  std::vector<uint8_t> page(pageSize);
  size_t f = 0;
  for (const PageRange &range : all) {
    uint64_t p = range.first;
    while (p < range.end) {
      while (f < withFile.size() && withFile[f].end <= p)
        ++f;
      if (f < withFile.size() && withFile[f].first <= p) {
        uint64_t stop = std::min(range.end, withFile[f].end);
        for (; p < stop; ++p) {
          read(p * pageSize, page);
          onContent(p, page);
        }
        continue;
      }
      uint64_t stop = range.end;
      if (f < withFile.size())
        stop = std::min(stop, withFile[f].first);
      onZero(p, stop - p);
      p = stop;
    }
  }
}
