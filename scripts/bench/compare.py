#!/usr/bin/env python3
"""The comparator: what a clerk's IT helper would write — BeautifulSoup with lxml reads every
web page's tables and sums the numbers of tables 二, 三 and 四 cell by cell.

Usage: python3 scripts/bench/compare.py FILE...   (prints reports read and CPU seconds)
"""

import re
import sys
import time

from bs4 import BeautifulSoup

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MARKS = {"t2": "第二十条", "t3": "本年新收", "t4": "行政复议"}


def tables(path):
    raw = open(path, "rb").read()
    soup = BeautifulSoup(raw, "lxml")
    found = {}
    for table in soup.find_all("table"):
        text = table.get_text()
        for name, mark in MARKS.items():
            if mark in text and name not in found:
                found[name] = table
                break
    return found


def main():
    start = time.process_time()
    totals = {}
    n = 0
    for path in sys.argv[1:]:
        n += 1
        for name, table in tables(path).items():
            for r, tr in enumerate(table.find_all("tr")):
                for c, td in enumerate(tr.find_all(["td", "th"])):
                    t = td.get_text().strip()
                    if NUMBER.match(t):
                        key = (name, r, c)
                        totals[key] = totals.get(key, 0) + float(t)
    cpu = time.process_time() - start
    print(f"{n} reports, {cpu:.3f} s CPU, {1000 * cpu / max(n, 1):.2f} ms CPU per report")


if __name__ == "__main__":
    main()
