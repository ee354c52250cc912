#!/usr/bin/env python3
"""Write src/read/t2s_keys.txt: the characters that can make OpenCC's traditional→simplified
conversion change a text — every key of TSCharacters, and the characters of each TSPhrases
entry that changes its text without containing such a key (沈默 → 沉默) — one line, sorted by
code point. Conversion matches dictionary keys, so a text with none of them converts to itself
and the tool skips converting it.

Usage: python3 scripts/t2s_keys.py PATH/TO/ferrous-opencc-VERSION/assets/dictionaries
(run again when the ferrous-opencc version in Cargo.lock changes).
"""
import sys
from pathlib import Path

def entries(name):
    for line in (Path(sys.argv[1]) / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, values = line.split("\t")
            yield key, values.split(" ")


chars = {key for key, _ in entries("TSCharacters.txt")}
for key, values in entries("TSPhrases.txt"):
    if values[0] != key and not any(c in chars for c in key):
        chars.update(key)
out = Path(__file__).resolve().parent.parent / "src" / "read" / "t2s_keys.txt"
out.write_text("".join(sorted(chars)) + "\n", encoding="utf-8")
print(f"{len(chars)} characters -> {out}")
