//===- Workspace.cpp - The unikernels a layout is planned for -------------===//

#include "Workspace.h"
#include "Image.h"
#include "SpacerBuild.h"
#include "SpacerNames.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

using namespace llvm;
using namespace llvm::object;
using namespace spacer;

// A list of inputs or a link command: a megabyte or two for thousands of
// inputs.
static constexpr uint64_t MaxListBytes = 64 << 20;

static bool isInput(StringRef path) {
  return path.ends_with(".o") || path.ends_with(".a");
}

// A Unikraft build directory keeps the command of the image's final link in
// IMAGE.dbg.cmd: its .o and .a arguments, in order, are exactly what the
// image links (no intermediate libNAME.ld.o, nothing left over from an
// earlier configuration). Returns no inputs when there is no such file.
static Expected<std::vector<std::string>> unikraftLinkInputs(StringRef dir) {
  std::vector<std::string> commands;
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (StringRef(it->path()).ends_with(".dbg.cmd"))
      commands.push_back(it->path());
  if (ec)
    return makeError(dir + ": " + ec.message());
  if (commands.empty())
    return std::vector<std::string>();
  llvm::sort(commands);
  if (commands.size() > 1)
    return makeError(dir + ": several final link commands (" + commands[0] +
                     ", " + commands[1] +
                     "); give one image's inputs as a list file");
  Expected<std::unique_ptr<MemoryBuffer>> text =
      readRegularFile(commands[0], MaxListBytes);
  if (!text)
    return text.takeError();
  BumpPtrAllocator alloc;
  StringSaver saver(alloc);
  SmallVector<const char *, 64> args;
  cl::TokenizeGNUCommandLine((*text)->getBuffer(), saver, args);
  std::vector<std::string> inputs;
  for (StringRef arg : args) {
    if (arg.starts_with("-") || !isInput(arg))
      continue;
    SmallString<256> path(arg);
    sys::fs::make_absolute(dir, path);
    if (!sys::fs::exists(path))
      return makeError(commands[0] + ": link input '" + arg +
                       "' does not exist (rebuild, or give the inputs as a "
                       "list file)");
    inputs.push_back(std::string(path));
  }
  if (inputs.empty())
    return makeError(commands[0] + ": no .o or .a inputs in the link command");
  return inputs;
}

// The link inputs of a directory: those of its final link command
// (Unikraft), or else the .o and .a files directly in it, sorted, without
// the intermediate NAME.ld.o that Unikraft's build leaves beside NAME.o.
static Expected<std::vector<std::string>> inputsIn(StringRef dir) {
  Expected<std::vector<std::string>> linked = unikraftLinkInputs(dir);
  if (!linked || !linked->empty())
    return linked;
  std::vector<std::string> inputs;
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (it->type() == sys::fs::file_type::regular_file && isInput(it->path()))
      inputs.push_back(it->path());
  if (ec)
    return makeError(dir + ": " + ec.message());
  llvm::sort(inputs);
  StringSet<> present;
  for (const std::string &path : inputs)
    present.insert(path);
  llvm::erase_if(inputs, [&](const std::string &path) {
    StringRef p(path);
    return p.consume_back(".ld.o") && present.contains((p + ".o").str());
  });
  return inputs;
}

static Expected<std::vector<std::string>> subdirectoriesOf(StringRef dir) {
  std::vector<std::string> dirs;
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (it->type() == sys::fs::file_type::directory_file)
      dirs.push_back(it->path());
  if (ec)
    return makeError(dir + ": " + ec.message());
  llvm::sort(dirs);
  return dirs;
}

// A unikernel's libraries from its input paths: one per file, named after it.
static Expected<Unikernel>
makeUnikernel(StringRef name, ArrayRef<std::string> inputs, StringRef where) {
  Unikernel uk;
  uk.name = name.str();
  StringMap<std::string> byName;
  for (const std::string &input : inputs) {
    LibraryInput lib;
    lib.path = input;
    lib.name = sys::path::stem(input).str();
    lib.isArchive = StringRef(input).ends_with(".a");
    if (!isValidLibraryName(lib.name))
      return makeError(where + ": input '" + input + "' of unikernel '" + name +
                       "' would be library '" + lib.name +
                       "', but a library name is of " + LibraryNameRule +
                       " only");
    auto [it, inserted] = byName.try_emplace(lib.name, input);
    if (!inserted)
      return makeError(where + ": inputs '" + it->second + "' and '" + input +
                       "' of unikernel '" + name + "' would both be library '" +
                       lib.name + "'");
    uk.libraries.push_back(std::move(lib));
  }
  if (uk.libraries.empty())
    return makeError(where + ": unikernel '" + name + "' has no inputs");
  llvm::sort(uk.libraries, [](const LibraryInput &a, const LibraryInput &b) {
    return a.name < b.name;
  });
  return uk;
}

