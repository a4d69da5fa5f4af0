#!/usr/bin/env python3
"""A real Unikraft fleet: pinned upstream sources, every application built
with Clang, linked stock and with one spacer layout, booted and checked
under QEMU, then measured (page sharing, file sizes, and guest memory under
KSM).

    python3 -m examples.unikraft.fleet [stage ...] [--sources DIR] [--work DIR]
        [--group platform|mixed|all] [--apps A,B,...] [--accel auto|kvm|tcg]
        [--copies K] [--no-memory] [--json FILE] [--bin DIR]

Sources: Unikraft's core, libraries and applications at the commits in
RELEASE below, and each library's upstream archive ("origin"). By default
the git repositories are cloned from GitHub; --sources DIR reads them from a
directory instead (DIR/NAME, DIR/NAME.git, or DIR/OWNER+NAME/repo), so the
fleet builds offline. Origins that Debian ships at the version a library
wants come from Debian's source packages (apt-get source), the others from
the pinned upstream repositories. Nothing fetched is kept outside --work.

Groups: "platform" builds every application on one configuration of the
core libraries and the C library (only the application and the libraries it
adds differ); "mixed" builds each application with its own default
configuration. Each group gets its own layout.
"""

import argparse
import contextlib
import functools
import glob
import hashlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from bench import ksm_fleet as ksm
from examples.fleet import fleet as sample

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SETS = ("stock", "spacer")

# The release set. Unikraft 0.16.3 with the library releases made for it:
# lib-lwip of that time includes uk/swrand.h, which 0.17.0 removed, so the
# networking applications need a 0.16 core (docs/unikraft.md says more).
RELEASE = {
    # name: (GitHub owner/repository, commit)
    "unikraft": ("unikraft/unikraft", "e453b74a2e78a0de98563d75d8e0a97e668088e6"),
    "lib-musl": ("unikraft/lib-musl", "fd1abc9257b40a74c69b3a40467a453bf8892439"),
    "lib-lwip": ("unikraft/lib-lwip", "7c1859a7069701f992dbf0b9508335377f55d364"),
    "lib-sqlite": ("unikraft/lib-sqlite", "b9dce5dd4b4b83e8ecee38ac0c32851e0ff1e27d"),
    "lib-lua": ("unikraft/lib-lua", "cea0fd99e94536be47d3a2c5e0812c37c9c282fc"),
    "fork-lwip": ("unikraft/fork-lwip", "bef26c44236a078d4352e76392ef16f019bea501"),
    "catalog-core": ("unikraft/catalog-core", "7196610a2a6dd5979ebd2f14f7412c4413983093"),
    "app-helloworld": ("unikraft/app-helloworld", "1add85d53193c5cfc8d9285cbd6905a85ffcc309"),
    "app-httpreply": ("unikraft/app-httpreply", "bad0d91ac2dfdaf1d38166bdc611daf4025c057d"),
    "app-lua": ("unikraft/app-lua", "662e9a6719991de92a352fb8f58d0117e84e5b5b"),
    "lib-redis": ("unikraft/lib-redis", "11b7958201fa9f950306dae5dece3fbff327c0b9"),
    "lib-nginx": ("unikraft/lib-nginx", "36a030031ce705934dd1ed6e69fdcd113a287bfe"),
    "lib-wamr": ("unikraft/lib-wamr", "aa936aec0ee0eb456a25c9df9e16126a6c335472"),
    "lib-libcxx": ("unikraft/lib-libcxx", "980bcedd35d7dac8a12f4c7537bae5689b578739"),
    "lib-libcxxabi": ("unikraft/lib-libcxxabi", "6105b8a26bb084c4e59068c83fe667e591bd4fe3"),
    "lib-libunwind": ("unikraft/lib-libunwind", "c00929901c1b07d3587c50c7a28ae58f9918f68f"),
    "lib-compiler-rt": ("unikraft/lib-compiler-rt", "e728010e59a7277147884cfb31c9946aa12543e9"),
    # Upstream sources of libraries Debian does not ship at their version:
    "wamr": ("bytecodealliance/wasm-micro-runtime", "bc762fe9e2cf2d26a0cde42931c4b6ed79860047"),
    "redis": ("redis/redis", "391aa4079c0855aa20929b1e272403937e874d57"),  # 7.0.11
    "nginx": ("nginx/nginx", "ac071c1490a30d8acff51383c77d9b72966df6d1"),  # release-1.15.6
}


class App:
    """One application: where its sources are, which libraries it adds, its
    own configuration, and how to check that it works."""

    def __init__(self, name, repo, subdir="", libs=(), defconfig=None, config=(),
                 platform_config=(), cflags="", cxxflags="", params="", argv="", initrd=None,
                 expect=None, stdin=None, server=None, memory="64M", make_env=None):
        self.name, self.repo, self.subdir = name, repo, subdir
        self.libs = list(libs)
        self.defconfig = defconfig        # the application's own, in its tree
        self.config = list(config)        # lines added in both groups
        self.platform_config = list(platform_config)  # what it adds to the platform
        self.cflags, self.cxxflags = cflags, cxxflags
        self.params, self.argv = params, argv  # kernel parameters, the program's arguments
        self.initrd = initrd              # a directory of its tree, packed as cpio
        self.expect = expect              # a regular expression for the console
        self.stdin = stdin
        self.server = server              # (guest port, request, expected reply regex)
        self.memory = memory
        # Flags for one of its libraries: make's "+=" appends to a variable
        # from the environment, so only that library's flags grow.
        self.make_env = dict(make_env or {})


FSTAB = 'vfs.fstab=[ "initrd0:/:extract::ramfs=1:" ]'
HTTP_GET = b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"

APPS = [
    App("helloworld", "app-helloworld", defconfig="defconfigs/qemu-x86_64",
        expect=r"Hello world!"),
    App("c-hello", "catalog-core", "c-hello", defconfig=".scripts/defconfig/qemu.x86_64",
        expect=r"Hello from Unikraft!"),
    App("c-fs", "catalog-core", "c-fs", defconfig=".scripts/defconfig/qemu.x86_64",
        cflags="-Wno-error=implicit-function-declaration",
        params=FSTAB, argv="/hello.txt", initrd="rootfs", expect=r"Hello from Unikraft!"),
    App("c-http", "catalog-core", "c-http", libs=["lib-lwip"],
        defconfig=".scripts/defconfig/qemu.x86_64",
        server=(8080, HTTP_GET, rb"Hello from Unikraft!")),
    App("httpreply", "app-httpreply", libs=["lib-lwip"], defconfig="defconfigs/qemu-x86_64",
        config=["CONFIG_LIBUKNETDEV_EINFO_LIBPARAM=y"],  # the address from the command line
        server=(8123, HTTP_GET, rb"It works!")),
    App("sqlite", "catalog-core", "sqlite", libs=["lib-musl", "lib-sqlite"],
        defconfig=".scripts/defconfig/qemu.x86_64",
        platform_config=["CONFIG_LIBSQLITE=y", "CONFIG_LIBSQLITE_MAIN_FUNCTION=y"],
        stdin="select 6*7;\n.exit\n", expect=r"\b42\b"),
    App("lua", "app-lua", libs=["lib-musl", "lib-lua"], defconfig="defconfigs/qemu-x86_64-initrd",
        # Its defconfig names the root filesystem options of an older
        # release; this one mounts the initrd from the fstab argument.
        config=["CONFIG_LIBVFSCORE_AUTOMOUNT_UP=y", "CONFIG_LIBRAMFS=y", "CONFIG_LIBUKCPIO=y"],
        platform_config=["CONFIG_LIBLUA=y"], params=FSTAB, argv="/helloworld.lua", initrd="rootfs",
        expect=r"hello world from initrd"),
    App("redis", "catalog-core", "redis", libs=["lib-musl", "lib-redis", "lib-lwip"],
        defconfig=".scripts/defconfig/qemu.x86_64",
        params=FSTAB, argv="/redis.conf", initrd="rootfs", memory="256M",
        server=(6379, b"PING\r\nQUIT\r\n", rb"\+PONG")),
    App("nginx", "catalog-core", "nginx", libs=["lib-musl", "lib-nginx", "lib-lwip"],
        defconfig=".scripts/defconfig/qemu.x86_64",
        platform_config=["CONFIG_LIBNGINX=y", "CONFIG_LIBNGINX_MAIN_FUNCTION=y"],
        params=FSTAB, argv="-c /nginx/conf/nginx.conf", initrd="rootfs",
        server=(80, HTTP_GET, rb"Hello from Unikraft!")),
]

