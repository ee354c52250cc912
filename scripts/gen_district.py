#!/usr/bin/env python3
"""Generate the bundled sample district: 临江区 (a made-up district), reports for 2025.

Every number is chosen here, so the expected cells, totals and findings written to
data/expected/ come from what was generated, not from the parser under test. The checks are
re-implemented below from ../shared/spec/report-format.md on the printed cells.

Formats: text, tab-separated text, HTML fragments and whole pages (UTF-8 and GBK), Word .docx
(the official blank template filled in), PDF (written by scripts/office_formats.py), an old
binary .doc and a scanned PDF without text.

Usage: python3 scripts/gen_district.py [OUT_DIR]   (default: data/)
Deterministic: the same script always writes the same bytes.
"""

import json
import os
import random
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import office_formats
from spec_checks import checks, district_checks, explain, fmt_dec, value
from template_keys import *  # noqa: F401,F403 (the template's keys and labels)

YEAR = 2025
DISTRICT = "临江区"
SEED = "000_49a35c6be02d9886.txt"
TEMPLATE = "blank-template-2021.docx"
MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z: every file gets the same modification time

# --- the units ----------------------------------------------------------------------------

DEPARTMENTS = [
    "发展和改革局", "教育局", "科学技术局", "公安分局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源和规划分局", "生态环境分局", "住房和城乡建设局",
    "交通运输局", "农业农村局", "水利局", "商务局", "文化和旅游局", "卫生健康局",
    "应急管理局", "审计局", "市场监督管理局", "医疗保障局", "城市管理局", "退役军人事务局",
]
TOWNS = ["青山镇人民政府", "白沙镇人民政府", "龙潭镇人民政府"]
STREETS = ["东城街道办事处", "西城街道办事处", "南湖街道办事处"]
ZONE = "临江经济开发区管理委员会"
OFFICE = "人民政府办公室"
STATS = "统计局"  # sends an old binary Word file
RENAMED = "城市管理和综合执法局"  # 城市管理局's new name
MISSING = "体育局"  # on the roster, sends nothing


def unit_names():
    names = [DISTRICT + OFFICE] + [DISTRICT + d for d in DEPARTMENTS]
    names += [DISTRICT + t for t in TOWNS] + [DISTRICT + s for s in STREETS] + [DISTRICT + ZONE]
    return names


def gen_numbers(rng, busy):
    """A consistent report: every identity holds."""
    t3 = {r: {c: 0 for c in COLS} for r in ALL_T3_KEYS}
    for c in APPLICANTS:
        if c == "natural":
            new = rng.randint(0, 40) if busy else rng.randint(0, 4)
        else:
            new = rng.choice([0, 0, 0, 1, 2]) if busy else 0
        over = rng.choice([0, 0, 0, 1]) if busy else 0
        fwd = min(new + over, rng.choice([0, 0, 0, 0, 1]))
        done = new + over - fwd
        t3["new_received"][c] = new
        t3["carried_over"][c] = over
        t3["carried_forward"][c] = fwd
        t3["total_processed"][c] = done
        choices = ["granted", "granted", "partial", "unable_no_info", "denied_process",
                   "denied_third_party", "refused_repeat", "unable_need_create", "other_other",
                   "refused_petition", "denied_query"]
        for _ in range(done):
            t3[rng.choice(choices)][c] += 1
    for r in ALL_T3_KEYS:
        t3[r]["total"] = sum(t3[r][c] for c in APPLICANTS)
    t4 = {}
    for b in BLOCKS:
        vals = {x: 0 for x in RESULTS}
        if busy and rng.random() < 0.4:
            vals["upheld"] = rng.randint(0, 3)
            vals["other"] = rng.choice([0, 0, 1])
        vals["total"] = vals["upheld"] + vals["corrected"] + vals["other"] + vals["pending"]
        t4[b] = vals
    fee = Decimal(rng.choice(["0", "0", "0", "12.5", "3.25", "0.058", "1030.4"]))
    t2 = {
        "t2.rules.issued": 0, "t2.rules.repealed": 0, "t2.rules.in_force": 0,
        "t2.normative.issued": rng.randint(0, 6), "t2.normative.repealed": rng.randint(0, 3),
        "t2.normative.in_force": rng.randint(5, 60),
        "t2.licensing": rng.randint(0, 900) if busy else 0,
        "t2.punishment": rng.randint(0, 300) if busy else rng.randint(0, 5),
        "t2.coercion": rng.randint(0, 20) if busy else 0,
        "t2.fees_10k_yuan": fee,
    }
    return t2, t3, t4


def set_t4(t4, block, **vals):
    for k, v in vals.items():
        t4[block][k] = v
    t4[block]["total"] = sum(t4[block][x] for x in RESULTS[:4])


