#!/bin/sh
# Configures and builds spacer (the patched ld.lld, the manifest library,
# the tests' utilities) in build/ with the pinned clang, ninja and ccache.
#   SPACER_BUILD_DIR       where to build (default: build)
#   SPACER_CMAKE_ARGS      extra CMake arguments, e.g.
#                          -DSPACER_LLVM_SOURCE_DIR=/path/to/llvm-project
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SPACER_BUILD_DIR:-$root/build}
. "$root/scripts/llvm-env.sh"

# Let ccache share results between checkouts in different directories (CI
# builds a fresh clone each time): hash paths relative to the checkout.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER=$CLANG -DCMAKE_CXX_COMPILER=$CLANGXX \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    ${SPACER_CMAKE_ARGS:-}
fi
cmake --build "$build"
