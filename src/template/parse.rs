//! Parse a [`Document`] into a typed [`Report`]: find each table by its labels, read each row's
//! values in order, and keep every doubt (missing, extra or unreadable cells) on the cell.
//!
//! The same code reads grid rows (HTML, tab-separated text: a label's values follow it in its
//! row) and streams (one cell per line: the values follow in the next lines).

use super::keys::{T2Field, T3Group, T3Row, T2_2019, T2_2021};
use super::labels::{
    is_section_after_t3, is_t2_2019_header, is_t3_start, is_t4_anchor, match_t2, match_t3, T2Row,
    T3Label,
};
use super::meta;
use super::tokens::{tokens, Tok};
use super::{Entry, Report, SecondCopy, Table2, Table3, Table4, Template};
use crate::read::extract::Document;
use crate::value::{looks_like_value, parse_cell, CellValue, FieldKind};

/// Parse a document. `file_stem` is the fallback for the unit name and year.
pub fn parse(doc: &Document, file_stem: &str) -> Report {
    let toks = tokens(doc);
    let t3_at = t3_start(&toks, 0);
    let t2 = parse_t2(&toks, t3_at.unwrap_or(toks.len()));
    let (t3, t3_end) = match t3_at {
        Some(at) => {
            let (t, end) = parse_t3(&toks, at);
            (Some(t), end)
        }
        None => (None, 0),
    };
    let (t4, t4_end) = parse_t4(&toks, t3_end);
    let after = t4_end.max(t3_end);
    let second_copy = t3.as_ref().and_then(|first| {
        let at = t3_start(&toks, after.max(t3_at.unwrap_or(0) + 1))?;
        let (again, end) = parse_t3(&toks, at);
        let (again4, _) = parse_t4(&toks, end);
        let values = |t: &Table3| -> Vec<CellValue> {
            t.cells.iter().flatten().map(|e| e.value.clone()).collect()
        };
        let values4 = |t: Option<&Table4>| -> Vec<CellValue> {
            t.map(|t| t.cells.iter().flatten().map(|e| e.value.clone()).collect())
                .unwrap_or_default()
        };
        Some(SecondCopy {
            place: Some(toks[at].place),
            same: values(first) == values(&again)
                && values4(t4.as_ref()) == values4(again4.as_ref()),
        })
    });
    let fee_statement = toks[after.min(toks.len())..]
        .iter()
        .find(|t| {
            t.norm.contains("处理费")
                || t.norm.contains("收费")
                || (t.norm.contains("收取") && t.norm.contains("费用"))
        })
        .map(|t| t.text.trim().to_string());
    let prose = toks
        .iter()
        .filter(|t| t.norm.chars().nth(7).is_some() && !looks_like_value(t.text))
        .map(|t| (t.text.trim().to_string(), t.place))
        .collect();
    let sections = super::sections::sections(&toks);
    let (unit, unit_origin) = meta::unit(doc, &toks, file_stem);
    let (year, year_origin) = meta::year(doc, &toks, file_stem).unzip();
    let published = super::dated::published(doc, &toks, year);
    let period = meta::period(&toks);
    Report {
        unit,
        unit_origin,
        year,
        year_origin,
        t2,
        t3,
        t4,
        fee_statement,
        prose,
        second_copy,
        sections,
        published,
        period,
    }
}

/// The first token at or after `from` that opens table 三 (its 本年新收 row).
fn t3_start(toks: &[Tok], from: usize) -> Option<usize> {
    toks.get(from..)?
        .iter()
        .position(|t| {
            matches!(
                match_t3(&t.norm, None),
                Some(T3Label::Row(T3Row::NewReceived))
            )
        })
        .map(|i| i + from)
}

/// A row label with the tokens that followed it.
struct RowHit<K> {
    key: K,
    label_row: usize,
    values: Vec<usize>,
    extra: Vec<usize>,
}

enum Class<K> {
    Label(K),
    Group,
    Stop,
    Other,
}