class Unit:
    def __init__(self, name, file, fmt, t2, t3, t4):
        self.name = name
        self.file = file  # file name under reports/
        self.fmt = fmt  # text | tabs | html | page | doc | empty
        self.t2 = t2
        self.t3 = t3
        self.t4 = t4
        # printed text of every cell (key -> str); None = not printed (absent)
        self.printed = {}
        self.year = YEAR
        self.encoding = "utf-8"
        self.declared = None  # charset the page claims
        self.traditional = False
        self.fee_statement = True
        self.has_t4 = True
        self.t2_2019 = None  # dict of 2019 table 二 values when printed that way
        self.unsplit = False  # （六）其他处理 as one row
        self.title = True
        self.pdf = {}  # PDF options (landscape, to_unicode, spaced) when fmt == "pdf"
        self.prose_new = None  # the number of applications the prose claims, when not the table's
        self.claims_no_review = False  # the prose says there were no reviews or lawsuits

    def fill_printed(self):
        p = {}
        for r in ALL_T3_KEYS:
            if r == "other_unsplit" and not self.unsplit:
                continue
            if r in ("other_no_correction", "other_no_fee", "other_other") and self.unsplit:
                continue
            for c in COLS:
                p[f"t3.{r}.{c}"] = str(self.t3[r][c])
        if self.has_t4:
            for b in BLOCKS:
                for x in RESULTS:
                    p[f"t4.{b}.{x}"] = str(self.t4[b][x])
        if self.t2_2019 is None:
            for k in T2_KEYS:
                p[k] = str(self.t2[k])
        else:
            for k in T2_2019_KEYS:
                p[k] = str(self.t2_2019[k])
        self.printed = p


