#!/usr/bin/env python3
"""Print real report pages as PDFs in many layouts, as units print them: headless Chromium with
its running header and footer on (date, title, file address, page count), on A4, Letter and A4
landscape paper and at 80 % and 125 % scale; and LibreOffice (Writer's web import) on A4, Letter
and A4 landscape. The PDF reader must read every cell of each as the page prints it
(tests/pdf_layouts.rs, against the page's .expected file).

    python3 scripts/layouts/make_prints.py tests/data/prints

Needs Debian's chromium and libreoffice-writer. Reads tests/data/real/pingtan-2023/<page>.html.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Every Chromium layout of three units' pages, the zone's whole saved page (site chrome, 590 KB
# a print) in two, every other page on A4; LibreOffice's layouts of the three units' pages.
PAGES = [
    ("hzs_xingzhengshenpi", None),
    ("jtj_jiaotongjianshe", None),
    ("shs_shehuishiye", None),
    ("zone_aggregate.full", ["a4", "a4-125"]),
    ("gwh_guanweihuibangongshi", ["a4"]),
    ("jjf_jingjifazhan", ["a4"]),
    ("jjp_jinjingpianqu", ["a4"]),
    ("zrz_ziranziyuan", ["a4"]),
]
LIBREOFFICE_PAGES = ["hzs_xingzhengshenpi", "jtj_jiaotongjianshe", "shs_shehuishiye"]
# (name, CSS page size) as LibreOffice's web import takes it.
LIBREOFFICE_LAYOUTS = [
    ("lo-a4", None),
    ("lo-letter", "8.5in 11in"),
    ("lo-a4-landscape", "297mm 210mm"),
]
# (name, CSS page size, zoom)
LAYOUTS = [
    ("a4", "A4", 1.0),
    ("letter", "letter", 1.0),
    ("a4-landscape", "A4 landscape", 1.0),
    ("a4-80", "A4", 0.8),
    ("a4-125", "A4", 1.25),
]


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for page, only in PAGES:
            html = (ROOT / "tests/data/real/pingtan-2023" / f"{page}.html").read_text("utf-8")
            for name, size, zoom in LAYOUTS:
                if only and name not in only:
                    continue
                src = Path(tmp) / f"{page}.{name}.html"
                style = f"<style>@page {{ size: {size}; }} html {{ zoom: {zoom}; }}</style>"
                src.write_text('<meta charset="utf-8">' + style + html, "utf-8")
                target = out / f"{page}.{name}.pdf"
                subprocess.run(
                    [
                        "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--no-first-run", f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={target}", src.as_uri(),
                    ],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=120,
                )
                print(f"{target}: {target.stat().st_size} bytes")
        for page in LIBREOFFICE_PAGES:
            html = (ROOT / "tests/data/real/pingtan-2023" / f"{page}.html").read_text("utf-8")
            for name, size in LIBREOFFICE_LAYOUTS:
                stem = f"{page}.{name}"
                style = f"<style>@page {{ size: {size}; }}</style>" if size else ""
                (Path(tmp) / f"{stem}.html").write_text('<meta charset="utf-8">' + style + html, "utf-8")
                subprocess.run(
                    ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo",
                     "--convert-to", "pdf", "--outdir", str(out), f"{tmp}/{stem}.html"],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=300,
                )
                target = out / f"{stem}.pdf"
                print(f"{target}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
