#!/usr/bin/env python3
"""Make the stamped-scan fixtures of issue 20 from a real text PDF: every page printed to grey
pixels (poppler's pdftoppm), the last one stamped with the office's seal, turned a little as a
scanner feeds it, dusted with noise and specks, saved as JPEG and wrapped as an image-only PDF (one
DCTDecode image per page, no text layer).

    python3 scripts/scan/make_scans.py tests/data/real/hongze-district-2024.pdf tests/data/scan

Writes, for each resolution (150 and 200 dpi), `<stem>.scan-<dpi>.pdf`, and the 200 dpi scan in
black and white, CCITT Group 4 (`<stem>.scan-200-g4.pdf`). (The half-scanned
copies, text pages with one page replaced by a scanned picture, are made by the tests from the
text PDF and these scans: see tests/scanned_pdf.rs and tests/scan_ocr.rs.)
Seeded: the same input gives the same bytes. Needs poppler-utils (pdftoppm) and Pillow
(`pip install pillow`).
"""
import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# (dpi, turn in degrees, JPEG quality): the two scans the tests read.
SCANS = [(150, 0.5, 70), (200, -0.4, 75)]


def rasterise(pdf: Path, dpi: int) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", str(pdf), f"{tmp}/p"], check=True
        )
        pages = sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1]))
        return [Image.open(p).convert("L").copy() for p in pages]


def scanned(page: Image.Image, turn: float, rng: random.Random) -> Image.Image:
    # A scanner's paper: not quite white, a little blur, turned as fed, specks of dust.
    page = page.point(lambda v: min(v, 242))
    page = page.rotate(turn, resample=Image.BICUBIC, expand=False, fillcolor=242)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    px = page.load()
    w, h = page.size
    for _ in range(w * h // 400):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = max(0, min(255, px[x, y] + rng.randint(-60, 60)))
    for _ in range(40):
        x, y = rng.randrange(w - 3), rng.randrange(h - 3)
        for dx in range(rng.randint(1, 3)):
            for dy in range(rng.randint(1, 3)):
                px[x + dx, y + dy] = rng.randint(0, 90)
    return page


def stamped(page: Image.Image) -> Image.Image:
    """The office's red seal as a grey scanner sees it: a ring with a star, over the last page's
    signature and date (where seals stand), darker than the paper, lighter than the ink."""
    page = page.copy()
    draw = ImageDraw.Draw(page)
    w, h = page.size
    r = w // 9
    cx, cy = int(w * 0.68), int(h * 0.30)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=150, width=max(3, r // 14))
    star = []
    for i in range(10):
        import math
        a = math.pi / 2 + i * math.pi / 5
        rr = r // 3 if i % 2 == 0 else r // 7
        star.append((cx + rr * math.cos(a), cy - rr * math.sin(a)))
    draw.polygon(star, fill=150)
    return page


def image_pdf(jpegs: list, sizes: list, dpi: int) -> bytes:
    """An image-only PDF: each page one grey JPEG (DCTDecode) filling an A4-sized page."""
    objs = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    pages_id = 2
    kids = []
    catalog = add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # the page tree, written at the end
    for jpg, (w, h) in zip(jpegs, sizes):
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        img = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(jpg))
            + jpg
            + b"\nendstream"
        )
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                % (pw, ph, img, cid)
            )
        )
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objs) + 1, catalog, xref)
    )
    return out.getvalue()


def main() -> None:
    pdf, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = pdf.stem
    for dpi, turn, quality in SCANS:
        rng = random.Random(f"{stem}-{dpi}")
        jpegs, sizes = [], []
        pages = rasterise(pdf, dpi)
        for n, page in enumerate(pages):
            if n == len(pages) - 1:
                page = stamped(page)
            s = scanned(page, turn, rng)
            buf = io.BytesIO()
            s.save(buf, "JPEG", quality=quality, optimize=True)
            jpegs.append(buf.getvalue())
            sizes.append(s.size)
        target = out_dir / f"{stem}.scan-{dpi}.pdf"
        target.write_bytes(image_pdf(jpegs, sizes, dpi))
        print(f"{target}: {len(jpegs)} pages, {target.stat().st_size} bytes")
        if dpi == 200:
            # The black-and-white scan a fax-minded scanner makes: the same pages, thresholded,
            # CCITT Group 4 (Pillow writes 1-bit pages of a PDF so).
            bw = [Image.open(io.BytesIO(j)).point(lambda v: 255 if v > 150 else 0).convert("1") for j in jpegs]
            target = out_dir / f"{stem}.scan-{dpi}-g4.pdf"
            bw[0].save(target, save_all=True, append_images=bw[1:], resolution=dpi)
            print(f"{target}: {len(bw)} pages, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
