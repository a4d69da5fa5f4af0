//===- ManifestTest.cpp - Tests of the spacer manifest library ------------===//

#include "SpacerManifest.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace spacer;

namespace {

// A complete, valid manifest to start each error case from.
const char *const validText = R"({
  "format": "spacer-layout",
  "version": 1,
  "page_size": 4096,
  "libraries": [
    {
      "name": "libfmt",
      "match": { "files": ["*/libfmt.o"] },
      "identity": "sha256:00ff",
      "slots": {
        "rodata": { "address": "0x600000", "size": "0x1000" },
        "text": { "address": "0x400000", "size": 8192 }
      }
    },
    {
      "name": "liballoc",
      "match": { "files": ["liballoc.a:*", "*/alloc/*.o"],
                 "sections": [".*.spacer.liballoc"] },
      "slots": {
        "text": { "address": "0x402000", "size": "0x1000" },
        "data": { "address": "0x800000", "size": "0x1000" },
        "bss": { "address": "0xa00000", "size": "0x2000" }
      }
    }
  ]
})";

std::string errorOf(llvm::StringRef text) {
  llvm::Expected<Manifest> m = parseManifest(text);
  if (m)
    return "<no error>";
  return llvm::toString(m.takeError());
}

// Replaces the first occurrence of `from` in the valid manifest.
std::string validWith(llvm::StringRef from, llvm::StringRef to) {
  std::string text = validText;
  size_t pos = text.find(from.str());
  EXPECT_NE(pos, std::string::npos) << from.str();
  text.replace(pos, from.size(), to.str());
  return text;
}

// The canonical text of a manifest.
std::string written(const Manifest &m) {
  std::string text;
  llvm::raw_string_ostream os(text);
  writeManifest(m, os);
  return text;
}

// Parsing canonical text and writing it again gives the same text.
void expectStableRoundTrip(const std::string &canonical) {
  llvm::Expected<Manifest> again = parseManifest(canonical);
  ASSERT_TRUE(bool(again)) << llvm::toString(again.takeError());
  EXPECT_EQ(written(*again), canonical);
}

TEST(Manifest, ParsesEveryField) {
  llvm::Expected<Manifest> m = parseManifest(validText);
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  EXPECT_EQ(m->version, 1u);
  EXPECT_EQ(m->pageSize, 4096u);
  ASSERT_EQ(m->libraries.size(), 2u);

  const Library *fmt = m->findLibrary("libfmt");
  ASSERT_NE(fmt, nullptr);
  EXPECT_EQ(fmt->files, std::vector<std::string>{"*/libfmt.o"});
  EXPECT_EQ(fmt->identity, "sha256:00ff");
  // Slots come in canonical kind order, whatever the order in the file.
  ASSERT_EQ(fmt->slots.size(), 2u);
  EXPECT_EQ(fmt->slots[0].kind, unsigned(SlotKind::Text));
  EXPECT_EQ(fmt->slots[0].address, 0x400000u);
  EXPECT_EQ(fmt->slots[0].size, 0x2000u);
  EXPECT_EQ(fmt->slots[1].kind, unsigned(SlotKind::Rodata));
  EXPECT_EQ(fmt->slot(SlotKind::Rodata)->end(), 0x601000u);
  EXPECT_EQ(fmt->slot(SlotKind::Data), nullptr);

  const Library *alloc = m->findLibrary("liballoc");
  ASSERT_NE(alloc, nullptr);
  EXPECT_EQ(alloc->files.size(), 2u);
  EXPECT_EQ(alloc->sections, std::vector<std::string>{".*.spacer.liballoc"});
  EXPECT_TRUE(fmt->sections.empty());
  EXPECT_TRUE(alloc->identity.empty());
  EXPECT_EQ(alloc->slot(SlotKind::Bss)->size, 0x2000u);
  EXPECT_EQ(m->findLibrary("libnone"), nullptr);
}

TEST(Manifest, PageSizeDefaultsTo4KiB) {
  std::string text = validWith("\"page_size\": 4096,", "");
  llvm::Expected<Manifest> m = parseManifest(text);
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  EXPECT_EQ(m->pageSize, 4096u);
}

