//===- SpacerManifest.cpp - The spacer layout manifest --------------------===//
//
// Reading goes JSON text -> llvm::json::Value -> Manifest, checking every key
// on the way so a typo is an error rather than a silently ignored setting.
// Writing uses llvm::json::OStream so the key order is ours, not a hash
// map's: the output diffs well from one planner run to the next.
//
//===----------------------------------------------------------------------===//

#include "SpacerManifest.h"
#include "SpacerNames.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace spacer;

static constexpr StringLiteral kindNames[NumSlotKinds] = {"text", "rodata",
                                                          "data", "bss"};

StringRef spacer::slotKindName(SlotKind kind) {
  return kindNames[static_cast<unsigned>(kind)];
}

std::optional<SlotKind> spacer::parseSlotKind(StringRef name) {
  for (unsigned i = 0; i != NumSlotKinds; ++i)
    if (name == kindNames[i])
      return static_cast<SlotKind>(i);
  return std::nullopt;
}

bool spacer::isSectionPrefix(StringRef prefix, StringRef name) {
  return name.consume_front(prefix) && (name.empty() || name[0] == '.');
}

Expected<NamePattern> NamePattern::create(StringRef pattern) {
  NamePattern p;
  if (pattern.size() > 2 && pattern.starts_with("\"") &&
      pattern.ends_with("\"")) {
    p.exact = pattern.substr(1, pattern.size() - 2).str();
    return p;
  }
  Expected<GlobPattern> glob = GlobPattern::create(pattern);
  if (!glob)
    return glob.takeError();
  p.glob = std::move(*glob);
  return p;
}

bool NamePattern::match(StringRef name) const {
  return glob ? glob->match(name) : name == exact;
}

std::optional<SlotKind> spacer::classifySection(StringRef name, uint64_t flags,
                                                uint32_t type) {
  if (!(flags & ELF::SHF_ALLOC) || (flags & ELF::SHF_TLS))
    return std::nullopt;
  if (flags & ELF::SHF_EXECINSTR)
    return isSectionPrefix(".text", name) ? std::optional(SlotKind::Text)
                                          : std::nullopt;
  if (type == ELF::SHT_NOBITS)
    return ((isSectionPrefix(".bss", name) &&
             !isSectionPrefix(".bss.rel.ro", name)) ||
            name == "COMMON")
               ? std::optional(SlotKind::Bss)
               : std::nullopt;
  if (!(flags & ELF::SHF_WRITE))
    return isSectionPrefix(".rodata", name) ? std::optional(SlotKind::Rodata)
                                            : std::nullopt;
  if (isSectionPrefix(".data", name) && !isSectionPrefix(".data.rel.ro", name))
    return SlotKind::Data;
  return std::nullopt;
}

bool spacer::isRelroData(StringRef name, uint64_t flags, uint32_t type) {
  return (flags & ELF::SHF_ALLOC) && (flags & ELF::SHF_WRITE) &&
         !(flags & ELF::SHF_TLS) && type == ELF::SHT_PROGBITS &&
         isSectionPrefix(".data.rel.ro", name);
}

const LibrarySlot *Library::slot(unsigned kind) const {
  for (const LibrarySlot &s : slots)
    if (s.kind == kind)
      return &s;
  return nullptr;
}

StringRef Manifest::kindName(unsigned kind) const {
  if (kind < NumSlotKinds)
    return slotKindName(static_cast<SlotKind>(kind));
  return kinds[kind - NumSlotKinds].name;
}

std::optional<unsigned> Manifest::findKind(StringRef name) const {
  if (std::optional<SlotKind> builtin = parseSlotKind(name))
    return static_cast<unsigned>(*builtin);
  for (unsigned i = 0, e = kinds.size(); i != e; ++i)
    if (kinds[i].name == name)
      return NumSlotKinds + i;
  return std::nullopt;
}

const Library *Manifest::findLibrary(StringRef name) const {
  for (const Library &lib : libraries)
    if (lib.name == name)
      return &lib;
  return nullptr;
}

Error spacer::makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

std::string spacer::hexString(uint64_t value) {
  return "0x" + utohexstr(value, /*LowerCase=*/true);
}

std::string spacer::inFile(StringRef path, StringRef message) {
  bool hasPosition = !message.empty() && isDigit(message[0]);
  return (path + (hasPosition ? ":" : ": ") + message).str();
}

// "a directory", "a character device", ...: what a path is, for messages.
static StringRef describeFileType(sys::fs::file_type type) {
  switch (type) {
  case sys::fs::file_type::directory_file:
    return "a directory";
  case sys::fs::file_type::character_file:
    return "a character device";
  case sys::fs::file_type::block_file:
    return "a block device";
  case sys::fs::file_type::fifo_file:
    return "a pipe";
  case sys::fs::file_type::socket_file:
    return "a socket";
  default:
    return "not a regular file";
  }
}

static Error checkStatus(StringRef path, const sys::fs::file_status &status,
                         uint64_t maxBytes) {
  if (status.type() != sys::fs::file_type::regular_file)
    return makeError(path + ": " + describeFileType(status.type()) +
                     ", not a regular file: refusing to read it");
  if (status.getSize() > maxBytes)
    return makeError(path + ": too large: " + Twine(status.getSize()) +
                     " bytes, the limit is " + Twine(maxBytes));
  return Error::success();
}