def build_units(rng):
    units = []
    names = unit_names()
    for i, name in enumerate(names):
        busy = not any(t in name for t in ("镇", "街道", "退役军人"))
        t2, t3, t4 = gen_numbers(rng, busy)
        stem = name.replace(DISTRICT, "")
        fmt = ["html", "text", "page", "tabs"][i % 4]
        ext = "txt" if fmt in ("text", "tabs") else "html"
        units.append(Unit(name, f"{i + 1:02d}_{stem}.{ext}", fmt, t2, t3, t4))
    by = {u.name.replace(DISTRICT, ""): u for u in units}

    # Clean units: the office itself, 教育局 and 财政局 stay as generated (checked below that
    # they have no findings).
    # Zero reports: the towns and streets (generated with no applications).
    for s in STREETS + TOWNS:
        u = by[s]
        for r in ALL_T3_KEYS:
            for c in COLS:
                u.t3[r][c] = 0
    # CARRIED_FORWARD
    u = by["民政局"]
    u.t3["new_received"]["natural"] += 3
    u.t3["carried_forward"]["natural"] += 3
    for r in ("new_received", "carried_forward"):
        u.t3[r]["total"] = sum(u.t3[r][c] for c in APPLICANTS)
    # Table 四 anomalies.
    set_t4(by["公安分局"].t4, "review", upheld=2, corrected=1, other=0, pending=1)
    set_t4(by["公安分局"].t4, "suit_direct", upheld=1, corrected=1, other=0, pending=2)
    set_t4(by["自然资源和规划分局"].t4, "suit_after_review", upheld=0, corrected=0, other=0, pending=1)
    set_t4(by["住房和城乡建设局"].t4, "review", upheld=3, corrected=2, other=1, pending=0)
    # OTHER_HANDLING_HIGH: 市场监督管理局 closes many as 其他.
    u = by["市场监督管理局"]
    u.t3["new_received"]["natural"] += 6
    u.t3["total_processed"]["natural"] += 6
    u.t3["other_no_correction"]["natural"] += 4
    u.t3["other_other"]["natural"] += 2
    for r in ("new_received", "total_processed", "other_no_correction", "other_other"):
        u.t3[r]["total"] = sum(u.t3[r][c] for c in APPLICANTS)
    # TEMPLATE_MIXED: （六） as one row (the 2019 form) in a 2025 report.
    u = by["交通运输局"]
    u.unsplit = True
    for c in COLS:
        u.t3["other_unsplit"][c] = sum(u.t3[r][c] for r in ("other_no_correction", "other_no_fee", "other_other"))
        for r in ("other_no_correction", "other_no_fee", "other_other"):
            u.t3[r][c] = 0
    # TEMPLATE_MIXED: a 2019-template table 二.
    u = by["农业农村局"]
    u.t2_2019 = {k: rng.randint(0, 30) for k in T2_2019_KEYS}
    u.t2_2019["t2_2019.licensing.change"] = -3
    u.t2_2019["t2_2019.fees.change"] = 2
    u.t2_2019["t2_2019.procurement.amount"] = Decimal("356.8")
    # FEE_NOT_STATED
    by["商务局"].fee_statement = False
    # No table 四 (truncated report): TABLE_MISSING, status partial.
    by["医疗保障局"].has_t4 = False
    # Encodings and scripts.
    for s in ("科学技术局", "司法局", "水利局", "青山镇人民政府"):
        by[s].encoding = "gbk"
    for s in ("科学技术局", "司法局"):
        by[s].fmt = "html"
        by[s].file = by[s].file.rsplit(".", 1)[0] + ".html"
    by["科学技术局"].declared = "gb2312"
    by["司法局"].declared = "utf-8"  # wrong: CHARSET_MISMATCH
    for s in ("卫生健康局", "文化和旅游局", "白沙镇人民政府"):
        by[s].traditional = True
    # Word and PDF files: 财政局 (clean) and 退役军人事务局 (blank cells and placeholders) fill the
    # official .docx template; 交通运输局 prints （六） as one row in a PDF like 洪泽区's,
    # 应急管理局's PDF has a ToUnicode map and letter-spaced headers, 城市管理局's is landscape
    # pages turned with /Rotate 90, 人力资源和社会保障局's tables have no ruling lines.
    for s, pdf in (("财政局", None), ("退役军人事务局", None), ("人力资源和社会保障局", {"rules": False}),
                   ("交通运输局", {}), ("应急管理局", {"to_unicode": True, "spaced": True}),
                   ("城市管理局", {"landscape": True})):
        u = by[s]
        u.fmt = "docx" if pdf is None else "pdf"
        u.pdf = pdf or {}
        u.file = u.file.rsplit(".", 1)[0] + "." + u.fmt
    by["生态环境分局"].title = False  # unit from the contact sentence
    by[STREETS[0]].title = False

    for u in units:
        u.fill_printed()

    # Printed anomalies (the numbers above stay the truth of what was meant; the printed
    # text is what the unit published).
    p = by["发展和改革局"].printed  # T3_ROW_SUM
    p["t3.partial.total"] = str(int(p["t3.partial.total"]) + 1)
    p = by["人力资源和社会保障局"].printed  # T3_RESULT_SUM (and the balance it breaks)
    for c in ("natural", "total"):
        p[f"t3.total_processed.{c}"] = str(int(p[f"t3.total_processed.{c}"]) + 1)
    u = by["城市管理局"]  # UNANSWERED: two applications vanished from the results
    if u.t3["granted"]["natural"] < 2:
        u.t3["new_received"]["natural"] += 2
        u.t3["granted"]["natural"] += 2
        u.t3["total_processed"]["natural"] += 2
        for r in ("new_received", "granted", "total_processed"):
            u.t3[r]["total"] = sum(u.t3[r][c] for c in APPLICANTS)
        u.fill_printed()
    for k in ("t3.granted.natural", "t3.granted.total", "t3.total_processed.natural", "t3.total_processed.total"):
        u.printed[k] = str(int(u.printed[k]) - 2)
    p = by["应急管理局"].printed  # T4_SUM
    p["t4.review.total"] = str(int(p["t4.review.total"]) + 1)
    p = by["文化和旅游局"].printed  # VALUE_INVALID
    p["t3.denied_law.commercial"] = "见附件"
    p = by["退役军人事务局"].printed  # BLANK_CELLS: blanks and placeholders
    for c in COLS:
        p[f"t3.refused_mass.{c}"] = ""
    p["t2.coercion"] = "/"
    p["t4.suit_after_review.other"] = "—"
    p = by["卫生健康局"].printed  # VALUE_CONVERTED: fee in 元
    by["卫生健康局"].t2["t2.fees_10k_yuan"] = Decimal("25.1")
    p["t2.fees_10k_yuan"] = "251000元"
    p = by["司法局"].printed  # numbers with thousands separators and full-width digits
    by["司法局"].t2["t2.licensing"] = 1036
    p["t2.licensing"] = "1,036"
    p = by["教育局"].printed
    p["t2.normative.in_force"] = "２２（其中修订１６件）"
    by["教育局"].t2["t2.normative.in_force"] = 22

    extra = []
    # YEAR_MISMATCH: last year's report of 水利局 still in the folder.
    w = by["水利局"]
    t2, t3, t4 = gen_numbers(rng, True)
    old = Unit(w.name, "水利局_2024年度.html", "html", t2, t3, t4)
    old.year = YEAR - 1
    old.fill_printed()
    extra.append(old)
    # DUPLICATE_REPORT: 审计局 sent a draft and a revision; the revision (later name) counts.
    a = by["审计局"]
    t2, t3, t4 = gen_numbers(rng, True)
    rev = Unit(a.name, a.file.replace(".txt", "_修订.txt").replace(".html", "_修订.html"), a.fmt, t2, t3, t4)
    rev.fill_printed()
    extra.append(rev)
    # UNPARSEABLE: 统计局 sent an old binary Word file.
    stats = Unit(DISTRICT + STATS, "32_统计局.doc", "doc", None, None, None)
    extra.append(stats)
    # UNPARSEABLE: 档案馆 scanned its signed report: a PDF with no text layer.
    extra.append(Unit(DISTRICT + "档案馆", "33_档案馆.pdf", "scanned", None, None, None))
    # NARRATIVE_MISMATCH: 司法局's prose claims more applications than its table has; 公安分局's
    # says there were no reviews or lawsuits while its table 四 has some.
    j = by["司法局"]
    j.prose_new = j.t3["new_received"]["total"] + j.t3["carried_over"]["total"] + 7
    by["公安分局"].claims_no_review = True
    # The roster (data/roster.csv) knows 城市管理局 by its new name; last year's report (in
    # data/previous) still has the old one, which the roster lists as an alias.
    by["城市管理局"].name = DISTRICT + RENAMED
    # RULES_NONZERO (with the roster): the district office prints 规章 it cannot have made.
    o = by["人民政府办公室"]
    o.t2["t2.rules.in_force"] = 2
    o.fill_printed()
    # UNKNOWN_UNIT (with the roster): a body the roster does not list.
    t2, t3, t4 = gen_numbers(rng, False)
    unknown = Unit(DISTRICT + "机关事务管理局", "34_机关事务管理局.txt", "text", t2, t3, t4)
    unknown.fill_printed()
    extra.append(unknown)
    return units + extra