CXX_LIBS = ["lib-libcxxabi", "lib-libcxx", "lib-libunwind", "lib-compiler-rt", "lib-musl"]
CXX_CONFIG = ["CONFIG_LIBCOMPILER_RT=y", "CONFIG_LIBCXX=y", "CONFIG_LIBCXXABI=y",
              "CONFIG_LIBUNWIND=y"]
# libcxxabi's guard takes Unikraft's syscall header, whose inline assembly
# glues string literals to macros ("..."STRINGIFY(x)): C++11 reads a user
# literal suffix there, which GCC warns about and Clang refuses.
CXX_FLAGS = "-Wno-reserved-user-defined-literal"
APPS += [
    App("wamr", "catalog-core", "wamr", libs=["lib-musl", "lib-wamr", "lib-lwip"],
        defconfig=".scripts/defconfig/qemu.x86_64",
        platform_config=["CONFIG_LIBWAMR=y", "CONFIG_LIBWAMR_MAIN_FUNCTION=y"],
        params=FSTAB, argv="/main.wasm", initrd="rootfs", expect=r"Hello world!",
        # WAMR calls isnan() undeclared (lib-wamr silences the warning);
        # GCC takes it for its builtin, Clang for a function no one has.
        make_env={"LIBWAMR_SUPPRESS_FLAGS": "-Disnan=__builtin_isnan"}),
    App("cpp-hello", "catalog-core", "cpp-hello", libs=CXX_LIBS,
        defconfig=".scripts/defconfig/qemu.x86_64", platform_config=CXX_CONFIG, cxxflags=CXX_FLAGS,
        expect=r"Hello from Unikraft!"),
    App("cpp-http", "catalog-core", "cpp-http", libs=CXX_LIBS + ["lib-lwip"],
        defconfig=".scripts/defconfig/qemu.x86_64", platform_config=CXX_CONFIG, cxxflags=CXX_FLAGS,
        server=(8080, HTTP_GET, rb"Hello from Unikraft!")),
]

# One configuration of the core libraries, the C library and the network
# stack for every application of the platform group: the union of what the
# applications need, so that only the application and the libraries it
# adds differ.
PLATFORM_CONFIG = [
    "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y", "CONFIG_ARCH_X86_64=y",
    "CONFIG_LIBMUSL=y", "CONFIG_LIBLWIP=y", "CONFIG_LIBVFSCORE=y",
    "CONFIG_LIBVFSCORE_AUTOMOUNT_UP=y",
    "CONFIG_LIBRAMFS=y", "CONFIG_LIBUKCPIO=y", "CONFIG_LIBDEVFS=y",
    "CONFIG_LIBDEVFS_AUTOMOUNT=y", "CONFIG_LIBUKNETDEV_EINFO_LIBPARAM=y",
    "CONFIG_LIBUKBUS=y", "CONFIG_LIBUKSGLIST=y", "CONFIG_LIBUKLIBPARAM=y",
    # What redis and nginx select (their Config.uk) and the others then
    # have too: otherwise musl, lwIP and the syscall shim come in up to
    # four builds across the platform's images.
    "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y", "CONFIG_LIBPOSIX_EVENTFD=y",
    "CONFIG_LIBPOSIX_LIBDL=y", "CONFIG_LIBPOSIX_SYSINFO=y", "CONFIG_LIBPOSIX_USER=y",
    "CONFIG_LIBUKSWRAND_DEVFS=y", "CONFIG_LWIP_DHCP=y", "CONFIG_LWIP_IPV6=y",
    "CONFIG_LWIP_TCP_KEEPALIVE=y", "CONFIG_LWIP_TCP_TIMESTAMPS=y",
]
PLATFORM_LIBS = ["lib-musl", "lib-lwip"]

# Set in every build, stock and spacer alike: the software emulation this
# runs under has no RDSEED; the debug-symbol level 0 does not assemble with
# Clang; and the boot information must have room for a memory region per
# load segment and per hole between them (a packed layout image has a
# segment per slot: 129 for redis, where the default room is 128 regions).
ALWAYS_CONFIG = ["# CONFIG_LIBUKSWRAND_USE_RDSEED is not set",
                 "CONFIG_DEBUG_SYMBOLS_LVL1=y", "# CONFIG_DEBUG_SYMBOLS_LVL0 is not set",
                 "CONFIG_UKPLAT_MEMREGION_MAX_COUNT=512"]

PLAN_OPTIONS = ["--kind-order=text,rodata,data,bss", "--start=0x101000", "--segments=packed",
                "--no-slot-sections=.text.boot*,.data.boot*", "--min-share=1"]
QEMU_MEMORY = "64M"
BOOT_TIMEOUT = 300  # software emulation; a server answers within seconds


class FleetError(Exception):
    pass


def log(message):
    print("unikraft-fleet: " + message, flush=True)


def run(cmd, out=None, **kwargs):
    """Runs a command in a process group of its own, stopped with the
    script; its output goes to the log file OUT when given, and a failure
    names the command and the log."""
    with contextlib.ExitStack() as stack:
        if out:
            f = stack.enter_context(open(out, "a"))
            f.write("$ %s\n" % " ".join(cmd))
            f.flush()
            kwargs.update(stdout=f, stderr=subprocess.STDOUT)
        proc = subprocess.Popen(cmd, start_new_session=True, **kwargs)
        try:
            returncode = proc.wait()
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    if returncode != 0:
        raise FleetError("%s failed (exit %d)%s" % (" ".join(cmd[:3]), returncode,
                                                   "; see " + out if out else ""))
    return proc


# --- sources ------------------------------------------------------------------

def git_dir(name, sources, work):
    """The git directory holding NAME's pinned commit: from --sources when
    given, else a clone from GitHub into WORK."""
    owner_repo = RELEASE[name][0]
    if sources:
        for candidate in (os.path.join(sources, name), os.path.join(sources, name + ".git"),
                          os.path.join(sources, owner_repo.replace("/", "+"), "repo")):
            if os.path.isdir(candidate):
                return candidate
        raise FleetError("%s: no repository for %s (looked for %s, %s.git and %s/repo)"
                         % (sources, name, name, name, owner_repo.replace("/", "+")))
    clone = os.path.join(work, "git", name + ".git")
    if not os.path.isdir(clone):
        run(["git", "clone", "--bare", "--quiet", "https://github.com/%s" % owner_repo, clone])
    return clone