// The unikernel a directory is named after: "app1" for app1/ and app1/build/.
static std::string directoryName(StringRef dir) {
  SmallString<256> path(dir);
  sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  while (path.ends_with("/"))
    path.pop_back();
  StringRef name = sys::path::filename(path);
  if (name == "build" || name == ".")
    name = sys::path::filename(sys::path::parent_path(path));
  return name.str();
}

static Error addDirectory(StringRef dir, std::vector<Unikernel> &out) {
  Expected<std::vector<std::string>> inputs = inputsIn(dir);
  if (!inputs)
    return inputs.takeError();
  if (!inputs->empty()) {
    Expected<Unikernel> uk = makeUnikernel(directoryName(dir), *inputs, dir);
    if (!uk)
      return uk.takeError();
    out.push_back(std::move(*uk));
    return Error::success();
  }
  // A workspace: each subdirectory (or its build/) is a unikernel.
  Expected<std::vector<std::string>> subdirs = subdirectoriesOf(dir);
  if (!subdirs)
    return subdirs.takeError();
  size_t before = out.size();
  for (const std::string &sub : *subdirs) {
    for (std::string candidate : {sub, (sub + "/build")}) {
      if (!sys::fs::is_directory(candidate))
        continue;
      Expected<std::vector<std::string>> found = inputsIn(candidate);
      if (!found)
        return found.takeError();
      if (found->empty())
        continue;
      Expected<Unikernel> uk =
          makeUnikernel(sys::path::filename(sub), *found, candidate);
      if (!uk)
        return uk.takeError();
      out.push_back(std::move(*uk));
      break;
    }
  }
  if (out.size() == before)
    return makeError(dir + ": no .o or .a files in it, nor in its "
                           "subdirectories or their build/ directories");
  return Error::success();
}

static Error addListFile(StringRef file, std::vector<Unikernel> &out) {
  Expected<std::unique_ptr<MemoryBuffer>> text =
      readRegularFile(file, MaxListBytes);
  if (!text)
    return text.takeError();
  StringRef base = sys::path::parent_path(file);
  std::vector<std::string> inputs;
  SmallVector<StringRef, 0> lines;
  (*text)->getBuffer().split(lines, '\n');
  for (StringRef line : lines) {
    line = line.split('#').first.trim();
    if (line.empty())
      continue;
    SmallString<256> path(line);
    if (sys::path::is_relative(path) && !base.empty())
      path = (base + "/" + line).str();
    inputs.push_back(std::string(path));
  }
  Expected<Unikernel> uk = makeUnikernel(sys::path::stem(file), inputs, file);
  if (!uk)
    return uk.takeError();
  out.push_back(std::move(*uk));
  return Error::success();
}

Expected<std::vector<Unikernel>>
spacer::findUnikernels(ArrayRef<std::string> specifications) {
  std::vector<Unikernel> out;
  for (const std::string &spec : specifications) {
    StringRef s(spec);
    auto [name, list] = s.split('=');
    if (!list.empty() && !name.contains('/') && !sys::fs::exists(s)) {
      SmallVector<StringRef, 8> items;
      list.split(items, ',', -1, /*KeepEmpty=*/false);
      std::vector<std::string> inputs(items.begin(), items.end());
      Expected<Unikernel> uk = makeUnikernel(name, inputs, spec);
      if (!uk)
        return uk.takeError();
      out.push_back(std::move(*uk));
      continue;
    }
    if (sys::fs::is_directory(s)) {
      if (Error e = addDirectory(s, out))
        return std::move(e);
      continue;
    }
    if (!sys::fs::exists(s))
      return makeError(spec + ": no such file or directory (expected a "
                              "directory, a list file or NAME=INPUT,...)");
    if (isInput(s))
      return makeError(spec + ": a single object or archive is not a "
                              "unikernel; give its directory, a list file or "
                              "NAME=INPUT,...");
    if (Error e = addListFile(s, out))
      return std::move(e);
  }
  // Plans must not depend on the order unikernels are given in.
  llvm::sort(out, [](const Unikernel &a, const Unikernel &b) {
    return a.name < b.name;
  });
  for (size_t i = 1; i < out.size(); ++i)
    if (out[i].name == out[i - 1].name)
      return makeError("two unikernels are named '" + out[i].name +
                       "'; rename one of their directories or list files");
  return out;
}

