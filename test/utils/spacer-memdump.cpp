//===- spacer-memdump.cpp - Dump an image's memory the way a loader sees it
//===//
//
// Test utility: prints the bytes a loader would put at virtual addresses
// [START, STOP) of an ELF image: the PT_LOAD segments' file bytes, zero fill
// up to their memory size, and "--" for addresses no segment maps. Section
// dumps (llvm-objdump -s) cannot do this: they ignore address ranges and
// know nothing of zero fill. Two images whose dumps of a range compare equal
// have byte-identical memory there.
//
//   spacer-memdump [--guest] IMAGE START STOP
//
// With --guest, unmapped bytes print as 00: what a virtual machine monitor
// that copies each segment into fresh (zeroed) guest memory leaves there,
// and what the host's page merging compares.
//
//===----------------------------------------------------------------------===//

#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace llvm::object;

static int fail(const Twine &msg) {
  errs() << "spacer-memdump: error: " << msg << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  uint64_t start, stop;
  bool guest = argc > 1 && StringRef(argv[1]) == "--guest";
  if (guest) {
    --argc;
    ++argv;
  }
  if (argc != 4 || StringRef(argv[2]).getAsInteger(0, start) ||
      StringRef(argv[3]).getAsInteger(0, stop) || stop < start)
    return fail("usage: spacer-memdump [--guest] IMAGE START STOP");

  Expected<OwningBinary<Binary>> binary = createBinary(argv[1]);
  if (!binary)
    return fail(Twine(argv[1]) + ": " + toString(binary.takeError()));
  auto *elf = dyn_cast<ELF64LEObjectFile>(binary->getBinary());
  if (!elf)
    return fail(Twine(argv[1]) + ": not a 64-bit little-endian ELF file");
  const ELF64LEFile &file = elf->getELFFile();
  Expected<ELF64LEFile::Elf_Phdr_Range> phdrs = file.program_headers();
  if (!phdrs)
    return fail(Twine(argv[1]) + ": " + toString(phdrs.takeError()));

  // -1: unmapped; 0-255: a byte.
  std::vector<int> memory(stop - start, guest ? 0 : -1);
  StringRef bytes = elf->getData();
  for (const ELF64LEFile::Elf_Phdr &ph : *phdrs) {
    if (ph.p_type != ELF::PT_LOAD)
      continue;
    if (ph.p_offset + ph.p_filesz > bytes.size())
      return fail(Twine(argv[1]) + ": a PT_LOAD segment lies outside the file");
    uint64_t lo = std::max<uint64_t>(start, ph.p_vaddr);
    uint64_t hi = std::min<uint64_t>(stop, ph.p_vaddr + ph.p_memsz);
    for (uint64_t va = lo; va < hi; ++va) {
      uint64_t off = va - ph.p_vaddr;
      memory[va - start] =
          off < ph.p_filesz ? (unsigned char)bytes[ph.p_offset + off] : 0;
    }
  }

  for (uint64_t line = 0; line < memory.size(); line += 16) {
    outs() << format_hex_no_prefix(start + line, 16) << ":";
    for (uint64_t i = line; i < std::min<uint64_t>(line + 16, memory.size());
         ++i) {
      if (memory[i] < 0)
        outs() << " --";
      else
        outs() << " " << format_hex_no_prefix(memory[i], 2);
    }
    outs() << "\n";
  }
  return 0;
}
