#!/bin/sh
# Installs everything spacer needs on a Debian 12 machine. Idempotent: run it
# as often as you like; it only touches apt when something is missing.
# Needs root (or sudo) the first time.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/llvm-env.sh"

v=$LLVM_MAJOR
PACKAGES="cmake ninja-build ccache git python3 patch xz-utils dpkg-dev
  clang-$v lld-$v llvm-$v llvm-$v-dev llvm-$v-tools libclang-rt-$v-dev libgtest-dev
  clang-format-$v
  zlib1g-dev libzstd-dev liblua5.4-dev bc qemu-system-x86"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done

# lld's source comes from Debian's source package; apt-get source needs a
# deb-src entry. Add one next to the binary entries if there is none.
need_update=""
if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    as_root sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources
  else
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
      as_root tee /etc/apt/sources.list.d/spacer-deb-src.list >/dev/null
  fi
  need_update=1
fi

if [ -n "$missing" ] || [ -n "$need_update" ]; then
  as_root apt-get update -qq
fi
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