namespace {
// What reading one input file finds: the fields of LibraryInput it fills.
struct Measurement {
  std::array<uint64_t, NumSlotKinds> bytes = {};
  std::array<uint64_t, NumSlotKinds> alignment = {};
  std::array<uint64_t, NumSlotKinds> otherBytes = {};
  // With "relro": "data", its RELRO data, which the linker puts after the
  // plain data (bytes[Data]) in the data slot.
  uint64_t relroBytes = 0, relroDataBytes = 0, relroDataAlignment = 0;
  uint16_t machine = 0;
  BuildFingerprint build;
  StringSet<> functions, ifuncs, constants, undefined;
  std::string error;
  // Once measured: what every unikernel that links the file copies.
  uint64_t buildValue = 0;
  std::vector<std::string> sortedFunctions, sortedIfuncs, sortedConstants,
      sortedUndefined;
};
} // namespace

// How inputs are measured: sections that get no slot, and where RELRO data
// goes.
struct MeasureRules {
  std::vector<NamePattern> unslotted;
  RelroPlacement relro = RelroPlacement::Keep;
};

// Adds `size` bytes aligned to `align` after `total`, as the linker lays
// sections out one after the other.
static void append(uint64_t &total, uint64_t size, uint64_t align) {
  total = alignTo(total, std::max<uint64_t>(align, 1)) + size;
}

// Whether lld puts a writable section in the RELRO part of the data, before
// the plain data (its isRelroSection, for what a static link has).
static bool isRelro(StringRef name, uint64_t flags, uint32_t type) {
  auto prefixed = [&](StringRef prefix) {
    return name == prefix || name.starts_with((prefix + ".").str());
  };
  return (flags & ELF::SHF_TLS) || type == ELF::SHT_INIT_ARRAY ||
         type == ELF::SHT_FINI_ARRAY || type == ELF::SHT_PREINIT_ARRAY ||
         prefixed(".data.rel.ro") || prefixed(".bss.rel.ro") ||
         prefixed(".ctors") || prefixed(".dtors") || prefixed(".got") ||
         name == ".jcr";
}

// A section's bytes and relocations as compiled, for the build fingerprint,
// as ld.lld reads them from an object of the library alone
// (SpacerLayout.cpp): its contents, and its relocation section whole.
template <class ELFT>
static Error addContentAndRelocations(const ELFFile<ELFT> &elf,
                                      const typename ELFT::Shdr &section,
                                      const typename ELFT::Shdr *relocations,
                                      BuildFingerprint &build) {
  if (section.sh_type != ELF::SHT_NOBITS) {
    Expected<ArrayRef<uint8_t>> bytes = elf.getSectionContents(section);
    if (!bytes)
      return bytes.takeError();
    build.addBytes(*bytes);
  }
  if (!relocations)
    return Error::success();
  Expected<ArrayRef<uint8_t>> bytes = elf.getSectionContents(*relocations);
  if (!bytes)
    return bytes.takeError();
  build.addBytes(*bytes);
  return Error::success();
}

// Whether RELOCATIONS (of a section, or null) write any of the SIZE bytes
// at START: a relocation writes up to 8 bytes from its offset.
template <class ELFT>
static Expected<bool> relocates(const ELFFile<ELFT> &elf,
                                const typename ELFT::Shdr *relocations,
                                uint64_t start, uint64_t size) {
  if (!relocations)
    return false;
  auto within = [&](uint64_t offset) {
    return offset < start + size && offset + 8 > start;
  };
  if (relocations->sh_type == ELF::SHT_RELA) {
    Expected<typename ELFT::RelaRange> relas = elf.relas(*relocations);
    if (!relas)
      return relas.takeError();
    return llvm::any_of(*relas, [&](const typename ELFT::Rela &r) {
      return within(r.r_offset);
    });
  }
  Expected<typename ELFT::RelRange> rels = elf.rels(*relocations);
  if (!rels)
    return rels.takeError();
  return llvm::any_of(
      *rels, [&](const typename ELFT::Rel &r) { return within(r.r_offset); });
}

