#!/usr/bin/env bash
# Time a roll-up of many reports: the bundled district (text, HTML, Word, PDF), the 平潭 pages
# and the 洪泽区 PDF copied N times (default 30, about 1350 files). Speed targets live here, not in the tests.
#   scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$n"); do
  mkdir -p "$work/in/$i"
  cp data/reports/* "$work/in/$i/"
  if [ -d tests/data/real/pingtan-2023 ]; then cp tests/data/real/pingtan-2023/* "$work/in/$i/"; fi
  if [ -f tests/data/real/hongze-district-2024.pdf ]; then cp tests/data/real/hongze-district-2024.pdf "$work/in/$i/"; fi
done
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/gid-rollup"
files=$(find "$work/in" -type f | wc -l)
echo "reports: $files"
for jobs in 1 2; do
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 5 -i "$bin run $work/in --out $work/out -q --jobs $jobs"
  else
    # exit 1 means findings (the sample data has them on purpose), not a failure
    /usr/bin/time -f "jobs $jobs: %e s wall, %M KiB max RSS" "$bin" run "$work/in" --out "$work/out" -q --jobs "$jobs" --fail-on never
  fi
done
