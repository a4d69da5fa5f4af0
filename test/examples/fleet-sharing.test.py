# Helper of fleet-sharing.test.
#   PYTHONPATH=SOURCE_ROOT fleet-sharing.test.py slots SPACER_BIN FLEET_DIR WORK
# compares the memory of every library slot of the layout across the fleet's
# spacer images, byte for byte (as spacer-memdump reads it), and counts the
# bytes that are not gap fill. Images are grouped by the library's
# configuration and by the configurations of the libraries it calls that
# have several: their functions' addresses are in its code.
#   fleet-sharing.test.py pages STOCK.json SPACER.json
# compares the distinct pages of two `spacer share --json` reports.
import json
import os
import subprocess
import sys

if sys.argv[1] == "pages":
    stock, spacer = (json.load(open(p))["distinct_pages"] for p in sys.argv[2:4])
    print("distinct pages: stock %d, spacer %d; spacer needs fewer: %s"
          % (stock, spacer, "yes" if spacer < stock else "no"))
    sys.exit(0)

bin_dir, fleet_dir, work = sys.argv[2:5]
from examples.fleet import fleet  # noqa: E402  (its reading of fleet.conf)

conf = fleet.Fleet(os.path.join(fleet_dir, "fleet.conf"))
layout = json.load(open(os.path.join(work, "layout.json")))


def symbols(obj, which):
    out = subprocess.run([os.path.join(fleet.LLVM_BIN, "llvm-nm"), which, "-j", obj],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return set(out.split())


def varying_dependencies(lib):
    """The libraries with several configurations that LIB refers to."""
    paths = fleet.Paths(work, bin_dir)
    needs = set()
    for config, _ in conf.variants[lib]:
        obj = paths.library(lib, config)
        if os.path.exists(obj):
            needs |= symbols(obj, "--undefined-only")
    deps = []
    for other in conf.libraries:
        if other == lib or len(conf.variants[other]) < 2:
            continue
        defined = set()
        for config, _ in conf.variants[other]:
            obj = paths.library(other, config)
            if os.path.exists(obj):
                defined |= symbols(obj, "--defined-only")
        if needs & defined:
            deps.append(other)
    return deps


def memory(image, start, size):
    # As the guest holds it: what no segment maps is zero, as in a joined
    # run's gap, where the image stores zeros.
    return subprocess.run([os.path.join(bin_dir, "spacer-memdump"), "--guest", image,
                           str(start), str(start + size)],
                          check=True, stdout=subprocess.PIPE, text=True).stdout


def content_bytes(dump, kind):
    # Gaps in code are filled with int3 (0xcc), elsewhere with zeros.
    fill = {"cc", "00"} if kind == "text" else {"00"}
    return sum(1 for line in dump.splitlines()
               for byte in line.split(":", 1)[1].split() if byte not in fill)


for lib in layout["libraries"]:
    deps = varying_dependencies(lib["name"])
    users = {}  # configuration (and those of DEPS) -> apps
    for app in conf.apps:
        uses = dict(conf.uses(app))
        if lib["name"] in uses:
            key = uses[lib["name"]] + "".join(
                " (%s=%s)" % (d, uses[d]) for d in deps if d in uses)
            users.setdefault(key, []).append(app)
    for kind, slot in sorted(lib["slots"].items()):
        start, size = int(slot["address"], 16), int(slot["size"], 16)
        contents = {}
        for config, apps in sorted(users.items()):
            dumps = {memory(os.path.join(work, "images", "spacer", app), start, size)
                     for app in apps}
            same = "identical" if len(dumps) == 1 else "DIFFERENT"
            contents[config] = dumps
            print("%s %s %s: %s in %d images, %d content bytes"
                  % (lib["name"], kind, config, same, len(apps),
                     max(content_bytes(d, kind) for d in dumps)))
        if len(users) > 1:
            distinct = set().union(*contents.values())
            print("%s %s: %d contents for %d groups"
                  % (lib["name"], kind, len(distinct), len(users)))