/// Walk tokens from `start`, attaching value tokens to the label before them.
/// Returns the rows and the index where the walk stopped.
fn collect_rows<K: Copy + PartialEq>(
    toks: &[Tok],
    start: usize,
    end: usize,
    mut classify: impl FnMut(&Tok) -> Class<K>,
    expected: impl Fn(K) -> usize,
    last: Option<K>,
) -> (Vec<RowHit<K>>, usize) {
    let mut rows: Vec<RowHit<K>> = Vec::new();
    let mut current: Option<RowHit<K>> = None;
    let mut i = start;
    while i < end {
        let tok = &toks[i];
        if let Some(cur) = &current {
            if Some(cur.key) == last && cur.values.len() >= expected(cur.key) && !tok.is_value() {
                break;
            }
        }
        match classify(tok) {
            Class::Stop => break,
            Class::Label(k) => {
                rows.extend(current.take());
                current = Some(RowHit {
                    key: k,
                    label_row: tok.row,
                    values: Vec::new(),
                    extra: Vec::new(),
                });
            }
            Class::Group => rows.extend(current.take()),
            Class::Other => {
                if let Some(cur) = current.as_mut() {
                    let same_row = tok.row == cur.label_row;
                    let want = expected(cur.key);
                    if same_row || tok.is_value() || !cur.values.is_empty() {
                        if cur.values.len() < want {
                            cur.values.push(i);
                        } else if !tok.is_empty() && (same_row || tok.is_value()) {
                            cur.extra.push(i);
                        }
                    }
                    // Otherwise: text right after a label on a new line continues the label.
                }
            }
        }
        i += 1;
    }
    rows.extend(current);
    (rows, i)
}

/// Fill `cells` (one per expected value) from a row hit.
fn fill(hit: &RowHit<impl Copy>, toks: &[Tok], kinds: &[FieldKind], cells: &mut [&mut Entry]) {
    let mut cells_seen: Vec<usize> = hit.values.iter().chain(&hit.extra).copied().collect();
    // Empty boxes printed between the label and the numbers (a label column left blank) are
    // not values: drop them when, and only when, the row has that many cells too many.
    let surplus = cells_seen.len().saturating_sub(kinds.len());
    if surplus > 0
        && cells_seen[..surplus]
            .iter()
            .all(|&i| toks[i].is_empty() && toks[i].row == hit.label_row)
    {
        cells_seen.drain(..surplus);
    }
    // One run of digits where a table 三 row wants seven numbers: glued cells, split where
    // exactly one cut makes the applicant columns add up to the total.
    if let ([only], 7) = (cells_seen.as_slice(), kinds.len()) {
        let tok = &toks[*only];
        let digits = tok.text.trim();
        if digits.len() >= kinds.len() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let found = splits(digits, kinds.len());
            for (k, slot) in cells.iter_mut().enumerate() {
                **slot = match found.as_slice() {
                    [one] => Entry {
                        value: parse_cell(one[k], kinds[k]).value,
                        raw: one[k].to_string(),
                        place: Some(tok.place),
                        note: Some(crate::value::Note::new(
                            format!("split from the glued digits \"{digits}\" (the one cut whose columns add up to the total)"),
                            format!("由连在一起的数字“{digits}”拆分（唯一使各列之和等于总计的拆法）"),
                        )),
                        converted: false,
                        whole_row: false,
                    },
                    _ => Entry {
                        value: CellValue::Invalid,
                        raw: digits.to_string(),
                        place: Some(tok.place),
                        note: Some(crate::value::Note::new(
                            format!("the row's numbers are glued together (\"{digits}\") and cannot be split reliably: send the original file"),
                            format!("表格数字连在一起（“{digits}”），无法可靠拆分，请提供原始文件"),
                        )),
                        converted: false,
                        whole_row: true,
                    },
                };
            }
            return;
        }
    }
    if cells_seen.len() == kinds.len() {
        for ((slot, &ti), kind) in cells.iter_mut().zip(&cells_seen).zip(kinds) {
            let tok = &toks[ti];
            let parsed = parse_cell(&cell_value_text(tok.text), *kind);
            // Two lines that each read as a value; words wrapped over lines are one text.
            let several = tok
                .text
                .lines()
                .filter(|l| !l.trim().is_empty() && looks_like_value(l))
                .count()
                > 1;
            **slot = Entry {
                value: if several {
                    CellValue::Invalid
                } else {
                    parsed.value
                },
                raw: tok.text.to_string(),
                place: Some(tok.place),
                note: if several {
                    Some(crate::value::Note::new(
                        "several values in one cell",
                        "一个单元格内有多个数值",
                    ))
                } else {
                    parsed.note
                },
                converted: parsed.converted,
                whole_row: false,
            };
        }
        return;
    }
    let seen: Vec<String> = hit
        .values
        .iter()
        .chain(&hit.extra)
        .map(|&i| format!("\"{}\"", toks[i].text.trim()))
        .collect();
    let note = crate::value::Note::new(
        format!(
            "row has {} cells where {} expected ({}); cannot tell which is which",
            seen.len(),
            kinds.len(),
            seen.join(" ")
        ),
        format!(
            "该行有{}个单元格，应为{}个，无法对应",
            seen.len(),
            kinds.len()
        ),
    );
    for (k, slot) in cells.iter_mut().enumerate() {
        let tok = hit.values.get(k).map(|&i| &toks[i]);
        **slot = Entry {
            value: CellValue::Invalid,
            raw: tok.map(|t| t.text.to_string()).unwrap_or_default(),
            place: tok.map(|t| t.place),
            note: Some(note.clone()),
            converted: false,
            whole_row: true,
        };
    }
}