Error spacer::checkRegularFile(StringRef path, uint64_t maxBytes) {
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(path, status))
    return makeError(path + ": " + ec.message());
  return checkStatus(path, status, maxBytes);
}

Expected<std::unique_ptr<MemoryBuffer>>
spacer::readRegularFile(StringRef path, uint64_t maxBytes) {
  // Checked by name first: opening a pipe for reading would wait for a
  // writer. Then again on the open file, which is what is read.
  if (Error e = checkRegularFile(path, maxBytes))
    return std::move(e);
  Expected<sys::fs::file_t> file = sys::fs::openNativeFileForRead(path);
  if (!file)
    return makeError(path + ": " + toString(file.takeError()));
  auto close = make_scope_exit([&] { sys::fs::closeFile(*file); });
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(*file, status))
    return makeError(path + ": " + ec.message());
  if (Error e = checkStatus(path, status, maxBytes))
    return std::move(e);
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getOpenFile(
      *file, path, status.getSize(), /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(path + ": " + buffer.getError().message());
  return std::move(*buffer);
}

Error spacer::checkJSONLimits(StringRef text) {
  if (text.size() > InputLimits::MaxJSONBytes)
    return makeError("too large: " + Twine(text.size()) +
                     " bytes, the limit is " +
                     Twine(InputLimits::MaxJSONBytes));
  // Only what lies outside strings counts; strings end at an unescaped
  // quote, as llvm::json reads them. Text that is not JSON at all is left
  // for the parser to report.
  unsigned depth = 0, line = 1;
  size_t lineStart = 0;
  uint64_t containers = 0, values = 0;
  bool inString = false, escaped = false;
  auto at = [&](size_t i, const Twine &what) {
    return makeError(Twine(line) + ":" + Twine(i - lineStart + 1) + ": " +
                     what);
  };
  for (size_t i = 0, e = text.size(); i != e; ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      lineStart = i + 1;
    }
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    switch (c) {
    case '"':
      inString = true;
      ++values;
      break;
    case '[':
    case '{':
      if (++depth > InputLimits::MaxJSONDepth)
        return at(i, "JSON nested deeper than " +
                         Twine(InputLimits::MaxJSONDepth) + " levels");
      if (++containers > InputLimits::MaxJSONContainers)
        return at(i, "more than " + Twine(InputLimits::MaxJSONContainers) +
                         " JSON arrays and objects");
      ++values;
      break;
    case ']':
    case '}':
      if (depth)
        --depth;
      break;
    case ',':
      ++values;
      break;
    default:
      continue;
    }
    if (values > InputLimits::MaxJSONValues)
      return at(i, "more than " + Twine(InputLimits::MaxJSONValues) +
                       " JSON values");
  }
  return Error::success();
}

Expected<Manifest> spacer::readManifestFile(StringRef path) {
  Expected<std::unique_ptr<MemoryBuffer>> text =
      readRegularFile(path, InputLimits::MaxJSONBytes);
  if (!text)
    return text.takeError();
  Expected<Manifest> manifest = parseManifest((*text)->getBuffer());
  if (!manifest) {
    std::string messages;
    handleAllErrors(manifest.takeError(), [&](const ErrorInfoBase &e) {
      messages += (messages.empty() ? "" : "\n") + inFile(path, e.message());
    });
    return makeError(messages);
  }
  return manifest;
}

static constexpr StringLiteral builtinKindsNote =
    "text, rodata, data and bss are built in and cannot be declared";

// "0x400000" or "4096": hexadecimal with 0x, else decimal. Nothing else, so
// "010000" is not silently octal.
static std::optional<uint64_t> parseNumber(StringRef s) {
  unsigned radix = 10;
  if (s.consume_front("0x"))
    radix = 16;
  if (s.empty() || !llvm::all_of(s, [&](char c) {
        return radix == 16 ? isHexDigit(c) : isDigit(c);
      }))
    return std::nullopt;
  uint64_t n;
  if (s.getAsInteger(radix, n))
    return std::nullopt; // Too big.
  return n;
}

namespace {
// Reads one JSON object, remembering which keys were consumed so the rest
// can be reported as unknown. `where` describes the object in messages.
class ObjectReader {
public:
  ObjectReader(const json::Object &obj, std::string where)
      : obj(obj), where(std::move(where)) {}

  const json::Value *get(StringRef key) {
    used.insert(key);
    return obj.get(key);
  }

  Error missing(StringRef key) const {
    return makeError(where + ": missing '" + key + "'");
  }

  Error wrongType(StringRef key, StringRef expected) const {
    return makeError(where + ": '" + key + "' must be " + expected);
  }

  Expected<std::string> requiredString(StringRef key) {
    const json::Value *v = get(key);
    if (!v)
      return missing(key);
    std::optional<StringRef> s = v->getAsString();
    if (!s)
      return wrongType(key, "a string");
    return s->str();
  }

