//! Last year (`--previous PATH`): this year's report must continue last year's. Last year comes
//! as its reports (files or folders, read like this year's) or as the `units.csv` last year's
//! run wrote.
//!
//! - `CARRY_CHAIN`: this year's `carried_over` ≠ last year's `carried_forward` (per column).
//! - `IN_FORCE_CHAIN`: (2021 table 二 in both years) this year's `in_force` ≠ last year's
//!   `in_force` + this year's `issued` − this year's `repealed`.
//! - `TENFOLD_CHANGE`: a yearly count that rose or fell more than tenfold.
//!
//! 2019-template table 二 values (`t2_2019.*`) are never compared with 2021 ones: the keys differ.

use crate::aggregate::roster::{Match, Roster};
use crate::aggregate::Rollup;
use crate::finding::said::{InForce, Said};
use crate::finding::{Check, Finding};
use crate::input::load::Status;
use crate::input::record::{FindingSpill, Record};
use crate::read::normalize::label;
use crate::template::cell_keys;
use crate::template::keys::{t3_key, T3Col, T3Row};
use crate::template::{cells, CellRef};
use crate::util::csvread::csv_rows;
use crate::value::{parse_cell, CellValue, Decimal, FieldKind};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Counts compared for a tenfold change, with their Chinese names.
const TENFOLD_KEYS: [(CellRef, &str); 9] = [
    (cells::NEW_RECEIVED, "本年新收申请"),
    (cells::TOTAL_PROCESSED, "办理总计"),
    (cells::REVIEW_TOTAL, "行政复议总计"),
    (cells::SUIT_DIRECT_TOTAL, "未经复议直接起诉总计"),
    (cells::SUIT_AFTER_REVIEW_TOTAL, "复议后起诉总计"),
    (cells::LICENSING, "行政许可"),
    (cells::PUNISHMENT, "行政处罚"),
    (cells::COERCION, "行政强制"),
    (cells::NORMATIVE_IN_FORCE, "现行有效规范性文件"),
];

/// One unit's report of last year: its printed numbers by cell key.
#[derive(Debug, Clone, Default)]
pub struct LastYear {
    pub source: String,
    pub unit: String,
    pub year: Option<i32>,
    pub cells: HashMap<String, Decimal>,
    /// Its prose fingerprint (none from a `units.csv`).
    pub prose: Option<crate::template::likeness::ProsePrint>,
}

/// Last year's reports from their records (failed ones are left out).
pub fn from_reports(records: &[Record]) -> Vec<LastYear> {
    records
        .iter()
        .filter(|l| l.status != Status::Failed)
        .map(|l| LastYear {
            source: l.source.clone(),
            unit: l.unit.clone(),
            year: l.year,
            cells: numbers(l),
            prose: l.prose.clone(),
        })
        .collect()
}

/// A record's printed numbers by key.
fn numbers(r: &Record) -> HashMap<String, Decimal> {
    cell_keys()
        .iter()
        .zip(r.cells.numbers())
        .filter_map(|(k, v)| v.map(|v| (k.clone(), v)))
        .collect()
}

/// A finding for each of last year's files that could not be read: no comparison with it.
pub fn unreadable(records: &[Record], spill: &FindingSpill) -> std::io::Result<Vec<Finding>> {
    records
        .iter()
        .filter(|l| l.status == Status::Failed)
        .map(|l| {
            let own = spill.get(l.findings)?;
            Ok(finding(
                l,
                Check::TextUnreadable,
                vec![],
                Said::LastYearUnreadable {
                    why: own.into_iter().map(|f| f.said).collect(),
                },
            ))
        })
        .collect()
}