/// The cuts of `digits` into `n` numbers (no leading zeros, each at most ten digits) whose
/// first `n - 1` add up to the last; at most two are looked for (one means the cut is sure).
fn splits(digits: &str, n: usize) -> Vec<Vec<&str>> {
    splits_upto(digits, n, 2)
}

/// [`splits`], looking for at most `cap` cuts.
fn splits_upto(digits: &str, n: usize, cap: usize) -> Vec<Vec<&str>> {
    fn walk<'a>(
        rest: &'a str,
        n: usize,
        cap: usize,
        parts: &mut Vec<&'a str>,
        sum: u128,
        out: &mut Vec<Vec<&'a str>>,
    ) {
        if out.len() >= cap {
            return;
        }
        let ok = |p: &str| !p.is_empty() && p.len() <= 10 && (p == "0" || !p.starts_with('0'));
        if parts.len() == n - 1 {
            if ok(rest) && rest.parse::<u128>().ok() == Some(sum) {
                let mut found = parts.clone();
                found.push(rest);
                out.push(found);
            }
            return;
        }
        for len in 1..=rest.len().min(10) {
            let (head, tail) = rest.split_at(len);
            if !ok(head) || tail.is_empty() {
                continue;
            }
            let Ok(v) = head.parse::<u128>() else {
                continue;
            };
            parts.push(head);
            walk(tail, n, cap, parts, sum + v, out);
            parts.pop();
        }
    }
    let mut out = Vec::new();
    if n >= 2 && digits.len() <= 40 {
        walk(digits, n, cap, &mut Vec::new(), 0, &mut out);
    }
    out
}

/// A cell's value text: the one non-empty line when the cell holds several paragraphs.
fn cell_value_text(text: &str) -> std::borrow::Cow<'_, str> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    match (lines.next(), lines.next()) {
        (Some(one), None) => one.into(),
        (Some(_), Some(_)) => text.lines().map(str::trim).collect::<String>().into(),
        _ => text.into(),
    }
}

fn parse_t2(toks: &[Tok], t3_at: usize) -> Option<Table2> {
    let start = toks[..t3_at].iter().position(|t| {
        (t.norm.contains("第二十条") && t.norm.chars().count() <= 20) || match_t2(&t.norm).is_some()
    })?;
    let end = toks[start..t3_at]
        .iter()
        .position(|t| is_t3_start(&t.norm))
        .map_or(t3_at, |p| start + p);
    let template = if toks[start..end].iter().any(|t| is_t2_2019_header(&t.norm)) {
        Template::T2019
    } else {
        Template::T2021
    };
    let fields: &[T2Field] = match template {
        Template::T2021 => &T2_2021,
        Template::T2019 => &T2_2019,
    };
    let row_fields = |row: T2Row| -> &[T2Field] {
        let name = match row {
            T2Row::Rules => "规章",
            T2Row::Normative => {
                if template == Template::T2021 {
                    "行政规范性文件"
                } else {
                    "规范性文件"
                }
            }
            T2Row::Licensing => "行政许可",
            T2Row::OtherServices => "其他对外管理服务事项",
            T2Row::Punishment => "行政处罚",
            T2Row::Coercion => "行政强制",
            T2Row::Fees => "行政事业性收费",
            T2Row::Procurement => "政府集中采购",
        };
        let first = fields.iter().position(|f| f.row == name);
        let n = fields.iter().filter(|f| f.row == name).count();
        first.map_or(&[], |p| &fields[p..p + n])
    };
    let (hits, _) = collect_rows(
        toks,
        start,
        end,
        |t| match match_t2(&t.norm) {
            Some(r) if !row_fields(r).is_empty() => Class::Label(r),
            Some(_) => Class::Group,
            None => Class::Other,
        },
        |r| row_fields(r).len(),
        None,
    );
    let mut cells = vec![Entry::default(); fields.len()];
    let mut filled = vec![false; fields.len()];
    for hit in &hits {
        let fs = row_fields(hit.key);
        let Some(first) = fields.iter().position(|f| f.key == fs[0].key) else {
            continue;
        };
        if filled[first] {
            continue; // a repeated row label: keep the first
        }
        let kinds: Vec<FieldKind> = fs.iter().map(|f| f.kind).collect();
        let mut slots: Vec<&mut Entry> = cells[first..first + fs.len()].iter_mut().collect();
        fill(hit, toks, &kinds, &mut slots);
        filled[first..first + fs.len()]
            .iter_mut()
            .for_each(|f| *f = true);
    }
    if hits.is_empty() {
        return None;
    }
    Some(Table2 {
        template,
        cells,
        place: Some(toks[start].place),
    })
}

