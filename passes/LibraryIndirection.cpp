//===- LibraryIndirection.cpp - The spacer-indirect pass ------------------===//

#include "LibraryIndirection.h"
#include "PassSupport.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ReplaceConstant.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;
using namespace spacer;

// Memory intrinsics of at most this many bytes (a constant) are left to the
// backend, which expands them into moves; longer or variable ones are
// library calls, and go through the table like any other call.
static constexpr uint64_t InlineMemoryBytes = 64;

namespace {
class Indirection {
public:
  Indirection(Module &module, StringRef library)
      : module(module), library(library),
        tableName(("__spacer_indirect." + library).str()),
        dataSection((".data.spacer." + library).str()) {}
  bool run();

private:
  bool isOutside(const GlobalValue &gv) const;
  bool refersOutside(const Constant *c, SmallPtrSetImpl<const Constant *> &seen) const;
  bool moveConstantsThatPointOutside();
  bool routeMemoryIntrinsics();
  void collectUses();
  void routeMemoryIntrinsic(MemIntrinsic *call);
  void warn(const Twine &message);
  unsigned entry(GlobalValue *gv);
  GlobalVariable *buildTable();

  Module &module;
  StringRef library;
  std::string tableName, dataSection;
  GlobalVariable *oldTable = nullptr;

  // Table entries in the order of first use (deterministic), and the uses
  // to rewrite: the operand and the entry it loads.
  MapVector<GlobalValue *, unsigned> entries;
  SmallVector<std::pair<Use *, unsigned>, 64> uses;
  // Warned once per function and symbol.
  DenseSet<std::pair<const Function *, const GlobalValue *>> warned;
};
} // namespace

void Indirection::warn(const Twine &message) {
  diagnose(module, "spacer-indirect", message, DS_Warning);
}

// Outside: what this module does not define for good. A declaration, or a
// definition another file may replace (weak, linkonce, common: the linker
// may keep another copy). The table itself and LLVM's intrinsics are ours.
bool Indirection::isOutside(const GlobalValue &gv) const {
  if (&gv == oldTable || gv.getName().starts_with("llvm."))
    return false;
  if (const auto *f = dyn_cast<Function>(&gv); f && f->isIntrinsic())
    return false;
  return gv.isDeclaration() || gv.isInterposable() ||
         gv.hasLinkOnceLinkage() || gv.hasWeakLinkage();
}

bool Indirection::refersOutside(const Constant *c,
                                SmallPtrSetImpl<const Constant *> &seen) const {
  if (!seen.insert(c).second)
    return false;
  if (const auto *gv = dyn_cast<GlobalValue>(c))
    return isOutside(*gv);
  for (const Use &op : c->operands())
    if (refersOutside(cast<Constant>(op.get()), seen))
      return true;
  return false;
}

// Read-only data holding an outside address would differ between images
// like code would; it moves to writable data, the kind that differs anyway.
bool Indirection::moveConstantsThatPointOutside() {
  bool changed = false;
  for (GlobalVariable &gv : module.globals()) {
    if (gv.isDeclaration() || !gv.isConstant() || gv.isThreadLocal() ||
        &gv == oldTable || gv.getName().starts_with("llvm."))
      continue;
    SmallPtrSet<const Constant *, 16> seen;
    if (!refersOutside(gv.getInitializer(), seen))
      continue;
    gv.setConstant(false);
    StringRef section = gv.getSection();
    if (section.consume_front(".rodata"))
      gv.setSection((".data" + section).str());
    changed = true;
  }
  return changed;
}

unsigned Indirection::entry(GlobalValue *gv) {
  auto [it, inserted] = entries.try_emplace(gv, entries.size());
  return it->second;
}

void Indirection::collectUses() {
  for (Function &f : module) {
    if (f.isDeclaration())
      continue;
    for (Instruction &inst : instructions(f)) {
      auto outsideOperand = [&](Use &u) -> GlobalValue * {
        auto *gv = dyn_cast<GlobalValue>(u.get());
        return gv && isOutside(*gv) ? gv : nullptr;
      };
      auto warnOnce = [&](GlobalValue *gv, const Twine &why) {
        if (warned.insert({&f, gv}).second)
          warn("'" + f.getName() + "' refers to '" + gv->getName() + "' " +
               why);
      };
      if (isa<LandingPadInst>(inst)) {
        for (Use &u : inst.operands())
          if (GlobalValue *gv = outsideOperand(u))
            warnOnce(gv, "as exception type information, which must stay "
                         "a constant: the reference stays direct");
        continue;
      }
      auto *call = dyn_cast<CallBase>(&inst);
      if (call && call->isInlineAsm()) {
        for (Use &u : call->args())
          if (GlobalValue *gv = outsideOperand(u))
            warnOnce(gv, "through an inline assembly operand, which the pass "
                         "cannot route through the table: it stays direct");
        continue;
      }
      for (Use &u : inst.operands()) {
        GlobalValue *gv = outsideOperand(u);
        if (!gv)
          continue;
        if (gv->isThreadLocal()) {
          warnOnce(gv, "which is thread-local: its address depends on the "
                       "thread, so the reference stays direct");
          continue;
        }
        if (gv->getAddressSpace() != 0) {
          warnOnce(gv, "in address space " + Twine(gv->getAddressSpace()) +
                           ", which the table does not hold: it stays direct");
          continue;
        }
        uses.push_back({&u, entry(gv)});
      }
    }
  }
}