// A global symbol the object defines as a function (or IFUNC) in its code,
// or as a constant (an object of at most ConstantBytes in its read-only
// data, which no relocation writes), or uses without defining.
template <class ELFT>
static Error
noteGlobal(const ELFFile<ELFT> &elf, const typename ELFT::Sym &sym,
           StringRef strings, typename ELFT::ShdrRange sections,
           ArrayRef<const typename ELFT::Shdr *> relocationSections,
           Measurement &m) {
  if (sym.getBinding() == ELF::STB_LOCAL)
    return Error::success();
  bool undefined = sym.st_shndx == ELF::SHN_UNDEF;
  bool defined = !undefined && sym.st_shndx < sections.size();
  bool function =
      (sym.getType() == ELF::STT_FUNC || sym.getType() == ELF::STT_GNU_IFUNC) &&
      defined;
  bool constant = sym.getType() == ELF::STT_OBJECT && defined &&
                  sym.st_size >= 1 && sym.st_size <= ConstantBytes;
  if (!undefined && !function && !constant)
    return Error::success();
  Expected<StringRef> name = sym.getName(strings);
  if (!name)
    return name.takeError();
  if (name->empty())
    return Error::success();
  if (undefined) {
    m.undefined.insert(*name);
    return Error::success();
  }
  const typename ELFT::Shdr &section = sections[sym.st_shndx];
  Expected<StringRef> sectionName = elf.getSectionName(section);
  if (!sectionName)
    return sectionName.takeError();
  std::optional<SlotKind> kind =
      classifySection(*sectionName, section.sh_flags, section.sh_type);
  if (function) {
    if (kind != SlotKind::Text)
      return Error::success();
    m.functions.insert(*name);
    if (sym.getType() == ELF::STT_GNU_IFUNC)
      m.ifuncs.insert(*name);
    return Error::success();
  }
  // Not in a mergeable section: the linker may pool its pieces.
  if (kind != SlotKind::Rodata || section.sh_type == ELF::SHT_NOBITS ||
      (section.sh_flags & ELF::SHF_MERGE) ||
      sym.st_value + sym.st_size > section.sh_size)
    return Error::success();
  Expected<bool> relocated = relocates(elf, relocationSections[sym.st_shndx],
                                       sym.st_value, sym.st_size);
  if (!relocated)
    return relocated.takeError();
  if (!*relocated)
    m.constants.insert(*name);
  return Error::success();
}

