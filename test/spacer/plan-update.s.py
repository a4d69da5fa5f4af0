# Helper of plan-update.s: the text slot address of every library in two
# manifests, side by side ("-" where a manifest has none).
import json
import sys

def text_slots(path):
    m = json.load(open(path))
    return {lib["name"]: lib["slots"].get("text", {}).get("address", "-")
            for lib in m["libraries"]}

old, new = text_slots(sys.argv[1]), text_slots(sys.argv[2])
for name in sorted(set(old) | set(new)):
    print(name, "text", old.get(name, "-"), new.get(name, "-"))