  // Numbers are JSON integers or strings ("0x400000", "4096"): hexadecimal
  // strings are the readable form for addresses, and JSON numbers cannot
  // hold every 64-bit value exactly.
  Expected<std::optional<uint64_t>> optionalNumber(StringRef key) {
    const json::Value *v = get(key);
    if (!v)
      return std::nullopt;
    if (std::optional<uint64_t> n = v->getAsUINT64())
      return n;
    if (std::optional<StringRef> s = v->getAsString()) {
      if (std::optional<uint64_t> n = parseNumber(*s))
        return n;
      return makeError(where + ": '" + key + "' is not a valid number: \"" +
                       *s + "\" (expected decimal digits or 0x and " +
                       "hexadecimal digits)");
    }
    return wrongType(key, "a non-negative integer or a string such as "
                          "\"0x400000\"");
  }

  Error optionalStrings(StringRef key, std::vector<std::string> &out) {
    const json::Value *v = get(key);
    if (!v)
      return Error::success();
    const json::Array *array = v->getAsArray();
    if (!array)
      return wrongType(key, "an array of strings");
    for (const json::Value &element : *array) {
      std::optional<StringRef> s = element.getAsString();
      if (!s)
        return wrongType(key, "an array of strings");
      out.push_back(s->str());
    }
    return Error::success();
  }

  // A format version is a plain JSON integer: "1", "0x1" and "01" are not
  // versions.
  Expected<uint64_t> requiredVersion(StringRef key) {
    const json::Value *v = get(key);
    if (!v)
      return missing(key);
    if (std::optional<uint64_t> n = v->getAsUINT64())
      return *n;
    return wrongType(key, "a JSON integer, such as 1");
  }

  Expected<uint64_t> requiredNumber(StringRef key) {
    Expected<std::optional<uint64_t>> n = optionalNumber(key);
    if (!n)
      return n.takeError();
    if (!*n)
      return missing(key);
    return **n;
  }

  Error checkNoUnknownKeys() const {
    std::vector<std::string> unknown;
    for (const auto &kv : obj)
      if (!used.contains(kv.first))
        unknown.push_back(kv.first.str());
    if (unknown.empty())
      return Error::success();
    llvm::sort(unknown);
    return makeError(where + ": unknown key '" + unknown.front() + "'");
  }

  const std::string &location() const { return where; }

private:
  const json::Object &obj;
  std::string where;
  StringSet<> used;
};
} // namespace

// llvm::json reports syntax errors as "[line:column, byte=N]: message".
// Rewrite that as "line:column: malformed JSON: message", the form compilers
// and linkers use, so editors can jump to the spot.
static Error syntaxError(Error err) {
  std::string msg = toString(std::move(err));
  unsigned line, column, offset;
  char rest[2];
  if (sscanf(msg.c_str(), "[%u:%u, byte=%u]%1[:]", &line, &column, &offset,
             rest) == 4) {
    StringRef text = StringRef(msg).split("]: ").second;
    return makeError(Twine(line) + ":" + Twine(column) +
                     ": malformed JSON: " + text);
  }
  return makeError("malformed JSON: " + msg);
}

// Parses JSON within the input limits.
static Expected<json::Value> parseJSON(StringRef text) {
  if (Error e = checkJSONLimits(text))
    return std::move(e);
  Expected<json::Value> root = json::parse(text);
  if (!root)
    return syntaxError(root.takeError());
  return root;
}

static Expected<LibrarySlot> readSlot(const json::Value &value, unsigned kind,
                                      StringRef kindName,
                                      const std::string &libWhere) {
  std::string where = libWhere + ": " + kindName.str() + " slot";
  const json::Object *obj = value.getAsObject();
  if (!obj)
    return makeError(where + " must be an object with 'address' and 'size'");
  ObjectReader reader(*obj, where);
  LibrarySlot slot;
  slot.kind = kind;
  Expected<uint64_t> address = reader.requiredNumber("address");
  if (!address)
    return address.takeError();
  Expected<uint64_t> size = reader.requiredNumber("size");
  if (!size)
    return size.takeError();
  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);
  slot.address = *address;
  slot.size = *size;
  return slot;
}

