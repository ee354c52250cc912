"""Write report files as Word (.docx) and PDF, for the sample district.

No third-party packages: the .docx is the official blank template with its empty cells filled
in (so the layout is the real one), and the PDF is written by hand with a CJK font that every
PDF reader has (Adobe's STSong-Light, not embedded), text encoded as UCS-2 (UniGB-UCS2-H).

Both writers are deterministic: the same input gives the same bytes.
"""

import io
import re
import zipfile
import zlib
from xml.sax.saxutils import escape

# --- Word ------------------------------------------------------------------------------------

_CELL = re.compile(r"<w:tc>.*?</w:tc>", re.S)
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")


def _cell_text(tc):
    return "".join(m.group(2) for m in _TEXT.finditer(tc)).replace("\u3000", "").strip()


def _set_cell(tc, value):
    """Put `value` as the cell's text (its first text run, or a new run)."""
    value = escape(value)
    m = _TEXT.search(tc)
    if m:
        tc = tc[: m.start()] + m.group(1) + value + m.group(3) + tc[m.end():]
        # Any further runs of spacing in the cell are dropped.
        head, tail = tc[: m.start() + len(m.group(1)) + len(value)], tc[m.start() + len(m.group(1)) + len(value):]
        return head + _TEXT.sub(lambda x: x.group(1) + x.group(3), tail)
    i = tc.index("</w:p>")
    return tc[:i] + f"<w:r><w:t>{value}</w:t></w:r>" + tc[i:]


def _set_paragraph(xml, old, new_paragraphs):
    """Replace the paragraph whose text is `old` by one paragraph per item of `new_paragraphs`
    (copies of it, keeping its formatting)."""
    for m in re.finditer(r"<w:p[ >].*?</w:p>", xml, re.S):
        p = m.group(0)
        if "".join(t.group(2) for t in _TEXT.finditer(p)) != old:
            continue
        copies = []
        for text in new_paragraphs:
            first = True

            def put(t):
                nonlocal first
                out = t.group(1) + (escape(text) if first else "") + t.group(3)
                first = False
                return out

            copies.append(_TEXT.sub(put, p))
        return xml[: m.start()] + "".join(copies) + xml[m.end():]
    raise ValueError(f"paragraph {old!r} not in the template")