def checkout(name, dest, sources, work):
    """Unpacks NAME at its pinned commit into DEST (once)."""
    if os.path.isdir(dest):
        return dest
    gitdir = git_dir(name, sources, work)
    tmp = dest + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    archive = subprocess.Popen(["git", "-C", gitdir, "archive", RELEASE[name][1]],
                               stdout=subprocess.PIPE)
    run(["tar", "-x", "-C", tmp], stdin=archive.stdout)
    if archive.wait() != 0:
        raise FleetError("%s: commit %s of %s is not there" % (gitdir, RELEASE[name][1], name))
    os.rename(tmp, dest)
    return dest


def debian_source(package, work, out):
    """Debian's original archive of PACKAGE (apt-get source, no build)."""
    where = os.path.join(work, "debian", package)
    found = glob.glob(os.path.join(where, "*.orig.tar.*"))
    if not found:
        os.makedirs(where, exist_ok=True)
        run(["apt-get", "source", "--download-only", "-qq", package], out=out, cwd=where)
        found = glob.glob(os.path.join(where, "*.orig.tar.*"))
    found = [f for f in found if not f.endswith(".asc") and "-www" not in f]
    if len(found) != 1:
        raise FleetError("%s: expected one original archive of %s, found %d"
                         % (where, package, len(found)))
    return found[0]


def origin_musl(work, sources, out):
    return {"libmusl/musl-1.2.3.tar.gz": debian_source("musl", work, out)}


def origin_sqlite(work, sources, out):
    """lib-sqlite wants sqlite's amalgamation 3.40.1 as a zip; Debian's
    sqlite3 3.40.1 source makes it (its configure and 'make sqlite3.c')."""
    name = "sqlite-amalgamation-3400100"
    made = os.path.join(work, "origins", name + ".zip")
    if not os.path.exists(made):
        tree = os.path.join(work, "origins", "sqlite3-src")
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        run(["tar", "-x", "--strip-components=1", "-f", debian_source("sqlite3", work, out),
             "-C", tree])
        build = os.path.join(tree, "bld")
        os.makedirs(build)
        run(["../configure", "--quiet"], out=out, cwd=build)
        run(["make", "-s", "sqlite3.c", "shell.c"], out=out, cwd=build)
        pack = os.path.join(work, "origins", name)
        shutil.rmtree(pack, ignore_errors=True)
        os.makedirs(pack)
        for f in ("sqlite3.c", "sqlite3.h", "sqlite3ext.h", "shell.c"):
            shutil.copy(os.path.join(build, f), pack)
        run(["zip", "-q", "-r", made + ".tmp", name], cwd=os.path.dirname(pack))
        os.rename(made + ".tmp", made)
        shutil.rmtree(tree)
        shutil.rmtree(pack)
    return {"libsqlite/%s.zip" % name: made}


def git_origin(name, prefix, archive, work, sources):
    """The archive an upstream release page would give, made by git archive
    of NAME's pinned commit (the same tree) under the top directory
    PREFIX, once."""
    made = os.path.join(work, "origins", archive)
    if not os.path.exists(made):
        os.makedirs(os.path.dirname(made), exist_ok=True)
        fmt = "tar.gz" if archive.endswith(".tar.gz") else "zip"
        run(["git", "-C", git_dir(name, sources, work), "archive", "--format=" + fmt,
             "--prefix=%s/" % prefix, "-o", made, RELEASE[name][1]])
    return made


def origin_lwip(work, sources, out):
    """lib-lwip wants unikraft's lwIP fork, branch UNIKRAFT-2_1_x, as
    GitHub zips it (a top directory fork-lwip-UNIKRAFT-2_1_x)."""
    return {"liblwip/UNIKRAFT-2_1_x.zip": git_origin(
        "fork-lwip", "fork-lwip-UNIKRAFT-2_1_x", "UNIKRAFT-2_1_x.zip", work, sources)}


def origin_lua(work, sources, out):
    return {"liblua/lua-5.4.4.tar.gz": debian_source("lua5.4", work, out)}


def origin_redis(work, sources, out):
    """lib-redis wants GitHub's zip of the tag 7.0.11."""
    return {"libredis/7.0.11.zip": git_origin("redis", "redis-7.0.11", "redis-7.0.11.zip",
                                              work, sources)}


def origin_nginx(work, sources, out):
    """lib-nginx wants nginx's 1.15.6 release tarball, of which it builds
    only src/: the repository's tree at the release tag has the same src/."""
    return {"libnginx/nginx-1.15.6.tar.gz": git_origin(
        "nginx", "nginx-1.15.6", "nginx-1.15.6.tar.gz", work, sources)}


def origin_wamr(work, sources, out):
    """lib-wamr wants GitHub's zip of a WAMR commit of September 2019."""
    commit = RELEASE["wamr"][1]
    return {"libwamr/%s.zip" % commit: git_origin(
        "wamr", "wasm-micro-runtime-" + commit, "wamr-%s.zip" % commit, work, sources)}


LLVM14 = "14.0.6"


def origin_llvm14(component, work, sources, out):
    """The C++ runtime libraries want LLVM 14.0.6's per-project source
    archives; Debian's llvm-toolchain-14 (14.0.6) source holds the same
    trees, repacked here as COMPONENT-14.0.6.src.tar.xz."""
    name = "%s-%s.src" % (component, LLVM14)
    made = os.path.join(work, "origins", name + ".tar.xz")
    if not os.path.exists(made):
        tree = os.path.join(work, "origins", "llvm-toolchain-14")
        if not os.path.isdir(tree):
            shutil.rmtree(tree + ".tmp", ignore_errors=True)
            os.makedirs(tree + ".tmp")
            run(["tar", "-x", "--strip-components=1", "-f",
                 debian_source("llvm-toolchain-14", work, out), "-C", tree + ".tmp"]
                + ["llvm-toolchain-14_%s/%s" % (LLVM14, c)
                   for c in ("libcxx", "libcxxabi", "libunwind", "compiler-rt")])
            os.rename(tree + ".tmp", tree)
        run(["tar", "-c", "-J", "-f", made + ".tmp", "--transform", "s,^%s,%s," % (component, name),
             "-C", tree, component], env=dict(os.environ, XZ_OPT="-0 -T0"))
        os.rename(made + ".tmp", made)
    # Unikraft's build directory of lib-libcxx is libcxx, of lib-compiler-rt
    # libcompiler_rt.
    build = component.replace("-", "_")
    if not build.startswith("lib"):
        build = "lib" + build
    return {"%s/%s.tar.xz" % (build, name): made}


ORIGINS = {"lib-musl": origin_musl, "lib-sqlite": origin_sqlite, "lib-lwip": origin_lwip,
           "lib-lua": origin_lua, "lib-redis": origin_redis, "lib-nginx": origin_nginx,
           "lib-wamr": origin_wamr}
ORIGINS.update({"lib-" + component: functools.partial(origin_llvm14, component)
                for component in ("libcxx", "libcxxabi", "libunwind", "compiler-rt")})


# --- build --------------------------------------------------------------------

