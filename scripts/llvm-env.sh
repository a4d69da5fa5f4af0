# Sourced by the scripts: the one pinned LLVM version (lld-spacer/LLVM_VERSION)
# and what follows from it on Debian, so that no script names a version.
#   LLVM_VERSION  19.1.7      LLVM_MAJOR  19
#   LLVM_DIR      /usr/lib/llvm-19 (its bin/ holds the LLVM tools)
#   CLANG, CLANGXX  clang-19, clang++-19
# Needs `root`, the repository root.
LLVM_VERSION=$(cat "$root/lld-spacer/LLVM_VERSION")
LLVM_MAJOR=${LLVM_VERSION%%.*}
LLVM_DIR=/usr/lib/llvm-$LLVM_MAJOR
CLANG=clang-$LLVM_MAJOR
CLANGXX=clang++-$LLVM_MAJOR