TEST(Manifest, SegmentsArePagedUnlessPacked) {
  llvm::Expected<Manifest> paged = parseManifest(validText);
  ASSERT_TRUE(bool(paged));
  EXPECT_EQ(paged->segments, SegmentLayout::Paged);
  // The default is not written, so existing manifests keep their text.
  EXPECT_EQ(written(*paged).find("segments"), std::string::npos);

  std::string text =
      validWith("\"page_size\": 4096,", "\"segments\": \"packed\",");
  llvm::Expected<Manifest> packed = parseManifest(text);
  ASSERT_TRUE(bool(packed)) << llvm::toString(packed.takeError());
  EXPECT_EQ(packed->segments, SegmentLayout::Packed);
  EXPECT_NE(written(*packed).find("\"segments\": \"packed\""),
            std::string::npos);
  expectStableRoundTrip(written(*packed));

  for (const char *bad : {"\"segments\": \"dense\",", "\"segments\": 1,"}) {
    llvm::Expected<Manifest> m =
        parseManifest(validWith("\"page_size\": 4096,", bad));
    ASSERT_FALSE(bool(m)) << bad;
    EXPECT_EQ(llvm::toString(m.takeError()),
              "manifest: 'segments' must be \"paged\" or \"packed\"");
  }
}

TEST(Manifest, RelroIsKeptUnlessData) {
  llvm::Expected<Manifest> kept = parseManifest(validText);
  ASSERT_TRUE(bool(kept));
  EXPECT_EQ(kept->relro, RelroPlacement::Keep);
  EXPECT_EQ(written(*kept).find("relro"), std::string::npos);

  llvm::Expected<Manifest> data =
      parseManifest(validWith("\"page_size\": 4096,", "\"relro\": \"data\","));
  ASSERT_TRUE(bool(data)) << llvm::toString(data.takeError());
  EXPECT_EQ(data->relro, RelroPlacement::Data);
  EXPECT_NE(written(*data).find("\"relro\": \"data\""), std::string::npos);
  expectStableRoundTrip(written(*data));

  for (const char *bad : {"\"relro\": \"rodata\",", "\"relro\": true,"}) {
    llvm::Expected<Manifest> m =
        parseManifest(validWith("\"page_size\": 4096,", bad));
    ASSERT_FALSE(bool(m)) << bad;
    EXPECT_EQ(llvm::toString(m.takeError()),
              "manifest: 'relro' must be \"keep\" or \"data\"");
  }
}

TEST(Manifest, WriteIsCanonicalAndRoundTrips) {
  llvm::Expected<Manifest> m = parseManifest(validText);
  ASSERT_TRUE(bool(m));
  std::string first = written(*m);

  // Libraries sorted by name, slots in kind order, hexadecimal numbers.
  size_t alloc = first.find("\"liballoc\"");
  size_t fmt = first.find("\"libfmt\"");
  ASSERT_NE(alloc, std::string::npos);
  ASSERT_NE(fmt, std::string::npos);
  EXPECT_LT(alloc, fmt);
  EXPECT_LT(first.find("\"text\""), first.find("\"data\""));
  EXPECT_NE(first.find("\"size\": \"0x2000\""), std::string::npos);
  EXPECT_EQ(first.find("8192"), std::string::npos);

  expectStableRoundTrip(first);
}

TEST(Manifest, EntriesKeepTheirOrderAndRoundTrip) {
  llvm::Expected<Manifest> m = parseManifest(
      validWith(R"("identity": "sha256:00ff",)",
                R"("identity": "sha256:00ff", "entries": ["zeta", "alpha"],)"));
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  const Library *fmt = m->findLibrary("libfmt");
  ASSERT_NE(fmt, nullptr);
  EXPECT_EQ(fmt->entries, (std::vector<std::string>{"zeta", "alpha"}));
  EXPECT_TRUE(m->findLibrary("liballoc")->entries.empty());
  std::string text = written(*m);
  EXPECT_NE(text.find("\"entries\": [\n        \"zeta\",\n        \"alpha\""),
            std::string::npos)
      << text;
  expectStableRoundTrip(text);
}

