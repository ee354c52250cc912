"""The checks of ../shared/spec/report-format.md, re-implemented on the printed cells of a
generated unit, so that the sample district's expected findings do not come from the parser
under test (used by scripts/gen_district.py)."""

from decimal import Decimal

from template_keys import APPLICANTS, BLOCKS, COLS, OTHER_ROWS, RESULT_ROWS, RESULTS, T2_KEYS, T2_2019_KEYS, ALL_T3_KEYS

# --- the checks, from the spec, on the printed cells ---------------------------------------

PLACEHOLDERS = {"/", "-", "—", "——", "无"}


def state(s):
    """(state, value): absent / blank / placeholder / number / invalid."""
    if s is None:
        return "absent", None
    t = s.strip()
    if t == "":
        return "blank", None
    if t in PLACEHOLDERS:
        return "placeholder", None
    t = t.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if t.endswith("元") and not t.endswith("万元"):
        return "number", Decimal(t[:-1]) / Decimal(10000)
    if "（" in t:
        t = t[: t.index("（")]
    t = t.replace(",", "")
    try:
        return "number", Decimal(t)
    except Exception:
        return "invalid", None


def value(u, key):
    st, v = state(u.printed.get(key))
    return v if st == "number" else None


def checks(u, src):
    """Findings for one unit: list of (source, check, sorted cells)."""
    out = []
    add = lambda check, cells: out.append((src, check, sorted(cells)))
    p = u.printed
    if not u.has_t4:
        add("TABLE_MISSING", [])
        # A truncated report: parts 五 and 六 (printed after table 四) are gone too.
        add("SECTION_MISSING", [])

    def arith(key, col=None, row=None):
        st, v = state(p.get(key))
        if st == "number":
            return v
        if st == "invalid":
            return None
        if st == "absent":
            return Decimal(0)
        if col == "total" and any(state(p.get(f"t3.{row}.{c}"))[0] == "number" for c in APPLICANTS):
            return None
        return Decimal(0)

    for r in ALL_T3_KEYS:
        keys = [f"t3.{r}.{c}" for c in COLS]
        if all(k not in p for k in keys):
            continue
        parts = [arith(f"t3.{r}.{c}", c, r) for c in APPLICANTS]
        total = arith(f"t3.{r}.total", "total", r)
        if None in parts or total is None:
            continue
        if sum(parts) != total:
            add("T3_ROW_SUM", keys)
    for c in COLS:
        rows = [r for r in RESULT_ROWS if f"t3.{r}.{c}" in p]
        parts = [arith(f"t3.{r}.{c}", c, r) for r in rows]
        done = arith(f"t3.total_processed.{c}", c, "total_processed")
        if None not in parts and done is not None and sum(parts) != done:
            add("T3_RESULT_SUM", [f"t3.{r}.{c}" for r in rows] + [f"t3.total_processed.{c}"])
        b = [arith(f"t3.{r}.{c}", c, r) for r in ("new_received", "carried_over", "total_processed", "carried_forward")]
        bkeys = [f"t3.{r}.{c}" for r in ("new_received", "carried_over", "total_processed", "carried_forward")]
        if None not in b and b[0] + b[1] != b[2] + b[3]:
            add("T3_BALANCE", bkeys)
            if c == "total" and b[0] + b[1] - b[2] - b[3] > 0:
                add("UNANSWERED", bkeys)
    if u.has_t4:
        for blk in BLOCKS:
            vals = [arith(f"t4.{blk}.{x}") for x in RESULTS]
            if None not in vals and sum(vals[:4]) != vals[4]:
                add("T4_SUM", [f"t4.{blk}.{x}" for x in RESULTS])
            for x, rc, sc in (("pending", "REVIEW_PENDING", "SUIT_PENDING"), ("corrected", "REVIEW_CORRECTED", "SUIT_CORRECTED")):
                v = value(u, f"t4.{blk}.{x}")
                if v is not None and v > 0:
                    add(rc if blk == "review" else sc, [f"t4.{blk}.{x}"])
    # Cell states, per table.
    t2_keys = T2_KEYS if u.t2_2019 is None else T2_2019_KEYS
    t3_keys = [f"t3.{r}.{c}" for r in ALL_T3_KEYS for c in COLS if f"t3.{r}.{c}" in p]
    t4_keys = [f"t4.{b}.{x}" for b in BLOCKS for x in RESULTS] if u.has_t4 else []
    for keys in (t2_keys, t3_keys, t4_keys):
        blank = []
        for k in keys:
            st, v = state(p.get(k))
            if st == "invalid":
                add("VALUE_INVALID", [k])
            if st in ("blank", "placeholder", "absent"):
                blank.append(k)
            if st == "number" and p[k].strip().endswith("元") and not p[k].strip().endswith("万元"):
                add("VALUE_CONVERTED", [k])
        if blank:
            add("BLANK_CELLS", blank)
    cf = value(u, "t3.carried_forward.total")
    if cf is not None and cf > 0:
        add("CARRIED_FORWARD", ["t3.carried_forward.total"])
    done = value(u, "t3.total_processed.total")
    if done is not None and done > 0:
        other = sum(value(u, f"t3.{r}.total") or 0 for r in OTHER_ROWS)
        if other * 5 > done:
            add("OTHER_HANDLING_HIGH", [f"t3.{r}.total" for r in OTHER_ROWS] + ["t3.total_processed.total"])
    new, over = value(u, "t3.new_received.total"), value(u, "t3.carried_over.total")
    if new == 0 and over in (0, None):
        add("ZERO_REPORT", ["t3.carried_over.total", "t3.new_received.total"])
    has2019 = u.unsplit or u.t2_2019 is not None
    has2021 = (not u.unsplit) or u.t2_2019 is None
    if has2019:
        add("TEMPLATE_MIXED", [])
    if has2021 and not u.fee_statement and u.has_t4:
        add("FEE_NOT_STATED", [])
    if u.declared and u.declared.lower().replace("gb2312", "gbk") != u.encoding:
        add("CHARSET_MISMATCH", [])
    return out


