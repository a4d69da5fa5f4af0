## spacer share on inputs that are not what it expects: one clear error per
## file, exit status 2; with --keep-going the other images are analysed and
## the exit status is 1. Huge sparse segments cost nothing to count.

# RUN: rm -rf %t && split-file %s %t && cd %t
# RUN: llvm-mc -filetype=obj -triple=x86_64 main.s -o main.o
# RUN: llvm-mc -filetype=obj -triple=aarch64 arm.s -o arm.o
# RUN: llvm-mc -filetype=obj -triple=x86_64 sparse.s -o sparse.o
# RUN: %ld_lld main.o -o good
# RUN: %ld_lld arm.o -o arm
# RUN: %ld_lld sparse.o -o sparse
# RUN: echo "not an image" > text
# RUN: head -c 100 good > truncated
# RUN: %python -c "d = bytearray(open('good', 'rb').read()); d[0x20:0x28] = (0xfffff).to_bytes(8, 'little'); open('badphdrs', 'wb').write(d)"
## A PT_LOAD that claims more file bytes than the file has.
# RUN: %python %s.py good short

# RUN: %expect_exit 2 spacer share good text 2>&1 | FileCheck %s --check-prefix=TEXT
# TEXT: spacer: error: text: not an ELF file
# RUN: %expect_exit 2 spacer share good truncated 2>&1 | FileCheck %s --check-prefix=TRUNCATED
# TRUNCATED: spacer: error: truncated: truncated or malformed ELF file: section header table goes past the end of the file
# RUN: %expect_exit 2 spacer share good badphdrs 2>&1 | FileCheck %s --check-prefix=PHDRS
# PHDRS: spacer: error: badphdrs: {{.*}}program headers{{.*}}
# RUN: %expect_exit 2 spacer share good short 2>&1 | FileCheck %s --check-prefix=SHORT
# SHORT: spacer: error: short: program header {{[0-9]+}}: segment extends beyond the end of the file (truncated?)
# RUN: %expect_exit 2 spacer share good main.o 2>&1 | FileCheck %s --check-prefix=OBJECT
# OBJECT: spacer: error: main.o: not a linked image (an object file?)
# RUN: %expect_exit 2 spacer share good arm 2>&1 | FileCheck %s --check-prefix=MACHINE
# MACHINE: spacer: error: arm: an aarch64 image, but good is x86-64: pages of different machines are not comparable
# RUN: %expect_exit 2 spacer share good missing 2>&1 | FileCheck %s --check-prefix=MISSING
# MISSING: spacer: error: missing: No such file or directory

## --keep-going: every bad file reported, the good ones analysed.
# RUN: %expect_exit 1 spacer share --keep-going good text arm good > out.txt 2> err.txt
# RUN: FileCheck %s --check-prefix=KEEP < out.txt
# KEEP: spacer share: 2 images
# KEEP: all                    4        0        4        0
# RUN: FileCheck %s --check-prefix=KEEPERR < err.txt
# KEEPERR-DAG: spacer: error: text: not an ELF file
# KEEPERR-DAG: spacer: error: arm: an aarch64 image, but good is x86-64
# RUN: %expect_exit 1 spacer share --json --keep-going good text | FileCheck %s --check-prefix=KEEPJSON
# KEEPJSON: "skipped": [
# KEEPJSON-NEXT: "text: not an ELF file"

## A 64 GiB bss (16 Mi pages, plus one as it does not start on a page) is
## counted without touching its pages; the headers and code are 2 pages.
# RUN: spacer share sparse | FileCheck %s --check-prefix=SPARSE
# SPARSE: sparse          16777219 16777217        0        2

## Usage errors.
# RUN: %expect_exit 2 spacer share --page-size=1000 good 2>&1 | FileCheck %s --check-prefix=PAGESIZE
# PAGESIZE: spacer: error: --page-size=1000: expected a power of two of at least 256
# RUN: %expect_exit 2 spacer share --layout=nothere.json good 2>&1 | FileCheck %s --check-prefix=LAYOUT
# LAYOUT: spacer: error: nothere.json: No such file or directory
# RUN: %expect_exit 2 spacer 2>&1 | FileCheck %s --check-prefix=NOSUB
# NOSUB: spacer: error: expected a subcommand: plan, share or check (see spacer --help)
# RUN: %expect_exit 2 spacer share 2>&1 | FileCheck %s --check-prefix=NOIMAGE
# NOIMAGE: spacer: Not enough positional command line arguments specified!

## Other page sizes.
# RUN: spacer share --page-size=65536 good good | FileCheck %s --check-prefix=PAGE64K
# PAGE64K: spacer share: 2 images, 65536-byte pages

#--- main.s
  .globl _start
_start:
  ret

#--- arm.s
  .globl _start
_start:
  ret

#--- sparse.s
  .globl _start
_start:
  ret
  .bss
  .zero 0x1000000000