TEST(Manifest, ConstantsKeepTheirOrderAndRoundTrip) {
  llvm::Expected<Manifest> m = parseManifest(validWith(
      R"("identity": "sha256:00ff",)",
      R"("identity": "sha256:00ff", "constants": ["id_z", "id_a"],)"));
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  const Library *fmt = m->findLibrary("libfmt");
  ASSERT_NE(fmt, nullptr);
  EXPECT_EQ(fmt->constants, (std::vector<std::string>{"id_z", "id_a"}));
  EXPECT_TRUE(m->findLibrary("liballoc")->constants.empty());
  std::string text = written(*m);
  EXPECT_NE(text.find("\"constants\": [\n        \"id_z\",\n        \"id_a\""),
            std::string::npos)
      << text;
  expectStableRoundTrip(text);
  // A rodata slot of a page holds 512 of them, not 513.
  Library &lib = *llvm::find_if(
      m->libraries, [](const Library &l) { return l.name == "libfmt"; });
  lib.constants.assign(513, "");
  for (size_t i = 0; i != lib.constants.size(); ++i)
    lib.constants[i] = "c" + std::to_string(i);
  std::string error = llvm::toString(validateManifest(*m));
  EXPECT_NE(error.find("constants take 0x1008 bytes, more than its rodata "
                       "slot's 0x1000"),
            std::string::npos)
      << error;
}

TEST(Manifest, SyntaxErrorHasLineAndColumn) {
  std::string text = validWith("\"version\": 1,", "\"version\": 1,,");
  EXPECT_EQ(errorOf(text).rfind("3:16: malformed JSON: ", 0), 0u)
      << errorOf(text);
}

TEST(Manifest, RejectsNonManifests) {
  EXPECT_EQ(errorOf("[]"), "not a spacer layout manifest: the top level must "
                           "be a JSON object");
  EXPECT_NE(errorOf(validWith("spacer-layout", "other"))
                .find("expected \"format\": \"spacer-layout\""),
            std::string::npos);
}

TEST(Manifest, RejectsUnknownVersion) {
  EXPECT_EQ(errorOf(validWith("\"version\": 1", "\"version\": 2")),
            "unsupported manifest version 2 (this build reads version 1)");
}

TEST(Manifest, RejectsWrongTypesAndUnknownKeys) {
  EXPECT_EQ(errorOf(validWith("\"name\": \"libfmt\"", "\"name\": 3")),
            "libraries[0]: 'name' must be a string");
  EXPECT_EQ(errorOf(validWith("\"size\": 8192", "\"size\": -1")),
            "library 'libfmt': text slot: 'size' must be a non-negative "
            "integer or a string such as \"0x400000\"");
  EXPECT_EQ(errorOf(validWith("\"0x400000\"", "\"0x40zz00\"")),
            "library 'libfmt': text slot: 'address' is not a valid number: "
            "\"0x40zz00\" (expected decimal digits or 0x and hexadecimal "
            "digits)");
  // Only decimal and 0x-hexadecimal: no binary, octal, signs or spaces.
  for (const char *bad :
       {"\"0b1000\"", "\"0o100\"", "\"0x\"", "\"-4096\"", "\" 4096\"",
        "\"4096.0\"", "\"\"", "\"0x10000000000000000\""})
    EXPECT_NE(errorOf(validWith("8192", bad)).find("is not a valid number"),
              std::string::npos)
        << bad;
  // A leading zero does not make a number octal.
  llvm::Expected<Manifest> leadingZero =
      parseManifest(validWith("8192", "\"08192\""));
  ASSERT_TRUE(bool(leadingZero)) << llvm::toString(leadingZero.takeError());
  EXPECT_EQ(leadingZero->findLibrary("libfmt")->slot(SlotKind::Text)->size,
            8192u);
  // "0x", as the format says; not "0X".
  EXPECT_NE(errorOf(validWith("\"0x400000\"", "\"0X400000\""))
                .find("is not a valid number: \"0X400000\""),
            std::string::npos);
  // A version is a JSON integer, not a string of one.
  for (const char *version : {"\"1\"", "\"0x1\"", "\"01\"", "1.0"})
    EXPECT_EQ(errorOf(validWith("\"version\": 1",
                                std::string("\"version\": ") + version)),
              "manifest: 'version' must be a JSON integer, such as 1")
        << version;
  EXPECT_EQ(errorOf(validWith("\"address\": \"0x400000\"",
                              "\"adress\": \"0x400000\"")),
            "library 'libfmt': text slot: missing 'address'");
  EXPECT_EQ(errorOf(validWith("\"identity\"", "\"identiy\"")),
            "library 'libfmt': unknown key 'identiy'");
  EXPECT_EQ(errorOf(validWith("\"rodata\":", "\"rodate\":")),
            "library 'libfmt': unknown slot kind 'rodate' (expected text, "
            "rodata, data, bss or a kind the manifest declares under "
            "'kinds')");
  EXPECT_EQ(errorOf(validWith("\"libraries\":", "\"libs\":")),
            "manifest: missing 'libraries'");
}