// Adds an ELF object's sections to the measurement: those of a kind (and
// COMMON symbols, which are bss) and the allocated others, by where they
// go, and the object to the library's build fingerprint. Sections matching
// `unslotted` are left out. Symbol tables are read through ELFFile, which
// reports a malformed one as an error (ELFObjectFile's symbol accessors end
// the process).
template <class ELFT>
static Error measureObject(const ELFObjectFile<ELFT> &obj,
                           const MeasureRules &rules, Measurement &m) {
  const ELFFile<ELFT> &elf = obj.getELFFile();
  Expected<typename ELFT::ShdrRange> sections = elf.sections();
  if (!sections)
    return sections.takeError();
  std::vector<uint64_t> relocations(sections->size());
  std::vector<const typename ELFT::Shdr *> relocationSections(sections->size());
  for (const typename ELFT::Shdr &sec : *sections)
    if ((sec.sh_type == ELF::SHT_RELA || sec.sh_type == ELF::SHT_REL) &&
        sec.sh_info < relocations.size()) {
      relocations[sec.sh_info] =
          sec.sh_entsize ? sec.sh_size / sec.sh_entsize : sec.sh_size;
      relocationSections[sec.sh_info] = &sec;
    }

  for (const SectionRef &sec : obj.sections()) {
    ELFSectionRef elfSec(sec);
    Expected<StringRef> name = sec.getName();
    if (!name)
      return name.takeError();
    uint64_t flags = elfSec.getFlags();
    uint32_t type = elfSec.getType();
    if (!(flags & ELF::SHF_ALLOC) ||
        llvm::any_of(rules.unslotted,
                     [&](const NamePattern &p) { return p.match(*name); }))
      continue;
    uint64_t align = sec.getAlignment().value();
    std::optional<SlotKind> kind = classifySection(*name, flags, type);
    bool relroData = !kind && rules.relro == RelroPlacement::Data &&
                     isRelroData(*name, flags, type);
    if (relroData)
      kind = SlotKind::Data;
    if (kind) {
      unsigned k = unsigned(*kind);
      if (relroData) {
        append(m.relroDataBytes, sec.getSize(), align);
        m.relroDataAlignment = std::max(m.relroDataAlignment, align);
      } else {
        append(m.bytes[k], sec.getSize(), align);
        m.alignment[k] = std::max(m.alignment[k], align);
      }
      const typename ELFT::Shdr &header = (*sections)[sec.getIndex()];
      m.build.addSection(k, *name, type, flags, align, header.sh_entsize,
                         sec.getSize(), relocations[sec.getIndex()]);
      if (Error e = addContentAndRelocations(
              elf, header, relocationSections[sec.getIndex()], m.build))
        return e;
      continue;
    }
    if ((flags & ELF::SHF_TLS) && type == ELF::SHT_NOBITS)
      continue; // .tbss takes no address space of its own.
    if (flags & ELF::SHF_EXECINSTR)
      append(m.otherBytes[unsigned(SlotKind::Text)], sec.getSize(), align);
    else if (!(flags & ELF::SHF_WRITE))
      append(m.otherBytes[unsigned(SlotKind::Rodata)], sec.getSize(), align);
    else if (isRelro(*name, flags, type))
      append(m.relroBytes, sec.getSize(), align);
    else if (type == ELF::SHT_NOBITS)
      append(m.otherBytes[unsigned(SlotKind::Bss)], sec.getSize(), align);
    else
      append(m.otherBytes[unsigned(SlotKind::Data)], sec.getSize(), align);
  }
  // COMMON symbols; the symbol table (entries and names) for the fingerprint.
  for (const typename ELFT::Shdr &sec : *sections) {
    if (sec.sh_type != ELF::SHT_SYMTAB)
      continue;
    Expected<typename ELFT::SymRange> syms = elf.symbols(&sec);
    if (!syms)
      return syms.takeError();
    Expected<StringRef> strings = elf.getStringTableForSymtab(sec, *sections);
    if (!strings)
      return strings.takeError();
    m.build.addBytes(bytesOf(*syms));
    m.build.addBytes(arrayRefFromStringRef(*strings));
    unsigned bss = unsigned(SlotKind::Bss);
    for (const typename ELFT::Sym &sym : *syms) {
      if (Error e =
              noteGlobal(elf, sym, *strings, *sections, relocationSections, m))
        return e;
      if (sym.st_shndx != ELF::SHN_COMMON)
        continue;
      // A COMMON symbol's value is its alignment.
      append(m.bytes[bss], sym.st_size, sym.st_value);
      m.alignment[bss] = std::max<uint64_t>(m.alignment[bss], sym.st_value);
    }
  }
  return Error::success();
}

// Objects of two machines cannot be linked together.
static Error noteMachine(Measurement &m, uint16_t machine, StringRef what) {
  if (m.machine && m.machine != machine)
    return makeError(what + " is for " + elfMachineName(machine) +
                     ", the rest for " + elfMachineName(m.machine));
  m.machine = machine;
  return Error::success();
}

static Error measureBinary(MemoryBufferRef buffer, const MeasureRules &rules,
                           Measurement &m) {
  Expected<std::unique_ptr<Binary>> binary = createBinary(buffer);
  if (!binary) {
    consumeError(binary.takeError());
    return makeError("not an ELF object file or archive");
  }
  if (auto *archive = dyn_cast<Archive>(binary->get())) {
    Error err = Error::success();
    for (const Archive::Child &child : archive->children(err)) {
      Expected<MemoryBufferRef> member = child.getMemoryBufferRef();
      if (!member)
        return member.takeError();
      Expected<StringRef> memberName = child.getName();
      if (Error e = measureBinary(*member, rules, m))
        return makeError("member " + (memberName ? *memberName : "?") + ": " +
                         toString(std::move(e)));
      if (!memberName)
        consumeError(memberName.takeError());
    }
    return err;
  }
  auto *object = dyn_cast<ELFObjectFileBase>(binary->get());
  if (!object)
    return makeError("not an ELF object file or archive");
  if (Error e = noteMachine(m, object->getEMachine(), "the object"))
    return e;
  if (auto *o = dyn_cast<ELF64LEObjectFile>(object))
    return measureObject(*o, rules, m);
  if (auto *o = dyn_cast<ELF32LEObjectFile>(object))
    return measureObject(*o, rules, m);
  if (auto *o = dyn_cast<ELF64BEObjectFile>(object))
    return measureObject(*o, rules, m);
  return measureObject(cast<ELF32BEObjectFile>(*object), rules, m);
}