def fill_docx(template, paragraphs, tables):
    """The template with paragraphs replaced (`{old text: [new texts]}`, in order of
    appearance) and each table's empty cells filled in order (`tables[i]` lists the texts of
    table i+1's empty cells; None leaves a cell empty)."""
    src = zipfile.ZipFile(io.BytesIO(template))
    xml = src.read("word/document.xml").decode("utf-8")
    for old, new in paragraphs:
        xml = _set_paragraph(xml, old, new)
    parts = re.split(r"(<w:tbl>.*?</w:tbl>)", xml, flags=re.S)
    t = 0
    for i, part in enumerate(parts):
        if not part.startswith("<w:tbl>"):
            continue
        values = iter(tables[t])
        t += 1

        def fill(m):
            tc = m.group(0)
            merged_down = re.search(r"<w:vMerge(?: w:val=\"continue\")?/>", tc)
            if _cell_text(tc) or merged_down:
                return tc
            v = next(values)
            return tc if v is None or v == "" else _set_cell(tc, v)

        parts[i] = _CELL.sub(fill, part)
        rest = list(values)
        if rest:
            raise ValueError(f"table {t}: {len(rest)} values left over")
    xml = "".join(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------


def _width(s, size):
    return sum(size * (0.5 if ord(c) < 0x80 else 1.0) for c in s)


def _wrap(text, width, size):
    lines, line = [], ""
    for c in text:
        if line and _width(line + c, size) > width:
            lines.append(line)
            line = ""
        line += c
    if line or not lines:
        lines.append(line)
    return lines


def grid_positions(rows):
    """Origins of HTML-like rows (cells at their first row and column, covered places left
    out): [(row, col, rowspan, colspan, text, kind)]."""
    taken = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan, kind in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            out.append((r, c, rowspan, colspan, text, kind))
            c += colspan
    return out


class Pdf:
    """A4 pages of prose and ruled tables. `landscape` draws on a landscape page stored as a
    portrait page turned with /Rotate 90; `to_unicode` adds a ToUnicode map to the font;
    `spaced` letter-spaces table headers; `rules=False` draws tables without lines."""

    def __init__(self, landscape=False, to_unicode=False, spaced=False, rules=True):
        self.rules = rules
        self.landscape = landscape
        self.to_unicode = to_unicode
        self.spaced = spaced
        self.w, self.h = (842.0, 595.0) if landscape else (595.0, 842.0)
        self.margin = 72.0
        self.pages = []
        self.chars = set()
        self._new_page()

    # drawing

    def _new_page(self):
        self.ops = []
        self.pages.append(self.ops)
        self.y = self.margin  # from the top

    def _finish_page(self):
        n = len(self.pages)
        label = f"- {n} -"
        self._text((self.w - _width(label, 10)) / 2, self.h - 40, label, 10)

    def _text(self, x, top, s, size, spacing=0.0):
        """Draw `s` with its em box's top at `top` (from the page top)."""
        if not s:
            return
        self.chars.update(s)
        base = self.h - top - size * 0.88
        hexs = "".join(f"{ord(c):04X}" for c in s)
        # Character spacing is part of the text state and outlives ET: set it every time.
        tc = f"{spacing:.2f} Tc " if self.spaced else ""
        self.ops.append(f"BT /F1 {size:g} Tf {tc}1 0 0 1 {x:.2f} {base:.2f} Tm <{hexs}> Tj ET")

    def _rect(self, x0, top, x1, bottom):
        if not self.rules:
            return
        self.ops.append(f"{x0:.2f} {self.h - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re S")

    def _room(self, height):
        if self.y + height > self.h - self.margin:
            self._finish_page()
            self._new_page()

    def title(self, text, size=16):
        for line in _wrap(text, self.w - 2 * self.margin, size):
            self._room(size * 1.8)
            self._text((self.w - _width(line, size)) / 2, self.y, line, size)
            self.y += size * 1.8
        self.y += size * 0.5

    def para(self, text, size=12, indent=True):
        width = self.w - 2 * self.margin
        first_indent = 2 * size if indent else 0.0
        lines = _wrap(text, width - first_indent, size)
        # Lines after the first use the full width.
        if len(lines) > 1:
            rest = "".join(lines[1:])
            lines = [lines[0]] + _wrap(rest, width, size)
        for k, line in enumerate(lines):
            self._room(size * 1.7)
            x = self.margin + (first_indent if k == 0 else 0.0)
            self._text(x, self.y, line, size)
            self.y += size * 1.7

    def table(self, rows, widths, size=9):
        """Rows as (text, rowspan, colspan, kind) with kind "label", "head" or "value"."""
        cells = grid_positions(rows)
        xs = [self.margin]
        for w in widths:
            xs.append(xs[-1] + w)
        nrows = len(rows)
        # Row heights from the wrapped text of single-row cells.
        heights = [size * 1.9] * nrows
        for r, c, rs, cs, text, kind in cells:
            inner = xs[c + cs] - xs[c] - 4
            lines = _wrap(text or "", inner, size)
            need = len(lines) * size * 1.25 + 6
            if rs == 1:
                heights[r] = max(heights[r], need)
        # Lay rows out on pages.
        tops = []
        page_of = []
        for r in range(nrows):
            self._room(heights[r])
            tops.append(self.y)
            page_of.append(len(self.pages) - 1)
            self.y += heights[r]
        self.y += size
        for r, c, rs, cs, text, kind in cells:
            # A merged cell split by a page break is drawn on each page; its text goes in the
            # part on its first page.
            parts = []
            for rr in range(r, r + rs):
                if parts and parts[-1][0] == page_of[rr]:
                    parts[-1][2] = tops[rr] + heights[rr]
                else:
                    parts.append([page_of[rr], tops[rr], tops[rr] + heights[rr]])
            for k, (page, top, bottom) in enumerate(parts):
                saved = self.ops
                self.ops = self.pages[page]
                x0, x1 = xs[c], xs[c + cs]
                self._rect(x0, top, x1, bottom)
                if k == 0 and text:
                    lines = _wrap(text, x1 - x0 - 4, size)
                    block = len(lines) * size * 1.25
                    y = top + max(2.0, (bottom - top - block) / 2)
                    spacing = size * 0.6 if (self.spaced and kind == "head") else 0.0
                    for line in lines:
                        lw = _width(line, size) + spacing * max(0, len(line) - 1)
                        x = x0 + 3 if kind == "label" else x0 + (x1 - x0 - lw) / 2
                        self._text(x, y, line, size, spacing)
                        y += size * 1.25
                self.ops = saved

    # output

    def bytes(self):
        self._finish_page()
        objs = []

        def add(body):
            objs.append(body)
            return len(objs)

        catalog = add(None)
        pages = add(None)
        desc = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
                   b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
        widths = " ".join(["500"] * 95)
        cid = add(("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
                   f"/FontDescriptor {desc} 0 R /DW 1000 /W [1 [{widths}]] >>").encode())
        extra = ""
        if self.to_unicode:
            entries = [f"<{ord(c):04X}> <{ord(c):04X}>" for c in sorted(self.chars) if ord(c) < 0x10000]
            chunks = []
            for k in range(0, len(entries), 100):
                part = entries[k:k + 100]
                chunks.append(f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar")
            cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                    + "\n".join(chunks) +
                    "\nendcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
            tu = add(_stream(cmap))
            extra = f" /ToUnicode {tu} 0 R"
        font = add((f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                    f"/DescendantFonts [{cid} 0 R]{extra} >>").encode())
        kids = []
        for ops in self.pages:
            content = "\n".join(ops)
            if self.landscape:
                content = f"q 0 1 -1 0 595 0 cm\n{content}\nQ"
            c = add(_stream(content.encode("ascii")))
            rotate = " /Rotate 90" if self.landscape else ""
            kids.append(add((f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842]{rotate} "
                             f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {c} 0 R >>").encode()))
        objs[catalog - 1] = f"<< /Type /Catalog /Pages {pages} 0 R >>".encode()
        objs[pages - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                           f"/Count {len(kids)} >>").encode()
        return _serialize(objs, catalog)


def _stream(data):
    z = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream"


def _serialize(objs, root):
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, xref)
    return bytes(out)


def scanned_pdf(width=595, height=842):
    """A PDF whose one page is an image (a gray scan), with no text layer."""
    pixels = bytes([200]) * (60 * 80)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
         f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>").encode(),
        b"<< /Type /XObject /Subtype /Image /Width 60 /Height 80 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n" % len(zlib.compress(pixels))
        + zlib.compress(pixels) + b"\nendstream",
        _stream(f"q {width} 0 0 {height} 0 0 cm /Im0 Do Q".encode()),
    ]
    return _serialize(objs, 1)
