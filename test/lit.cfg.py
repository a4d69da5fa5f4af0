# lit configuration for spacer's tests. Tests link small llvm-mc-assembled
# inputs with the patched ld.lld and read the results back with
# llvm-readelf/llvm-objdump, in the style of lld's own test/ELF.
import os
import shutil
import sys

import lit.formats
import lit.util

config.name = "spacer"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".s", ".test", ".ll"]
config.excludes = ["Unit", "Inputs", "CMakeLists.txt", "utils"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.spacer_obj_root, "test")

# The patched ld.lld must come from this build. If it were missing, PATH could
# silently supply Debian's unpatched one; refuse to run instead.
ld_lld = os.path.join(config.spacer_bin_dir, "ld.lld")
if not os.path.exists(ld_lld):
    lit_config.fatal("the patched ld.lld is not built: %s is missing" % ld_lld)

# Only our bin directory and LLVM's tools come first on PATH.
config.environment["PATH"] = os.pathsep.join(
    [config.spacer_bin_dir, config.llvm_tools_dir, config.environment["PATH"]]
)
config.substitutions.append(("%ld_lld", ld_lld))
# Debian's stock lld of the same version, for "identical to upstream" tests.
config.substitutions.append(
    ("%stock_ld_lld", os.path.join(config.llvm_tools_dir, "ld.lld"))
)
config.substitutions.append(("%src_root", config.spacer_src_root))
config.substitutions.append(("%spacer_bin", config.spacer_bin_dir))
config.substitutions.append(("%obj_root", config.spacer_obj_root))
config.substitutions.append(
    ("%passes", os.path.join(config.spacer_obj_root, "lib", "SpacerPasses.so")))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(
    ("%expect_exit",
     "%s %s" % (sys.executable,
                os.path.join(config.spacer_src_root, "test", "utils", "expect-exit.py"))))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
# Freestanding x86-64 Linux programs that run on the host without a libc.
config.substitutions.append(
    ("%cflags", "--target=x86_64-linux-gnu -O2 -fno-pic -ffreestanding "
                "-fno-asynchronous-unwind-tables"))

# The sample fleet's driver, with this build's tools.
config.substitutions.append(
    ("%fleet", "%s %s --bin %s" % (sys.executable,
                                   os.path.join(config.spacer_src_root, "examples", "fleet", "fleet.py"),
                                   config.spacer_bin_dir)))

# Boot tests need QEMU; without it they are reported as unsupported.
if shutil.which("qemu-system-x86_64"):
    config.available_features.add("qemu")
else:
    lit_config.note("qemu-system-x86_64 not found: the fleet's boot tests are skipped "
                    "(Debian: apt-get install qemu-system-x86)")

for tool in ["FileCheck", "not", "count", "split-file", "llvm-mc",
             "llvm-readelf", "llvm-objdump", "llvm-objcopy", "llvm-ar", "clang",
             "opt", "llvm-dis", "yaml2obj"]:
    if not os.path.exists(os.path.join(config.llvm_tools_dir, tool)):
        lit_config.fatal("missing LLVM tool: %s in %s" % (tool, config.llvm_tools_dir))