# --- rendering ----------------------------------------------------------------------------

def cell(u, key):
    return u.printed.get(key)


def prose_head(u):
    lines = []
    if u.title:
        lines.append(f"{u.name}{u.year}年政府信息公开工作年度报告")
    lines.append(
        f"根据《中华人民共和国政府信息公开条例》和上级有关要求，结合本单位工作实际，编制本报告。"
        f"本报告所列数据的统计期限自{u.year}年1月1日起至{u.year}年12月31日止。"
        f"如对本报告有任何疑问，请与{u.name}办公室联系。"
    )
    new = u.t3["new_received"]["total"] if u.prose_new is None else u.prose_new
    lines.append("一、总体情况")
    overall = f"{u.year}年，本单位认真贯彻落实政府信息公开工作要求，全年新收政府信息公开申请{new}件，均依法按时答复。"
    if u.claims_no_review:
        overall += "本年度未发生政府信息公开行政复议、行政诉讼。"
    lines.append(overall)
    lines.append("二、主动公开政府信息情况")
    return lines


def prose_tail(u):
    lines = ["五、存在的主要问题及改进情况",
             "一是公开内容的及时性有待提高；二是政策解读形式还不够丰富。下一步将加强培训，完善工作机制。",
             "六、其他需要报告的事项"]
    if u.fee_statement:
        lines.append(f"本单位{u.year}年度未收取信息处理费。")
    else:
        lines.append("无。")
    return lines


T2_2021_ROWS = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"]),
      ("行政规范性文件", ["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["t2.licensing"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", ["t2.punishment"]), ("行政强制", ["t2.coercion"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["t2.fees_10k_yuan"])]),
]
T2_2019_ROWS = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", T2_2019_KEYS[0:3]), ("规范性文件", T2_2019_KEYS[3:6])]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", T2_2019_KEYS[6:9]), ("其他对外管理服务事项", T2_2019_KEYS[9:12])]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", T2_2019_KEYS[12:15]), ("行政强制", T2_2019_KEYS[15:18])]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("行政事业性收费", T2_2019_KEYS[18:20])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("政府集中采购", T2_2019_KEYS[20:22])]),
]

T3_HEADING = "三、收到和处理政府信息公开申请情况"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T4_HEADING = "四、政府信息公开行政复议、行政诉讼情况"


def t3_rows(u):
    rows = []
    for key, label, group in T3_ROWS:
        if key == "other_no_correction" and u.unsplit:
            rows.append(("other_unsplit", "（六）其他处理", None))
            continue
        if key in ("other_no_fee", "other_other") and u.unsplit:
            continue
        rows.append((key, label, group))
    return rows


def t2_rows(u):
    return T2_2021_ROWS if u.t2_2019 is None else T2_2019_ROWS


