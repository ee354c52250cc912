//! In-report checks (the spec's table): arithmetic identities of tables 三 and 四, cell states,
//! anomalies worth the office's attention. The arithmetic ones also run on district totals.

pub mod narrative;

use crate::finding::said::{Blank, Said};
use crate::finding::{Check, Finding};
use crate::template::keys::{t3_key, t4_key, T3Col, T3Row, T4Block, T4Result};
use crate::template::{Entry, Report, Table3, Table4, Template};
use crate::value::CellValue;

/// Collects findings for one source and unit.
pub struct Sink<'a> {
    source: &'a str,
    unit: &'a str,
    pub findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(source: &'a str, unit: &'a str) -> Self {
        Sink {
            source,
            unit,
            findings: Vec::new(),
        }
    }

    /// A finding at a place in the source file.
    pub fn push_at(
        &mut self,
        check: Check,
        cells: Vec<String>,
        place: Option<crate::read::extract::Place>,
        said: Said,
    ) -> &mut Finding {
        self.findings.push(Finding {
            source: self.source.to_string(),
            unit: self.unit.to_string(),
            check,
            cells,
            said,
            place: place.map(|p| p.to_string()).unwrap_or_default(),
            facts: Vec::new(),
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// A finding at a cell's place.
    pub fn push(
        &mut self,
        check: Check,
        cells: Vec<String>,
        place: Option<&Entry>,
        said: Said,
    ) -> &mut Finding {
        self.push_at(check, cells, place.and_then(|e| e.place), said)
    }
}

/// A 信息处理费 the fee sentence says was charged: the amount as printed with its unit
/// (`120元`, `0.5万元`); `None` when it says none was charged or names no amount.
fn fee_charged(sentence: &str) -> Option<String> {
    // Simplified script, no blanks, one kind of comma (a traditional-script 處理費 too).
    let compact: String = crate::read::normalize::label(sentence)
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if [
        "未收取",
        "没有收取",
        "未产生",
        "没有产生",
        "不收取",
        "未收费",
        "零元",
    ]
    .iter()
    .any(|w| compact.contains(w))
    {
        return None;
    }
    let at = compact.find("处理费")?;
    let after = &compact[at..];
    let start = after.find(|c: char| c.is_ascii_digit())?;
    let digits: String = after[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let rest = &after[start + digits.len()..];
    let unit = ["万元", "元"].into_iter().find(|u| rest.starts_with(u))?;
    let amount = crate::value::Decimal::parse_plain(&digits)?;
    (!amount.is_zero()).then(|| format!("{digits}{unit}"))
}

/// `FEE_IMPLAUSIBLE`: a fee charged in a year of 10 or fewer new applications.
fn fee_plausible(report: &Report, sink: &mut Sink) {
    let (Some(sentence), Some(t3)) = (&report.fee_statement, &report.t3) else {
        return;
    };
    let new = t3.get(T3Row::NewReceived, T3Col::Total);
    let Some(applications) = new.number().and_then(|d| d.as_int()) else {
        return;
    };
    if applications > 10 {
        return;
    }
    if let Some(fee) = fee_charged(sentence) {
        sink.push(
            Check::FeeImplausible,
            vec![t3_key(T3Row::NewReceived, T3Col::Total)],
            Some(new),
            Said::FeeImplausible {
                fee: fee.clone(),
                applications,
            },
        )
        .facts = vec![fee.clone()];
    }
}

/// `YEAR_STATED_AS_LAST`: the title (or opening) says one year and the statistics period the
/// year before — last year's text kept.
fn period_year(report: &Report, sink: &mut Sink) {
    let (Some(year), Some((stated, place))) = (report.year, report.period) else {
        return;
    };
    if report.year_origin == Some(crate::template::Origin::StatisticsPeriod) || stated != year - 1 {
        return;
    }
    sink.push_at(
        Check::YearStatedAsLast,
        vec![],
        Some(place),
        Said::YearStatedAsLast { year, stated },
    )
    .facts = vec![year.to_string(), stated.to_string()];
}

/// 收费 (万元) above which a figure printed with no unit is doubtful: 1 亿元 for a department,
/// town, street or zone; 10 亿元 for a government's own report.
const FEE_LIMIT_UNIT: i128 = 10_000;
const FEE_LIMIT_GOVERNMENT: i128 = 100_000;

/// `FEE_UNIT_DOUBTFUL`: 收费 printed with no unit and too large to be 万元 for the body (its
/// kind told by its name, as for deadlines): probably 元.
fn fee_unit(report: &Report, t2: &crate::template::Table2, sink: &mut Sink) {
    let Some(entry) = t2.get(&crate::template::cells::FEES.key()) else {
        return;
    };
    let Some(value) = entry.number().filter(|_| !entry.converted) else {
        return;
    };
    let printed = entry.raw.trim();
    if printed.contains('元') {
        return;
    }
    use crate::template::meta::{kind_of_name, NameKind};
    let government = kind_of_name(&report.unit) == NameKind::Government;
    let limit = if government {
        FEE_LIMIT_GOVERNMENT
    } else {
        FEE_LIMIT_UNIT
    };
    let above = value
        .checked_sub(crate::value::Decimal::new(limit, 0))
        .is_some_and(|d| !d.is_negative() && !d.is_zero());
    if !above {
        return;
    }
    sink.push(
        Check::FeeUnitDoubtful,
        vec![crate::template::cells::FEES.key()],
        Some(entry),
        Said::FeeUnitDoubtful {
            printed: printed.to_string(),
            value,
            government,
            limit,
        },
    )
    .facts = vec![value.to_string()];
}

/// Documents in force at the year's end are at least those issued this year less those
/// repealed this year: `IN_FORCE_IMPOSSIBLE` when fewer are printed.
fn in_force(t2: &crate::template::Table2, sink: &mut Sink) {
    for (key, what) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let keys = ["issued", "repealed", "in_force"].map(|c| format!("t2.{key}.{c}"));
        let entries = keys.each_ref().map(|k| t2.get(k));
        let [Some(issued), Some(repealed), Some(in_force)] =
            entries.map(|e| e.and_then(|e| e.number()).and_then(|d| d.as_int()))
        else {
            continue;
        };
        if in_force < issued - repealed {
            sink.push(
                Check::InForceImpossible,
                keys.to_vec(),
                entries[2],
                Said::InForceImpossible {
                    what: what.to_string(),
                    issued,
                    repealed,
                    in_force,
                },
            )
            .facts = vec![
                issued.to_string(),
                repealed.to_string(),
                in_force.to_string(),
            ];
        }
    }
}

/// The report's six parts: each there (by its heading, or for 二–四 by its table), part 五 not
/// empty, and a 2021-or-later report not made under the 2019 notice. Only for what reads as a
/// report (a file with no table is `UNPARSEABLE` already).
fn parts(report: &Report, sink: &mut Sink) {
    if report.readable_tables() == 0 {
        return;
    }
    let s = &report.sections;
    // Parts 二–四 are their tables: a missing one is `TABLE_MISSING` already.
    let present = [false, true, true, true, false, false];
    let missing = s.missing(present);
    if !missing.is_empty() {
        let facts = missing.iter().map(|p| p.to_string()).collect();
        sink.push(
            Check::SectionMissing,
            vec![],
            None,
            Said::SectionMissing { parts: missing },
        )
        .facts = facts;
    }
    if s.improvement_empty() {
        let text = s.improvement.clone().unwrap_or_default();
        sink.push_at(
            Check::ImprovementEmpty,
            vec![],
            s.headings[4],
            Said::ImprovementEmpty { text: text.clone() },
        )
        .facts = vec![text.clone()];
    }
    if let (Some(place), Some(year)) = (s.old_notice, report.year) {
        if year >= 2021 {
            sink.push_at(
                Check::OldFormatCited,
                vec![],
                Some(place),
                Said::OldFormatCited { year },
            )
            .facts = vec![year.to_string()];
        }
    }
}

/// A file that holds the report's tables twice: the same report twice is summed once (a
/// warning); two different reports cannot be told apart, so the file is not summed (an error).
fn second_copy(report: &Report, sink: &mut Sink) {
    let Some(copy) = &report.second_copy else {
        return;
    };
    let check = if copy.same {
        Check::ReportRepeated
    } else {
        Check::TwoReports
    };
    sink.push_at(
        check,
        vec![],
        copy.place,
        Said::SecondCopy { same: copy.same },
    );
}

/// A table-三 value for arithmetic. Absent and blank read as 0, except a blank `total` beside
/// printed applicant numbers, which is missing; invalid cells make the check impossible.
fn t3_val(t: &Table3, row: T3Row, col: T3Col) -> Option<i128> {
    let e = t.get(row, col);
    let beside = || {
        T3Col::APPLICANTS
            .iter()
            .any(|c| t.get(row, *c).number().is_some())
    };
    if col == T3Col::Total && e.value.is_blankish() && beside() {
        return None;
    }
    e.arith()
}

fn t4_val(t: &Table4, b: T4Block, r: T4Result) -> Option<i128> {
    t.get(b, r).arith()
}

/// Arithmetic identities of table 三: row sums, result sums, balance, unanswered.
pub fn t3_arithmetic(t: &Table3, sink: &mut Sink) {
    let rows: Vec<T3Row> = T3Row::ALL.into_iter().collect();
    for &row in &rows {
        let cells = T3Col::ALL.map(|c| t.get(row, c));
        if cells.iter().all(|e| e.value == CellValue::Absent) {
            continue;
        }
        let parts: Option<Vec<i128>> = T3Col::APPLICANTS
            .iter()
            .map(|c| t3_val(t, row, *c))
            .collect();
        let (Some(parts), Some(total)) = (parts, t3_val(t, row, T3Col::Total)) else {
            continue;
        };
        let sum: i128 = parts.iter().sum();
        if sum != total {
            sink.push(
                Check::T3RowSum,
                T3Col::ALL.iter().map(|c| t3_key(row, *c)).collect(),
                Some(t.get(row, T3Col::Total)),
                Said::RowSum { row, total, parts },
            );
        }
    }
    for col in T3Col::ALL {
        let results: Vec<T3Row> = rows
            .iter()
            .copied()
            .filter(|r| r.is_result() && t.get(*r, col).value != CellValue::Absent)
            .collect();
        let parts: Option<Vec<i128>> = results.iter().map(|r| t3_val(t, *r, col)).collect();
        let processed = t3_val(t, T3Row::TotalProcessed, col);
        if let (Some(parts), Some(processed)) = (parts, processed) {
            let sum: i128 = parts.iter().sum();
            if sum != processed && t.get(T3Row::TotalProcessed, col).value != CellValue::Absent {
                let mut cells: Vec<String> = results.iter().map(|r| t3_key(*r, col)).collect();
                cells.push(t3_key(T3Row::TotalProcessed, col));
                sink.push(
                    Check::T3ResultSum,
                    cells,
                    Some(t.get(T3Row::TotalProcessed, col)),
                    Said::ResultSum {
                        col,
                        processed,
                        sum,
                    },
                );
            }
        }
        let bal = [
            T3Row::NewReceived,
            T3Row::CarriedOver,
            T3Row::TotalProcessed,
            T3Row::CarriedForward,
        ]
        .map(|r| t3_val(t, r, col));
        if let [Some(new), Some(over), Some(done), Some(fwd)] = bal {
            if new + over != done + fwd {
                sink.push(
                    Check::T3Balance,
                    [
                        T3Row::NewReceived,
                        T3Row::CarriedOver,
                        T3Row::TotalProcessed,
                        T3Row::CarriedForward,
                    ]
                    .iter()
                    .map(|r| t3_key(*r, col))
                    .collect(),
                    Some(t.get(T3Row::NewReceived, col)),
                    Said::Balance {
                        col,
                        new,
                        over,
                        done,
                        forward: fwd,
                    },
                );
                let open = new + over - done - fwd;
                if col == T3Col::Total && open > 0 {
                    sink.push(
                        Check::Unanswered,
                        vec![
                            t3_key(T3Row::NewReceived, col),
                            t3_key(T3Row::CarriedOver, col),
                            t3_key(T3Row::TotalProcessed, col),
                            t3_key(T3Row::CarriedForward, col),
                        ],
                        Some(t.get(T3Row::TotalProcessed, col)),
                        Said::Unanswered {
                            new,
                            over,
                            done,
                            forward: fwd,
                        },
                    );
                }
            }
        }
    }
}

/// Table 四: every block's total is the sum of its results.
pub fn t4_arithmetic(t: &Table4, sink: &mut Sink) {
    for block in T4Block::ALL {
        let parts: Option<Vec<i128>> = T4Result::ALL[..4]
            .iter()
            .map(|r| t4_val(t, block, *r))
            .collect();
        let (Some(parts), Some(total)) = (parts, t4_val(t, block, T4Result::Total)) else {
            continue;
        };
        let sum: i128 = parts.iter().sum();
        if sum != total {
            sink.push(
                Check::T4Sum,
                T4Result::ALL.iter().map(|r| t4_key(block, *r)).collect(),
                Some(t.get(block, T4Result::Total)),
                Said::T4Sum {
                    block,
                    total,
                    parts,
                },
            );
        }
    }
}

/// Every in-report check on a parsed report.
pub fn check_report(report: &Report, sink: &mut Sink) {
    let tables = [
        (2, report.t2.is_some()),
        (3, report.t3.is_some()),
        (4, report.t4.is_some()),
    ];
    for (table, present) in tables {
        if !present {
            sink.push(
                Check::TableMissing,
                vec![],
                None,
                Said::TableMissing { table },
            )
            .facts = vec![table.to_string()];
        }
    }
    cell_states(report, sink);
    second_copy(report, sink);
    parts(report, sink);
    if let Some(t2) = &report.t2 {
        in_force(t2, sink);
        fee_unit(report, t2, sink);
    }
    if let Some(t3) = &report.t3 {
        t3_arithmetic(t3, sink);
        anomalies_t3(t3, sink);
    }
    if let Some(t4) = &report.t4 {
        t4_arithmetic(t4, sink);
        anomalies_t4(t4, sink);
    }
    crate::check::narrative::check(report, sink);
    let templates: Vec<Template> = [
        report.t2.as_ref().map(|t| t.template),
        report.t3.as_ref().map(|t| t.template),
    ]
    .into_iter()
    .flatten()
    .collect();
    let has2019 = templates.contains(&Template::T2019);
    let has2021 = templates.contains(&Template::T2021);
    if has2019 && (has2021 || report.year.is_some_and(|y| y >= 2021)) {
        let old_t2 = report
            .t2
            .as_ref()
            .is_some_and(|t| t.template == Template::T2019);
        let old_t3 = report
            .t3
            .as_ref()
            .is_some_and(|t| t.template == Template::T2019);
        sink.push(
            Check::TemplateMixed,
            vec![],
            None,
            Said::TemplateMixed {
                old_t2,
                old_t3,
                year: report.year,
            },
        )
        .facts = [(old_t2, "table 2"), (old_t3, "table 3")]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, s)| s.to_string())
            .collect();
    }
    if has2021 && report.fee_statement.is_none() && report.t4.is_some() {
        sink.push(Check::FeeNotStated, vec![], None, Said::FeeNotStated);
    }
    fee_plausible(report, sink);
    period_year(report, sink);
}