class Paths:
    """Where everything goes under WORK: sources are shared by the groups,
    each group has its applications' trees, images and layout."""

    def __init__(self, work, bin_dir, group):
        self.work, self.bin, self.group = work, bin_dir, group
        self.ld = os.path.join(bin_dir, "ld.lld")
        self.spacer = os.path.join(bin_dir, "spacer")
        self.base = os.path.join(work, group)
        self.layout = os.path.join(self.base, "layout.json")

    def src(self, name):
        return os.path.join(self.work, "src", name)

    def app_dir(self, app):
        return os.path.join(self.base, "apps", app.name)

    def build_dir(self, app):
        return os.path.join(self.app_dir(app), "build")

    def log(self, app):
        return os.path.join(self.base, "logs", app.name + ".log")

    def images(self, image_set):
        return os.path.join(self.base, "images", image_set)

    def image(self, image_set, app):
        """The bootable image (Unikraft's multiboot file); .dbg beside it is
        the ELF64 image that spacer measures."""
        return os.path.join(self.images(image_set), app.name)


def config_lines(app, group, app_dir):
    """The defconfig lines of APP in GROUP."""
    if group == "platform":
        lines = PLATFORM_CONFIG + app.platform_config
    else:
        with open(os.path.join(app_dir, app.defconfig)) as f:
            lines = [line.rstrip("\n") for line in f]
    return lines + app.config + ALWAYS_CONFIG


def make_command(paths, app, libs, extra=()):
    src = paths.src("unikraft")
    cmd = ["make", "-C", src, "A=" + paths.app_dir(app), "O=" + paths.build_dir(app),
           "L=" + ":".join(paths.src(lib) for lib in libs), "COMPILER=clang-19"]
    if app.cflags:
        cmd.append("UK_CFLAGS=" + app.cflags)
    if app.cxxflags:
        cmd.append("UK_CXXFLAGS=" + app.cxxflags)
    return cmd + list(extra)


def link_variables(paths, layout=None, references=False):
    """The final link through the patched ld.lld, the platform's script as
    -T (lld ignores -dT when any -T is given), and with a layout the
    manifest as a dependency of the image (and with REFERENCES the record
    of every reference out of the slots, for spacer share --explain)."""
    flags = "-fuse-ld=lld --ld-path=" + paths.ld
    extra = []
    if layout:
        flags += " -Wl,--spacer-layout=" + layout
        extra.append("UK_LDEPS=" + layout)
    if references:
        flags += " -Wl,--spacer-references"
    return ["UK_LDFLAGS=" + flags,
            "KVM_LD_SCRIPT_FLAGS=$(addprefix -Wl$(comma)-T$(comma),$(UK_PLAT_KVM_DEF_LDS) "
            "$(KVM_LD_SCRIPT-y) $(EXTRA_LD_SCRIPT-y))"] + extra


def unikraft_image(paths, app):
    found = [f for f in glob.glob(os.path.join(paths.build_dir(app), "*_qemu-x86_64"))]
    if len(found) != 1:
        raise FleetError("%s: expected one *_qemu-x86_64 image, found %d"
                         % (paths.build_dir(app), len(found)))
    return found[0]


def remove_image(paths, app):
    """Removes the linked image from APP's build directory: make then runs
    the final link (and its post-link steps) again, and only those."""
    for f in glob.glob(os.path.join(paths.build_dir(app), "*_qemu-x86_64")):
        for name in (f, f + ".dbg"):
            if os.path.exists(name):
                os.remove(name)


def configure(paths, app, libs, out):
    """defconfig from the group's lines, then a check that Kconfig kept
    every option asked for: this release may not know an option that a
    newer application's defconfig names, and that is worth saying."""
    defconfig = os.path.join(paths.app_dir(app), "fleet.defconfig")
    lines = config_lines(app, paths.group, paths.app_dir(app))
    with open(defconfig, "w") as f:
        f.write("\n".join(lines) + "\n")
    run(make_command(paths, app, libs, ["UK_DEFCONFIG=" + defconfig, "defconfig"]), out=out)
    with open(os.path.join(paths.app_dir(app), ".config")) as f:
        have = set(line.strip() for line in f)
    dropped = [line for line in lines
               if re.match(r"CONFIG_\w+=", line) and line not in have]
    if dropped:
        log("%s/%s: this Unikraft release does not take %s"
            % (paths.group, app.name, ", ".join(dropped)))


def app_libs(paths, app):
    """The libraries APP is built with, in the order of L=, which is the
    order of their include directories: the application's own; in the
    platform group the platform's libraries first (musl before lwIP, whose
    headers build on musl's), after only those the application lists ahead
    of them (the C++ libraries: their headers include_next the C
    library's)."""
    if paths.group != "platform":
        return list(app.libs)
    ahead = list(itertools.takewhile(lambda lib: lib not in PLATFORM_LIBS, app.libs))
    return list(dict.fromkeys(ahead + PLATFORM_LIBS + app.libs))


def build_app(paths, app, sources, out):
    """Builds APP as its make does, linked with the patched ld.lld without a
    layout: the stock image."""
    libs = app_libs(paths, app)
    for lib in libs:
        checkout(lib, paths.src(lib), sources, paths.work)
    tree = checkout(app.repo, paths.src(app.repo), sources, paths.work)
    if not os.path.isdir(paths.app_dir(app)):
        shutil.copytree(os.path.join(tree, app.subdir), paths.app_dir(app), symlinks=True)
    for lib in libs:
        for dest, archive in ORIGINS.get(lib, lambda *a: {})(paths.work, sources, out).items():
            dest = os.path.join(paths.build_dir(app), dest)
            if not os.path.exists(dest):
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy(archive, dest)
    configure(paths, app, libs, out)
    # The build directory may hold a layout image of an earlier run, which
    # make would leave as it is: without it make links stock again.
    remove_image(paths, app)
    run(make_command(paths, app, libs, ["-j%d" % (os.cpu_count() or 1)]
                     + link_variables(paths)), out=out, env=dict(os.environ, **app.make_env))


def save_image(paths, app, image_set):
    image = unikraft_image(paths, app)
    os.makedirs(paths.images(image_set), exist_ok=True)
    shutil.copy(image, paths.image(image_set, app))
    shutil.copy(image + ".dbg", paths.image(image_set, app) + ".dbg")


def relink(paths, app, out, references=False):
    """Links APP again with the group's layout."""
    remove_image(paths, app)
    run(make_command(paths, app, app_libs(paths, app), ["-j%d" % (os.cpu_count() or 1)]
                     + link_variables(paths, paths.layout, references)),
        out=out, env=dict(os.environ, **app.make_env))


def read_config(path):
    values = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"(CONFIG_\w+)=(.*)", line) or re.match(r"# (CONFIG_\w+) is not set", line)
            if m:
                values[m.group(1)] = m.group(2) if m.lastindex == 2 else "n"
    return values


def platform_differences(paths, apps):
    """The configuration options, other than the applications' own and
    those of the libraries they add, that differ between the platform
    group's applications: what keeps the platform from being one."""
    own = re.compile(r"CONFIG_(APP|UK_APP|UK_NAME|UK_DEFNAME|LIBSQLITE|SQLITE|LIBLUA|LIBREDIS"
                     r"|LIBNGINX|LIBWAMR|LIBCXX|LIBCXXABI|LIBUNWIND|LIBCOMPILER_RT)")
    configs = [read_config(os.path.join(paths.app_dir(app), ".config")) for app in apps]
    names = sorted(set().union(*configs))
    return {name: sorted(set(c.get(name, "n") for c in configs)) for name in names
            if not own.match(name) and len(set(c.get(name, "n") for c in configs)) > 1}