static Expected<Library> readLibrary(const json::Value &value, size_t index,
                                     const Manifest &manifest) {
  std::string where = "libraries[" + std::to_string(index) + "]";
  const json::Object *obj = value.getAsObject();
  if (!obj)
    return makeError(where + " must be an object");

  // Name the library in every later message: people think in library
  // names, not array indices.
  if (const json::Value *name = obj->get("name"))
    if (std::optional<StringRef> s = name->getAsString(); s && !s->empty())
      where = "library '" + s->str() + "'";

  ObjectReader reader(*obj, where);
  Library lib;
  Expected<std::string> name = reader.requiredString("name");
  if (!name)
    return name.takeError();
  lib.name = std::move(*name);

  const json::Value *match = reader.get("match");
  if (!match)
    return reader.missing("match");
  const json::Object *matchObj = match->getAsObject();
  if (!matchObj)
    return reader.wrongType("match", "an object");
  ObjectReader matchReader(*matchObj, where + ": match");
  if (Error e = matchReader.optionalStrings("files", lib.files))
    return std::move(e);
  if (Error e = matchReader.optionalStrings("sections", lib.sections))
    return std::move(e);
  if (Error e = matchReader.checkNoUnknownKeys())
    return std::move(e);

  if (const json::Value *identity = reader.get("identity")) {
    std::optional<StringRef> s = identity->getAsString();
    if (!s)
      return reader.wrongType("identity", "a string");
    lib.identity = s->str();
  }

  if (const json::Value *whole = reader.get("whole")) {
    std::optional<bool> b = whole->getAsBoolean();
    if (!b)
      return reader.wrongType("whole", "true or false");
    lib.whole = *b;
  }

  if (Error e = reader.optionalStrings("constants", lib.constants))
    return e;
  if (Error e = reader.optionalStrings("entries", lib.entries))
    return e;

  const json::Value *slots = reader.get("slots");
  if (!slots)
    return reader.missing("slots");
  const json::Object *slotsObj = slots->getAsObject();
  if (!slotsObj)
    return reader.wrongType("slots", "an object keyed by section kind");
  // Visit kinds in kind order so the result does not depend on the order
  // of keys in the file.
  for (unsigned kind = 0, e = manifest.numKinds(); kind != e; ++kind) {
    StringRef kindName = manifest.kindName(kind);
    if (const json::Value *v = slotsObj->get(kindName)) {
      Expected<LibrarySlot> slot = readSlot(*v, kind, kindName, where);
      if (!slot)
        return slot.takeError();
      lib.slots.push_back(*slot);
    }
  }
  for (const auto &kv : *slotsObj)
    if (!manifest.findKind(kv.first))
      return makeError(where + ": unknown slot kind '" + kv.first.str() +
                       "' (expected text, rodata, data, bss or a kind the "
                       "manifest declares under 'kinds')");

  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);
  return lib;
}

// The declared kinds ("kinds"), sorted by name.
static Error readKinds(ObjectReader &reader, Manifest &manifest) {
  const json::Value *kinds = reader.get("kinds");
  if (!kinds)
    return Error::success();
  const json::Object *kindsObj = kinds->getAsObject();
  if (!kindsObj)
    return reader.wrongType("kinds", "an object keyed by kind name");
  for (const auto &kv : *kindsObj) {
    std::string where = "kind '" + kv.first.str() + "'";
    if (parseSlotKind(kv.first))
      return makeError(where + ": " + builtinKindsNote);
    const json::Object *kindObj = kv.second.getAsObject();
    if (!kindObj)
      return makeError(where + " must be an object with 'sections'");
    ObjectReader kindReader(*kindObj, where);
    SectionKind kind;
    kind.name = kv.first.str();
    if (Error e = kindReader.optionalStrings("sections", kind.sections))
      return e;
    if (Error e = kindReader.checkNoUnknownKeys())
      return e;
    manifest.kinds.push_back(std::move(kind));
  }
  llvm::sort(manifest.kinds, [](const SectionKind &a, const SectionKind &b) {
    return a.name < b.name;
  });
  return Error::success();
}

Expected<Manifest> spacer::parseManifest(StringRef text) {
  Expected<json::Value> root = parseJSON(text);
  if (!root)
    return root.takeError();
  const json::Object *obj = root->getAsObject();
  if (!obj)
    return makeError("not a spacer layout manifest: the top level must be "
                     "a JSON object");

  ObjectReader reader(*obj, "manifest");
  const json::Value *format = reader.get("format");
  if (!format || format->getAsString() != ManifestFormat)
    return makeError("not a spacer layout manifest: expected \"format\": \"" +
                     ManifestFormat + "\" at the top level");

  Manifest manifest;
  Expected<uint64_t> version = reader.requiredVersion("version");
  if (!version)
    return version.takeError();
  if (*version != ManifestVersion)
    return makeError("unsupported manifest version " + Twine(*version) +
                     " (this build reads version " + Twine(ManifestVersion) +
                     ")");
  manifest.version = *version;

  Expected<std::optional<uint64_t>> pageSize =
      reader.optionalNumber("page_size");
  if (!pageSize)
    return pageSize.takeError();
  if (*pageSize)
    manifest.pageSize = **pageSize;

  if (const json::Value *segments = reader.get("segments")) {
    std::optional<StringRef> s = segments->getAsString();
    if (s == "paged")
      manifest.segments = SegmentLayout::Paged;
    else if (s == "packed")
      manifest.segments = SegmentLayout::Packed;
    else
      return reader.wrongType("segments", "\"paged\" or \"packed\"");
  }

  if (const json::Value *relro = reader.get("relro")) {
    std::optional<StringRef> s = relro->getAsString();
    if (s == "keep")
      manifest.relro = RelroPlacement::Keep;
    else if (s == "data")
      manifest.relro = RelroPlacement::Data;
    else
      return reader.wrongType("relro", "\"keep\" or \"data\"");
  }

  // Declared kinds come first: library slots refer to them by name.
  if (Error e = readKinds(reader, manifest))
    return std::move(e);

  const json::Value *libraries = reader.get("libraries");
  if (!libraries)
    return reader.missing("libraries");
  const json::Array *array = libraries->getAsArray();
  if (!array)
    return reader.wrongType("libraries", "an array");
  for (size_t i = 0, e = array->size(); i != e; ++i) {
    Expected<Library> lib = readLibrary((*array)[i], i, manifest);
    if (!lib)
      return lib.takeError();
    manifest.libraries.push_back(std::move(*lib));
  }
  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);

  if (Error e = validateManifest(manifest))
    return std::move(e);
  return manifest;
}