/// VALUE_INVALID, BLANK_CELLS and VALUE_CONVERTED from the cell states.
fn cell_states(report: &Report, sink: &mut Sink) {
    type Cells<'a> = Vec<(String, &'a Entry)>;
    let mut per_table: Vec<(u8, Cells)> = Vec::new();
    let mut t3_cells = Vec::new();
    if let Some(t3) = &report.t3 {
        for row in t3.rows() {
            for col in T3Col::ALL {
                t3_cells.push((t3_key(row, col), t3.get(row, col)));
            }
        }
    }
    let mut t4_cells = Vec::new();
    if let Some(t4) = &report.t4 {
        for b in T4Block::ALL {
            for r in T4Result::ALL {
                t4_cells.push((t4_key(b, r), t4.get(b, r)));
            }
        }
    }
    let mut t2_cells = Vec::new();
    if let Some(t2) = &report.t2 {
        for (f, e) in t2.fields().iter().zip(&t2.cells) {
            t2_cells.push((f.key.to_string(), e));
        }
    }
    per_table.push((2, t2_cells));
    per_table.push((3, t3_cells));
    per_table.push((4, t4_cells));
    for (table, cells) in per_table {
        // Invalid cells: one finding per reason (a misaligned row is one finding).
        let mut i = 0;
        while i < cells.len() {
            let (_, e) = &cells[i];
            if e.value != CellValue::Invalid {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < cells.len()
                && cells[j].1.value == CellValue::Invalid
                && cells[j].1.whole_row
                && e.whole_row
                && cells[j].1.note == e.note
            {
                j += 1;
            }
            let keys: Vec<String> = cells[i..j].iter().map(|(k, _)| k.clone()).collect();
            let why = e.note.clone().unwrap_or_else(|| crate::value::Note::en(""));
            let said = if e.whole_row {
                Said::RowUnreadable {
                    table,
                    cells: keys.clone(),
                    why,
                }
            } else {
                Said::CellUnreadable {
                    table,
                    cells: keys.clone(),
                    raw: e.raw.trim().to_string(),
                    why,
                }
            };
            sink.push(Check::ValueInvalid, keys, Some(e), said).facts =
                vec![e.raw.trim().to_string()];
            i = j;
        }
        let blank: Vec<&(String, &Entry)> = cells
            .iter()
            .filter(|(_, e)| e.value.is_blankish())
            .collect();
        let absent: Vec<&(String, &Entry)> = cells
            .iter()
            .filter(|(_, e)| e.value == CellValue::Absent)
            .collect();
        if !blank.is_empty() || !absent.is_empty() {
            let mut keys: Vec<String> = blank.iter().map(|(k, _)| k.clone()).collect();
            keys.extend(absent.iter().map(|(k, _)| k.clone()));
            // Cells printed alike (all blank, or one placeholder) are named together by row.
            let mut runs: Vec<(Blank, Vec<String>)> = Vec::new();
            for (k, e) in &blank {
                let how = if e.value == CellValue::Blank {
                    Blank::Blank
                } else {
                    Blank::Placeholder(e.raw.trim().to_string())
                };
                match runs.last_mut() {
                    Some((h, ks)) if *h == how => ks.push(k.clone()),
                    _ => runs.push((how, vec![k.clone()])),
                }
            }
            sink.push(
                Check::BlankCells,
                keys,
                blank.first().map(|(_, e)| *e),
                Said::BlankCells {
                    table,
                    runs,
                    blank: blank.len(),
                    absent: absent.len(),
                    absent_cells: absent.iter().map(|(k, _)| k.clone()).collect(),
                },
            );
        }
        for (k, e) in &cells {
            if e.converted {
                sink.push(
                    Check::ValueConverted,
                    vec![k.clone()],
                    Some(e),
                    Said::Converted {
                        cell: k.clone(),
                        raw: e.raw.trim().to_string(),
                        value: e.describe(),
                    },
                )
                .facts = vec![e.raw.trim().to_string()];
            }
        }
    }
}