def build_group(paths, apps, sources):
    """Every application built and linked stock, the layout planned from the
    build directories, every application relinked with it."""
    checkout("unikraft", paths.src("unikraft"), sources, paths.work)
    os.makedirs(os.path.join(paths.base, "logs"), exist_ok=True)
    for app in apps:
        start = time.monotonic()
        out = paths.log(app)
        if os.path.exists(out):
            os.remove(out)
        build_app(paths, app, sources, out)
        save_image(paths, app, "stock")
        log("%s/%s: built in %.0f s (%s)" % (paths.group, app.name, time.monotonic() - start,
                                              os.path.relpath(out, paths.work)))
    if paths.group == "platform":
        differ = platform_differences(paths, apps)
        if differ:
            log("platform: %d core options differ between the applications (an application "
                "selects them): %s" % (len(differ), ", ".join(
                    "%s %s" % (name, "/".join(values)) for name, values in differ.items())))
        else:
            log("platform: one configuration of the core libraries for every application")
    run([paths.spacer, "plan", "-o", paths.layout] + PLAN_OPTIONS
        + [paths.build_dir(app) for app in apps], out=os.path.join(paths.base, "logs", "plan.log"))
    log("%s: layout planned (%s)" % (paths.group, os.path.relpath(paths.layout, paths.work)))
    for app in apps:
        relink(paths, app, paths.log(app))
        save_image(paths, app, "spacer")
    log("%s: %d applications relinked with the layout" % (paths.group, len(apps)))


# --- boot ---------------------------------------------------------------------

KERNEL_LINE = re.compile(r"^\[\s*\d+\.\d+\] ")  # Unikraft's kernel messages
# A guest's wall clock differs from boot to boot: the dates and times an
# application logs (redis: "19 Apr 2022 02:28:47.053", nginx:
# "2022/04/19 02:28:47") are not its behaviour.
TIMESTAMP = re.compile(r"\b(\d\d? [A-Z][a-z]{2} \d{4}|\d{4}/\d\d/\d\d) \d\d:\d\d:\d\d(\.\d+)?")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def qemu_command(paths, app, image, accel, host_port=None, monitor=None):
    cmd = ["qemu-system-x86_64", "-accel", accel, "-m", app.memory, "-nodefaults",
           "-no-user-config", "-display", "none", "-serial", "stdio", "-no-reboot",
           "-kernel", image]
    params = app.params
    if app.initrd:
        cmd += ["-initrd", initrd(paths, app)]
    elif paths.group == "platform":
        # The platform mounts its root from the initrd (devfs needs a root
        # to put /dev in): an application with no files gets an empty one.
        cmd += ["-initrd", initrd(paths, None)]
        params = (FSTAB + " " + params).strip()
    if app.server:
        cmd += ["-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-:%d" % (host_port, app.server[0]),
                "-device", "virtio-net-pci,netdev=n0"]
        params += " netdev.ip=10.0.2.15/24:10.0.2.2"
    # Unikraft reads kernel parameters up to "--", the program's arguments
    # after it; without parameters, all are the program's.
    line = ("%s -- %s" % (params.strip(), app.argv)) if params.strip() else app.argv
    if line.strip():
        cmd += ["-append", line.strip()]
    if monitor:
        cmd += ["-monitor", "unix:%s,server=on,wait=off" % monitor]
    return cmd


def initrd(paths, app):
    """The application's files as a cpio archive (newc), made once; without
    APP, a root with an empty /tmp."""
    archive = os.path.join(paths.base, "initrd", (app.name if app else "empty") + ".cpio")
    if not os.path.exists(archive):
        os.makedirs(os.path.dirname(archive), exist_ok=True)
        if app:
            root = os.path.join(paths.app_dir(app), app.initrd)
        else:
            root = os.path.join(paths.base, "initrd", "empty")
            os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
        names = subprocess.run(["find", ".", "-mindepth", "1"], cwd=root, check=True,
                               capture_output=True, text=True).stdout
        with open(archive + ".tmp", "wb") as f:
            subprocess.run(["bsdcpio", "-o", "--format", "newc", "--quiet"], cwd=root,
                           input=names.encode(), stdout=f, check=True)
        os.rename(archive + ".tmp", archive)
    return archive


class Boot:
    def __init__(self, image, console, seconds, problem, reply=None):
        # QEMU gives the image's path as the first argument: it is not the
        # application's doing.
        self.console = console.replace("\r", "").replace(image, "IMAGE")
        self.seconds, self.problem, self.reply = seconds, problem, reply

    def app_output(self):
        """What the application printed: the console without the kernel's
        messages (a layout image also reports the gaps between its segments
        as memory it cannot use) and without the boot banner's art."""
        lines = self.console.splitlines()
        for i, line in enumerate(lines):
            if re.search(r"Telesto|Pandora|Helene|Prometheus|Atlas|Calypso", line):
                lines = lines[i + 1:]
                break
        return [TIMESTAMP.sub("TIME", line) for line in lines if not KERNEL_LINE.match(line)]


def ask(port, request, expected, deadline):
    """Sends REQUEST to the guest's server once it accepts connections and
    returns the reply, read until it matches EXPECTED or the server closes."""
    while time.monotonic() < deadline:
        reply = b""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                while not re.search(expected, reply) and len(reply) < 1 << 20:
                    data = s.recv(65536)
                    if not data:
                        break
                    reply += data
        except OSError:
            pass
        if reply:
            return reply
        time.sleep(0.5)
    return None


def boot(paths, app, image, accel):
    """Boots IMAGE: a console application until it exits, a server until it
    answered one request (and a second more, for its console). Returns a
    Boot with what went wrong, if anything."""
    host_port = free_port() if app.server else None
    start = time.monotonic()
    reply = None
    with tempfile.TemporaryFile() as console, tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(qemu_command(paths, app, image, accel, host_port=host_port),
                                stdin=subprocess.PIPE, stdout=console, stderr=errors)
        try:
            if app.stdin:
                proc.stdin.write(app.stdin.encode())
            proc.stdin.close()
            if app.server:
                reply = ask(host_port, app.server[1], app.server[2], start + BOOT_TIMEOUT)
                time.sleep(1)
                proc.terminate()
            proc.wait(timeout=max(1, BOOT_TIMEOUT - (time.monotonic() - start)))
        except subprocess.TimeoutExpired:
            pass
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        seconds = time.monotonic() - start
        console.seek(0)
        errors.seek(0)
        text = console.read().decode(errors="replace")
        qemu_errors = errors.read().decode(errors="replace").strip()
    result = Boot(image, text, seconds, None, reply)
    if app.server:
        if reply is None:
            result.problem = "no reply on port %d within %d s" % (app.server[0], BOOT_TIMEOUT)
        elif not re.search(app.server[2], reply):
            result.problem = "the reply does not match %r" % app.server[2]
    elif proc.returncode != 0 and qemu_errors:
        result.problem = "QEMU: " + qemu_errors.splitlines()[-1]
    elif app.expect and not re.search(app.expect, "\n".join(result.app_output())):
        result.problem = "the console does not show %r" % app.expect
    return result


def choose_accel(paths, apps, requested):
    """KVM when a probe boot of the first stock image works with it, else
    software emulation (a nested KVM can open /dev/kvm and still fail on
    Unikraft's early boot code)."""
    if requested == "auto":
        requested = "tcg"
        if sample.kvm_usable():
            probe = boot(paths, apps[0], paths.image("stock", apps[0]), "kvm")
            if probe.problem is None:
                requested = "kvm"
            else:
                log("KVM is present but a probe boot failed (%s)" % probe.problem)
        else:
            log("/dev/kvm is not usable here")
    log("accelerator: %s" % {"kvm": "KVM", "tcg": "TCG (software emulation)"}[requested])
    return requested


