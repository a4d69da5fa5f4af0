#!/bin/sh
# Fetches the pristine LLVM source tree that lld-spacer patches, from Debian's
# source package llvm-toolchain-<major>, and extracts only what a standalone
# lld build needs: lld/, the top-level cmake/ and libunwind/include/.
#
#   fetch-llvm-source.sh <version> <dest-dir>
#
# Prints the path of the extracted tree. Needs a deb-src entry in apt's
# sources (scripts/setup-debian.sh adds one). Checks that the tree really is
# the pinned version, so a newer Debian upload cannot slip in unnoticed.
set -eu
version=$1
dest=$2
major=${version%%.*}
package=llvm-toolchain-$major
tree=$dest/$package-$version

if [ -f "$tree/.spacer-extracted" ]; then
  echo "$tree"
  exit 0
fi

mkdir -p "$dest/download"
cd "$dest/download"
if ! ls ${package}_$version.orig.tar.xz >/dev/null 2>&1; then
  if ! apt-get source --download-only "$package" >&2; then
    echo "fetch-llvm-source: 'apt-get source $package' failed; is there a deb-src" \
         "entry in apt's sources? (scripts/setup-debian.sh adds one)," \
         "or pass -DSPACER_LLVM_SOURCE_DIR=<llvm-project tree>" >&2
    exit 1
  fi
fi
tarball=$(ls ${package}_$version.orig.tar.xz 2>/dev/null || true)
if [ -z "$tarball" ]; then
  echo "fetch-llvm-source: apt-get source did not provide ${package}_$version.orig.tar.xz;" \
       "found: $(ls)" >&2
  exit 1
fi

rm -rf "$tree.partial"
mkdir -p "$tree.partial"
tar -xf "$tarball" -C "$tree.partial" --strip-components=1 --no-same-owner \
  "${package}_$version/lld" "${package}_$version/cmake" \
  "${package}_$version/libunwind/include"
rm -rf "$tree"
mv "$tree.partial" "$tree"
touch "$tree/.spacer-extracted"
echo "$tree"