TEST(Manifest, RejectsMisalignedSlots) {
  EXPECT_EQ(errorOf(validWith("\"0x600000\"", "\"0x600010\"")),
            "library 'libfmt': rodata slot address 0x600010 is not a multiple "
            "of the page size 0x1000");
  EXPECT_EQ(errorOf(validWith("\"size\": 8192", "\"size\": 8000")),
            "library 'libfmt': text slot size 0x1f40 is not a multiple of the "
            "page size 0x1000");
  EXPECT_EQ(errorOf(validWith("\"page_size\": 4096", "\"page_size\": 3000")),
            "page_size 0xbb8 is not a power of two");
}

TEST(Manifest, RejectsEmptyAndHugeSlots) {
  EXPECT_EQ(errorOf(validWith("\"size\": 8192", "\"size\": 0")),
            "library 'libfmt': text slot has size 0");
  EXPECT_EQ(
      errorOf(validWith("\"size\": 8192", "\"size\": \"0xfffffffffffff000\"")),
      "library 'libfmt': text slot at 0x400000 with size "
      "0xfffffffffffff000 does not fit in the 64-bit address space");
}

TEST(Manifest, RejectsOverlappingSlots) {
  // liballoc's text moves into the second page of libfmt's text.
  EXPECT_EQ(errorOf(validWith("\"0x402000\"", "\"0x401000\"")),
            "library 'liballoc': text slot [0x401000, 0x402000) overlaps the "
            "text slot of library 'libfmt' [0x400000, 0x402000)");
  // Adjacent slots are fine.
  EXPECT_EQ(errorOf(validText), "<no error>");
}

TEST(Manifest, RejectsDuplicateAndIncompleteLibraries) {
  EXPECT_EQ(errorOf(validWith("\"liballoc\"", "\"libfmt\"")),
            "duplicate library name 'libfmt'");
  EXPECT_EQ(errorOf(validWith("[\"*/libfmt.o\"]", "[]")),
            "library 'libfmt': match has no file or section patterns, so no "
            "input would belong to it");
  EXPECT_EQ(errorOf(validWith("[\"*/libfmt.o\"]", "[\"\"]")),
            "library 'libfmt': empty file pattern");
  EXPECT_EQ(errorOf(validWith("[\"*/libfmt.o\"]", "[\"[*/libfmt.o\"]")),
            "library 'libfmt': invalid file pattern '[*/libfmt.o': invalid "
            "glob pattern, unmatched '['");
}

TEST(Manifest, SectionPatternsAloneAreEnough) {
  std::string text = validWith("\"files\": [\"*/libfmt.o\"]",
                               "\"sections\": [\".*.spacer.libfmt\"]");
  EXPECT_EQ(errorOf(text), "<no error>");
  EXPECT_EQ(errorOf(validWith("\"files\": [\"*/libfmt.o\"]",
                              "\"sections\": [\"[\"]")),
            "library 'libfmt': invalid section pattern '[': invalid glob "
            "pattern, unmatched '['");
  EXPECT_EQ(errorOf(validWith("\"files\": [\"*/libfmt.o\"]",
                              "\"sections\": \".text\"")),
            "library 'libfmt': match: 'sections' must be an array of strings");
}

// validText with two declared kinds, and liballoc slots of both.
std::string withKinds() {
  std::string text = validWith(
      "\"page_size\": 4096,",
      "\"page_size\": 4096, \"kinds\": { \"inittab\": { \"sections\": "
      "[\".uk_inittab_*\"] }, \"ctors\": { \"sections\": "
      "[\".uk_ctortab*\"] } },");
  size_t pos = text.find("\"bss\": { \"address\": \"0xa00000\"");
  text.insert(pos, "\"inittab\": { \"address\": \"0xc00000\", \"size\": "
                   "\"0x1000\" }, \"ctors\": { \"address\": \"0xb00000\", "
                   "\"size\": \"0x1000\" }, ");
  return text;
}

