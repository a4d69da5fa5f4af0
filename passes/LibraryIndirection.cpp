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
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include <map>
#include <tuple>

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
        dataSection(taggedSectionName(".data", library)) {}
  bool run();

private:
  bool isOutside(const GlobalValue &gv) const;
  GlobalValue *firstOutside(const Constant *c,
                            SmallPtrSetImpl<const Constant *> &seen) const;
  GlobalValue *firstOutside(const Constant *c) const;
  bool moveConstantsThatPointOutside();
  bool routeMemoryIntrinsics();
  void collectUses();
  void collectOperand(Instruction *user, Use &use);
  void warnOnce(const Function *f, GlobalValue *gv, const Twine &why);
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
  // Constant expressions made instructions for a PHI's incoming block, so
  // that a block listed twice gets one value.
  std::map<std::tuple<PHINode *, BasicBlock *, Constant *>, Instruction *>
      phiExpressions;
  bool expanded = false;
  // Warned once per function and symbol.
  DenseSet<std::pair<const Function *, const GlobalValue *>> warned;
};
} // namespace

void Indirection::warn(const Twine &message) {
  diagnose(module, "spacer-indirect", message, DS_Warning);
}

// Outside: what this module does not define for good. A declaration, an
// available_externally copy (dropped at code generation), or a definition
// another file may replace (weak, linkonce, common: the linker may keep
// another copy). The table itself and LLVM's intrinsics are ours.
bool Indirection::isOutside(const GlobalValue &gv) const {
  if (&gv == oldTable || gv.getName().starts_with("llvm."))
    return false;
  if (const auto *f = dyn_cast<Function>(&gv); f && f->isIntrinsic())
    return false;
  return gv.isDeclarationForLinker() || gv.isInterposable() ||
         gv.hasLinkOnceLinkage() || gv.hasWeakLinkage();
}

// The first outside symbol a constant refers to, or null. A block address
// names a function of this module: not outside.
GlobalValue *
Indirection::firstOutside(const Constant *c,
                          SmallPtrSetImpl<const Constant *> &seen) const {
  if (!seen.insert(c).second || isa<BlockAddress>(c))
    return nullptr;
  if (const auto *gv = dyn_cast<GlobalValue>(c))
    return isOutside(*gv) ? const_cast<GlobalValue *>(gv) : nullptr;
  for (const Use &op : c->operands())
    if (const auto *operand = dyn_cast<Constant>(op.get()))
      if (GlobalValue *gv = firstOutside(operand, seen))
        return gv;
  return nullptr;
}

GlobalValue *Indirection::firstOutside(const Constant *c) const {
  SmallPtrSet<const Constant *, 16> seen;
  return firstOutside(c, seen);
}

void Indirection::warnOnce(const Function *f, GlobalValue *gv,
                           const Twine &why) {
  if (warned.insert({f, gv}).second)
    warn("'" + f->getName() + "' refers to '" + gv->getName() + "' " + why);
}

