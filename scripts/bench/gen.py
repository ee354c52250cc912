#!/usr/bin/env python3
"""Generate N realistic reports with known totals, for the benchmark (scripts/bench.sh).

Every unit is distinct (its own name and numbers). Formats in the proportions a district
receives: CMS web pages with site chrome around the report (a third of the bytes or less is the
report), Word-exported web pages, text copied from pages, Word .docx (the official template
filled in) and text-layer PDFs; a share in traditional script and in GBK; a share in the 2019
template form. The numbers come from scripts/gen_district.py's generator (every identity holds),
so the expected district totals are known here, not taken from the tool.

Usage: python3 scripts/bench/gen.py N OUT_DIR [SEED]
Writes OUT_DIR/reports/… and OUT_DIR/expected.json (district totals and counts).
"""

import json
import os
import random
import shutil
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import gen_district as g  # noqa: E402
from spec_checks import fmt_dec, value  # noqa: E402
from template_keys import all_keys, T2_2019_KEYS  # noqa: E402

# Format shares, out of 100.
MIX = [("page", 45), ("word", 15), ("text", 15), ("docx", 12), ("pdf", 8), ("tabs", 5)]
KINDS = ["局", "委员会", "办公室", "中心", "镇人民政府", "街道办事处", "管理委员会"]


def chrome(rng, n_links):
    links = "".join(
        f'<li><a href="/col/col{rng.randint(1, 99999)}/index.html" title="栏目{k}">政务公开栏目{k}</a></li>'
        for k in range(n_links)
    )
    script = "var _hmt=_hmt||[];(function(){" + "x.push(%d);" * 40 % tuple(range(40)) + "})();"
    return links, script


def cms_page(u, rng):
    body = g.render_html(u, False, 0)
    links, script = chrome(rng, rng.randint(400, 1400))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{u.name}{u.year}年政府信息公开工作年度报告_年度报告_政府信息公开</title>
<meta name="keywords" content="政府信息公开,年度报告"><script>{script}</script>
<style>{'.nav li{float:left;margin:0 8px}' * 30}</style></head>
<body><div class="top"><div class="logo"><img src="/images/logo.png" alt="门户网站"></div>
<ul class="nav">{links}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div>
<div class="main"><div class="article">{body}</div></div>
<div class="related"><h3>相关链接</h3><ul>{links[: len(links) // 3]}</ul></div>
<div class="footer"><p>主办单位：{u.name} 版权所有</p><p>网站标识码：{rng.randint(10**9, 10**10 - 1)}</p><script>{script}</script></div>
</body></html>
"""


def word_page(u, rng):
    body = g.render_html(u, False, 1)
    styles = "".join(
        f"p.MsoNormal{k}, li.MsoNormal{k} {{mso-style-parent:\"\"; margin:0cm; font-size:10.5pt; font-family:宋体;}}\n"
        for k in range(rng.randint(150, 500))
    )
    return f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!-- {styles} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>{body}</div></body></html>
"""


def make_unit(i, rng):
    name = f"{g.DISTRICT}第{i + 1}{rng.choice(KINDS)}"
    t2, t3, t4 = g.gen_numbers(rng, rng.random() < 0.6)
    roll = rng.randrange(100)
    fmt = next(f for f, share in _cumulative() if roll < share)
    ext = {"text": "txt", "tabs": "txt", "docx": "docx", "pdf": "pdf"}.get(fmt, "html")
    u = g.Unit(name, f"{i // 1000:03d}/{i:06d}.{ext}", fmt if fmt != "word" else "html", t2, t3, t4)
    u.kind = fmt
    if fmt in ("page", "word", "text") and rng.random() < 0.08:
        u.traditional = True
    if fmt in ("page", "text") and not u.traditional and rng.random() < 0.15:
        u.encoding = "gbk"
        u.declared = "gbk"
    if fmt in ("page", "word", "text", "tabs") and rng.random() < 0.06:
        # The 2019 template's table 二 and （六）as one row.
        u.t2_2019 = {k: rng.randint(0, 30) for k in T2_2019_KEYS}
        u.unsplit = True
        for c in g.COLS:
            u.t3["other_unsplit"][c] = sum(u.t3[r][c] for r in ("other_no_correction", "other_no_fee", "other_other"))
            for r in ("other_no_correction", "other_no_fee", "other_other"):
                u.t3[r][c] = 0
    u.fill_printed()
    return u


def _cumulative():
    total = 0
    for f, share in MIX:
        total += share
        yield f, total


def render(u, rng):
    if u.kind == "page":
        text = cms_page(u, rng)
    elif u.kind == "word":
        text = word_page(u, rng)
    else:
        return g.render(u)
    if u.traditional:
        text = g.to_traditional(text)
    if u.declared:
        text = text.replace('<meta charset="utf-8">', f'<meta charset="{u.declared}">')
    return text.encode(u.encoding)


def main():
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    reports = out / "reports"
    if reports.exists():
        shutil.rmtree(reports)
    totals = {k: Decimal(0) for k in all_keys()}
    seen = {k: False for k in all_keys()}
    size = 0
    formats = {}
    for i in range(n):
        u = make_unit(i, rng)
        path = reports / u.file
        path.parent.mkdir(parents=True, exist_ok=True)
        data = render(u, rng)
        path.write_bytes(data)
        size += len(data)
        formats[u.kind] = formats.get(u.kind, 0) + 1
        for k in all_keys():
            v = value(u, k) if k in u.printed else None
            if v is not None:
                totals[k] += v
                seen[k] = True
    (out / "expected.json").write_text(json.dumps({
        "reports": n,
        "bytes": size,
        "formats": formats,
        "year": g.YEAR,
        "totals": {k: (fmt_dec(totals[k]) if seen[k] else None) for k in all_keys()},
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
