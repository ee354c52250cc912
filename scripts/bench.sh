#!/usr/bin/env bash
# The benchmark: generated districts of N distinct reports with known totals (scripts/bench/gen.py:
# CMS and Word-exported web pages with site chrome, text, Word .docx, PDF; some traditional
# script, GBK and 2019-template forms), rolled up cold and again with the cache; compared with
# `cat` of the same files and with a Python + BeautifulSoup/lxml script reading the same tables.
# Prints reports/s, MB/s, CPU per report, peak RSS and the ratios; checks the district totals
# against the generator's. Speed targets live here, not in the tests.
#
#   scripts/bench.sh [N...]            default: 2400 24000
#   BENCH_DIR=/big/disk scripts/bench.sh 2400 24000 200000
#
# 200000 is made of the 24000-report set linked 9 times (hard links: same content, so the run
# also meets many duplicate reports).
# Needs: python3 (and lxml + beautifulsoup4 for the comparator: pip install lxml beautifulsoup4),
# /usr/bin/time. hyperfine is used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2400 24000)
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/gid-rollup-bench}"
mkdir -p "$dir"
cargo build --release --quiet
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/gid-rollup"

generate() { # N
  local n="$1" set="$dir/$1"
  if [ -f "$set/expected.json" ]; then return; fi
  if [ "$n" -gt 24000 ]; then
    generate 24000
    mkdir -p "$set/reports"
    local copies=$(( (n + 23999) / 24000 ))
    for i in $(seq 1 "$copies"); do cp -al "$dir/24000/reports" "$set/reports/copy$i"; done
    python3 - "$dir/24000/expected.json" "$set/expected.json" "$copies" <<'PY'
import json, sys
e = json.load(open(sys.argv[1])); k = int(sys.argv[3])
e["reports"] *= k; e["bytes"] *= k; e["linked_copies"] = k
json.dump(e, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
  else
    python3 scripts/bench/gen.py "$n" "$set"
  fi
}

seconds() { # "shell command" → wall seconds (median of 3 when hyperfine is there)
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 3 -i --export-json "$dir/h.json" "$1" >/dev/null 2>&1 || true
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$dir/h.json"
  else
    /usr/bin/time -f "%e" sh -c "$1" 2>&1 >/dev/null | tail -1
  fi
}

printf "%-8s %9s %8s %9s %10s %9s %8s %8s %9s %10s\n" reports MB cat_s run_s reports/s MB/s ms_cpu peak_MB vs_cat warm_run_s
for n in "${sizes[@]}"; do
  generate "$n"
  set="$dir/$n"
  files="$set/files.txt"
  find "$set/reports" -type f > "$files"
  mb=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["bytes"]/1e6))' "$set/expected.json")
  cat_s=$(seconds "xargs cat < $files > /dev/null")
  rm -rf "$set/out" "$set/out.cache"
  # Cold: no cache.
  /usr/bin/time -f "%e %U %S %M" -o "$set/time.txt" "$bin" run "$set/reports" --out "$set/out" -q --fail-on never --no-cache
  read -r wall user sys rss < "$set/time.txt"
  # Warm: the cache filled by one run, then a run over the unchanged folder.
  "$bin" run "$set/reports" --out "$set/out" -q --fail-on never >/dev/null
  warm=$(seconds "$bin run $set/reports --out $set/out -q --fail-on never")
  python3 - "$set/expected.json" "$set/out/district.csv" <<'PY'
import csv, json, sys
e = json.load(open(sys.argv[1])); row = next(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
bad = [k for k, v in e["totals"].items() if (v or "") != row.get(k, "")]
if bad:
    print(f"  TOTALS DIFFER from the generator's in {len(bad)} cells, e.g. {bad[:3]}"); sys.exit(1)
PY
  python3 - "$n" "$mb" "$cat_s" "$wall" "$user" "$sys" "$rss" "$warm" <<'PY'
import sys
n, mb, cat, wall, user, sys_, rss, warm = sys.argv[1:]
n, mb, cat, wall, cpu, rss, warm = int(n), float(mb), float(cat), float(wall), float(user) + float(sys_), int(rss), float(warm)
print(f"{n:<8} {mb:9.0f} {cat:8.2f} {wall:9.2f} {n / wall:10.0f} {mb / wall:9.1f} {1000 * cpu / n:8.2f} {rss / 1024:8.0f} {cat / wall:9.2f}x {warm:10.2f}")
PY
done
# The comparator, on 240 of the web pages of the first set.
if python3 -c "import bs4, lxml" 2>/dev/null; then
  first="$dir/${sizes[0]}"
  sample=$(grep '\.html$' "$first/files.txt" | head -240 || true)
  echo "comparator (Python + BeautifulSoup/lxml, the same pages):"
  # shellcheck disable=SC2086
  python3 scripts/bench/compare.py $sample
  /usr/bin/time -f "%U %S" -o "$dir/check.txt" "$bin" check $sample --fail-on never -j 1 >/dev/null
  python3 -c 'import sys; u,s=open(sys.argv[1]).read().split(); print("gid-rollup check, one core: %.2f ms CPU per report" % (1000*(float(u)+float(s))/240))' "$dir/check.txt"
else
  echo "comparator skipped: pip install lxml beautifulsoup4"
fi