TEST(Manifest, DeclaredKinds) {
  llvm::Expected<Manifest> m = parseManifest(withKinds());
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  // Declared kinds are sorted by name and numbered after the built-in ones.
  ASSERT_EQ(m->kinds.size(), 2u);
  EXPECT_EQ(m->numKinds(), NumSlotKinds + 2);
  EXPECT_EQ(m->kindName(NumSlotKinds), "ctors");
  EXPECT_EQ(m->kindName(NumSlotKinds + 1), "inittab");
  EXPECT_EQ(m->kindName(unsigned(SlotKind::Bss)), "bss");
  EXPECT_EQ(m->findKind("inittab"), NumSlotKinds + 1);
  EXPECT_EQ(m->findKind("rodata"), unsigned(SlotKind::Rodata));
  EXPECT_EQ(m->findKind("nope"), std::nullopt);
  EXPECT_EQ(m->kinds[1].sections, std::vector<std::string>{".uk_inittab_*"});
  const Library *alloc = m->findLibrary("liballoc");
  ASSERT_EQ(alloc->slots.size(), 5u);
  EXPECT_EQ(alloc->slots.back().kind, NumSlotKinds + 1);
  EXPECT_EQ(alloc->slot(NumSlotKinds)->address, 0xb00000u);

  std::string first = written(*m);
  EXPECT_LT(first.find("\"ctors\""), first.find("\"inittab\""));
  expectStableRoundTrip(first);
}

TEST(Manifest, RejectsBadKinds) {
  std::string text = withKinds();
  auto with = [&](llvm::StringRef from, llvm::StringRef to) {
    std::string t = text;
    size_t pos = t.find(from.str());
    EXPECT_NE(pos, std::string::npos) << from.str();
    t.replace(pos, from.size(), to.str());
    return errorOf(t);
  };
  EXPECT_EQ(with("\"ctors\": {", "\"text\": {"),
            "kind 'text': text, rodata, data and bss are built in and cannot "
            "be declared");
  EXPECT_EQ(with("[\".uk_ctortab*\"]", "[]"),
            "kind 'ctors': has no section patterns");
  EXPECT_EQ(with("[\".uk_ctortab*\"]", "[\"[\"]"),
            "kind 'ctors': invalid section pattern '[': invalid glob pattern, "
            "unmatched '['");
  EXPECT_EQ(with("\"sections\": [\".uk_ctortab*\"]", "\"section\": []"),
            "kind 'ctors': unknown key 'section'");
  // A slot of a kind the manifest does not declare.
  EXPECT_EQ(errorOf(validWith("\"bss\":", "\"inittab\":")),
            "library 'liballoc': unknown slot kind 'inittab' (expected text, "
            "rodata, data, bss or a kind the manifest declares under "
            "'kinds')");
}

TEST(Placement, FixedWidthRoundTrip) {
  Placement a, b;
  a.slots.push_back({"libfmt", "text", 0x400000, 0x1000, 0x1d, 0});
  b.slots.push_back({"libfmt", "text", 0xffffffffffff0000, 0x10000 - 1, 0xffff,
                     0x0123456789abcdef});
  std::string textA, textB;
  llvm::raw_string_ostream osA(textA), osB(textB);
  writePlacement(a, osA);
  writePlacement(b, osB);
  // The record's length depends on names only.
  EXPECT_EQ(textA.size(), textB.size());
  EXPECT_NE(textA.find("\"used\":\"0x000000000000001d\""), std::string::npos)
      << textA;
  llvm::Expected<Placement> back = parsePlacement(textB);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  ASSERT_EQ(back->slots.size(), 1u);
  EXPECT_EQ(back->slots[0].library, "libfmt");
  EXPECT_EQ(back->slots[0].kind, "text");
  EXPECT_EQ(back->slots[0].address, 0xffffffffffff0000u);
  EXPECT_EQ(back->slots[0].used, 0xffffu);
  EXPECT_EQ(back->slots[0].build, 0x0123456789abcdefu);
}

TEST(Placement, SizeWithoutWriting) {
  // The linker sizes the record from the names; it must be what is written,
  // whatever the names hold (JSON escapes, multi-byte characters).
  auto written = [](const Placement &p) {
    std::string text;
    llvm::raw_string_ostream os(text);
    writePlacement(p, os);
    return text.size();
  };
  Placement p;
  EXPECT_EQ(placementSize(p), written(p));
  p.slots.push_back({"libfmt", "text", 0x400000, 0x1000, 0x1d, 1});
  EXPECT_EQ(placementSize(p), written(p));
  p.slots.push_back({"lib \"quoted\" \\ tab\t", "init", 1, 2, 3, 4});
  p.slots.push_back({"caf\xc3\xa9", "", 0, 0, 0, 0});
  EXPECT_EQ(placementSize(p), written(p));
  p.unplaced.push_back({"libfmt", "text", 0x1000, 0x20, "no slot"});
  EXPECT_EQ(placementSize(p), written(p));
  p.unplaced.push_back({"caf\xc3\xa9", "", 0, 0, "\"bitcode\"\n"});
  EXPECT_EQ(placementSize(p), written(p));
}