/// Last year's `units.csv` (as this tool writes it): rows with status `ok` or `partial`.
pub fn from_units_csv(path: &Path) -> Result<Vec<LastYear>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    if size > crate::input::load::MAX_FILE_BYTES {
        return Err(format!(
            "{}: larger than {} bytes",
            path.display(),
            crate::input::load::MAX_FILE_BYTES
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = csv_rows(&text).into_iter().map(|(_, r)| r);
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| format!("{}: empty file", path.display()))?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(c_source), Some(c_unit), Some(c_year), Some(c_status)) =
        (col("source"), col("unit"), col("year"), col("status"))
    else {
        return Err(format!(
            "{}: not a units.csv of gid-rollup (needs source, unit, year, status)",
            path.display()
        ));
    };
    let mut out = Vec::new();
    for f in rows.filter(|r| r.iter().any(|c| !c.trim().is_empty())) {
        let get = |c: usize| f.get(c).map(String::as_str).unwrap_or("");
        if get(c_status) == "failed" {
            continue;
        }
        let cells = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.starts_with("t2.") || h.starts_with("t3.") || h.starts_with("t4."))
            .filter_map(|(c, h)| match parse_cell(get(c), FieldKind::Amount).value {
                CellValue::Number(v) => Some((h.clone(), v)),
                _ => None,
            })
            .collect();
        out.push(LastYear {
            source: get(c_source).to_string(),
            unit: get(c_unit).to_string(),
            year: get(c_year).parse().ok(),
            cells,
            prose: None,
        });
    }
    Ok(out)
}

/// Compare this year's summed units with last year's reports of the same bodies.
/// Last year's reports by who they are: the roster body (`#name`), or the normalised name. A
/// later file of the same body replaces an earlier one (as duplicates do this year).
fn by_unit<'a>(last: &'a [LastYear], roster: Option<&Roster>) -> HashMap<String, &'a LastYear> {
    let who = |unit: &str| match roster.map(|ro| (ro, ro.find(unit))) {
        Some((ro, Match::Unit(i))) => format!("#{}", ro.nodes[i].name),
        _ => label(unit),
    };
    let mut by_unit: HashMap<String, &LastYear> = HashMap::new();
    for l in last {
        by_unit.insert(who(&l.unit), l);
    }
    by_unit
}

/// Last year's report of a summed unit of this year, if there is one of the year before.
fn last_of<'a>(
    r: &Rollup,
    u: &crate::aggregate::Unit,
    by_unit: &HashMap<String, &'a LastYear>,
) -> Option<&'a LastYear> {
    let key = match r.roster_name(u) {
        Some(name) => format!("#{name}"),
        None => label(&u.unit),
    };
    let prev = *by_unit.get(&key)?;
    match (u.year, prev.year) {
        (Some(this), Some(then)) if then != this - 1 => None,
        _ => Some(prev),
    }
}

/// The totals shown beside last year's.
pub const YOY_KEYS: [CellRef; 12] = [
    cells::NEW_RECEIVED,
    cells::CARRIED_OVER,
    cells::TOTAL_PROCESSED,
    cells::GRANTED,
    cells::CARRIED_FORWARD,
    cells::REVIEW_TOTAL,
    cells::SUIT_DIRECT_TOTAL,
    cells::SUIT_AFTER_REVIEW_TOTAL,
    cells::LICENSING,
    cells::PUNISHMENT,
    cells::COERCION,
    cells::FEES,
];

/// One unit this year beside last year: applications received and processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitYoy {
    pub unit: String,
    pub received: (Option<Decimal>, Option<Decimal>),
    pub processed: (Option<Decimal>, Option<Decimal>),
}

/// This year beside last year, like with like: the key totals of the units that reported in
/// both years (this year's summed in the district's own total, and their reports of last
/// year), each such unit's received and processed, and apart the units of only one year with
/// their own figures — so that a year with 31 reports is never set against a year with 8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearOnYear {
    pub last_year: Option<i32>,
    /// Units compared: summed this year, with a report last year.
    pub reports: usize,
    /// Key, this year, last year — both over the units compared.
    pub totals: Vec<(CellRef, Option<Decimal>, Option<Decimal>)>,
    /// The units compared in roster order (then path), at most the views' bound.
    pub units: Vec<UnitYoy>,
    /// Summed this year with no report last year: name, received, processed (this year).
    pub only_this_year: Vec<(String, Option<Decimal>, Option<Decimal>)>,
    /// Reported last year with no report summed this year: name, received, processed (then).
    pub only_last_year: Vec<(String, Option<Decimal>, Option<Decimal>)>,
}