def district_checks(totals):
    out = []
    add = lambda check, cells: out.append(("", check, sorted(cells)))
    t = lambda k: totals.get(k)

    def val(k):
        return t(k) if t(k) is not None else Decimal(0)

    for r in ALL_T3_KEYS:
        keys = [f"t3.{r}.{c}" for c in COLS]
        if all(t(k) is None for k in keys):
            continue
        if sum(val(f"t3.{r}.{c}") for c in APPLICANTS) != val(f"t3.{r}.total"):
            add("T3_ROW_SUM", keys)
    for c in COLS:
        rows = [r for r in RESULT_ROWS if t(f"t3.{r}.{c}") is not None]
        if t(f"t3.total_processed.{c}") is not None and sum(val(f"t3.{r}.{c}") for r in rows) != val(f"t3.total_processed.{c}"):
            add("T3_RESULT_SUM", [f"t3.{r}.{c}" for r in rows] + [f"t3.total_processed.{c}"])
        b = [val(f"t3.{r}.{c}") for r in ("new_received", "carried_over", "total_processed", "carried_forward")]
        bkeys = [f"t3.{r}.{c}" for r in ("new_received", "carried_over", "total_processed", "carried_forward")]
        if b[0] + b[1] != b[2] + b[3]:
            add("T3_BALANCE", bkeys)
            if c == "total" and b[0] + b[1] - b[2] - b[3] > 0:
                add("UNANSWERED", bkeys)
    for blk in BLOCKS:
        if sum(val(f"t4.{blk}.{x}") for x in RESULTS[:4]) != val(f"t4.{blk}.total"):
            add("T4_SUM", [f"t4.{blk}.{x}" for x in RESULTS])
    return out


def identity(check, cells):
    """Which identity an arithmetic finding is about: its row, column or block."""
    if check == "T3_ROW_SUM":
        return check, cells[0].split(".")[1]
    if check in ("T3_RESULT_SUM", "T3_BALANCE", "UNANSWERED"):
        return check, cells[0].split(".")[2]
    if check == "T4_SUM":
        return check, cells[0].split(".")[1]
    return None


def explain(found, included, totals, unit_findings):
    """A district failure that only unit reports failing the same check cause is not an error of
    its own: it becomes one UNIT_ERROR_IN_TOTAL finding (the spec's "district findings explain
    themselves"). `unit_findings` maps a unit to its findings."""
    out = []
    for src, check, cells in found:
        ident = identity(check, cells)
        culprits = [u for u in included
                    if any(identity(c, k) == ident for _, c, k in unit_findings(u))] if ident else []
        if culprits:
            rest = {}
            for k, v in totals.items():
                mine = [value(u, k) for u in culprits if value(u, k) is not None]
                rest[k] = (v - sum(mine, Decimal(0))) if v is not None else None
            if not any(identity(c, k) == ident for _, c, k in district_checks(rest)):
                out.append((src, "UNIT_ERROR_IN_TOTAL", cells))
                continue
        out.append((src, check, cells))
    return out


def fmt_dec(d):
    if d is None:
        return None
    s = format(d, "f")
    return s