TEST(Placement, UnplacedRoundTrip) {
  Placement p;
  p.slots.push_back({"a", "text", 0x400000, 0x1000, 0, 7});
  p.unplaced.push_back({"a", "rodata", 0x200000, 0x30, "no rodata slot"});
  std::string text;
  llvm::raw_string_ostream os(text);
  writePlacement(p, os);
  llvm::Expected<Placement> back = parsePlacement(text);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(back->version, PlacementVersionWithoutReferences);
  EXPECT_FALSE(back->hasReferences());
  EXPECT_TRUE(back->listsEverySlot());
  ASSERT_EQ(back->unplaced.size(), 1u);
  EXPECT_EQ(back->unplaced[0].library, "a");
  EXPECT_EQ(back->unplaced[0].kind, "rodata");
  EXPECT_EQ(back->unplaced[0].address, 0x200000u);
  EXPECT_EQ(back->unplaced[0].size, 0x30u);
  EXPECT_EQ(back->unplaced[0].why, "no rodata slot");
}

TEST(Placement, ReferencesRoundTrip) {
  Placement p;
  p.version = PlacementVersion;
  p.slots.push_back({"libb", "text", 0x401000, 0x1000, 0x20, 7});
  p.references.push_back(
      {"libb", "text", "a_func", "library:liba", "direct", 0x400010, {1, 9}});
  p.references.push_back(
      {"libb", "text", "memcpy", "program", "iplt", 0x402000, {0x11}});
  std::string text;
  llvm::raw_string_ostream os(text);
  writePlacement(p, os);
  EXPECT_EQ(placementSize(p), text.size());
  llvm::Expected<Placement> back = parsePlacement(text);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_TRUE(back->hasReferences());
  ASSERT_EQ(back->references.size(), 2u);
  const PlacedReference &r = back->references[0];
  EXPECT_EQ(r.library, "libb");
  EXPECT_EQ(r.kind, "text");
  EXPECT_EQ(r.symbol, "a_func");
  EXPECT_EQ(r.to, "library:liba");
  EXPECT_EQ(r.via, "direct");
  EXPECT_EQ(r.target, 0x400010u);
  EXPECT_EQ(r.sites, (std::vector<uint64_t>{1, 9}));
  EXPECT_EQ(back->references[1].via, "iplt");

  // Sites are numbers as the rest of the record writes them.
  size_t at = text.find("\"0x0000000000000011\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "17");
  llvm::Expected<Placement> bad = parsePlacement(text);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "placement record: library 'libb' reference to 'memcpy': a site "
            "must be a string such as \"0x10\"");
}

TEST(Placement, ReadsVersion1) {
  // Images linked before records said which build a slot holds.
  llvm::Expected<Placement> p = parsePlacement(
      "{\"format\": \"spacer-placement\", \"version\": 1, \"slots\": "
      "[{\"library\": \"a\", \"kind\": \"text\", \"address\": \"0x1000\", "
      "\"size\": \"0x1000\", \"used\": \"0x10\"}]}");
  ASSERT_TRUE(bool(p)) << llvm::toString(p.takeError());
  ASSERT_EQ(p->slots.size(), 1u);
  EXPECT_EQ(p->slots[0].used, 0x10u);
  EXPECT_EQ(p->slots[0].build, 0u);
  EXPECT_FALSE(p->listsEverySlot());
}