impl YearOnYear {
    /// The units of only one year, as the views print them: which year, the unit, received,
    /// processed.
    pub fn apart_rows(&self) -> Vec<[String; 4]> {
        let this = "仅本年有报告".to_string();
        let last = format!("仅{}有报告", self.last_label());
        self.only_this_year
            .iter()
            .map(|(u, a, b)| [this.clone(), u.clone(), plain(*a), plain(*b)])
            .chain(
                self.only_last_year
                    .iter()
                    .map(|(u, a, b)| [last.clone(), u.clone(), plain(*a), plain(*b)]),
            )
            .collect()
    }

    /// "两年都有报告的N个单位：本年与2024年相比" / "the N units that reported in both years".
    pub fn heading(&self) -> (String, String) {
        (
            format!(
                "同比只比较两年都有报告的{}个单位（本年计入合计、{}也有报告）；仅一年有报告的单位另列",
                self.reports,
                self.last_label()
            ),
            format!(
                "like with like: the {} unit(s) with a report in both years; units of only one year are listed apart",
                self.reports
            ),
        )
    }

    /// `上年` or `2024年`.
    pub fn last_label(&self) -> String {
        self.last_year
            .map_or("上年".to_string(), |y| format!("{y}年"))
    }

    /// The key totals as the views print them: the cell's label, this year, last year, the change.
    pub fn total_rows(&self) -> Vec<[String; 4]> {
        self.totals
            .iter()
            .map(|(k, now, then)| {
                [
                    crate::template::wording::cell_label(&k.key()),
                    plain(*now),
                    plain(*then),
                    change(*now, *then),
                ]
            })
            .collect()
    }

    /// Each unit as the views print it: its name, then received and processed (this year, last
    /// year, the change).
    pub fn unit_rows(&self) -> Vec<[String; 7]> {
        self.units
            .iter()
            .map(|u| {
                [
                    u.unit.clone(),
                    plain(u.received.0),
                    plain(u.received.1),
                    change(u.received.0, u.received.1),
                    plain(u.processed.0),
                    plain(u.processed.1),
                    change(u.processed.0, u.processed.1),
                ]
            })
            .collect()
    }
}

/// The headers of [`YearOnYear::unit_rows`].
pub const UNIT_HEADS: [&str; 7] = [
    "单位",
    "本年新收",
    "上年新收",
    "变化",
    "本年办理",
    "上年办理",
    "变化",
];

fn plain(d: Option<Decimal>) -> String {
    d.map_or(String::new(), |d| d.plain())
}

/// The change from `then` to `now`, signed (`+3`, `-2`), empty when either is blank.
pub fn change(now: Option<Decimal>, then: Option<Decimal>) -> String {
    match (now, then) {
        (Some(a), Some(b)) => a.checked_sub(b).map_or(String::new(), |d| {
            if d.is_negative() || d.is_zero() {
                d.plain()
            } else {
                format!("+{}", d.plain())
            }
        }),
        _ => String::new(),
    }
}

/// Exact sum of some values; `None` when there are none (or on overflow).
fn sum(mut values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    values
        .try_fold(None::<Decimal>, |acc, d| match acc {
            None => Some(Some(d)),
            Some(a) => a.checked_add(d).map(Some),
        })
        .flatten()
}