fn parse_t3(toks: &[Tok], start: usize) -> (Table3, usize) {
    let mut group: Option<T3Group> = None;
    let (hits, end) = collect_rows(
        toks,
        start,
        toks.len(),
        |t| {
            if is_t4_anchor(&t.norm) || is_section_after_t3(&t.norm) {
                return Class::Stop;
            }
            match match_t3(&t.norm, group) {
                Some(T3Label::Row(r)) => {
                    if let Some(g) = r.group() {
                        group = Some(g);
                    }
                    Class::Label(r)
                }
                Some(T3Label::Group(T3Group::Other)) => {
                    group = Some(T3Group::Other);
                    // （六）其他处理 carries numbers in the one-row (2019) form.
                    Class::Label(T3Row::OtherUnsplit)
                }
                Some(T3Label::Group(g)) => {
                    group = Some(g);
                    Class::Group
                }
                None => Class::Other,
            }
        },
        |_| 7,
        Some(T3Row::CarriedForward),
    );
    let split = hits.iter().any(|h| {
        matches!(
            h.key,
            T3Row::OtherNoCorrection | T3Row::OtherNoFee | T3Row::OtherOther
        )
    });
    let unsplit = hits
        .iter()
        .any(|h| h.key == T3Row::OtherUnsplit && !h.values.is_empty());
    let template = if unsplit && !split {
        Template::T2019
    } else {
        Template::T2021
    };
    let mut table = Table3::empty(template);
    table.place = Some(toks[start].place);
    let mut done = [false; 26];
    for (i, hit) in hits.iter().enumerate() {
        if hit.key == T3Row::OtherUnsplit && (hit.values.is_empty() || template == Template::T2021)
        {
            continue; // a group heading
        }
        let r = hit.key.index();
        // A label repeated without values (a header after a page break) yields to the one
        // that has them.
        let later_with_values = hits[i + 1..]
            .iter()
            .any(|h| h.key == hit.key && !h.values.is_empty());
        if done[r] || (hit.values.is_empty() && later_with_values) {
            continue;
        }
        done[r] = true;
        let mut slots: Vec<&mut Entry> = table.cells[r].iter_mut().collect();
        fill(hit, toks, &[FieldKind::Count; 7], &mut slots);
    }
    resolve_glued(&mut table);
    (table, end)
}

/// The English note of a glued row that several cuts fit.
const GLUED_AMBIGUOUS: &str = "the row's numbers are glued together";