// Patterns are read as the linker reads them (NamePattern); an empty one
// matches nothing and is always a mistake.
static void checkPatterns(const std::vector<std::string> &patterns,
                          const std::string &where, StringRef what,
                          function_ref<void(const Twine &)> report) {
  for (const std::string &pattern : patterns) {
    if (pattern.empty()) {
      report(where + ": empty " + what + " pattern");
      continue;
    }
    if (Expected<NamePattern> p = NamePattern::create(pattern); !p)
      report(where + ": invalid " + what + " pattern '" + pattern +
             "': " + toString(p.takeError()));
  }
}

namespace {
using Report = function_ref<void(const Twine &)>;

// A slot of a library, for the overlap check.
struct SlotOf {
  const Library *lib;
  const LibrarySlot *slot;
};
} // namespace

static void validateKinds(const Manifest &manifest, Report report) {
  StringSet<> kindNames;
  for (const SectionKind &kind : manifest.kinds) {
    std::string where = "kind '" + kind.name + "'";
    if (kind.name.empty())
      report("a declared kind has an empty name");
    else if (parseSlotKind(kind.name))
      report(where + ": " + builtinKindsNote);
    else if (!kindNames.insert(kind.name).second)
      report("duplicate kind name '" + kind.name + "'");
    if (kind.sections.empty())
      report(where + ": has no section patterns");
    checkPatterns(kind.sections, where, "section", report);
  }
}

// One slot on its own: a kind that may have slots, non-empty, within the
// address space, on page boundaries. Whether it is fit to be placed.
static bool validateSlot(const Manifest &manifest, const std::string &where,
                         const LibrarySlot &slot, Report report) {
  if (slot.kind >= manifest.numKinds()) {
    report(where + ": a slot has an undeclared kind");
    return false;
  }
  std::string slotWhere =
      where + ": " + manifest.kindName(slot.kind).str() + " slot";
  if (manifest.kindName(slot.kind) == UnslottedKind) {
    report(slotWhere + ": kind '" + UnslottedKind +
           "' lists sections that have no slot by design");
    return false;
  }
  if (slot.size == 0) {
    report(slotWhere + " has size 0");
    return false;
  }
  if (slot.address + slot.size < slot.address) {
    report(slotWhere + " at " + hexString(slot.address) + " with size " +
           hexString(slot.size) + " does not fit in the 64-bit address space");
    return false;
  }
  if (isPowerOf2_64(manifest.pageSize)) {
    if (slot.address % manifest.pageSize)
      report(slotWhere + " address " + hexString(slot.address) +
             " is not a multiple of the page size " +
             hexString(manifest.pageSize));
    if (slot.size % manifest.pageSize)
      report(slotWhere + " size " + hexString(slot.size) +
             " is not a multiple of the page size " +
             hexString(manifest.pageSize));
  }
  return true;
}

// A library's table of NAMES ("entries", "constants": one is "an entry",
// "a constant"): symbol names, each once, and a slot of KIND to hold them,
// BYTES each.
static void checkTable(const Library &lib,
                       const std::vector<std::string> &names, StringRef what,
                       StringRef one, SlotKind kind, uint64_t bytes,
                       const std::string &where, Report report) {
  if (names.empty())
    return;
  StringSet<> seen;
  StringRef singular = one.substr(one.find(' ') + 1);
  for (const std::string &name : names)
    if (name.empty())
      report(where + ": " + one.str() + " has an empty name");
    else if (!seen.insert(name).second)
      report(where + ": " + singular.str() + " '" + name + "' is listed twice");
  StringRef kindText = slotKindName(kind);
  const LibrarySlot *slot = lib.slot(kind);
  if (!slot)
    report(where + ": has " + what.str() + " but no " + kindText.str() +
           " slot to hold them");
  else if (slot->size < names.size() * bytes)
    report(where + ": its " + std::to_string(names.size()) + " " + what.str() +
           " take " + hexString(names.size() * bytes) +
           " bytes, more than its " + kindText.str() + " slot's " +
           hexString(slot->size));
}

// The libraries: unique names, patterns, slots. Returns the slots fit to be
// placed, for the overlap check.
static std::vector<SlotOf> validateLibraries(const Manifest &manifest,
                                             Report report) {
  StringSet<> names;
  std::vector<SlotOf> placed;
  for (const Library &lib : manifest.libraries) {
    std::string where = "library '" + lib.name + "'";
    if (lib.name.empty())
      report("a library has an empty name");
    else if (!isValidLibraryName(lib.name))
      report(where + ": a library name is of " + LibraryNameRule + " only");
    else if (!names.insert(lib.name).second)
      report("duplicate library name '" + lib.name + "'");
    if (lib.files.empty() && lib.sections.empty())
      report(where + ": match has no file or section patterns, so no input "
                     "would belong to it");
    checkPatterns(lib.files, where, "file", report);
    checkPatterns(lib.sections, where, "section", report);
    if (lib.slots.empty())
      report(where + ": has no slots");
    checkTable(lib, lib.entries, "entries", "an entry", SlotKind::Text,
               EntryBytes, where, report);
    checkTable(lib, lib.constants, "constants", "a constant", SlotKind::Rodata,
               ConstantBytes, where, report);
    for (const LibrarySlot &slot : lib.slots)
      if (validateSlot(manifest, where, slot, report))
        placed.push_back({&lib, &slot});
  }
  return placed;
}