TEST(Placement, RejectsOtherRecords) {
  auto errorOfRecord = [](llvm::StringRef text) {
    llvm::Expected<Placement> p = parsePlacement(text);
    return p ? std::string("<no error>") : llvm::toString(p.takeError());
  };
  EXPECT_EQ(errorOfRecord("{\"format\": \"spacer-layout\"}"),
            "not a spacer placement record: expected \"format\": "
            "\"spacer-placement\"");
  EXPECT_EQ(errorOfRecord("{\"format\": \"spacer-placement\", \"version\": 5, "
                          "\"slots\": []}"),
            "unsupported placement record version 5 (this build reads "
            "versions 1 to 4)");
  EXPECT_EQ(errorOfRecord("{\"format\": \"spacer-placement\", \"version\": 0, "
                          "\"slots\": []}"),
            "unsupported placement record version 0 (this build reads "
            "versions 1 to 4)");
  EXPECT_EQ(errorOfRecord("{\"format\": \"spacer-placement\", \"version\": 3, "
                          "\"slots\": []}"),
            "placement record: 'unplaced' must be an array");
  // A tampered slot that wraps around the address space.
  EXPECT_EQ(
      errorOfRecord("{\"format\": \"spacer-placement\", \"version\": 3, "
                    "\"slots\": [{\"library\": \"a\", \"kind\": \"text\", "
                    "\"address\": \"0xfffffffffffff000\", \"size\": "
                    "\"0x2000\", \"used\": \"0\", \"build\": \"0\"}], "
                    "\"unplaced\": []}"),
      "placement record: library 'a' text slot: the range at "
      "0xfffffffffffff000 of size 0x2000 does not fit in the 64-bit "
      "address space");
  EXPECT_EQ(
      errorOfRecord("{\"format\": \"spacer-placement\", \"version\": 2, "
                    "\"slots\": [{\"library\": \"a\", \"kind\": \"text\", "
                    "\"address\": \"0x1000\", \"size\": \"0x1000\", "
                    "\"used\": \"0x10\"}]}"),
      "placement record slot: missing 'build'");
  EXPECT_EQ(
      errorOfRecord("{\"format\": \"spacer-placement\", \"version\": 1, "
                    "\"slots\": [{\"library\": \"a\", \"kind\": \"text\"}]}"),
      "placement record slot: missing 'address'");
}

TEST(Limits, DepthAndSize) {
  // Nesting that would exhaust llvm::json's recursion is refused first,
  // with its position, by both readers.
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(errorOf(deep), "1:33: JSON nested deeper than 32 levels");
  llvm::Expected<Placement> p = parsePlacement(deep);
  ASSERT_FALSE(bool(p));
  EXPECT_EQ(llvm::toString(p.takeError()),
            "1:33: JSON nested deeper than 32 levels");
  // Brackets inside strings are text, escaped quotes included.
  std::string quoted = "[\"" + std::string(100, '[') + "\\\"\"]";
  EXPECT_FALSE(bool(checkJSONLimits(quoted)));
  // 32 levels are fine, and the position counts lines.
  EXPECT_FALSE(bool(checkJSONLimits(std::string(32, '['))));
  EXPECT_EQ(llvm::toString(checkJSONLimits("\n\n  " + std::string(40, '['))),
            "3:35: JSON nested deeper than 32 levels");
  std::string many = "[";
  for (int i = 0; i != 50001; ++i)
    many += "{},";
  EXPECT_EQ(llvm::toString(checkJSONLimits(many)),
            "1:149999: more than 50000 JSON arrays and objects");
  std::string values = "[" + std::string(1000001, ',') + "]";
  EXPECT_EQ(llvm::toString(checkJSONLimits(values)),
            "1:1000001: more than 1000000 JSON values");
  std::string huge(InputLimits::MaxJSONBytes + 1, ' ');
  EXPECT_EQ(llvm::toString(checkJSONLimits(huge)),
            "too large: 16777217 bytes, the limit is 16777216");
}

TEST(Patterns, QuotedIsExactAsTheLinkerReadsIt) {
  // One pattern type for validation and matching: a quoted pattern is the
  // exact name, so it is valid even where the same text is no valid glob.
  llvm::Expected<NamePattern> quoted = NamePattern::create("\".text[\"");
  ASSERT_TRUE(bool(quoted)) << llvm::toString(quoted.takeError());
  EXPECT_TRUE(quoted->match(".text["));
  EXPECT_FALSE(quoted->match(".text"));
  llvm::Expected<NamePattern> glob = NamePattern::create(".text.*");
  ASSERT_TRUE(bool(glob));
  EXPECT_TRUE(glob->match(".text.f"));
  llvm::Expected<NamePattern> bad = NamePattern::create(".text[");
  EXPECT_FALSE(bool(bad));
  llvm::consumeError(bad.takeError());
  // A manifest with such a quoted section pattern validates.
  EXPECT_EQ(errorOf(validWith("\".*.spacer.liballoc\"", "\"\\\".text[\\\"\"")),
            "<no error>");
  EXPECT_TRUE(isSectionPrefix(".text", ".text.f"));
  EXPECT_TRUE(isSectionPrefix(".text", ".text"));
  EXPECT_FALSE(isSectionPrefix(".text", ".textual"));
}

