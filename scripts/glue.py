"""Write a real report as a crawler's text dump with table 三's cells glued together: each row of
table 三 as its label followed by its seven numbers with nothing between (`…申请数量15130000154`),
every other row as tab-separated text. Reads `gid-rollup show --rows PAGE` (run from the project
root) and writes the text to standard output.

    python3 scripts/glue.py tests/data/real/pingtan-2023/hzs_xingzhengshenpi.html > out.txt
"""

import re
import subprocess
import sys

page = sys.argv[1]
rows = subprocess.run(
    ["cargo", "run", "-q", "--", "show", "--rows", page],
    check=True, capture_output=True, text=True,
).stdout.splitlines()[1:]
out = []
for line in rows:
    place, _, cells = line.partition("\t")
    cells = [c.replace("⏎", "") for c in cells.split(" | ")]
    numbers = [c for c in cells if re.fullmatch(r"\d+", c)]
    labels = [c for c in cells if not re.fullmatch(r"\d+", c)]
    if place.startswith("table") and len(numbers) == 7 and labels:
        # The last label (a sub-row's own, e.g. 1.属于国家秘密) glued to the numbers; any group
        # label before it on a line of its own.
        out.extend(labels[:-1])
        out.append(labels[-1] + "".join(numbers))
    else:
        out.append("\t".join(cells))
print("\n".join(out))