// Sorted by start address, a slot overlaps some earlier one exactly when it
// starts before the furthest end seen so far.
static void checkOverlaps(const Manifest &manifest, std::vector<SlotOf> placed,
                          Report report) {
  llvm::stable_sort(placed, [](const SlotOf &a, const SlotOf &b) {
    return a.slot->address < b.slot->address;
  });
  const SlotOf *furthest = nullptr;
  for (const SlotOf &p : placed) {
    if (furthest && p.slot->address < furthest->slot->end())
      report("library '" + p.lib->name +
             "': " + manifest.kindName(p.slot->kind) + " slot [" +
             hexString(p.slot->address) + ", " + hexString(p.slot->end()) +
             ") overlaps the " + manifest.kindName(furthest->slot->kind) +
             " slot of library '" + furthest->lib->name + "' [" +
             hexString(furthest->slot->address) + ", " +
             hexString(furthest->slot->end()) + ")");
    if (!furthest || p.slot->end() > furthest->slot->end())
      furthest = &p;
  }
}

Error spacer::validateManifest(const Manifest &manifest) {
  Error errors = Error::success();
  auto report = [&](const Twine &msg) {
    errors = joinErrors(std::move(errors), makeError(msg));
  };
  if (manifest.version != ManifestVersion)
    report("unsupported manifest version " + Twine(manifest.version));
  if (!isPowerOf2_64(manifest.pageSize))
    report("page_size " + hexString(manifest.pageSize) +
           " is not a power of two");
  validateKinds(manifest, report);
  checkOverlaps(manifest, validateLibraries(manifest, report), report);
  return errors;
}

void spacer::writeManifest(const Manifest &manifest, raw_ostream &os) {
  std::vector<const Library *> sorted;
  for (const Library &lib : manifest.libraries)
    sorted.push_back(&lib);
  llvm::stable_sort(sorted, [](const Library *a, const Library *b) {
    return a->name < b->name;
  });

  // Declared kinds are written sorted by name; so are their slots.
  std::vector<unsigned> kindOrder(manifest.numKinds());
  for (unsigned k = 0; k != manifest.numKinds(); ++k)
    kindOrder[k] = k;
  llvm::stable_sort(MutableArrayRef(kindOrder).drop_front(NumSlotKinds),
                    [&](unsigned a, unsigned b) {
                      return manifest.kindName(a) < manifest.kindName(b);
                    });
  std::vector<unsigned> rank(manifest.numKinds());
  for (unsigned i = 0; i != kindOrder.size(); ++i)
    rank[kindOrder[i]] = i;

  json::OStream out(os, /*IndentSize=*/2);
  out.object([&] {
    out.attribute("format", ManifestFormat);
    out.attribute("version", manifest.version);
    out.attribute("page_size", manifest.pageSize);
    if (manifest.segments == SegmentLayout::Packed)
      out.attribute("segments", "packed");
    if (manifest.relro == RelroPlacement::Data)
      out.attribute("relro", "data");
    if (!manifest.kinds.empty())
      out.attributeObject("kinds", [&] {
        for (unsigned k : ArrayRef(kindOrder).drop_front(NumSlotKinds)) {
          const SectionKind &kind = manifest.kinds[k - NumSlotKinds];
          out.attributeObject(kind.name, [&] {
            out.attributeArray("sections", [&] {
              for (const std::string &pattern : kind.sections)
                out.value(pattern);
            });
          });
        }
      });
    out.attributeArray("libraries", [&] {
      for (const Library *lib : sorted) {
        out.object([&] {
          out.attribute("name", lib->name);
          out.attributeObject("match", [&] {
            if (!lib->files.empty())
              out.attributeArray("files", [&] {
                for (const std::string &f : lib->files)
                  out.value(f);
              });
            if (!lib->sections.empty())
              out.attributeArray("sections", [&] {
                for (const std::string &f : lib->sections)
                  out.value(f);
              });
          });
          if (!lib->identity.empty())
            out.attribute("identity", lib->identity);
          if (lib->whole)
            out.attribute("whole", true);
          if (!lib->entries.empty())
            out.attributeArray("entries", [&] {
              for (const std::string &e : lib->entries)
                out.value(e);
            });
          if (!lib->constants.empty())
            out.attributeArray("constants", [&] {
              for (const std::string &c : lib->constants)
                out.value(c);
            });
          out.attributeObject("slots", [&] {
            std::vector<LibrarySlot> slots = lib->slots;
            llvm::stable_sort(slots,
                              [&](const LibrarySlot &a, const LibrarySlot &b) {
                                return rank[a.kind] < rank[b.kind];
                              });
            for (const LibrarySlot &slot : slots)
              out.attributeObject(manifest.kindName(slot.kind), [&] {
                out.attribute("address", hexString(slot.address));
                out.attribute("size", hexString(slot.size));
              });
          });
        });
      }
    });
  });
  os << "\n";
}