def render_text(u):
    """One cell per line, blank lines between (like a copied page); an empty cell is an
    empty line between two separators."""
    cells = prose_head(u)
    for block, header, rows in t2_rows(u):
        cells.append(block)
        cells.extend(header)
        for label, keys in rows:
            cells.append(label)
            cells.extend(cell(u, k) for k in keys)
    cells.append(T3_HEADING)
    cells.append(T3_NOTE)
    cells.extend(["申请人情况", "自然人", "法人或其他组织", "总计", "商业", "企业", "科研", "机构",
                  "社会公益组织", "法律服务机构", "其他"])
    for key, label, group in t3_rows(u):
        if group:
            cells.append(group)
        cells.append(label)
        cells.extend(cell(u, f"t3.{key}.{c}") for c in COLS)
    if u.has_t4:
        cells.append(T4_HEADING)
        cells.extend(["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                      "未经复议直接起诉", "复议后起诉"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
        cells.extend(cell(u, f"t4.{b}.{x}") for b in BLOCKS for x in RESULTS)
        cells.extend(prose_tail(u))
    text = "\n\n".join(cells) + "\n\n分享："
    return text


def render_tabs(u):
    """Rows with cells separated by tabs; labels and values on one line."""
    lines = prose_head(u)
    for block, header, rows in t2_rows(u):
        lines.append(block)
        lines.append("\t".join(header))
        for label, keys in rows:
            lines.append("\t".join([label] + [cell(u, k) or "" for k in keys]))
    lines += [T3_HEADING, T3_NOTE + "\t申请人情况", "自然人\t法人或其他组织\t总计",
              "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for key, label, group in t3_rows(u):
        vals = [cell(u, f"t3.{key}.{c}") for c in COLS]
        prefix = [group] if group else []
        lines.append("\t".join(prefix + [label] + vals))
    if u.has_t4:
        lines.append(T4_HEADING)
        lines.append("行政复议\t行政诉讼")
        lines.append("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉")
        lines.append("\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
        lines.append("\t".join(cell(u, f"t4.{b}.{x}") for b in BLOCKS for x in RESULTS))
        lines += prose_tail(u)
    return "\n".join(lines) + "\n"


def td(text, rowspan=1, colspan=1, style=0):
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if text is None:
        text = ""
    if text == "":
        inner = "<p>&nbsp;</p>" if style == 0 else "<p class=MsoNormal><span><o:p>&nbsp;</o:p></span></p>"
    elif style == 1 and len(text) > 3:
        half = len(text) // 2  # Word splits runs mid-label
        inner = f"<p class=MsoNormal><span style='font-family:仿宋_GB2312'>{text[:half]}</span><span>{text[half:]}</span><span><o:p></o:p></span></p>"
    elif style == 1:
        inner = f"<p class=MsoNormal align=center><span lang=EN-US>{text}&nbsp;<o:p></o:p></span></p>"
    else:
        inner = f"<p>{text}</p>"
    return f"<td{attrs} valign=\"center\">{inner}</td>"


def render_html_tables(u, style):
    out = []
    out.append("<table border=1 cellspacing=0><tbody>")
    width = 4
    for block, header, rows in t2_rows(u):
        out.append(f"<tr>{td(block, colspan=width, style=style)}</tr>")
        hdr = [td(header[0], style=style)]
        if len(header) == 2:
            hdr.append(td(header[1], colspan=3, style=style))
        else:
            hdr += [td(h, style=style) for h in header[1:]]
            if len(header) == 3:
                hdr[-1] = td(header[2], colspan=2, style=style)
        out.append("<tr>" + "".join(hdr) + "</tr>")
        for label, keys in rows:
            cells = [td(label, style=style)]
            if len(keys) == 1:
                cells.append(td(cell(u, keys[0]), colspan=3, style=style))
            elif len(keys) == 2:
                cells += [td(cell(u, keys[0]), style=style), td(cell(u, keys[1]), colspan=2, style=style)]
            else:
                cells += [td(cell(u, k), style=style) for k in keys]
            out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    out.append(f"<p>{T3_HEADING}</p>")
    out.append("<table border=1><tbody>")
    out.append(f"<tr>{td(T3_NOTE, rowspan=3, colspan=3, style=style)}{td('申请人情况', colspan=7, style=style)}</tr>")
    out.append(f"<tr>{td('自然人', rowspan=2, style=style)}{td('法人或其他组织', colspan=5, style=style)}{td('总计', rowspan=2, style=style)}</tr>")
    out.append("<tr>" + "".join(td(h, style=style) for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) + "</tr>")
    rows = t3_rows(u)
    results_span = sum(1 for k, _, _ in rows if k not in ("new_received", "carried_over", "carried_forward"))
    group_spans = {}
    current = None
    for k, _, g in rows:
        if g and g != "三、本年度办理结果":
            current = g
        if k in ("granted", "partial", "total_processed", "other_unsplit", "new_received", "carried_over", "carried_forward"):
            current = None
        if current:
            group_spans[current] = group_spans.get(current, 0) + 1
    current = None
    for key, label, group in rows:
        vals = "".join(td(cell(u, f"t3.{key}.{c}"), style=style) for c in COLS)
        if key in ("new_received", "carried_over", "carried_forward"):
            out.append(f"<tr>{td(label, colspan=3, style=style)}{vals}</tr>")
            continue
        lead = ""
        if key == "granted":
            lead += td("三、本年度办理结果", rowspan=results_span, style=style)
        if group and group != "三、本年度办理结果":
            lead += td(group, rowspan=group_spans[group], style=style)
            current = group
        if key in ("granted", "partial", "total_processed", "other_unsplit"):
            current = None
            out.append(f"<tr>{lead}{td(label, colspan=2, style=style)}{vals}</tr>")
        else:
            out.append(f"<tr>{lead}{td(label, style=style)}{vals}</tr>")
    out.append("</tbody></table>")
    if u.has_t4:
        out.append(f"<p>{T4_HEADING}</p>")
        out.append("<table border=1><tbody>")
        out.append(f"<tr>{td('行政复议', colspan=5, style=style)}{td('行政诉讼', colspan=10, style=style)}</tr>")
        out.append("<tr>" + "".join(td(h, rowspan=2, style=style) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
                   + td("未经复议直接起诉", colspan=5, style=style) + td("复议后起诉", colspan=5, style=style) + "</tr>")
        out.append("<tr>" + "".join(td(h, style=style) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "</tr>")
        out.append("<tr>" + "".join(td(cell(u, f"t4.{b}.{x}"), style=style) for b in BLOCKS for x in RESULTS) + "</tr>")
        out.append("</tbody></table>")
    return out


def render_html(u, whole_page, style):
    head = prose_head(u)
    body = []
    if u.title:
        body.append(f"<h1 class=title>{head[0]}</h1>")
        head = head[1:]
    body += [f"<p style=\"text-indent:2em\">{line}</p>" for line in head]
    body += render_html_tables(u, style)
    if u.has_t4:
        body += [f"<p>{line}</p>" for line in prose_tail(u)]
    charset = u.declared or ("utf-8" if u.encoding == "utf-8" else None)
    meta = f'<meta charset="{charset}">' if charset else ""
    article = "<div class=TRS_Editor>" + "\n".join(body) + "</div>"
    if not whole_page:
        return (meta + "\n" if meta else "") + article
    nav = "".join(f"<li><a href=\"/c{i}\">{t}</a></li>" for i, t in enumerate(["首页", "政务公开", "政府信息公开年报", "互动交流", "总计"]))
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>{u.name}{u.year}年政府信息公开工作年度报告_政府信息公开年报_{DISTRICT}人民政府</title>
<script>var tables = "<table><tr><td>本年新收政府信息公开申请数量</td><td>9</td></tr></table>";</script>
<style>td {{ border: 1px solid #000 }}</style></head>
<body><div class=header><ul class=nav>{nav}</ul></div>
<div class=crumb>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
{article}
<div class=footer><p>主办：{DISTRICT}人民政府办公室 联系电话：0000-12345678</p><p>网站标识码：0000000000</p></div>
</body></html>
"""


def t2_grid(u):
    """Table 二 as rows of (text, rowspan, colspan, kind), like the HTML table."""
    rows = []
    for block, header, body in t2_rows(u):
        rows.append([(block, 1, 4, "head")])
        hdr = [(header[0], 1, 1, "head")]
        if len(header) == 2:
            hdr.append((header[1], 1, 3, "head"))
        elif len(header) == 3:
            hdr += [(header[1], 1, 1, "head"), (header[2], 1, 2, "head")]
        else:
            hdr += [(h, 1, 1, "head") for h in header[1:]]
        rows.append(hdr)
        for label, keys in body:
            cells = [(label, 1, 1, "label")]
            spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(keys)]
            cells += [(cell(u, k) or "", 1, span, "value") for k, span in zip(keys, spans)]
            rows.append(cells)
    return rows


def t3_grid(u):
    rows = [
        [(T3_NOTE, 3, 3, "label"), ("申请人情况", 1, 7, "head")],
        [("自然人", 2, 1, "head"), ("法人或其他组织", 1, 5, "head"), ("总计", 2, 1, "head")],
        [(h, 1, 1, "head") for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
    ]
    body = t3_rows(u)
    results_span = sum(1 for k, _, _ in body if k not in ("new_received", "carried_over", "carried_forward"))
    spans = {}
    current = None
    for k, _, g in body:
        if g and g != "三、本年度办理结果":
            spans[g] = 0
            current = g
        if k in ("granted", "partial", "total_processed", "other_unsplit", "new_received", "carried_over", "carried_forward"):
            current = None
        if current:
            spans[current] += 1
    for key, label, group in body:
        vals = [(cell(u, f"t3.{key}.{c}") or "", 1, 1, "value") for c in COLS]
        if key in ("new_received", "carried_over", "carried_forward"):
            rows.append([(label, 1, 3, "label")] + vals)
            continue
        lead = []
        if key == "granted":
            lead.append(("三、本年度办理结果", results_span, 1, "label"))
        if group and group != "三、本年度办理结果":
            lead.append((group, spans[group], 1, "label"))
        if key == "other_unsplit":
            # As 洪泽区 prints it: the label in the group column, the item column left empty.
            rows.append(lead + [(label, 1, 1, "label"), ("", 1, 1, "label")] + vals)
        elif key in ("granted", "partial", "total_processed"):
            rows.append(lead + [(label, 1, 2, "label")] + vals)
        else:
            rows.append(lead + [(label, 1, 1, "label")] + vals)
    return rows


def t4_grid(u):
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [("行政复议", 1, 5, "head"), ("行政诉讼", 1, 10, "head")],
        [(h, 2, 1, "head") for h in heads] + [("未经复议直接起诉", 1, 5, "head"), ("复议后起诉", 1, 5, "head")],
        [(h, 1, 1, "head") for h in heads * 2],
        [(cell(u, f"t4.{b}.{x}") or "", 1, 1, "value") for b in BLOCKS for x in RESULTS],
    ]


def render_pdf(u):
    pdf = office_formats.Pdf(**u.pdf)
    head = prose_head(u)
    if u.title:
        pdf.title(head[0])
        head = head[1:]
    for line in head:
        pdf.para(line, indent=not line.startswith(("一、", "二、")))
    scale = (pdf.w - 2 * pdf.margin) / 451
    pdf.table(t2_grid(u), [w * scale for w in (121, 110, 110, 110)])
    pdf.para(T3_HEADING, indent=False)
    pdf.table(t3_grid(u), [w * scale for w in [22, 70, 142] + [31] * 7])
    if u.has_t4:
        pdf.para(T4_HEADING, indent=False)
        pdf.table(t4_grid(u), [30 * scale] * 15)
        for line in prose_tail(u):
            pdf.para(line, indent=not line[:2] in ("五、", "六、"))
    return pdf.bytes()


def render_docx(u):
    """The official blank template, filled in."""
    template = (Path(__file__).resolve().parent.parent / "tests" / "data" / "real" / TEMPLATE).read_bytes()
    head, tail = prose_head(u), prose_tail(u)
    paragraphs = [
        ("政府信息公开工作年度报告格式模板", [head[0]]),
        ("（文字描述）", [head[1], head[3]]),
        ("（文字描述）", [tail[1]]),
        ("（文字描述，收取信息处理费情况在此处报告。）", [tail[3]]),
    ]
    t3 = [cell(u, f"t3.{k}.{c}") for k, _, _ in t3_rows(u) for c in COLS]
    t4 = [cell(u, f"t4.{b}.{x}") for b in BLOCKS for x in RESULTS]
    return office_formats.fill_docx(template, paragraphs, [[cell(u, k) for k in T2_KEYS], t3, t4])


def render(u):
    if u.fmt == "doc":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8
    if u.fmt == "scanned":
        return office_formats.scanned_pdf()
    if u.fmt == "pdf":
        return render_pdf(u)
    if u.fmt == "docx":
        return render_docx(u)
    if u.fmt == "text":
        text = render_text(u)
    elif u.fmt == "tabs":
        text = render_tabs(u)
    else:
        style = 1 if hash_name(u.name) % 2 else 0
        text = render_html(u, u.fmt == "page", style)
    if u.traditional:
        text = to_traditional(text)
    return text.encode(u.encoding)


def hash_name(s):
    return sum(ord(c) for c in s)


# --- the district office's inputs: roster, last year, the published aggregate -------------

def kind_of(name):
    if name.endswith(OFFICE):
        return "office"
    if any(name.endswith(t) for t in TOWNS):
        return "town"
    if any(name.endswith(t) for t in STREETS):
        return "street"
    if name.endswith(ZONE):
        return "zone"
    return "department"


def write_roster(path, units):
    """Every body of the district (three levels: 临江市 → 临江区 → units); the unknown 机关事务管理局
    is left out, 体育局 is listed but sends nothing, 城市管理局 is listed under its new name."""
    names = []
    for u in units:
        if u.name.startswith(DISTRICT) and u.name not in names and "机关事务" not in u.name:
            names.append(u.name)
    names.append(DISTRICT + MISSING)
    aliases = {DISTRICT + OFFICE: "区政府办", DISTRICT + RENAMED: DISTRICT + "城市管理局"}
    lines = ["name,aliases,kind,parent", "临江市,,city,", f"{DISTRICT},,district,临江市"]
    for n in names:
        lines.append(f"{n},{aliases.get(n, '')},{kind_of(n)},{DISTRICT}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def last_year(u):
    """Last year's report of `u`, made so that this year continues it: last year's carried_forward
    is this year's carried_over, and last year's in-force count plus this year's issued minus
    repealed is this year's."""
    t3 = {r: {c: 0 for c in COLS} for r in ALL_T3_KEYS}
    for c in APPLICANTS:
        fwd = u.t3["carried_over"][c]
        new = u.t3["new_received"][c] + fwd
        t3["new_received"][c] = new
        t3["carried_forward"][c] = fwd
        t3["total_processed"][c] = new - fwd
        t3["granted"][c] = new - fwd
    for r in ALL_T3_KEYS:
        t3[r]["total"] = sum(t3[r][c] for c in APPLICANTS)
    t4 = {b: {x: 0 for x in RESULTS} for b in BLOCKS}
    t2 = dict(u.t2)
    t2["t2.normative.in_force"] = (u.t2["t2.normative.in_force"] - u.t2["t2.normative.issued"]
                                   + u.t2["t2.normative.repealed"])
    prev = Unit(u.name, u.file, u.fmt if u.fmt in ("text", "tabs", "html", "page") else "text", t2, t3, t4)
    prev.year = YEAR - 1
    return prev


def write_previous(folder, units):
    """2024 reports of eight units. 民政局's carried_over does not follow from them
    (CARRY_CHAIN), 教育局's in-force count does not (IN_FORCE_CHAIN), 商务局's 行政许可 fell
    more than tenfold (TENFOLD_CHANGE); 城市管理局's is under its old name; 农业农村局 used the
    2019 table 二 this year, so its table 二 is not compared."""
    by = {u.name.replace(DISTRICT, ""): u for u in units if u.year == YEAR}
    picked = ["人民政府办公室", "发展和改革局", "教育局", "民政局", "财政局", "商务局", RENAMED, "农业农村局"]
    for stem in picked:
        u = by[stem]
        prev = last_year(u)
        if stem == "民政局":
            prev.t3["carried_forward"]["natural"] += 2
            prev.t3["new_received"]["natural"] += 2
            prev.t3["carried_forward"]["total"] += 2
            prev.t3["new_received"]["total"] += 2
        if stem == "教育局":
            prev.t2["t2.normative.in_force"] += 3
        if stem == "商务局":
            prev.t2["t2.licensing"] = max(u.t2["t2.licensing"], 20) * 15
        if stem == RENAMED:
            prev.name = DISTRICT + "城市管理局"
        prev.fill_printed()
        ext = "txt" if prev.fmt in ("text", "tabs") else "html"
        path = folder / f"{prev.name.replace(DISTRICT, '')}_{YEAR - 1}.{ext}"
        path.write_bytes(render(prev))
        os.utime(path, (MTIME, MTIME))


def write_published(path, totals):
    """The district's own aggregate report as the office published it: the sum of the units it
    had, plus numbers from the units this run has no report of (so most cells are short), and
    one typing slip: 行政许可 100 less than the sum."""
    t3 = {r: {c: int(totals.get(f"t3.{r}.{c}") or 0) for c in COLS} for r in ALL_T3_KEYS}
    for c in COLS:  # 交通运输局's （六） as one row goes under 3.其他
        t3["other_other"][c] += t3["other_unsplit"][c]
        t3["other_unsplit"][c] = 0
    for r, extra in (("new_received", 7), ("total_processed", 7), ("granted", 7)):
        t3[r]["natural"] += extra
        t3[r]["total"] += extra
    t4 = {b: {x: int(totals.get(f"t4.{b}.{x}") or 0) for x in RESULTS} for b in BLOCKS}
    t2 = {k: (totals.get(k) if k == "t2.fees_10k_yuan" else int(totals.get(k) or 0)) for k in T2_KEYS}
    t2["t2.licensing"] -= 100
    u = Unit(DISTRICT + "人民政府", path.name, "page", t2, t3, t4)
    u.fill_printed()
    path.write_bytes(render(u))
    os.utime(path, (MTIME, MTIME))


def main():
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
    reports = out_dir / "reports"
    expected = out_dir / "expected"
    previous = out_dir / "previous"
    published = out_dir / "published"
    for d in (reports, expected, previous, published):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    rng = random.Random(20260131)
    units = build_units(rng)
    findings = []
    expected_units = {}
    for u in units:
        path = reports / u.file
        path.write_bytes(render(u))
        os.utime(path, (MTIME, MTIME))
    # The seed report (a real one, 2022) sits in the folder too: another year, so not summed.
    seed = Path(__file__).resolve().parent.parent / "tests" / "data" / "real" / SEED
    shutil.copyfile(seed, reports / SEED)
    os.utime(reports / SEED, (MTIME, MTIME))
    # Sources as the tool prints them when run on data/reports.
    src = lambda u: f"data/reports/{u.file}"
    units.sort(key=lambda u: src(u).encode())
    included = []
    for u in units:
        if u.fmt in ("doc", "scanned"):
            findings.append((src(u), "UNPARSEABLE", []))
            expected_units[src(u)] = {"unit": None, "status": "failed", "cells": {}}
            continue
        findings += checks(u, src(u))
        if u.prose_new is not None:
            findings.append((src(u), "NARRATIVE_MISMATCH", ["t3.new_received.total"]))
        if u.claims_no_review:
            findings.append((src(u), "NARRATIVE_MISMATCH", ["t4.review.total"]))
            findings.append((src(u), "NARRATIVE_MISMATCH", ["t4.suit_direct.total"]))
        cells = {k: fmt_dec(value(u, k)) if k in u.printed else None for k in all_keys()}
        # A converted fee is the exact 万元 value.
        status = "ok" if u.has_t4 else "partial"
        expected_units[src(u)] = {"unit": u.name, "year": u.year, "status": status, "cells": cells}
        if u.year == YEAR:
            included.append(u)
        else:
            findings.append((src(u), "YEAR_MISMATCH", []))
    by_name = {}
    for u in included:
        by_name.setdefault(u.name, []).append(u)
    for name, group in by_name.items():
        if len(group) > 1:
            keep = max(group, key=lambda u: src(u).encode())
            for u in group:
                findings.append((src(u), "DUPLICATE_REPORT", []))
                if u is not keep:
                    included.remove(u)
    totals = {}
    for k in all_keys():
        vals = [value(u, k) for u in included if value(u, k) is not None]
        totals[k] = sum(vals, Decimal(0)) if vals else None
    findings += explain(district_checks(totals), included, totals, lambda u: checks(u, src(u)))
    findings.append((f"data/reports/{SEED}", "YEAR_MISMATCH", []))
    expected_units[f"data/reports/{SEED}"] = {"unit": "杭州钱江经济开发区", "year": 2022, "status": "ok", "cells": None}
    for name, e in expected_units.items():
        e["included"] = any(src(u) == name for u in included)
    findings.sort(key=lambda f: (f[0], f[1], f[2]))
    (expected / "district.json").write_text(json.dumps({
        "district": "district",
        "year": YEAR,
        "units_included": len(included),
        "reports_read": len(units) + 1,  # and the seed
        "totals": {k: fmt_dec(v) for k, v in totals.items()},
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (expected / "findings.json").write_text(json.dumps(
        [{"source": s, "check": c, "cells": cells} for s, c, cells in findings],
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (expected / "units.json").write_text(json.dumps(expected_units, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_roster(out_dir / "roster.csv", units)
    write_previous(previous, units)
    write_published(published / f"{DISTRICT}{YEAR}年政府信息公开工作年度报告.html", totals)
    print(f"wrote {len(units)} reports to {reports}, expected values to {expected}, "
          f"the roster, last year's reports and the published aggregate")


if __name__ == "__main__":
    main()