static std::vector<std::string> sortedKeys(const StringSet<> &set) {
  std::vector<std::string> keys;
  for (const auto &entry : set)
    keys.push_back(entry.getKey().str());
  llvm::sort(keys);
  return keys;
}

Error spacer::measureInputs(std::vector<Unikernel> &unikernels,
                            ArrayRef<std::string> unslottedPatterns,
                            RelroPlacement relro, ProgressFn progress) {
  MeasureRules rules;
  rules.relro = relro;
  for (const std::string &p : unslottedPatterns) {
    Expected<NamePattern> pattern = NamePattern::create(p);
    if (!pattern)
      return makeError("bad section pattern '" + p +
                       "': " + toString(pattern.takeError()));
    rules.unslotted.push_back(std::move(*pattern));
  }
  // Each file once, however many unikernels share it.
  StringMap<size_t> index;
  std::vector<std::string> paths;
  for (const Unikernel &uk : unikernels)
    for (const LibraryInput &lib : uk.libraries)
      if (index.try_emplace(lib.path, paths.size()).second)
        paths.push_back(lib.path);

  std::vector<Measurement> results(paths.size());
  auto measure = [&](size_t i) {
    Measurement &m = results[i];
    // Objects and archives are mapped, not read: any size, but regular
    // files only.
    Expected<std::unique_ptr<MemoryBuffer>> buffer =
        readRegularFile(paths[i], UINT64_MAX);
    if (!buffer) {
      m.error = toString(buffer.takeError());
    } else {
      if (Error e = measureBinary((*buffer)->getMemBufferRef(), rules, m))
        m.error = paths[i] + ": " + toString(std::move(e));
    }
    m.buildValue = m.build.value();
    m.sortedFunctions = sortedKeys(m.functions);
    m.sortedIfuncs = sortedKeys(m.ifuncs);
    m.sortedConstants = sortedKeys(m.constants);
    m.sortedUndefined = sortedKeys(m.undefined);
  };
  parallelForWithProgress(paths.size(), measure, progress);

  for (const Measurement &m : results)
    if (!m.error.empty())
      return makeError(m.error);
  for (Unikernel &uk : unikernels) {
    const LibraryInput *first = nullptr; // with a machine
    for (LibraryInput &lib : uk.libraries) {
      const Measurement &m = results[index[lib.path]];
      lib.bytes = m.bytes;
      lib.alignment = m.alignment;
      if (m.relroDataBytes) {
        // The plain data of every member, then the RELRO data.
        unsigned data = unsigned(SlotKind::Data);
        append(lib.bytes[data], m.relroDataBytes, m.relroDataAlignment);
        lib.alignment[data] =
            std::max(lib.alignment[data], m.relroDataAlignment);
      }
      lib.otherBytes = m.otherBytes;
      lib.relroBytes = m.relroBytes;
      lib.relroDataBytes = m.relroDataBytes;
      lib.machine = m.machine;
      lib.build = m.buildValue;
      lib.functions = m.sortedFunctions;
      lib.ifuncs = m.sortedIfuncs;
      lib.constants = m.sortedConstants;
      lib.undefined = m.sortedUndefined;
      if (!lib.machine)
        continue;
      if (first && first->machine != lib.machine)
        return makeError("unikernel '" + uk.name + "': " + first->path +
                         " is for " + elfMachineName(first->machine) + " but " +
                         lib.path + " is for " + elfMachineName(lib.machine) +
                         ": one unikernel links objects of one machine");
      if (!first)
        first = &lib;
    }
  }
  return Error::success();
}