// A number with a fixed width ("0x" and 16 digits), so that the record's
// length depends on its names only. Hexadecimal digits need no escaping:
// written as they are, which matters with thousands of slots.
static void fixedWidthValue(json::OStream &out, uint64_t value) {
  out.rawValue([&](raw_ostream &os) {
    char text[20] = {'"', '0', 'x'};
    for (int i = 0; i != 16; ++i)
      text[18 - i] = "0123456789abcdef"[(value >> (4 * i)) & 15];
    text[19] = '"';
    os.write(text, sizeof(text));
  });
}

static void fixedWidthNumber(json::OStream &out, StringRef key,
                             uint64_t value) {
  out.attributeBegin(key);
  fixedWidthValue(out, value);
  out.attributeEnd();
}

void spacer::writePlacement(const Placement &placement, raw_ostream &os) {
  json::OStream out(os);
  out.object([&] {
    out.attribute("format", PlacementFormat);
    // What this writer writes: version 4 with references, else 3.
    out.attribute("version", placement.hasReferences()
                                 ? PlacementVersion
                                 : PlacementVersionWithoutReferences);
    out.attributeArray("slots", [&] {
      for (const PlacedSlot &slot : placement.slots)
        out.object([&] {
          out.attribute("library", slot.library);
          out.attribute("kind", slot.kind);
          fixedWidthNumber(out, "address", slot.address);
          fixedWidthNumber(out, "size", slot.size);
          fixedWidthNumber(out, "used", slot.used);
          fixedWidthNumber(out, "build", slot.build);
        });
    });
    out.attributeArray("unplaced", [&] {
      for (const UnplacedSections &u : placement.unplaced)
        out.object([&] {
          out.attribute("library", u.library);
          out.attribute("kind", u.kind);
          fixedWidthNumber(out, "address", u.address);
          fixedWidthNumber(out, "size", u.size);
          out.attribute("why", u.why);
        });
    });
    if (placement.hasReferences())
      out.attributeArray("references", [&] {
        for (const PlacedReference &r : placement.references)
          out.object([&] {
            out.attribute("library", r.library);
            out.attribute("kind", r.kind);
            out.attribute("symbol", r.symbol);
            out.attribute("to", r.to);
            out.attribute("via", r.via);
            fixedWidthNumber(out, "target", r.target);
            out.attributeArray("sites", [&] {
              for (uint64_t site : r.sites)
                fixedWidthValue(out, site);
            });
          });
      });
  });
}

// The length of a JSON string as json::OStream writes it.
static size_t quotedSize(StringRef s) {
  if (llvm::all_of(s, [](char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
      }))
    return s.size() + 2;
  std::string text;
  raw_string_ostream os(text);
  json::OStream(os).value(s);
  return text.size();
}

size_t spacer::placementSize(const Placement &placement) {
  // References are many and rarely recorded: counted by writing them.
  if (placement.hasReferences()) {
    std::string text;
    raw_string_ostream os(text);
    writePlacement(placement, os);
    return text.size();
  }
  // The record's frame and one entry of each list with empty names, written
  // once; the rest depends on the names only.
  auto written = [](const Placement &p) {
    std::string text;
    raw_string_ostream os(text);
    writePlacement(p, os);
    return text.size();
  };
  Placement oneSlot, oneUnplaced;
  oneSlot.slots.emplace_back();
  oneUnplaced.unplaced.emplace_back();
  size_t frame = written(Placement());
  size_t perSlot = written(oneSlot) - frame;
  size_t perUnplaced = written(oneUnplaced) - frame;
  auto commas = [](size_t n) { return n ? n - 1 : 0; };
  size_t n = placement.slots.size(), u = placement.unplaced.size();
  size_t size = frame + n * perSlot + commas(n) + u * perUnplaced + commas(u);
  for (const PlacedSlot &slot : placement.slots)
    size += quotedSize(slot.library) - 2 + quotedSize(slot.kind) - 2;
  for (const UnplacedSections &un : placement.unplaced)
    size += quotedSize(un.library) - 2 + quotedSize(un.kind) - 2 +
            quotedSize(un.why) - 2;
  return size;
}

// A range read from a record must fit the address space: a wrapped one
// would read as [0xfffffffffffff000, 0x1000).
static Error checkRange(StringRef where, uint64_t address, uint64_t size) {
  if (address + size < address)
    return makeError(where + ": the range at " + hexString(address) +
                     " of size " + hexString(size) +
                     " does not fit in the 64-bit address space");
  return Error::success();
}

static Expected<PlacedSlot> readPlacedSlot(const json::Value &v,
                                           unsigned version) {
  const json::Object *obj = v.getAsObject();
  if (!obj)
    return makeError("placement record: a slot must be an object");
  ObjectReader reader(*obj, "placement record slot");
  PlacedSlot slot;
  Expected<std::string> library = reader.requiredString("library");
  if (!library)
    return library.takeError();
  Expected<std::string> kind = reader.requiredString("kind");
  if (!kind)
    return kind.takeError();
  slot.library = *library;
  slot.kind = *kind;
  for (auto [key, field] :
       {std::pair<StringRef, uint64_t *>{"address", &slot.address},
        {"size", &slot.size},
        {"used", &slot.used}}) {
    Expected<uint64_t> n = reader.requiredNumber(key);
    if (!n)
      return n.takeError();
    *field = *n;
  }
  if (version >= 2) {
    Expected<uint64_t> build = reader.requiredNumber("build");
    if (!build)
      return build.takeError();
    slot.build = *build;
  }
  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);
  std::string where =
      "placement record: library '" + slot.library + "' " + slot.kind + " slot";
  if (Error e = checkRange(where, slot.address, slot.size))
    return std::move(e);
  if (Error e = checkRange(where + " content", slot.address, slot.used))
    return std::move(e);
  return slot;
}