/// This year beside last year's, like with like: the units summed into `own` that have a
/// report of last year, their totals both years, the first `listed` of them one by one; the
/// units of only one year apart.
pub fn year_on_year(
    r: &Rollup,
    own: &crate::aggregate::Level,
    last: &[LastYear],
    roster: Option<&Roster>,
    listed: usize,
) -> YearOnYear {
    let by_unit = by_unit(last, roster);
    let this_year = r.year;
    // This year's units: those in the district's own total, in roster order (then path).
    let mut order: Vec<usize> = own.members.iter().map(|&i| i as usize).collect();
    order.sort_by_key(|&i| (r.units[i].roster.unwrap_or(usize::MAX), i));
    let mut pairs: Vec<(usize, &LastYear)> = Vec::new();
    let mut only_this_year = Vec::new();
    let mut matched: HashSet<&str> = HashSet::new();
    let name = |u: &crate::aggregate::Unit| r.roster_name(u).unwrap_or(&u.unit).to_string();
    for &i in &order {
        let u = &r.units[i];
        match last_of(r, u, &by_unit) {
            Some(prev) if matched.insert(prev.source.as_str()) => pairs.push((i, prev)),
            _ => only_this_year.push((
                name(u),
                u.number_of(cells::NEW_RECEIVED),
                u.number_of(cells::TOTAL_PROCESSED),
            )),
        }
    }
    let mut only_last: Vec<&LastYear> = by_unit
        .values()
        .copied()
        .filter(|l| match (this_year, l.year) {
            (Some(a), Some(b)) => b == a - 1,
            _ => true,
        })
        .filter(|l| !matched.contains(l.source.as_str()))
        .collect();
    only_last.sort_by(|a, b| a.source.cmp(&b.source));
    let totals = YOY_KEYS
        .iter()
        .map(|&cell| {
            let k = cell.key();
            let now = sum(pairs.iter().filter_map(|(i, _)| r.units[*i].number(&k)));
            let then = sum(pairs.iter().filter_map(|(_, l)| l.cells.get(&k).copied()));
            (cell, now, then)
        })
        .collect();
    let units = pairs
        .iter()
        .take(listed)
        .map(|&(i, prev)| {
            let u = &r.units[i];
            let pair = |k: &str| (u.number(k), prev.cells.get(k).copied());
            UnitYoy {
                unit: name(u),
                received: pair(&cells::NEW_RECEIVED.key()),
                processed: pair(&cells::TOTAL_PROCESSED.key()),
            }
        })
        .collect();
    let then = |l: &LastYear, c: CellRef| l.cells.get(&c.key()).copied();
    YearOnYear {
        last_year: this_year.map(|y| y - 1),
        reports: pairs.len(),
        totals,
        units,
        only_this_year: only_this_year.into_iter().take(listed).collect(),
        only_last_year: only_last
            .into_iter()
            .take(listed)
            .map(|l| {
                (
                    l.unit.clone(),
                    then(l, cells::NEW_RECEIVED),
                    then(l, cells::TOTAL_PROCESSED),
                )
            })
            .collect(),
    }
}

pub fn check(r: &Rollup, last: &[LastYear], roster: Option<&Roster>) -> Vec<Finding> {
    let by_unit = by_unit(last, roster);
    let mut out = Vec::new();
    for u in &r.units {
        if !u.summed() {
            continue;
        }
        let Some(prev) = last_of(r, u, &by_unit) else {
            continue;
        };
        let now = numbers(u);
        if let Some(same) = same_as_last_year(u, &now, prev) {
            // Last year's figures again: the chain and change checks would only echo it.
            out.push(same);
            continue;
        }
        out.extend(prose_copied(u, prev));
        out.extend(carry_chain(u, &now, prev));
        out.extend(in_force_chain(u, &now, prev));
        out.extend(tenfold(u, &now, prev));
    }
    out
}

fn finding(u: &Record, check: Check, cells: Vec<String>, said: Said) -> Finding {
    Finding {
        source: u.source.clone(),
        unit: u.unit.clone(),
        check,
        cells,
        said,
        place: String::new(),
        facts: Vec::new(),
    }
}

/// Every number of tables 二–四 as last year's report printed it (the same cells numbered, the
/// same values), and not all zero: last year's report sent again.
fn same_as_last_year(
    u: &Record,
    now: &HashMap<String, Decimal>,
    prev: &LastYear,
) -> Option<Finding> {
    let same = !now.is_empty()
        && now.len() == prev.cells.len()
        && now.iter().all(|(k, v)| prev.cells.get(k) == Some(v))
        && now.values().any(|v| !v.is_zero());
    same.then(|| {
        finding(
            u,
            Check::SameAsLastYear,
            vec![],
            Said::SameAsLastYear {
                last: prev.source.clone(),
                cells: now.len(),
            },
        )
        .with_facts([now.len().to_string()])
    })
}