fn anomalies_t3(t: &Table3, sink: &mut Sink) {
    let total = |r: T3Row| t.get(r, T3Col::Total).number().and_then(|d| d.as_int());
    if let Some(n) = total(T3Row::CarriedForward).filter(|n| *n > 0) {
        sink.push(
            Check::CarriedForward,
            vec![t3_key(T3Row::CarriedForward, T3Col::Total)],
            Some(t.get(T3Row::CarriedForward, T3Col::Total)),
            Said::CarriedForward { n },
        );
    }
    if let Some(processed) = total(T3Row::TotalProcessed).filter(|n| *n > 0) {
        let other_rows: Vec<T3Row> = T3Row::ALL
            .into_iter()
            .filter(|r| r.is_other_handling())
            .collect();
        let other: i128 = other_rows.iter().filter_map(|r| total(*r)).sum();
        if other * 5 > processed {
            sink.push(
                Check::OtherHandlingHigh,
                other_rows
                    .iter()
                    .map(|r| t3_key(*r, T3Col::Total))
                    .chain([t3_key(T3Row::TotalProcessed, T3Col::Total)])
                    .collect(),
                Some(t.get(T3Row::TotalProcessed, T3Col::Total)),
                Said::OtherHandlingHigh { other, processed },
            );
        }
    }
    // No applications only when no column says otherwise: a 总计 of 0 beside an applicant
    // column with a number is a T3_ROW_SUM error, not "no applications".
    let none_in = |r: T3Row| {
        T3Col::APPLICANTS
            .iter()
            .all(|c| t.get(r, *c).number().is_none_or(|d| d.is_zero()))
    };
    if total(T3Row::NewReceived) == Some(0)
        && matches!(total(T3Row::CarriedOver), Some(0) | None)
        && none_in(T3Row::NewReceived)
        && none_in(T3Row::CarriedOver)
    {
        sink.push(
            Check::ZeroReport,
            vec![
                t3_key(T3Row::NewReceived, T3Col::Total),
                t3_key(T3Row::CarriedOver, T3Col::Total),
            ],
            None,
            Said::NoApplications,
        );
    }
}