def boot_group(paths, apps, accel):
    """Boots every image of both sets; each spacer image must behave as its
    stock one. Returns the boots and the number of failures."""
    boots, failures = {}, 0
    for app in apps:
        for image_set in SETS:
            b = boot(paths, app, paths.image(image_set, app), accel)
            boots[(app.name, image_set)] = b
            with open(os.path.join(paths.base, "logs", "%s.%s.console" % (app.name, image_set)),
                      "w") as f:
                f.write(b.console)
        stock, spacer = boots[(app.name, "stock")], boots[(app.name, "spacer")]
        problems = ["%s: %s" % (s, b.problem) for s, b in (("stock", stock), ("spacer", spacer))
                    if b.problem]
        if not problems and stock.app_output() != spacer.app_output():
            problems.append("spacer: the application's output differs from stock")
        if problems:
            failures += 1
            log("%s/%s: FAILED: %s (consoles in logs/)" % (paths.group, app.name,
                                                           "; ".join(problems)))
        else:
            log("%s/%s: boots and behaves the same (%s, %.1f s stock, %.1f s spacer)"
                % (paths.group, app.name, accel, stock.seconds, spacer.seconds))
    return boots, failures


# --- memory under KSM ----------------------------------------------------------

# The Spacer authors' protocol: KSM scanning 100 pages every 20 ms, zero
# pages merged like any others, transparent huge pages off; the guests run
# 30 s (and until KSM has settled) before their memory is read.
KSM_PROTOCOL = {"pages_to_scan": 100, "sleep_millisecs": 20, "max_page_sharing": 256,
                "smart_scan": 0}
KSM_SAVED = ("run", "pages_to_scan", "sleep_millisecs", "max_page_sharing", "smart_scan",
             "use_zero_pages")
KSM_WAIT = 30


def pss_kib(pid):
    """The QEMU process's proportional set size, from smaps_rollup."""
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


class Guests:
    """Guests started at once and always stopped by pid. A console
    application's guest stays in memory after the application ends (QEMU's
    -no-shutdown); a server's keeps serving."""

    def __init__(self, paths, accel):
        self.paths, self.accel = paths, accel
        self.procs = []
        self.loaded = []  # (image, monitor socket) of each guest
        self.tmp = tempfile.TemporaryDirectory(prefix="spacer-uk-ksm-")

    def start(self, app, image):
        console = os.path.join(self.tmp.name, "%d.console" % len(self.procs))
        monitor = os.path.join(self.tmp.name, "%d.monitor" % len(self.procs))
        port = free_port() if app.server else None
        cmd = qemu_command(self.paths, app, image, self.accel, host_port=port, monitor=monitor)
        cmd.insert(1, "-no-shutdown")
        with open(console, "w") as out:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out,
                                    stderr=subprocess.STDOUT, preexec_fn=ksm.die_with_parent)
        if app.stdin:
            proc.stdin.write(app.stdin.encode())
        proc.stdin.close()
        self.procs.append((proc, app, console, port))
        self.loaded.append((image, monitor))

    def contents(self):
        """What the guests' RAM holds, page by page (from QEMU's monitor, so
        call it after reading PSS: the dump makes the host allocate every
        page it reads): distinct non-zero page contents over all guests,
        split into pages the loader put there from an image and left as
        they are, and pages the guests wrote (data changed at run time,
        heap, stacks, page tables, files unpacked from the initrd). Of the
        written, those at a guest address inside the image's span but in
        none of its segments: what the guest wrote into the holes a layout
        leaves between its slots."""
        loaded, written, in_holes = set(), set(), set()
        for (proc, app, _, _), (image, monitor) in zip(self.procs, self.loaded):
            from_image = loaded_pages(image + ".dbg")
            holes = hole_pages(image + ".dbg")
            dump = os.path.join(self.tmp.name, "memory")
            ksm.hmp(monitor, 'pmemsave 0 %d "%s"' % (ksm.size_bytes(app.memory), dump))
            for address, digest in page_digests(dump, skip_zero=True):
                if digest in from_image:
                    loaded.add(digest)
                else:
                    written.add(digest)
                    if address // PAGE in holes:
                        in_holes.add(digest)
            os.unlink(dump)
        return {"loaded_pages": len(loaded), "written_pages": len(written - loaded),
                "written_in_holes": len(in_holes - loaded)}

    def wait_until_ready(self, timeout):
        """Each console application has printed what it should, each server
        answered a request."""
        deadline = time.monotonic() + timeout
        for proc, app, console, port in self.procs:
            while True:
                if proc.poll() is not None:
                    raise FleetError("a guest of %s stopped (QEMU exit %d)"
                                     % (app.name, proc.returncode))
                if app.server:
                    if ask(port, app.server[1], app.server[2], min(deadline, time.monotonic() + 2)):
                        break
                else:
                    with open(console, errors="replace") as f:
                        if re.search(app.expect, f.read()):
                            break
                if time.monotonic() > deadline:
                    raise FleetError("a guest of %s was not ready within %d s"
                                     % (app.name, timeout))
                time.sleep(0.2)

    def pss_kib(self):
        """(whole QEMU processes, guest RAM only): guest RAM is the mappings
        QEMU marks mergeable."""
        total = guest = 0
        for proc, _, _, _ in self.procs:
            total += pss_kib(proc.pid)
            guest += ksm.memory_kib(proc.pid)[1]
        return total, guest

    def stop(self):
        for proc, _, _, _ in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc, _, _, _ in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.procs = []
        self.tmp.cleanup()


PAGE = 4096


def page_digests(path, skip_zero=False):
    """(offset, digest) of each 4 KiB page of the file PATH (the last one
    padded with zeros), all-zero pages left out with SKIP_ZERO."""
    with open(path, "rb") as f:
        offset = 0
        while True:
            page = f.read(PAGE)
            if not page:
                return
            if not (skip_zero and page.count(0) == len(page)):
                yield offset, hashlib.blake2b(page.ljust(PAGE, b"\0"), digest_size=16).digest()
            offset += len(page)


@functools.lru_cache(maxsize=None)
def loaded_pages(elf):
    """The contents of the pages a loader fills from ELF (its allocated
    sections laid out flat from the lowest address, as llvm-objcopy writes
    them), as digests; read once per image and run."""
    with tempfile.NamedTemporaryFile() as flat:
        run(["llvm-objcopy-19", "-O", "binary", elf, flat.name])
        return frozenset(digest for _, digest in page_digests(flat.name))


