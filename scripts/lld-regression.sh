#!/bin/sh
# Runs lld's own ELF test-suite (lld/test/ELF of the patched tree, about
# 2,000 tests) against the patched ld.lld: the patch must not change
# anything lld already does. Uses the system's lit, FileCheck and LLVM tools.
#   SPACER_BUILD_DIR   the build to test (default: build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SPACER_BUILD_DIR:-$root/build}
tests=$build/lld-tests
. "$root/scripts/llvm-env.sh"
llvm=$LLVM_DIR

if [ ! -x "$build/bin/ld.lld" ] || [ ! -d "$build/lld-source/lld/test/ELF" ]; then
  echo "lld-regression: build first (scripts/build.sh)" >&2
  exit 2
fi
# Only lld's lit configuration is needed from this configure; nothing is
# built: the tests run our ld.lld.
if [ ! -f "$tests/test/lit.site.cfg.py" ]; then
  cmake -S "$build/lld-source/lld" -B "$tests" -G Ninja \
    -DLLVM_DIR=$llvm/lib/cmake/llvm -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_INCLUDE_TESTS=ON -DLLVM_EXTERNAL_LIT=$llvm/build/utils/lit/lit.py \
    -DCMAKE_C_COMPILER=$CLANG -DCMAKE_CXX_COMPILER=$CLANGXX > "$tests.log"
fi
mkdir -p "$tests/bin"
cp "$build/bin/ld.lld" "$tests/bin/ld.lld"
ln -sf ld.lld "$tests/bin/lld"
python3 $llvm/build/utils/lit/lit.py -q "$tests/test/ELF"