/// Glued rows that several cuts fit: where exactly one choice of cuts for them all makes every
/// column of table 三 balance (新收 + 上年结转 = 办理总计 + 结转下年) and its results add up to
/// （七）总计, that choice is taken; otherwise they stay unread.
fn resolve_glued(table: &mut Table3) {
    // The rows still glued, with their cuts.
    let mut open: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    for (r, cells) in table.cells.iter().enumerate() {
        let first = &cells[0];
        let glued = first.value == CellValue::Invalid
            && first
                .note
                .as_ref()
                .is_some_and(|n| n.en.starts_with(GLUED_AMBIGUOUS));
        if glued {
            let cuts: Vec<Vec<String>> = splits_upto(&first.raw, 7, 20)
                .into_iter()
                .map(|c| c.into_iter().map(String::from).collect())
                .collect();
            if cuts.len() < 2 || cuts.len() >= 20 {
                return;
            }
            open.push((r, cuts));
        }
    }
    let combos: usize = open.iter().map(|(_, c)| c.len()).product();
    if open.is_empty() || combos > 10_000 {
        return;
    }
    // The table's numbers as they stand (blank and absent as 0, anything else unknown).
    let mut grid: Vec<[Option<i128>; 7]> = table
        .cells
        .iter()
        .map(|row| {
            let mut v = [None; 7];
            for (c, e) in row.iter().enumerate() {
                v[c] = match &e.value {
                    CellValue::Number(d) => d.as_int(),
                    CellValue::Blank | CellValue::Absent => Some(0),
                    _ => None,
                };
            }
            v
        })
        .collect();
    let rows = T3Row::ALL;
    let holds = |g: &[[Option<i128>; 7]]| {
        let at = |row: T3Row, c: usize| g[row.index()][c];
        (0..7).all(|c| {
            let balance = match (
                at(T3Row::NewReceived, c),
                at(T3Row::CarriedOver, c),
                at(T3Row::TotalProcessed, c),
                at(T3Row::CarriedForward, c),
            ) {
                (Some(a), Some(b), Some(d), Some(f)) => a + b == d + f,
                _ => true,
            };
            let results: Option<i128> = rows
                .iter()
                .filter(|r| r.is_result() && **r != T3Row::TotalProcessed)
                .map(|r| at(*r, c))
                .sum();
            let sums = match (results, at(T3Row::TotalProcessed, c)) {
                (Some(s), Some(t)) => s == t,
                _ => true,
            };
            balance && sums
        })
    };
    let mut found: Option<Vec<usize>> = None;
    let mut count = 0;
    let mut choice = vec![0usize; open.len()];
    for k in 0..combos {
        let mut rest = k;
        for (i, (_, cuts)) in open.iter().enumerate() {
            choice[i] = rest % cuts.len();
            rest /= cuts.len();
        }
        for (i, (r, cuts)) in open.iter().enumerate() {
            for c in 0..7 {
                grid[*r][c] = cuts[choice[i]][c].parse().ok();
            }
        }
        if holds(&grid) {
            count += 1;
            found = Some(choice.clone());
        }
    }
    let (1, Some(choice)) = (count, found) else {
        return;
    };
    for (i, (r, cuts)) in open.iter().enumerate() {
        let digits = table.cells[*r][0].raw.clone();
        for (c, cell) in table.cells[*r].iter_mut().enumerate() {
            let part = &cuts[choice[i]][c];
            cell.value = parse_cell(part, FieldKind::Count).value;
            cell.raw = part.clone();
            cell.whole_row = false;
            cell.note = Some(crate::value::Note::new(
                format!("split from the glued digits \"{digits}\" (of the cuts that add up, the one that makes the table balance)"),
                format!("由连在一起的数字“{digits}”拆分（各种拆法中唯一使全表勾稽关系成立的一种）"),
            ));
        }
    }
}