// The table: the old one's entries first (so a second run keeps their
// indices), then this run's, as pointers the linker fills in.
GlobalVariable *Indirection::buildTable() {
  SmallVector<Constant *, 32> init;
  if (oldTable)
    if (auto *array = dyn_cast<ConstantArray>(oldTable->getInitializer()))
      for (const Use &op : array->operands())
        init.push_back(cast<Constant>(op.get()));
  unsigned first = init.size();
  for (auto &[gv, index] : entries)
    init.push_back(gv);
  PointerType *ptr = PointerType::get(module.getContext(), 0);
  ArrayType *type = ArrayType::get(ptr, init.size());
  auto *table = new GlobalVariable(module, type, /*isConstant=*/false,
                                   GlobalValue::InternalLinkage,
                                   ConstantArray::get(type, init), tableName);
  table->setSection(dataSection);
  table->setAlignment(Align(8));
  if (oldTable) {
    oldTable->replaceAllUsesWith(table);
    table->takeName(oldTable);
    oldTable->eraseFromParent();
  } else {
    appendToCompilerUsed(module, {table}); // keeps it, and keeps GlobalOpt
                                           // from folding the loads
  }
  for (auto &[gv, index] : entries)
    index += first;
  return table;
}

// Memory intrinsics the backend would turn into calls become the calls
// themselves, which collectUses() then routes like any other.
bool Indirection::routeMemoryIntrinsics() {
  SmallVector<MemIntrinsic *, 8> calls;
  for (Function &f : module) {
    for (Instruction &inst : instructions(f)) {
      auto *mem = dyn_cast<MemIntrinsic>(&inst);
      if (!mem)
        continue;
      auto *len = dyn_cast<ConstantInt>(mem->getLength());
      if (len && len->getZExtValue() <= InlineMemoryBytes)
        continue;
      if (mem->isVolatile()) {
        if (warned.insert({&f, mem->getCalledFunction()}).second)
          warn("'" + f.getName() + "' has a volatile " +
               mem->getCalledFunction()->getName() +
               ", which stays for the backend: if it becomes a call, the "
               "call is direct");
        continue;
      }
      calls.push_back(mem);
    }
  }
  for (MemIntrinsic *mem : calls)
    routeMemoryIntrinsic(mem);
  return !calls.empty();
}

void Indirection::routeMemoryIntrinsic(MemIntrinsic *mem) {
  LLVMContext &ctx = module.getContext();
  PointerType *ptr = PointerType::get(ctx, 0);
  Type *size = mem->getLength()->getType();
  bool isSet = isa<MemSetInst>(mem);
  StringRef name = isSet                   ? "memset"
                   : isa<MemMoveInst>(mem) ? "memmove"
                                           : "memcpy";
  FunctionType *type = FunctionType::get(
      ptr, {ptr, isSet ? Type::getInt32Ty(ctx) : (Type *)ptr, size}, false);
  FunctionCallee callee = module.getOrInsertFunction(name, type);
  IRBuilder<> b(mem);
  Value *second = isSet ? b.CreateZExt(mem->getArgOperand(1), Type::getInt32Ty(ctx))
                        : mem->getArgOperand(1);
  CallInst *call = b.CreateCall(callee, {mem->getArgOperand(0), second,
                                         mem->getLength()});
  call->setDebugLoc(mem->getDebugLoc());
  mem->eraseFromParent();
}

bool Indirection::run() {
  if (!isValidLibraryName(library)) {
    diagnose(module, "spacer-indirect",
             "expected a library name of letters, digits, '_', '-' and '.' "
             "(spacer-indirect<NAME>, or -spacer-indirect=NAME), got '" +
                 library + "'",
             DS_Error);
    return false;
  }
  if (!module.getModuleInlineAsm().empty())
    warn("module '" + module.getModuleIdentifier() +
         "' has module-level inline assembly: what it refers to is not "
         "routed through the table");
  oldTable = module.getGlobalVariable(tableName, /*AllowInternal=*/true);

  bool changed = moveConstantsThatPointOutside();
  changed |= routeMemoryIntrinsics();
  // Constant expressions over outside symbols (a field's address, say)
  // become instructions, so each reference is an operand to rewrite.
  SmallVector<Constant *, 32> outside;
  for (GlobalValue &gv : module.global_values())
    if (isOutside(gv))
      outside.push_back(&gv);
  changed |= convertUsersOfConstantsToInstructions(outside);

  collectUses();
  if (uses.empty())
    return changed;

  GlobalVariable *table = buildTable();
  PointerType *ptr = PointerType::get(module.getContext(), 0);
  MDNode *invariant = MDNode::get(module.getContext(), {});
  for (auto &[use, index] : uses) {
    auto *user = cast<Instruction>(use->getUser());
    // A PHI's value must be ready at the end of the incoming block.
    Instruction *at = user;
    if (auto *phi = dyn_cast<PHINode>(user))
      at = phi->getIncomingBlock(*use)->getTerminator();
    IRBuilder<> b(at);
    GlobalValue *gv = cast<GlobalValue>(use->get());
    Value *slot = b.CreateConstInBoundsGEP1_32(ptr, table, entries[gv]);
    LoadInst *address = b.CreateLoad(ptr, slot, gv->getName() + ".address");
    // The table does not change while the program runs: loads may be
    // hoisted and merged.
    address->setMetadata(LLVMContext::MD_invariant_load, invariant);
    use->set(address);
  }
  return true;
}

PreservedAnalyses LibraryIndirectionPass::run(Module &module,
                                              ModuleAnalysisManager &) {
  return Indirection(module, library).run() ? PreservedAnalyses::none()
                                            : PreservedAnalyses::all();
}