TEST(Classify, BuiltinKinds) {
  using namespace llvm::ELF;
  const uint64_t A = SHF_ALLOC, W = SHF_WRITE, X = SHF_EXECINSTR;
  auto kind = [](llvm::StringRef name, uint64_t flags,
                 uint32_t type = SHT_PROGBITS) {
    return classifySection(name, flags, type);
  };
  EXPECT_EQ(kind(".text", A | X), SlotKind::Text);
  EXPECT_EQ(kind(".text.hot.f", A | X), SlotKind::Text);
  EXPECT_EQ(kind(".textual", A | X), std::nullopt);
  EXPECT_EQ(kind(".text", A), std::nullopt); // not executable: not code
  EXPECT_EQ(kind(".rodata.str1.1", A | SHF_MERGE | SHF_STRINGS),
            SlotKind::Rodata);
  EXPECT_EQ(kind(".data", A | W), SlotKind::Data);
  EXPECT_EQ(kind(".data.rel.ro", A | W), std::nullopt);
  EXPECT_EQ(kind(".data.rel.ro.local", A | W), std::nullopt);
  EXPECT_EQ(kind(".bss", A | W, SHT_NOBITS), SlotKind::Bss);
  EXPECT_EQ(kind("COMMON", A | W, SHT_NOBITS), SlotKind::Bss);
  EXPECT_EQ(kind(".bss.rel.ro", A | W, SHT_NOBITS), std::nullopt);
  EXPECT_EQ(kind(".tdata", A | W | SHF_TLS), std::nullopt);
  EXPECT_EQ(kind(".tbss", A | W | SHF_TLS, SHT_NOBITS), std::nullopt);
  EXPECT_EQ(kind(".init_array", A | W, SHT_INIT_ARRAY), std::nullopt);
  EXPECT_EQ(kind(".comment", SHF_MERGE | SHF_STRINGS), std::nullopt);

  // What "relro": "data" takes into a data slot: RELRO data with contents.
  EXPECT_TRUE(isRelroData(".data.rel.ro", A | W, SHT_PROGBITS));
  EXPECT_TRUE(isRelroData(".data.rel.ro.local.x", A | W, SHT_PROGBITS));
  EXPECT_FALSE(isRelroData(".data.rel.rox", A | W, SHT_PROGBITS));
  EXPECT_FALSE(isRelroData(".data.rel.ro", A, SHT_PROGBITS));
  EXPECT_FALSE(isRelroData(".data.rel.ro", A | W | SHF_TLS, SHT_PROGBITS));
  EXPECT_FALSE(isRelroData(".bss.rel.ro", A | W, SHT_NOBITS));
  EXPECT_FALSE(isRelroData(".init_array", A | W, SHT_INIT_ARRAY));
}

TEST(Manifest, ValidationReportsEveryProblem) {
  Manifest m;
  Library withEmptySlot;
  withEmptySlot.name = "a";
  withEmptySlot.files = {"a.o"};
  withEmptySlot.slots = {{unsigned(SlotKind::Text), 0x1001, 0}};
  m.libraries.push_back(withEmptySlot);
  Library withoutSlots;
  withoutSlots.name = "a";
  m.libraries.push_back(withoutSlots);
  std::string all = llvm::toString(validateManifest(m));
  EXPECT_NE(all.find("text slot has size 0"), std::string::npos) << all;
  EXPECT_NE(all.find("duplicate library name 'a'"), std::string::npos);
  EXPECT_NE(all.find("has no slots"), std::string::npos);
}

TEST(Manifest, EntriesMustFitTheTextSlot) {
  Manifest m;
  Library lib;
  lib.name = "a";
  lib.files = {"a.o"};
  lib.slots = {{unsigned(SlotKind::Text), 0x1000, 0x1000}};
  for (unsigned i = 0; i != 0x1000 / EntryBytes; ++i)
    lib.entries.push_back("f" + std::to_string(i));
  m.libraries.push_back(lib);
  llvm::Error fits = validateManifest(m);
  EXPECT_FALSE(bool(fits)) << llvm::toString(std::move(fits));
  m.libraries[0].entries.push_back("one-more");
  EXPECT_EQ(llvm::toString(validateManifest(m)),
            "library 'a': its 513 entries take 0x1008 bytes, more than its "
            "text slot's 0x1000");
}

} // namespace