fn parse_t4(toks: &[Tok], from: usize) -> (Option<Table4>, usize) {
    let Some(anchor) = toks[from.min(toks.len())..]
        .iter()
        .position(|t| is_t4_anchor(&t.norm))
        .map(|p| from + p)
    else {
        return (None, from);
    };
    let mut values: Vec<usize> = Vec::new();
    let mut extra: Vec<usize> = Vec::new();
    let mut i = anchor;
    let mut started = false;
    while i < toks.len() && values.len() < 15 {
        let row = toks[i].row;
        let mut j = i;
        while j < toks.len() && toks[j].row == row {
            j += 1;
        }
        let cells = &toks[i..j];
        let header = cells.iter().any(|t| !t.is_value());
        if header {
            if started {
                break;
            }
        } else if started || cells.len() > 1 || !cells[0].is_empty() {
            started = true;
            for (k, tok) in toks.iter().enumerate().take(j).skip(i) {
                if values.len() < 15 {
                    values.push(k);
                } else if !tok.is_empty() {
                    extra.push(k);
                }
            }
        }
        i = j;
    }
    let mut table = Table4 {
        place: Some(toks[anchor].place),
        ..Default::default()
    };
    if values.is_empty() {
        // The header is there but no numbers: every cell is missing.
        for block in table.cells.iter_mut() {
            for cell in block.iter_mut() {
                *cell = Entry {
                    value: CellValue::Invalid,
                    note: Some(crate::value::Note::new(
                        "table 四 has no values",
                        "表四没有数值",
                    )),
                    whole_row: true,
                    ..Default::default()
                };
            }
        }
        return (Some(table), i);
    }
    let hit = RowHit {
        key: (),
        label_row: usize::MAX,
        values,
        extra,
    };
    let mut slots: Vec<&mut Entry> = table.cells.iter_mut().flatten().collect();
    fill(&hit, toks, &[FieldKind::Count; 15], &mut slots);
    (Some(table), i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::extract::{text, Place};
    use crate::read::normalize::is_page_number;
    use crate::template::keys::{T3Col, T4Block, T4Result};

    fn report(s: &str) -> Report {
        parse(&text::extract(s), "stem")
    }

    fn n(e: &Entry) -> String {
        match &e.value {
            CellValue::Number(d) => d.to_string(),
            other => other.state_name().to_string(),
        }
    }

    #[test]
    fn glued_digits_split_only_where_one_cut_adds_up() {
        // 151|3|0|0|0|0|154: the one cut whose six columns make the total.
        assert_eq!(
            splits("15130000154", 7),
            vec![vec!["151", "3", "0", "0", "0", "0", "154"]]
        );
        // 1|10|0|0|0|0|11 and 11|0|0|0|0|0|11 both add up: not sure which.
        assert_eq!(splits("110000011", 7).len(), 2);
        assert!(splits("123", 7).is_empty());
    }

    #[test]
    fn stream_with_a_label_broken_over_two_lines() {
        let r = report(
            "一、本年新收政府信息公开申请数量\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n\n\
             （二）部分公开（区分处理的，只计这一情形，\n\n不计其他情形）\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n",
        );
        let t3 = r.t3.unwrap();
        assert_eq!(n(t3.get(T3Row::Partial, T3Col::Natural)), "1");
        assert_eq!(n(t3.get(T3Row::Partial, T3Col::Total)), "1");
        assert_eq!(
            t3.get(T3Row::Partial, T3Col::Total).place,
            Some(Place::Line { line: 33 })
        );
        assert_eq!(n(t3.get(T3Row::Granted, T3Col::Natural)), "absent");
    }

    #[test]
    fn page_numbers_inside_a_table_are_not_cells() {
        let r = report("一、本年新收政府信息公开申请数量\n\n1\n\n0\n\n0\n\n— 5 —\n\n0\n\n0\n\n0\n\n1\n\n- 6 -\n\n第 7 页\n");
        let t3 = r.t3.unwrap();
        assert_eq!(n(t3.get(T3Row::NewReceived, T3Col::Total)), "1");
        assert_eq!(n(t3.get(T3Row::NewReceived, T3Col::Social)), "0");
        assert!(
            !is_page_number("-5"),
            "a negative number is not a page number"
        );
    }

    #[test]
    fn column_headers_repeated_inside_the_table_are_skipped() {
        let r = report(
            "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n\
             （六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n\
             申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n\
             3.其他\t2\t0\t0\t0\t0\t0\t2\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n",
        );
        let t3 = r.t3.unwrap();
        assert_eq!(n(t3.get(T3Row::OtherOther, T3Col::Natural)), "2");
        assert_eq!(n(t3.get(T3Row::TotalProcessed, T3Col::Total)), "3");
    }

    #[test]
    fn a_label_repeated_without_values_yields_to_the_one_with_them() {
        let r = report(
            "一、本年新收政府信息公开申请数量\n（一）予以公开\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n",
        );
        assert_eq!(n(r.t3.unwrap().get(T3Row::NewReceived, T3Col::Total)), "3");
    }

    #[test]
    fn other_handling_as_one_row_is_the_2019_form() {
        let r = report(
            "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n\
             （五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\n\
             （六）其他处理\t1\t0\t0\t0\t0\t0\t1\n\
             （七）总计\t2\t0\t0\t0\t0\t0\t2\n",
        );
        let t3 = r.t3.unwrap();
        assert_eq!(t3.template, Template::T2019);
        assert_eq!(n(t3.get(T3Row::OtherUnsplit, T3Col::Total)), "1");
        assert_eq!(n(t3.get(T3Row::OtherOther, T3Col::Total)), "absent");
        assert_eq!(n(t3.get(T3Row::RefusedPetition, T3Col::Natural)), "0");
        assert_eq!(n(t3.get(T3Row::TotalProcessed, T3Col::Natural)), "2");
    }

    #[test]
    fn split_other_handling_is_the_2021_form() {
        let r = report(
            "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n\
             （六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n\
             3.其他\t0\t0\t0\t0\t0\t0\t0\n",
        );
        let t3 = r.t3.unwrap();
        assert_eq!(t3.template, Template::T2021);
        assert_eq!(n(t3.get(T3Row::OtherNoCorrection, T3Col::Total)), "1");
        assert_eq!(n(t3.get(T3Row::OtherOther, T3Col::Total)), "0");
        assert_eq!(n(t3.get(T3Row::OtherUnsplit, T3Col::Total)), "absent");
    }

    #[test]
    fn an_empty_label_column_before_the_numbers_is_not_a_value() {
        let r = report("一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21\n（六）其他处理\t\t1\t2\t3\t4\t5\t6\t21\n（七）总计\t1\t2\t3\t4\t5\t6\t21\t");
        let t3 = r.t3.expect("table 3");
        assert_eq!(n(t3.get(T3Row::OtherUnsplit, T3Col::Natural)), "1");
        assert_eq!(n(t3.get(T3Row::OtherUnsplit, T3Col::Total)), "21");
        assert_eq!(n(t3.get(T3Row::TotalProcessed, T3Col::Natural)), "1");
    }

    #[test]
    fn a_row_with_too_few_cells_is_not_guessed() {
        let r = report("一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t2\n（一）予以公开\t2\t0\t0\t0\t0\t0\t2\n");
        let t3 = r.t3.unwrap();
        for c in T3Col::ALL {
            assert_eq!(t3.get(T3Row::NewReceived, c).value, CellValue::Invalid);
        }
        let note = t3
            .get(T3Row::NewReceived, T3Col::Total)
            .note
            .clone()
            .unwrap()
            .to_string();
        assert!(
            note.starts_with("row has 6 cells where 7 expected"),
            "{note}"
        );
        assert_eq!(n(t3.get(T3Row::Granted, T3Col::Total)), "2");
    }

    #[test]
    fn table_two_of_the_2019_template_with_signed_changes() {
        let r = report(
            "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
             规章\t0\t0\t0\n规范性文件\t3\t3\t41\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
             行政许可\t120\t-3\t1036\n其他对外管理服务事项\t5\t+1\t20\n第二十条第（八）项\n信息内容\t上一年项目数量\t本年增/减\n\
             行政事业性收费\t4\t0\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t2\t356.8万元\n\
             三、收到和处理政府信息公开申请情况\n",
        );
        let t2 = r.t2.unwrap();
        assert_eq!(t2.template, Template::T2019);
        assert_eq!(n(t2.get("t2_2019.normative.total_public").unwrap()), "41");
        assert_eq!(n(t2.get("t2_2019.licensing.change").unwrap()), "-3");
        assert_eq!(n(t2.get("t2_2019.other_services.change").unwrap()), "1");
        assert_eq!(n(t2.get("t2_2019.procurement.amount").unwrap()), "356.8");
        assert_eq!(n(t2.get("t2_2019.punishment.decisions").unwrap()), "absent");
        assert!(
            t2.get("t2.licensing").is_none(),
            "no 2021 keys in a 2019 table"
        );
    }

    #[test]
    fn table_four_values_in_one_row_and_too_many() {
        let head = "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n";
        let r = report(&format!(
            "{head}1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t1\t0\t1\n五、存在的主要问题\n"
        ));
        let t4 = r.t4.unwrap();
        assert_eq!(n(t4.get(T4Block::Review, T4Result::Total)), "1");
        assert_eq!(n(t4.get(T4Block::SuitAfterReview, T4Result::Other)), "1");
        let r = report(&format!(
            "{head}1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t1\t0\t1\t9\n"
        ));
        assert_eq!(
            r.t4.unwrap().get(T4Block::Review, T4Result::Upheld).value,
            CellValue::Invalid
        );
    }
}
