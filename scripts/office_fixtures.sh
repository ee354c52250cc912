#!/usr/bin/env bash
# Make the fixtures of other programs' files from the real saved pages (tests/data/real/pingtan-2023):
# Word 97 `.doc` (tests/data/doc/) and workbooks `.xlsx`, `.xls` (tests/data/workbook/), as
# LibreOffice writes them. Needs Debian's libreoffice-writer and libreoffice-calc; the files are
# committed, so the tests never need LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=tests/data/real/pingtan-2023
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p tests/data/doc tests/data/workbook
soffice --headless --convert-to 'doc:MS Word 97' "$pages"/*.html --outdir "$tmp/doc" >/dev/null
for f in "$tmp"/doc/*.doc; do cp "$f" "tests/data/doc/libreoffice_$(basename "$f")"; done
soffice --headless --convert-to 'doc:MS Word 97' tests/data/real/blank-template-2021.docx --outdir "$tmp/blank" >/dev/null
cp "$tmp/blank/blank-template-2021.doc" tests/data/doc/blank-template-2021.doc
soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx "$pages"/*.html --outdir "$tmp/xlsx" >/dev/null
soffice --headless --infilter="HTML (StarCalc)" --convert-to 'xls:MS Excel 97' "$pages"/*.html --outdir "$tmp/xls" >/dev/null
soffice --headless --infilter="HTML (StarCalc)" --convert-to ods "$pages"/hzs_xingzhengshenpi.html --outdir "$tmp/ods" >/dev/null
for f in "$tmp"/xlsx/*.xlsx "$tmp"/xls/*.xls "$tmp"/ods/*.ods; do cp "$f" "tests/data/workbook/libreoffice_$(basename "$f")"; done