/// Parts 一 or 五 alike to last year's at or above this share (in percent): copied.
const COPIED_PERCENT: u8 = 80;

/// `PROSE_COPIED`: part 一 or 五 much the same as last year's (figures aside).
fn prose_copied(u: &Record, prev: &LastYear) -> Option<Finding> {
    let (now, then) = (u.prose.as_ref()?, prev.prose.as_ref()?);
    let parts: Vec<(usize, u8)> = now
        .likeness(then)
        .into_iter()
        .filter(|(_, p)| *p >= COPIED_PERCENT)
        .collect();
    (!parts.is_empty()).then(|| {
        let facts: Vec<String> = parts.iter().map(|(p, _)| p.to_string()).collect();
        finding(
            u,
            Check::ProseCopied,
            vec![],
            Said::ProseCopied {
                last: prev.source.clone(),
                parts,
            },
        )
        .with_facts(facts)
    })
}

fn carry_chain(u: &Record, now: &HashMap<String, Decimal>, prev: &LastYear) -> Option<Finding> {
    let mut cells = Vec::new();
    let mut facts = Vec::new();
    let mut cols = Vec::new();
    for col in T3Col::ALL {
        let this_key = t3_key(T3Row::CarriedOver, col);
        let then_key = t3_key(T3Row::CarriedForward, col);
        if let (Some(a), Some(b)) = (now.get(&this_key), prev.cells.get(&then_key)) {
            if a != b {
                cols.push((col, a.to_string(), b.to_string()));
                facts.push(b.plain());
                cells.push(this_key);
            }
        }
    }
    (!cells.is_empty()).then(|| {
        finding(
            u,
            Check::CarryChain,
            cells,
            Said::CarryChain {
                last: prev.source.clone(),
                cols,
            },
        )
        .with_facts(facts)
    })
}

fn in_force_chain(u: &Record, now: &HashMap<String, Decimal>, prev: &LastYear) -> Option<Finding> {
    let mut cells = Vec::new();
    let mut facts = Vec::new();
    let mut items = Vec::new();
    for (item, name) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let k = |f: &str| format!("t2.{item}.{f}");
        let (Some(in_force), Some(issued), Some(repealed), Some(before)) = (
            now.get(&k("in_force")),
            now.get(&k("issued")),
            now.get(&k("repealed")),
            prev.cells.get(&k("in_force")),
        ) else {
            continue;
        };
        let want = before
            .checked_add(*issued)
            .and_then(|s| s.checked_sub(*repealed));
        if want.is_some_and(|w| w != *in_force) {
            items.push(InForce {
                name: name.to_string(),
                in_force: in_force.to_string(),
                before: before.to_string(),
                issued: issued.to_string(),
                repealed: repealed.to_string(),
                want: want.map(|w| w.to_string()).unwrap_or_default(),
            });
            facts.extend([before.plain(), issued.plain(), repealed.plain()]);
            cells.push(k("in_force"));
        }
    }
    (!cells.is_empty()).then(|| {
        finding(
            u,
            Check::InForceChain,
            cells,
            Said::InForceChain {
                last: prev.source.clone(),
                items,
            },
        )
        .with_facts(facts)
    })
}

fn tenfold(u: &Record, now: &HashMap<String, Decimal>, prev: &LastYear) -> Option<Finding> {
    let mut cells = Vec::new();
    let mut facts = Vec::new();
    let mut items = Vec::new();
    for (cell, name) in TENFOLD_KEYS {
        let key = &cell.key();
        let (Some(a), Some(b)) = (
            now.get(key).and_then(Decimal::as_int),
            prev.cells.get(key).and_then(Decimal::as_int),
        ) else {
            continue;
        };
        let (lo, hi) = (a.min(b), a.max(b));
        if hi >= 10 && lo.saturating_mul(10) < hi {
            items.push((name.to_string(), b.to_string(), a.to_string()));
            facts.push(b.to_string());
            cells.push(key.to_string());
        }
    }
    (!cells.is_empty())
        .then(|| finding(u, Check::TenfoldChange, cells, Said::Tenfold { items }).with_facts(facts))
}