static Expected<UnplacedSections> readUnplaced(const json::Value &v) {
  const json::Object *obj = v.getAsObject();
  if (!obj)
    return makeError("placement record: an unplaced entry must be an object");
  ObjectReader reader(*obj, "placement record unplaced entry");
  UnplacedSections u;
  for (auto [key, field] :
       {std::pair<StringRef, std::string *>{"library", &u.library},
        {"kind", &u.kind},
        {"why", &u.why}}) {
    Expected<std::string> s = reader.requiredString(key);
    if (!s)
      return s.takeError();
    *field = std::move(*s);
  }
  for (auto [key, field] :
       {std::pair<StringRef, uint64_t *>{"address", &u.address},
        {"size", &u.size}}) {
    Expected<uint64_t> n = reader.requiredNumber(key);
    if (!n)
      return n.takeError();
    *field = *n;
  }
  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);
  if (Error e = checkRange("placement record: library '" + u.library +
                               "' unplaced " + u.kind + " sections",
                           u.address, u.size))
    return std::move(e);
  return u;
}

static Expected<PlacedReference> readReference(const json::Value &v) {
  const json::Object *obj = v.getAsObject();
  if (!obj)
    return makeError("placement record: a reference must be an object");
  ObjectReader reader(*obj, "placement record reference");
  PlacedReference r;
  for (auto [key, field] :
       {std::pair<StringRef, std::string *>{"library", &r.library},
        {"kind", &r.kind},
        {"symbol", &r.symbol},
        {"to", &r.to},
        {"via", &r.via}}) {
    Expected<std::string> s = reader.requiredString(key);
    if (!s)
      return s.takeError();
    *field = std::move(*s);
  }
  Expected<uint64_t> target = reader.requiredNumber("target");
  if (!target)
    return target.takeError();
  r.target = *target;
  const json::Value *sites = reader.get("sites");
  if (!sites || !sites->getAsArray())
    return reader.wrongType("sites", "an array");
  for (const json::Value &site : *sites->getAsArray()) {
    std::optional<StringRef> text = site.getAsString();
    std::optional<uint64_t> offset;
    if (text)
      offset = parseNumber(*text);
    if (!offset)
      return makeError("placement record: library '" + r.library +
                       "' reference to '" + r.symbol +
                       "': a site must be a string such as \"0x10\"");
    r.sites.push_back(*offset);
  }
  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);
  return r;
}

Expected<Placement> spacer::parsePlacement(StringRef text) {
  Expected<json::Value> root = parseJSON(text);
  if (!root)
    return root.takeError();
  const json::Object *obj = root->getAsObject();
  if (!obj)
    return makeError("not a spacer placement record");
  ObjectReader reader(*obj, "placement record");
  const json::Value *format = reader.get("format");
  if (!format || format->getAsString() != PlacementFormat)
    return makeError("not a spacer placement record: expected \"format\": \"" +
                     PlacementFormat + "\"");
  Expected<uint64_t> version = reader.requiredVersion("version");
  if (!version)
    return version.takeError();
  if (*version < 1 || *version > PlacementVersion)
    return makeError("unsupported placement record version " + Twine(*version) +
                     " (this build reads versions 1 to " +
                     Twine(PlacementVersion) + ")");
  Placement placement;
  placement.version = *version;
  const json::Value *slots = reader.get("slots");
  if (!slots || !slots->getAsArray())
    return reader.wrongType("slots", "an array");
  for (const json::Value &v : *slots->getAsArray()) {
    Expected<PlacedSlot> slot = readPlacedSlot(v, *version);
    if (!slot)
      return slot.takeError();
    placement.slots.push_back(std::move(*slot));
  }
  if (*version >= 4) {
    const json::Value *references = reader.get("references");
    if (!references || !references->getAsArray())
      return reader.wrongType("references", "an array");
    for (const json::Value &v : *references->getAsArray()) {
      Expected<PlacedReference> r = readReference(v);
      if (!r)
        return r.takeError();
      placement.references.push_back(std::move(*r));
    }
  }
  if (*version >= 3) {
    const json::Value *unplaced = reader.get("unplaced");
    if (!unplaced || !unplaced->getAsArray())
      return reader.wrongType("unplaced", "an array");
    for (const json::Value &v : *unplaced->getAsArray()) {
      Expected<UnplacedSections> u = readUnplaced(v);
      if (!u)
        return u.takeError();
      placement.unplaced.push_back(std::move(*u));
    }
  }
  if (Error e = reader.checkNoUnknownKeys())
    return std::move(e);
  return placement;
}