// Read-only data holding an outside address would differ between images
// like code would; it moves to writable data, the kind that differs anyway.
bool Indirection::moveConstantsThatPointOutside() {
  bool changed = false;
  for (GlobalVariable &gv : module.globals()) {
    if (gv.isDeclarationForLinker() || !gv.isConstant() || gv.isThreadLocal() ||
        &gv == oldTable || gv.getName().starts_with("llvm."))
      continue;
    if (!firstOutside(gv.getInitializer()))
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

// Why an instruction's operands must stay as they are, or null: the
// backend reads the symbol itself there.
static const char *fixedOperands(const Instruction &inst) {
  if (inst.isEHPad())
    return "in exception handling information, which must stay a constant: "
           "the reference stays direct";
  if (const auto *ii = dyn_cast<IntrinsicInst>(&inst);
      ii && ii->getIntrinsicID() == Intrinsic::eh_typeid_for)
    return "as the type of an exception handler, which must stay a "
           "constant: the reference stays direct";
  if (const auto *call = dyn_cast<CallBase>(&inst); call && call->isInlineAsm())
    return "through an inline assembly operand, which the pass cannot route "
           "through the table: it stays direct";
  return nullptr;
}

void Indirection::collectUses() {
  // The instructions as they are now: expanding constant expressions adds
  // some, which collectOperand() handles as it makes them.
  SmallVector<Instruction *, 256> work;
  for (Function &f : module)
    if (!f.isDeclaration())
      for (Instruction &inst : instructions(f))
        work.push_back(&inst);
  for (Instruction *inst : work) {
    const Function *f = inst->getFunction();
    const char *fixed = fixedOperands(*inst);
    auto *call = dyn_cast<CallBase>(inst);
    for (Use &u : inst->operands()) {
      auto *c = dyn_cast<Constant>(u.get());
      if (!c)
        continue;
      bool bundle = call && call->isBundleOperand(&u);
      if (fixed || bundle) {
        if (GlobalValue *gv = firstOutside(c))
          warnOnce(f, gv,
                   fixed ? fixed
                         : "in an operand bundle, which the pass "
                           "leaves alone: it stays direct");
        continue;
      }
      collectOperand(inst, u);
    }
  }
}

// One operand: an outside symbol is a use to rewrite; a constant expression
// over one becomes an instruction (at the end of the incoming block for a
// PHI), whose operands are handled in turn.
void Indirection::collectOperand(Instruction *user, Use &u) {
  auto *c = cast<Constant>(u.get());
  const Function *f = user->getFunction();
  if (auto *gv = dyn_cast<GlobalValue>(c)) {
    if (!isOutside(*gv))
      return;
    if (gv->isThreadLocal())
      warnOnce(f, gv,
               "which is thread-local: its address depends on the "
               "thread, so the reference stays direct");
    else if (gv->getAddressSpace() != 0)
      warnOnce(f, gv,
               "in address space " + Twine(gv->getAddressSpace()) +
                   ", which the table does not hold: it stays direct");
    else
      uses.push_back({&u, entry(gv)});
    return;
  }
  GlobalValue *gv = firstOutside(c);
  if (!gv)
    return;
  auto *expr = dyn_cast<ConstantExpr>(c);
  if (!expr) {
    warnOnce(f, gv,
             "inside a constant aggregate, which the pass does not "
             "take apart: the reference stays direct");
    return;
  }
  // For a PHI, the instruction goes at the end of the incoming block, once
  // per block even when the PHI lists it twice.
  Instruction *at = user;
  Instruction **phiMade = nullptr;
  if (auto *phi = dyn_cast<PHINode>(user)) {
    BasicBlock *block = phi->getIncomingBlock(u);
    phiMade = &phiExpressions[{phi, block, expr}];
    if (*phiMade) {
      u.set(*phiMade);
      return;
    }
    at = block->getTerminator();
  }
  Instruction *made = expr->getAsInstruction();
  made->insertBefore(at);
  u.set(made);
  if (phiMade)
    *phiMade = made;
  expanded = true;
  for (Use &op : made->operands())
    if (isa<Constant>(op.get()))
      collectOperand(made, op);
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
      // The .inline forms promise no call; the table holds address space 0.
      if (!mem || isa<MemCpyInlineInst>(mem) || isa<MemSetInlineInst>(mem) ||
          mem->getDestAddressSpace() != 0 ||
          (isa<MemTransferInst>(mem) &&
           cast<MemTransferInst>(mem)->getSourceAddressSpace() != 0))
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
  // The C functions take a size_t, whatever width the intrinsic's length has.
  Type *size = module.getDataLayout().getIntPtrType(ctx);
  bool isSet = isa<MemSetInst>(mem);
  StringRef name = isSet                   ? "memset"
                   : isa<MemMoveInst>(mem) ? "memmove"
                                           : "memcpy";
  FunctionType *type = FunctionType::get(
      ptr, {ptr, isSet ? Type::getInt32Ty(ctx) : (Type *)ptr, size}, false);
  FunctionCallee callee = module.getOrInsertFunction(name, type);
  IRBuilder<> b(mem);
  Value *second =
      isSet ? b.CreateZExt(mem->getArgOperand(1), Type::getInt32Ty(ctx))
            : mem->getArgOperand(1);
  Value *length = b.CreateZExtOrTrunc(mem->getLength(), size);
  CallInst *call =
      b.CreateCall(callee, {mem->getArgOperand(0), second, length});
  call->setDebugLoc(mem->getDebugLoc());
  mem->eraseFromParent();
}

bool Indirection::run() {
  if (!isValidLibraryName(library)) {
    diagnose(module, "spacer-indirect",
             "expected a library name of " + LibraryNameRule +
                 " (spacer-indirect<NAME>, or -spacer-indirect=NAME), got '" +
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
  collectUses();
  changed |= expanded;
  if (uses.empty())
    return changed;

  GlobalVariable *table = buildTable();
  PointerType *ptr = PointerType::get(module.getContext(), 0);
  MDNode *invariant = MDNode::get(module.getContext(), {});
  // A PHI may list one incoming block twice; it must get one value.
  std::map<std::tuple<PHINode *, BasicBlock *, GlobalValue *>, Value *>
      phiLoads;
  for (auto &[use, index] : uses) {
    auto *user = cast<Instruction>(use->getUser());
    GlobalValue *gv = cast<GlobalValue>(use->get());
    // A PHI's value must be ready at the end of the incoming block.
    Instruction *at = user;
    Value **phiLoad = nullptr;
    if (auto *phi = dyn_cast<PHINode>(user)) {
      BasicBlock *block = phi->getIncomingBlock(*use);
      phiLoad = &phiLoads[{phi, block, gv}];
      if (*phiLoad) {
        use->set(*phiLoad);
        continue;
      }
      at = block->getTerminator();
    }
    IRBuilder<> b(at);
    Value *slot = b.CreateConstInBoundsGEP1_32(ptr, table, entries[gv]);
    LoadInst *address = b.CreateLoad(ptr, slot, gv->getName() + ".address");
    // The table does not change while the program runs: loads may be
    // hoisted and merged.
    address->setMetadata(LLVMContext::MD_invariant_load, invariant);
    use->set(address);
    if (phiLoad)
      *phiLoad = address;
  }
  return true;
}

PreservedAnalyses LibraryIndirectionPass::run(Module &module,
                                              ModuleAnalysisManager &) {
  return Indirection(module, library).run() ? PreservedAnalyses::none()
                                            : PreservedAnalyses::all();
}