fn anomalies_t4(t: &Table4, sink: &mut Sink) {
    for block in T4Block::ALL {
        let review = block == T4Block::Review;
        for (result, check_review, check_suit) in [
            (T4Result::Pending, Check::ReviewPending, Check::SuitPending),
            (
                T4Result::Corrected,
                Check::ReviewCorrected,
                Check::SuitCorrected,
            ),
        ] {
            let e = t.get(block, result);
            if let Some(n) = e.number().and_then(|d| d.as_int()).filter(|n| *n > 0) {
                sink.push(
                    if review { check_review } else { check_suit },
                    vec![t4_key(block, result)],
                    Some(e),
                    Said::T4Flag { block, result, n },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::extract::text;
    use crate::template::parse;

    fn findings(t3_rows: &str) -> Vec<(Check, Vec<String>)> {
        let r = parse(&text::extract(t3_rows), "x");
        let mut sink = Sink::new("s", "u");
        if let Some(t3) = &r.t3 {
            t3_arithmetic(t3, &mut sink);
            anomalies_t3(t3, &mut sink);
        }
        sink.findings
            .into_iter()
            .map(|f| (f.check, f.cells))
            .collect()
    }

    const NEW: &str = "一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n";

    #[test]
    fn a_misaligned_row_is_one_finding_and_separate_bad_cells_are_one_each() {
        let r = parse(
            &text::extract(&format!(
                "{NEW}（一）予以公开\t5\t0\t0\t0\t0\t5\n（二）部分公开\ta\tb\t0\t0\t0\t0\t0\n"
            )),
            "x",
        );
        let mut sink = Sink::new("s", "u");
        cell_states(&r, &mut sink);
        let invalid: Vec<&Finding> = sink
            .findings
            .iter()
            .filter(|f| f.check == Check::ValueInvalid)
            .collect();
        assert_eq!(invalid.len(), 3, "{invalid:#?}");
        assert_eq!(invalid[0].cells.len(), 7);
        assert!(invalid[0]
            .message()
            .contains("row has 6 cells where 7 expected"));
        assert_eq!(invalid[1].cells, vec!["t3.partial.natural".to_string()]);
        assert_eq!(invalid[2].cells, vec!["t3.partial.commercial".to_string()]);
    }

    #[test]
    fn a_blank_total_beside_numbers_is_missing_not_zero() {
        let f = findings(&format!(
            "{NEW}（一）予以公开\t5\t0\t0\t0\t0\t0\t\n（七）总计\t5\t0\t0\t0\t0\t0\t5\n"
        ));
        assert!(!f.iter().any(|(c, _)| *c == Check::T3RowSum), "{f:?}");
        assert!(
            !f.iter().any(|(c, cells)| *c == Check::T3ResultSum
                && cells.last().is_some_and(|k| k.ends_with(".total"))),
            "{f:?}"
        );
    }

    #[test]
    fn no_applications_only_when_no_column_has_any() {
        let zero = "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n";
        let f = findings(zero);
        assert!(f.iter().any(|(c, _)| *c == Check::ZeroReport), "{f:?}");
        // 总计 printed 0 while 自然人 holds 2: a row-sum error, never "no applications".
        let f = findings("一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t0\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n");
        assert!(!f.iter().any(|(c, _)| *c == Check::ZeroReport), "{f:?}");
        assert!(f.iter().any(|(c, _)| *c == Check::T3RowSum), "{f:?}");
    }

    #[test]
    fn a_wholly_blank_row_reads_as_zeros() {
        let f = findings(&format!("{NEW}（一）予以公开\t5\t0\t0\t0\t0\t0\t5\n（二）部分公开\t\t\t\t\t\t\t\n（七）总计\t5\t0\t0\t0\t0\t0\t5\n"));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn unanswered_counts_what_vanished() {
        let f = findings(&format!(
            "{NEW}（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n"
        ));
        let checks: Vec<Check> = f.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            checks,
            vec![Check::T3Balance, Check::T3Balance, Check::Unanswered]
        );
    }

    #[test]
    fn other_handling_above_a_fifth_only() {
        let at = findings(&format!("{NEW}（一）予以公开\t4\t0\t0\t0\t0\t0\t4\n（六）其他处理\t3.其他\t1\t0\t0\t0\t0\t0\t1\n（七）总计\t5\t0\t0\t0\t0\t0\t5\n"));
        assert!(at.is_empty(), "20% is not above 20%: {at:?}");
        assert_eq!(
            parse(
                &text::extract(&format!(
                    "{NEW}（六）其他处理\t3.其他\t1\t0\t0\t0\t0\t0\t1\n"
                )),
                "x"
            )
            .t3
            .unwrap()
            .get(T3Row::OtherOther, T3Col::Total)
            .number()
            .map(|d| d.to_string()),
            Some("1".into())
        );
        let above = findings(&format!("{NEW}（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n（六）其他处理\t3.其他\t2\t0\t0\t0\t0\t0\t2\n（七）总计\t5\t0\t0\t0\t0\t0\t5\n"));
        assert_eq!(
            above
                .iter()
                .filter(|(c, _)| *c == Check::OtherHandlingHigh)
                .count(),
            1,
            "{above:?}"
        );
    }

    #[test]
    fn a_fee_is_read_from_the_sentence_in_either_script() {
        assert_eq!(
            super::fee_charged("本单位2025年度收取信息处理费 1,200 元。").as_deref(),
            Some("1200元")
        );
        assert_eq!(
            super::fee_charged("本年度收取資訊處理費0.5萬元").as_deref(),
            Some("0.5万元")
        );
        assert_eq!(super::fee_charged("本單位2025年度未收取信息處理費。"), None);
        assert_eq!(
            super::fee_charged("全年收取政府信息公开信息处理费 0 元。"),
            None
        );
    }
}