@functools.lru_cache(maxsize=None)
def hole_pages(elf):
    """The page numbers of the physical addresses between ELF's lowest and
    highest load segment that no load segment covers."""
    headers = json.loads(subprocess.run(
        ["llvm-readobj-19", "--program-headers", "--elf-output-style=JSON", elf],
        check=True, stdout=subprocess.PIPE).stdout)[0]["ProgramHeaders"]
    covered = set()
    for header in (h["ProgramHeader"] for h in headers):
        if header["Type"]["Name"] == "PT_LOAD" and header["MemSize"]:
            start, end = header["PhysicalAddress"], header["PhysicalAddress"] + header["MemSize"]
            covered.update(range(start // PAGE, (end + PAGE - 1) // PAGE))
    if not covered:
        return frozenset()
    return frozenset(set(range(min(covered), max(covered) + 1)) - covered)


def ksm_settled(previous):
    """KSM has settled when what it merged stayed as it was over a full
    scan, within 1% or 16 pages (running guests keep changing a few of
    their pages): the pages shared and sharing, and with use_zero_pages the
    pages it mapped to the zero page, which the other two do not count. The first
    scan to end may have started anywhere in KSM's list, so counting begins
    where it ends. PREVIOUS is what the last call returned (None at first).
    Returns (settled, what to pass next time)."""
    now = tuple(ksm.ksm_counter(name) if os.path.exists(os.path.join(ksm.KSM, name)) else 0
                for name in ("full_scans", "pages_shared", "pages_sharing", "ksm_zero_pages"))
    if previous is None:
        return False, (now[0], None)  # the scan under way, no counters yet
    if now[0] == previous[0]:
        return False, previous
    steady = previous[1] is not None and all(
        abs(a - b) <= max(16, b // 100) for a, b in zip(now[1:], previous[1]))
    return steady, (now[0], now[1:])


def measure_memory(paths, apps, image_set, copies, zero_pages, accel):
    """Starts COPIES guests of each image of IMAGE_SET, runs KSM by the
    protocol and returns what the guests hold."""
    ksm.unmerge_all()
    for name, value in KSM_PROTOCOL.items():
        if os.path.exists(os.path.join(ksm.KSM, name)):
            ksm.ksm_write(name, value)
    ksm.ksm_write("use_zero_pages", 1 if zero_pages else 0)
    guests = Guests(paths, accel)
    try:
        for _ in range(copies):
            for app in apps:
                guests.start(app, paths.image(image_set, app))
        guests.wait_until_ready(BOOT_TIMEOUT)
        before = guests.pss_kib()
        ksm.ksm_write("run", 1)
        start = time.monotonic()
        settled_after, counters = None, None
        while True:
            time.sleep(1)
            settled, counters = ksm_settled(counters)
            if settled and settled_after is None:
                settled_after = time.monotonic() - start
            elif not settled:
                settled_after = None
            elapsed = time.monotonic() - start
            if elapsed >= KSM_WAIT and settled_after is not None:
                break
            if elapsed > BOOT_TIMEOUT * 4:
                raise FleetError("KSM did not settle within %d s" % elapsed)
        after = guests.pss_kib()
        figures = {"guests": len(guests.procs), "pss_kib_before": before[0],
                   "guest_pss_kib_before": before[1], "pss_kib": after[0],
                   "guest_pss_kib": after[1], "settle_seconds": round(settled_after, 1)}
        for name in ("pages_shared", "pages_sharing", "general_profit", "ksm_zero_pages"):
            if os.path.exists(os.path.join(ksm.KSM, name)):
                figures[name] = ksm.ksm_counter(name)
        ksm.ksm_write("run", 0)  # the dump below is no longer KSM's business
        figures.update(guests.contents())
        return figures
    finally:
        guests.stop()
        ksm.unmerge_all()


def memory_report(paths, apps, copies, accel):
    """Both sets, one guest each and COPIES each, use_zero_pages off and on;
    every KSM and THP setting restored afterwards."""
    saved = {name: ksm.ksm_read(name) for name in KSM_SAVED
             if os.path.exists(os.path.join(ksm.KSM, name))}
    saved_thp = None
    try:
        with open(ksm.THP) as f:
            saved_thp = re.search(r"\[(\w+)\]", f.read()).group(1)
        with open(ksm.THP, "w") as f:
            f.write("never")
        results = []
        for zero_pages in (0, 1):
            for k in sorted({1, copies}):
                row = {"use_zero_pages": zero_pages, "copies": k}
                for image_set in SETS:
                    row[image_set] = measure_memory(paths, apps, image_set, k, zero_pages, accel)
                    log("%s: %s, %d guest(s) per image, use_zero_pages=%d: guest PSS %.1f MiB, "
                        "QEMU PSS %.1f MiB, settled after %.0f s; distinct non-zero guest pages: "
                        "%d as loaded from the images, %d written (%d into the images' holes)"
                        % (paths.group, image_set, k, zero_pages,
                           row[image_set]["guest_pss_kib"] / 1024.0,
                           row[image_set]["pss_kib"] / 1024.0,
                           row[image_set]["settle_seconds"], row[image_set]["loaded_pages"],
                           row[image_set]["written_pages"], row[image_set]["written_in_holes"]))
                results.append(row)
    finally:
        ksm.ksm_write("run", 0)
        for name, value in saved.items():
            try:
                ksm.ksm_write(name, value)
            except OSError as e:
                log("warning: could not restore KSM %s: %s" % (name, e))
        if saved_thp:
            with open(ksm.THP, "w") as f:
                f.write(saved_thp)
    print()
    print("%s group: memory after KSM (sum over the guests; %s)" % (paths.group, accel))
    print("  %-22s %10s %10s %7s %10s %10s %7s" % ("", "guest RAM", "", "", "all QEMU", "", ""))
    print("  %-22s %10s %10s %7s %10s %10s %7s" % ("guests, zero pages", "stock MiB",
                                                  "spacer MiB", "ratio", "stock MiB",
                                                  "spacer MiB", "ratio"))
    for row in results:
        st, sp = row["stock"], row["spacer"]
        print("  %-22s %10.1f %10.1f %6.2fx %10.1f %10.1f %6.2fx"
              % ("%d x %d, use_zero=%d" % (row["copies"], len(apps), row["use_zero_pages"]),
                 st["guest_pss_kib"] / 1024.0, sp["guest_pss_kib"] / 1024.0,
                 st["guest_pss_kib"] / max(1, sp["guest_pss_kib"]),
                 st["pss_kib"] / 1024.0, sp["pss_kib"] / 1024.0,
                 st["pss_kib"] / max(1, sp["pss_kib"])))
    print("  distinct non-zero guest pages over all guests (from their RAM, after the run):")
    print("  %-22s %10s %10s %7s %10s %10s %10s" % ("guests, zero pages", "loaded", "", "",
                                                    "written", "", "of which"))
    print("  %-22s %10s %10s %7s %10s %10s %10s" % ("", "stock", "spacer", "ratio", "stock",
                                                    "spacer", "in holes"))
    for row in results:
        st, sp = row["stock"], row["spacer"]
        print("  %-22s %10d %10d %6.2fx %10d %10d %10d"
              % ("%d x %d, use_zero=%d" % (row["copies"], len(apps), row["use_zero_pages"]),
                 st["loaded_pages"], sp["loaded_pages"],
                 st["loaded_pages"] / max(1, sp["loaded_pages"]),
                 st["written_pages"], sp["written_pages"], sp["written_in_holes"]))
    return results


# --- report -------------------------------------------------------------------

def share(paths, apps, image_set):
    cmd = [paths.spacer, "share", "--json"]
    if image_set == "spacer":
        cmd.append("--layout=" + paths.layout)
    cmd += [paths.image(image_set, app) + ".dbg" for app in apps]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def static_report(paths, apps):
    """spacer check on the layout images, page sharing of both sets and the
    images' file sizes. Returns the figures."""
    check = subprocess.run([paths.spacer, "check", "--layout=" + paths.layout]
                           + [paths.image("spacer", app) + ".dbg" for app in apps],
                           capture_output=True, text=True)
    if check.returncode != 0:
        log("%s: spacer check FAILED:\n%s%s" % (paths.group, check.stdout, check.stderr))
    stock, spacer = share(paths, apps, "stock"), share(paths, apps, "spacer")
    files = {s: sum(os.path.getsize(paths.image(s, app)) for app in apps) for s in SETS}
    figures = {
        "applications": [app.name for app in apps],
        "check_ok": check.returncode == 0,
        "stock_physical_pages": stock["distinct_pages"],
        "spacer_physical_pages": spacer["distinct_pages"],
        "ideal_physical_pages": spacer["ideal_pages"],
        "of_ideal_percent": round(100.0 * spacer["ideal_pages"] / spacer["distinct_pages"], 1),
        "over_ideal": {lib["name"]: lib["excess_pages"] for lib in spacer["libraries"]
                       if lib["excess_pages"]},
        "file_bytes": files,
    }
    print()
    print("%s group, %d applications (spacer share, 4 KiB pages, .dbg images)"
          % (paths.group, len(apps)))
    print("  %-28s %10s %10s" % ("", "stock", "spacer"))
    print("  %-28s %10d %10d" % ("physical pages, merged", figures["stock_physical_pages"],
                                 figures["spacer_physical_pages"]))
    print("  %-28s %10s %10d" % ("ideal bound (pages)", "", figures["ideal_physical_pages"]))
    print("  %-28s %10d %10d  (%.3fx)" % ("image file bytes", files["stock"], files["spacer"],
                                          files["spacer"] / files["stock"]))
    print("  stock / spacer physical pages: %.2fx; the layout reaches %.1f%% of the ideal bound"
          % (figures["stock_physical_pages"] / figures["spacer_physical_pages"],
             figures["of_ideal_percent"]))
    if figures["over_ideal"]:
        print("  over their ideal: %s (spacer share --explain names why)"
              % ", ".join("%s %d" % kv for kv in sorted(figures["over_ideal"].items())))
    return figures


def explain(paths, apps, over_ideal):
    """Why each library over its ideal differs between the images that hold
    one build of it: every application linked once more with the layout
    and the record of its references (a larger file, so kept apart in the
    'explain' set), then spacer share --explain on those. Prints each
    library's differing pages and the causes that move its references;
    the whole explanation goes to the group's logs."""
    for app in apps:
        relink(paths, app, paths.log(app), references=True)
        save_image(paths, app, "explain")
    images = [paths.image("explain", app) + ".dbg" for app in apps]
    text = os.path.join(paths.base, "logs", "explain.txt")
    with open(text, "w") as f:
        subprocess.run([paths.spacer, "share", "--explain"] + images, check=True, stdout=f)
    found = json.loads(subprocess.run([paths.spacer, "share", "--explain", "--json"] + images,
                                      check=True, capture_output=True, text=True).stdout)
    figures = {}
    print()
    print("%s group: why libraries miss their ideal (spacer share --explain; all of it in %s)"
          % (paths.group, os.path.relpath(text, paths.work)))
    for lib in found["libraries"]:
        if lib["name"] not in over_ideal:
            continue
        differing = sum(g["differing_pages"] for g in lib["groups"])
        pages = sum(g["pages"] for g in lib["groups"])
        causes = {}
        for group in lib["groups"]:
            for moved in group["moved"]:
                cause = moved["cause"] + (" (%s)" % moved["detail"] if moved["detail"] else "")
                causes.setdefault(cause, set()).add(moved["symbol"])
            if group["unexplained"]:
                causes.setdefault("unexplained", set()).update(
                    "%s+%s" % (u["kind"], u["offset"]) for u in group["unexplained"])
        figures[lib["name"]] = {"differing_pages": differing, "pages": pages,
                                "causes": {c: sorted(v) for c, v in causes.items()}}
        print("  %s (%d over the ideal): %d of %d pages differ" % (
            lib["name"], over_ideal[lib["name"]], differing, pages))
        for cause, symbols in sorted(causes.items()):
            names = sorted(symbols)
            print("    %s: %s%s" % (cause, ", ".join(names[:4]),
                                    " and %d more" % (len(names) - 4) if len(names) > 4 else ""))
    return figures


# --- main ---------------------------------------------------------------------

def select_apps(names):
    if not names:
        return APPS
    known = {app.name: app for app in APPS}
    unknown = [n for n in names.split(",") if n not in known]
    if unknown:
        raise FleetError("unknown application(s) %s; the fleet has %s"
                         % (", ".join(unknown), ", ".join(known)))
    return [known[n] for n in names.split(",")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stages", nargs="*", metavar="stage", default="all",
                        choices=["all", "build", "boot", "report", "explain", "memory"],
                        help="all (default), or some of build, boot, report, explain, memory")
    parser.add_argument("--sources", help="a directory of git repositories to read the pinned "
                        "commits from, instead of cloning them from GitHub")
    parser.add_argument("--work", default="/tmp/spacer-unikraft",
                        help="scratch directory (default /tmp/spacer-unikraft)")
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"),
                        help="directory of the patched ld.lld and spacer (default build/bin)")
    parser.add_argument("--group", default="all", choices=["platform", "mixed", "all"])
    parser.add_argument("--apps", help="only these applications (comma-separated)")
    parser.add_argument("--accel", default="auto", choices=["auto", "kvm", "tcg"])
    parser.add_argument("--copies", type=int, default=3,
                        help="guests per image in the memory run's second round (default 3)")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the memory run under KSM (it needs root)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    # Stopped from outside, the run still restores KSM and THP and stops
    # its guests (the finally blocks run on SystemExit).
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, lambda n, frame: sys.exit(128 + n))
    try:
        apps = select_apps(args.apps)
        work, bin_dir = os.path.abspath(args.work), os.path.abspath(args.bin)
        sources = os.path.abspath(args.sources) if args.sources else None
        for tool in ("ld.lld", "spacer"):
            if not os.access(os.path.join(bin_dir, tool), os.X_OK):
                raise FleetError("%s/%s is missing: build spacer first (scripts/build.sh)"
                                 % (bin_dir, tool))
        groups = ("platform", "mixed") if args.group == "all" else (args.group,)
        stages = {args.stages} if isinstance(args.stages, str) else set(args.stages)
        if "all" in stages:
            stages = {"build", "boot", "report", "explain", "memory"}
        accel, status, figures = None, 0, {}
        for group in groups:
            paths = Paths(work, bin_dir, group)
            members = [app for app in apps if group == "platform" or app.defconfig]
            if "build" in stages:
                build_group(paths, members, sources)
            if "boot" in stages:
                accel = accel or choose_accel(paths, members, args.accel)
                _, failures = boot_group(paths, members, accel)
                status = max(status, 1 if failures else 0)
            if "report" in stages:
                figures[group] = static_report(paths, members)
            if "explain" in stages:
                if group not in figures:
                    figures[group] = static_report(paths, members)
                if figures[group]["over_ideal"]:
                    figures[group]["explain"] = explain(paths, members,
                                                        figures[group]["over_ideal"])
            if "memory" in stages and not args.no_memory:
                if not os.access(os.path.join(ksm.KSM, "run"), os.W_OK):
                    log("memory run skipped: %s is missing or not writable (KSM needs root)"
                        % ksm.KSM)
                else:
                    accel = accel or choose_accel(paths, members, args.accel)
                    figures.setdefault(group, {})["memory"] = memory_report(
                        paths, members, args.copies, accel)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(figures, f, indent=2)
        return status
    except (FleetError, OSError, ValueError, subprocess.CalledProcessError) as e:
        print("unikraft-fleet: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
