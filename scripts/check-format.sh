#!/bin/sh
# Checks that spacer's C++ is formatted as .clang-format (LLVM style) says,
# with the pinned LLVM's clang-format. With --fix, formats it instead.
# Exit status 1 lists the files that are not.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/llvm-env.sh"
cd "$root"
if git rev-parse --git-dir >/dev/null 2>&1; then
  files=$(git ls-files '*.cpp' '*.h' | grep -v '^examples/')
else
  files=$(find lib lld-spacer fuzzer passes test/utils utils -name '*.cpp' -o -name '*.h')
fi
if [ "${1:-}" = "--fix" ]; then
  clang-format-$LLVM_MAJOR -i $files
  exit 0
fi
if ! clang-format-$LLVM_MAJOR --dry-run -Werror $files 2>/dev/null; then
  echo "check-format: not formatted (scripts/check-format.sh --fix formats):" >&2
  for f in $files; do
    clang-format-$LLVM_MAJOR --dry-run -Werror "$f" >/dev/null 2>&1 || echo "  $f" >&2
  done
  exit 1
fi
