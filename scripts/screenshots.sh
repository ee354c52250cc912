#!/usr/bin/env bash
# Remake the README's screenshots of report.html and district.xlsx from the bundled data.
# Needs Debian's chromium (the page), libreoffice-calc-nogui and poppler-utils (the workbook),
# fonts-wqy-zenhei (Chinese text). Not needed by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet -- run data/reports --roster data/roster.csv --previous data/previous \
  --published data/published/临江区2025年政府信息公开工作年度报告.html --out "$out/run" -q --fail-on never
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$out/profile" --hide-scrollbars --window-size=1100,1500 \
  --screenshot=scripts/screenshots/report.png "file://$out/run/report.html" 2>/dev/null
soffice --headless --convert-to pdf --outdir "$out" "$out/run/district.xlsx" >/dev/null 2>&1
# The second page is the top node's table 三.
pdftoppm -r 90 -png -f 2 -l 2 "$out/district.pdf" "$out/sheet"
cp "$out"/sheet-*2.png scripts/screenshots/district-xlsx.png
ls -la scripts/screenshots
